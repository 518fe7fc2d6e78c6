"""Attribution of quotations to speakers (quotes/attribution.py, speakers.py, cues.py).

Hand-written news sentences in every style; actors are built by hand (their mentions found
by string search), as the actors stage would report them."""
from __future__ import annotations

import pytest

from briefing.extract.quotes import find_quotes
from quotes_gold import doc_of, hand_actors, match

ACTORS = {
    "ana-ruiz": ("person", ["Ana Ruiz", "Ruiz"]),
    "tom-baker": ("person", ["Tom Baker", "Baker"]),
    "joe-biden": ("person", ["Joe Biden", "Biden"]),
    "nato": ("organization", ["NATO", "the alliance"]),
    "pentagon": ("organization", ["the Pentagon", "Pentagon"]),
    "russia": ("country", ["Russia"]),
    "anon-official": ("anonymous", ["a senior European official", "the official", "The official"]),
    "anon-diplomats": ("anonymous", ["two diplomats familiar with the talks", "the diplomats"]),
}

# (paragraphs, [(starts, speaker or None, partial or None to skip)])
CASES = [
    (["“We will not back down,” Ruiz said."], [("We will not back down", "ana-ruiz", False)]),
    (["“We will not back down,” said Tom Baker, the defense minister."], [("We will not", "tom-baker", False)]),
    (['"We will not back down," Ana Ruiz told reporters on Friday.'], [("We will not", "ana-ruiz", False)]),
    (["Ana Ruiz said: “The talks are over.”"], [("The talks are over", "ana-ruiz", False)]),
    (["« The talks are over, » the official said of the summit."], [("The talks are over", "anon-official", False)]),
    (["“The talks are over,” a senior European official told POLITICO."], [("The talks", "anon-official", False)]),
    (["The deal is done, according to two diplomats familiar with the talks, who called it “a breakthrough.”"],
     [("a breakthrough", "anon-diplomats", True)]),
    (["“It is a breakthrough,” said the official, “and nobody expected it.”"],
     [("It is a breakthrough", "anon-official", False), ("and nobody expected it", "anon-official", False)]),
    (["Tom Baker met Ruiz on Monday. “It went well,” he said."], [("It went well", "tom-baker", False)]),
    (["Tom Baker met Ana Ruiz on Monday. “It went well,” she said."], [("It went well", "ana-ruiz", False)]),
    (["Baker spoke first.", "“We are ready,” he added. “The alliance is ready.”"],
     [("We are ready", "tom-baker", False), ("The alliance is ready", "tom-baker", False)]),
    (["Ruiz said she would prefer a “clear signal” from NATO. “Then we can talk.”"],
     [("clear signal", "ana-ruiz", True), ("Then we can talk", "ana-ruiz", False)]),
    (["“We have been waiting for weeks,” Baker said.", "“And we will keep waiting.”"],
     [("We have been waiting", "tom-baker", False), ("And we will keep", "tom-baker", False)]),
    (["“We have been waiting for weeks and we will wait more.", "“Nobody is leaving,” Ruiz said."],
     [("We have been waiting", "ana-ruiz", False), ("Nobody is leaving", "ana-ruiz", False)]),
    (["Ruiz made an « appeal to all allies », saying they should « act now »."],
     [("appeal to all allies", "ana-ruiz", True), ("act now", "ana-ruiz", True)]),
    (["The plan, she said, would involve « a multi-year program of aid »."], [("a multi-year program", None, True)]),
    (["Ana Ruiz spoke on Friday. The plan, she said, would involve « a multi-year program of aid »."],
     [("a multi-year program", "ana-ruiz", True)]),
    (["The idea is to create an “umbrella” for all countries willing to help."], [("umbrella", None, True)]),
    (["Guarantees were extended in the “Budapest Memorandum” after the collapse, Baker said."],
     [("Budapest Memorandum", None, True)]),
    (["“This is unacceptable,” the Pentagon said in a statement."], [("This is unacceptable", "pentagon", False)]),
    (["“This is unacceptable,” a spokesman for Tom Baker said."], [("This is unacceptable", None, None)]),
    (["“This is unacceptable,” the Biden administration said."], [("This is unacceptable", None, None)]),
    (["“This is unacceptable,” Russia’s foreign ministry said."], [("This is unacceptable", None, None)]),
    (["“This is unacceptable.”"], [("This is unacceptable", None, False)]),
    (["Ruiz, a close ally of Joe Biden, warned that the alliance faced “a very long winter.”"],
     [("a very long winter", "ana-ruiz", True)]),
    (["Biden met Ruiz. Earlier, Baker had arrived.", "The weather was fine, officials noted. “We are fine.”"],
     [("We are fine", None, False)]),
    (["‘We will win,’ said Tom Baker."], [("We will win", "tom-baker", False)]),
    (["“Why would that change?” asked Ruiz."], [("Why would that change?", "ana-ruiz", False)]),
    (["Ana Ruiz, the alliance’s envoy, told reporters that “nothing has changed.”"],
     [("nothing has changed", "ana-ruiz", True)]),
    (["In a statement, « we will address the question of membership, » NATO said on Friday."],
     [("we will address", "nato", False)]),
    (["The alliance will “become” larger, Biden promised, without giving a date."], [("become", None, True)]),
]


