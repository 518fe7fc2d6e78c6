"""Attribution over the dependency parse (quotes/syntax.py, quotes/resolve.py).

Sentences of our own making, one per kind of news attribution; actors are built by hand
(mentions by string search, as the actors stage reports them) and the paragraphs are parsed
by the project's spaCy model, as in extraction.
"""
from __future__ import annotations

import pytest

from briefing.model import QUOTE_KINDS
from briefing.extract.quotes import find_quotes
from quotes_gold import doc_of, hand_actors, match

ACTORS = {
    "maria-lopez": ("person", ["Maria Lopez", "Lopez"]),
    "john-carter": ("person", ["John Carter", "Carter"]),
    "weather-service": ("organization", ["National Weather Service"]),
    "city-council": ("organization", ["City Council"]),
    "acme": ("organization", ["Acme Corp"]),
    "anon-spokesperson": ("anonymous", ["an Acme spokesperson"]),
    "ana-ruiz": ("person", ["Ana Ruiz", "Ruiz"]),
}


@pytest.fixture(scope="module")
def nlp():
    from briefing.extract.nlp import get_nlp

    return get_nlp()


def run(nlp, *paragraphs, spec=ACTORS):
    doc = doc_of(*paragraphs)
    actors = hand_actors(doc, spec)
    quotes = find_quotes(doc, actors, list(nlp.pipe(doc.paragraphs)))
    return quotes, actors


# (paragraphs, [(starts, speaker)])
CASES = [
    # subject of a verb of saying governing the quotation, in either order
    (["“We will appeal the ruling,” Lopez said on Monday."], [("We will appeal", "maria-lopez")]),
    (["Carter said the decision “makes no sense at all”."], [("makes no sense", "john-carter")]),
    # apposition: the name is the appositive of the subject
    (["“A fine colleague,” her old rival in the Senate, John Carter, said in an interview."],
     [("A fine colleague", "john-carter")]),
    # partial quotes inside sentences of characterising verbs
    (["Carter called the plan “a disgrace” on Tuesday."], [("a disgrace", "john-carter")]),
    (["Lopez described the cuts as “a kick in the teeth”."], [("a kick in the teeth", "maria-lopez")]),
    (["Lopez urged the City Council to “act before winter”."], [("act before winter", "maria-lopez")]),
    (["Lopez, who chairs the panel, warned of “serious risks” ahead."], [("serious risks", "maria-lopez")]),
    # participle and conjunction take the main clause's subject
    (["Carter dropped the lawsuit, saying he “may have been wrong” about the deal."],
     [("may have been wrong", "john-carter")]),
    (["Lopez arrived early and asserted that the budget was “already spent”."], [("already spent", "maria-lopez")]),
    # object control: "inspired X to urge"
    (["The poll inspired Maria Lopez to urge Carter to “step aside now”."], [("step aside now", "maria-lopez")]),
    # cues beyond "said": wrote with a colon, told, according to, in a statement
    (["Carter wrote: “We are not going anywhere.”"], [("We are not going", "john-carter")]),
    (["“We will rebuild,” Lopez told the local radio station."], [("We will rebuild", "maria-lopez")]),
    (["The storm will arrive overnight, bringing “damaging winds”, according to the National Weather Service."],
     [("damaging winds", "weather-service")]),
    (["In a statement, Acme Corp said the product was “safe for every user”."], [("safe for every user", "acme")]),
    # a statement noun: "X's documents say", "a statement by X read"
    (["Acme Corp’s annual report says the firm “expects modest growth”."], [("expects modest growth", "acme")]),
    (["A statement by an Acme spokesperson read: “We regret the delay.”"], [("We regret the delay", "anon-spokesperson")]),
    # descriptions referring back
    (["The National Weather Service issued a warning for the coast.", "“Residents should stay indoors,” the agency said."],
     [("Residents should stay", "weather-service")]),
    (["John Carter won his third term in November.", "“It was a long campaign,” said the 58-year-old."],
     [("It was a long campaign", "john-carter")]),
    # pronouns with gender, and a pronoun continuing an earlier one
    (["Maria Lopez met John Carter on Monday. “It went well,” she said."], [("It went well", "maria-lopez")]),
    (["Maria Lopez met John Carter on Monday. “It went well,” he said."], [("It went well", "john-carter")]),
    (["Maria Lopez filed the complaint in March.", "In May, she dropped it. She said she “was very tired”."],
     [("was very tired", "maria-lopez")]),
    # the name in apposition to a subject is the subject for a later pronoun
    (["Maria Lopez opened the debate.", "The union's leader, Ana Ruiz, said members felt let down.",
      "‘Every pound counts,’ she said."], [("Every pound counts", "ana-ruiz")]),
    # a group of unnamed people, named by the phrase
    (["Hundreds of protesters gathered outside the hall. “Let her speak,” they chanted."],
     [("Let her speak", "hundreds-of-protesters")]),
    # nobody: passive "is said to", an aside in parentheses, scare quotes
    (["Lopez is said to have taken a “more careful” approach to the talks."], [("more careful", None)]),
    (["The council voted on the plan (see ‘What the plan means’) and Carter said it was “long overdue”."],
     [("What the plan means", None), ("long overdue", "john-carter")]),
    (["The so-called “umbrella” plan was dropped in June."], [("umbrella", None)]),
    # the question someone must answer is not the answerer's words
    (["Lopez demanded that voters answer one question: “Is this the leader we want?”"],
     [("Is this the leader", "maria-lopez")]),
    # a description is not someone named earlier in its own sentence
    (["John Carter took office in May.", "After a meeting with Maria Lopez, the governor said: “We agree on most things.”"],
     [("We agree on most things", "john-carter")]),
    # "it" after a statement noun is the statement's author
    (["Her first memo praises her staff. It says her team was “the best in the state”.",
      "Maria Lopez left office in June."], [("the best in the state", None)]),
    (["Maria Lopez left office in June.", "Her farewell memo praises her staff. It says her team was “the best in the state”."],
     [("the best in the state", "maria-lopez")]),
    # "the story" is the statement someone ran or published
    (["Acme Corp ran a profile of the new mayor last week.",
      "The story portrayed him as “a builder of bridges”, and readers agreed."],
     [("a builder of bridges", "acme")]),
    # a possessor in the description's own sentence is its referent's owner, not excluded
    (["Acme Corp’s chief made the case, the company said in its “annual letter”."], [("annual letter", "acme")]),
    # someone's claims that …
    (["Carter rejected her claims that she had a “terrible time” in the job."], [("terrible time", None)]),
]


