"""Context beyond the sentence (quotes/chains.py) and the word classes (quotes/verbs.py):
multi-paragraph quotations, a sentence broken over two paragraphs, a paragraph introducing
the speaker, headline fragments; the unbalanced-quotation warning keeps quiet for the
multi-paragraph convention and still warns for real breakage. Sentences of our own making."""
from __future__ import annotations

import pytest

from briefing.read.dispatch import quote_problem
from briefing.extract.quotes import find_quotes
from briefing.extract.quotes.verbs import description_class, verb_lemma
from quotes_gold import doc_of, hand_actors, match

ACTORS = {
    "maria-lopez": ("person", ["Maria Lopez", "Lopez"]),
    "john-carter": ("person", ["John Carter", "Carter"]),
    "sam-reed": ("person", ["Sam Reed", "Reed"]),
    "acme": ("organization", ["Acme Corp"]),
    "anon-rep": ("anonymous", ["a company representative"]),
}


@pytest.fixture(scope="module")
def nlp():
    from briefing.extract.nlp import get_nlp

    return get_nlp()


def run(nlp, *paragraphs):
    doc = doc_of(*paragraphs)
    return find_quotes(doc, hand_actors(doc, ACTORS), list(nlp.pipe(doc.paragraphs)))


RUN_END = ["The ministry published its plan on Monday.",
           "“We will build new schools in every district. The money is already there.",
           "“Teachers will be hired in spring. Nobody will be left behind.",
           "“This is only the start,” Education Minister Maria Lopez said."]


def test_multi_paragraph_quotation_attributed_at_its_end(nlp):
    quotes = run(nlp, *RUN_END)
    for starts in ("We will build", "Teachers will be hired", "This is only the start"):
        assert match(quotes, starts).speaker == "maria-lopez", starts
    assert any("several paragraphs" in e for e in match(quotes, "We will build").evidence)


def test_multi_paragraph_quotation_attributed_in_its_first_paragraph(nlp):
    quotes = run(nlp, "John Carter said: “The league has failed its fans. It has to change.",
                 "“The owners know it. The players know it.",
                 "“I will not wait another season.”",
                 "“Fine,” Lopez said.")
    for starts in ("The league has failed", "The owners know it", "I will not wait"):
        assert match(quotes, starts).speaker == "john-carter", starts
    assert match(quotes, "Fine").speaker == "maria-lopez"


def test_sentence_broken_over_two_paragraphs(nlp):
    quotes = run(nlp, "Maria Lopez spoke after the meeting.",
                 "“The review confirmed that emergency teams are ready as the weather",
                 "worsens,” she stated.")
    assert match(quotes, "The review confirmed").speaker == "maria-lopez"


def test_paragraph_introducing_the_speaker(nlp):
    quotes = run(nlp, "Sam Reed sealed the title with a late goal on Saturday.",
                 "“It feels great to be through. The crowd was amazing.")
    assert match(quotes, "It feels great").speaker == "sam-reed"
    assert match(quotes, "It feels great").confidence <= 0.6  # context only: listed for review


def test_paragraph_with_a_verb_of_saying_introduces_the_speaker(nlp):
    quotes = run(nlp, "Lopez confirmed that all teams remain on full alert.",
                 "“The storms are fast-moving. Stay at home tonight.”")
    assert match(quotes, "The storms are fast-moving").speaker == "maria-lopez"


def test_a_reply_from_someone_introduces_the_speaker(nlp):
    quotes = run(nlp, "We put the findings to Acme Corp. The next day, we had a written reply from a company representative.",
                 "\"The new box gives you quick access to the tools you need.\"")
    assert match(quotes, "The new box").speaker == "anon-rep"


def test_a_statement_noun_of_someone_introduces_the_speaker(nlp):
    quotes = run(nlp, "Carter’s latest budget documents show the agency collected more than planned.",
                 "“From next spring, the agency will be given extra funds for its inspectors.",
                 "“None of that money appears in the current forecast.”")
    assert match(quotes, "From next spring").speaker == "john-carter"
    assert match(quotes, "None of that money").speaker == "john-carter"


def test_no_introduction_no_speaker(nlp):
    quotes = run(nlp, "The rain stopped before noon.", "“It feels great to be through.”")
    assert match(quotes, "It feels great").speaker is None


def test_headline_fragment_takes_the_body_speaker(nlp):
    quotes = run(nlp, "Carter ‘will not resign’ over the report",
                 "John Carter said on Friday that he “will not resign” over the report.",
                 "Lopez called the report ‘a whitewash’ on Friday.")
    assert [q.speaker for q in quotes if q.text == "will not resign"] == ["john-carter", "john-carter"]


def test_headline_fragment_without_body_attribution_stays_null(nlp):
    quotes = run(nlp, "Storm ‘will get worse’ this week", "Forecasters expect more rain on Thursday.")
    assert match(quotes, "will get worse").speaker is None


def test_no_unbalanced_warning_for_the_multi_paragraph_convention():
    paragraphs = []
    for n in range(8):  # eight quotations of three paragraphs each: 24 “ and 8 ”
        paragraphs += [f"“Part one of statement {n}.", f"“Part two of statement {n}.", f"“The end of {n},” she said."]
    assert quote_problem(paragraphs) is None
    guillemets = ["« Première partie.", "« Deuxième partie.", "« Fin », a-t-il dit."] * 4
    assert quote_problem(guillemets) is None


def test_real_breakage_still_warns():
    assert "unbalanced" in quote_problem(["“Open " * 8 + "and never closed.", "A plain paragraph."])
    assert "unbalanced" in quote_problem(["He said “yes. “No. “Maybe. “Never. “Always. “Again. “Once more."])


def test_verb_forms_and_descriptions():
    assert [verb_lemma(w) for w in ("said", "wrote", "tweeted", "urging", "chanted", "describes", "replied")] == \
        ["say", "write", "tweet", "urge", "chant", "describe", "reply"]
    assert verb_lemma("walked") is None and verb_lemma("table") is None
    assert description_class("agency") == "org" and description_class("minister") == "person"
    assert description_class("36-year-old") == "person" and description_class("weather") is None


def test_two_word_scare_quote_is_no_echo(nlp):
    quotes = run(nlp, "“We will sign the new deal tomorrow,” Lopez said.", "The “new deal” may not last the winter.")
    assert match(quotes, "We will sign").speaker == "maria-lopez"
    assert match(quotes, "new deal").speaker is None


def test_only_person_in_context_is_a_weak_speaker(nlp):
    quotes = run(nlp, "Lopez has cut the budget of the early retirement programme.",
                 "The programme was meant to reduce the size of the public service.",
                 "“Talks with the unions are under way and will end in June.”")
    q = match(quotes, "Talks with the unions")
    assert q.speaker == "maria-lopez" and q.weak


def test_context_with_another_actor_or_quotation_between_gives_no_speaker(nlp):
    quotes = run(nlp, "Lopez has cut the budget of the early retirement programme.",
                 "The programme had been designed by Acme Corp to shrink the public service.",
                 "“Talks with the unions are under way and will end in June.”")
    assert match(quotes, "Talks with the unions").speaker is None