@pytest.mark.parametrize("paragraphs, expected", CASES)
def test_attribution(paragraphs, expected):
    doc = doc_of(*paragraphs)
    quotes = find_quotes(doc, hand_actors(doc, ACTORS))
    for starts, speaker, partial in expected:
        q = match(quotes, starts)
        assert q is not None, (starts, [x.text for x in quotes])
        assert q.speaker == speaker, (starts, q.speaker, q.cue)
        if partial is not None:
            assert q.partial is partial, (starts, q.partial)


def test_split_quote_is_one_quote_with_two_parts():
    doc = doc_of("“The real guarantee is the alliance,” said the official, “and nothing else.”")
    qs = find_quotes(doc, hand_actors(doc, ACTORS))
    assert len(qs) == 1
    assert len(qs[0].parts) == 2
    assert qs[0].text == "The real guarantee is the alliance … and nothing else."
    assert qs[0].speaker == "anon-official"


def test_two_sentences_are_two_quotes():
    doc = doc_of("“It works,” said Ruiz. “Why change it?”")
    qs = find_quotes(doc, hand_actors(doc, ACTORS))
    assert [len(q.parts) for q in qs] == [1, 1]
    assert [q.speaker for q in qs] == ["ana-ruiz", "ana-ruiz"]


def test_no_actors_means_no_speakers():
    doc = doc_of("“We will win,” Ana Ruiz said.", "“Yes,” he said.")
    qs = find_quotes(doc, [])
    assert len(qs) == 2 and all(q.speaker is None for q in qs)


def test_mentions_inside_quotes_never_speak():
    doc = doc_of("“Tom Baker is wrong,” the minister said.")
    qs = find_quotes(doc, hand_actors(doc, ACTORS))
    assert qs[0].speaker is None


def test_ids_stable_unique_and_anchor_shaped():
    doc = doc_of("“Yes,” Ruiz said. “Yes,” Baker said.", "“No,” Ruiz said.")
    a = find_quotes(doc, hand_actors(doc, ACTORS))
    b = find_quotes(doc, hand_actors(doc, ACTORS))
    assert [q.id for q in a] == [q.id for q in b]
    assert len({q.id for q in a}) == len(a)
    assert all(q.id.startswith("q-") for q in a)


def test_parts_are_exact_substrings():
    doc = doc_of("« Nous  gagnerons », a dit Ruiz.", "“One,” said Baker, “two.”")
    for q in find_quotes(doc, hand_actors(doc, ACTORS)):
        for p in q.parts:
            assert doc.paragraphs[p.paragraph][p.start:p.end] == p.text


MORE = [
    (["“We will not give up,” said Ruiz, adding: “Not now, not ever.”"],
     [("We will not give up", "ana-ruiz"), ("Not now, not ever", "ana-ruiz")]),
    (["“We will not give up,” Tom Baker was quoted as saying."], [("We will not give up", "tom-baker")]),
    (["“It is over,” said Baker, who added that the plan was “a disaster.”"],
     [("It is over", "tom-baker"), ("a disaster", "tom-baker")]),
    (["“We will,” Ruiz said — “and we must.”"], [("We will", "ana-ruiz"), ("and we must", "ana-ruiz")]),
    (["Fans of the film “Oppenheimer” lined up, Ruiz said."], [("Oppenheimer", None)]),
    (["“Why now?” Baker asked. “Why not last year?”"], [("Why now?", "tom-baker"), ("Why not last year?", "tom-baker")]),
    (["Ruiz wrote on social media: “The vote is a disgrace.”"], [("The vote is a disgrace", "ana-ruiz")]),
    (["The report, released Monday, said the program had “failed on every measure.”"],
     [("failed on every measure", None)]),
]


@pytest.mark.parametrize("paragraphs, expected", MORE)
def test_more_news_patterns(paragraphs, expected):
    doc = doc_of(*paragraphs)
    quotes = find_quotes(doc, hand_actors(doc, ACTORS))
    for starts, speaker in expected:
        q = match(quotes, starts)
        assert q is not None, (starts, [x.text for x in quotes])
        assert q.speaker == speaker, (starts, q.speaker, q.cue)


def test_previous_sentence_subject_speaks():
    doc = doc_of("Ana Ruiz was blunt. “This is over.”", "In Paris, Baker met Ruiz. “The talks were useful.”")
    qs = find_quotes(doc, hand_actors(doc, ACTORS))
    assert [q.speaker for q in qs] == ["ana-ruiz", None]


@pytest.mark.parametrize("para, speaker", [
    ("“No comment,” said Ruiz’s spokesman, Tom Baker.", "tom-baker"),
    ("Ruiz’s spokesman, Tom Baker, said the plan was “dead.”", "tom-baker"),
    ("“No comment,” Ruiz’s office said.", None),
    ("Ruiz, 45, said the plan was “dead.”", "ana-ruiz"),
    ("Ruiz, who said last year that the policy was “a mistake,” now supports it.", "ana-ruiz"),
    ("The Pentagon said costs rose, but analysts called the results “disappointing.”", None),
    ("“We are done,” says Ana Ruiz.", "ana-ruiz"),
])
def test_appositives_possessives_relatives(para, speaker):
    doc = doc_of(para)
    qs = find_quotes(doc, hand_actors(doc, ACTORS))
    assert len(qs) == 1 and qs[0].speaker == speaker, (qs[0].speaker, qs[0].cue)
