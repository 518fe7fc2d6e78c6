"""Property test: for any text, quote extraction never raises, every part is an exact
substring of its paragraph, every speaker is an actor of the same result."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.model import Actor, Document, Mention
from briefing.extract.quotes import find_quotes
from briefing.text import normalize_ws

MARKS = list("“”„«»‘’‚‹›\"'") + ["\u00a0«\u00a0", " said ", " he said", ", said the official, ", "Ana Ruiz",
                                  " according to ", ". ", ", ", " saying ", " told reporters", "?"]
WORDS = ["Ana Ruiz", "Ruiz", "the official", "NATO", "he", "she", "they", "said", "we", "will", "win"]

texty = st.lists(st.one_of(st.sampled_from(MARKS), st.sampled_from(WORDS), st.text(max_size=6)), max_size=40)


def _doc(paragraphs):
    d = Document(source="x.txt", title="x")
    for p in paragraphs:
        p = normalize_ws(p)
        if p:
            d.add_paragraph(p)
    return d


def _actors(doc):
    forms = {"ana-ruiz": ("person", ["Ana Ruiz", "Ruiz"]), "official": ("anonymous", ["the official"]),
             "nato": ("organization", ["NATO"])}
    out = []
    for aid, (typ, fs) in forms.items():
        ms = [Mention(i, m.start(), m.end(), m.group(0)) for i, p in enumerate(doc.paragraphs)
              for f in fs for m in re.finditer(re.escape(f), p)]
        out.append(Actor(aid, fs[0], typ, mentions=ms))
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texty.map(" ".join), min_size=1, max_size=4))
def test_never_raises_parts_are_substrings(paragraphs):
    doc = _doc(paragraphs)
    actors = _actors(doc)
    quotes = find_quotes(doc, actors)
    ids = {a.id for a in actors}
    seen = set()
    for q in quotes:
        assert q.id not in seen
        seen.add(q.id)
        assert q.speaker is None or q.speaker in ids
        assert q.parts
        for p in q.parts:
            assert doc.paragraphs[p.paragraph][p.start:p.end] == p.text
            assert p.text.strip() == p.text and p.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_and_no_actors(text):
    doc = _doc(text.split("\n"))
    for q in find_quotes(doc, []):
        assert q.speaker is None
        for p in q.parts:
            assert doc.paragraphs[p.paragraph][p.start:p.end] == p.text


def test_bad_actor_mentions_are_ignored():
    doc = _doc(["“Yes,” Ruiz said."])
    bad = [Actor("x", "X", "person", mentions=[Mention(0, 50, 60, "?"), Mention(7, 0, 1, "?"), Mention(0, 5, 2, "")])]
    assert [q.speaker for q in find_quotes(doc, bad)] == [None]


def test_empty_document():
    assert find_quotes(Document(source="e", title="e"), []) == []
    assert find_quotes(Document(source="e", title="e"), None) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texty.map(" ".join), min_size=1, max_size=3))
def test_whole_extraction_speakers_are_actors_of_the_result(paragraphs):
    """Through the real pipeline (spaCy + actors stage + quotes)."""
    from briefing.extract.article import extract_document
    from briefing.extract.nlp import get_nlp

    doc = _doc(paragraphs)
    ex = extract_document(doc, get_nlp())
    ids = {a.id for a in ex.actors}
    for q in ex.quotes:
        assert q.speaker is None or q.speaker in ids
        for p in q.parts:
            assert doc.paragraphs[p.paragraph][p.start:p.end] == p.text