@pytest.mark.parametrize("paragraphs,expected", CASES, ids=[c[0][-1][:40] for c in CASES])
def test_speaker(nlp, paragraphs, expected):
    quotes, _ = run(nlp, *paragraphs)
    for starts, speaker in expected:
        q = match(quotes, starts)
        assert q is not None, starts
        assert q.speaker == speaker, (starts, q.speaker, q.evidence)


def test_fragment_echoing_an_attributed_statement(nlp):
    quotes, _ = run(nlp, "“Is this the kind of leadership we want for our city?” Lopez asked.",
                    "Polls show most voters accept that “kind of leadership” for now.")
    q = [q for q in quotes if q.text == "kind of leadership"][0]
    assert q.speaker == "maria-lopez" and any("repeats words" in e for e in q.evidence)


def test_claims_of_a_named_person(nlp):
    quotes, _ = run(nlp, "John Carter rejected Maria Lopez’s claims that she had a “terrible time” in the job.")
    assert match(quotes, "terrible time").speaker == "maria-lopez"


def test_group_actor_created_only_when_it_speaks(nlp):
    quotes, actors = run(nlp, "Prosecutors wrote in a filing that he posed “a danger to the public”.",
                         "Several analysts expect a verdict in May.")
    ids = {a.id: a for a in actors}
    q = match(quotes, "a danger to the public")
    assert q.speaker == "prosecutors" and ids["prosecutors"].type == "anonymous"
    assert ids["prosecutors"].mentions[0].text == "Prosecutors"
    assert "several-analysts" not in ids and "analysts" not in ids  # they said nothing in quotation marks


def test_unnamed_description_named_in_the_next_paragraph_is_weak(nlp):
    quotes, _ = run(nlp, "The couple have earned a “terrible” reputation, an expert has claimed.",
                    "Royal commentator John Carter was discussing the couple on a podcast.")
    q = match(quotes, "terrible")
    assert q.speaker == "john-carter" and q.weak
    assert any("named in paragraph 2" in e for e in q.evidence)


def test_every_quote_has_kind_confidence_and_evidence(nlp):
    quotes, _ = run(nlp, "“Nobody knows.”", "“We will appeal,” Lopez said. The so-called “umbrella” plan was dropped.",
                    "Carter called it “a disgrace”.")
    assert quotes
    for q in quotes:
        assert q.kind in QUOTE_KINDS
        assert 0.0 <= q.confidence <= 1.0
        assert q.evidence and all(isinstance(e, str) and e for e in q.evidence)
    assert match(quotes, "umbrella").kind == "scare"
    assert match(quotes, "a disgrace").kind == "fragment"
    assert match(quotes, "We will appeal").kind == "statement" and not match(quotes, "We will appeal").weak
    assert match(quotes, "Nobody knows").speaker is None and match(quotes, "Nobody knows").weak


def test_ambiguous_pronoun_is_left_to_an_editor_with_candidates(nlp):
    spec = {"maria-lopez": ("person", ["Maria Lopez", "Lopez"]), "ana-ruiz": ("person", ["Ana Ruiz", "Ruiz"])}
    quotes, _ = run(nlp, "Maria Lopez and Ana Ruiz met on Monday.", "“It went well,” she said.", spec=spec)
    q = match(quotes, "It went well")
    assert q.speaker is None or q.weak
    assert len(q.candidates) >= 2 and {c.actor for c in q.candidates} == {"maria-lopez", "ana-ruiz"}


def test_without_a_parse_the_text_rules_still_attribute():
    doc = doc_of("“We will appeal the ruling,” Lopez said on Monday.")
    quotes = find_quotes(doc, hand_actors(doc, ACTORS))
    assert quotes[0].speaker == "maria-lopez" and quotes[0].evidence
