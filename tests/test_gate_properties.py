"""Property tests (hypothesis): the readers never raise anything but SeedError on arbitrary
text, and the extractors never raise on arbitrary paragraphs and keep the invariants of the
extraction contract (verbatim quote parts at their offsets, speakers that are actors)."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.model import ACTOR_TYPES, Document
from briefing.read.dispatch import SeedError, parse_text
from briefing.text import normalize_ws

SETTINGS = settings(max_examples=50, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# ------------------------------------------------------------------ readers

MARKUP = ["<", ">", "</", "<p>", "</p>", "<h1>", "</h1>", "<article>", "<script>", "</script>",
          "<!--", "-->", "<![CDATA[", "&amp;", "&#0;", "&#x110000;", "&", "<meta property=\"og:title\" content=\"",
          "<time datetime=\"", "\">", "---\n", "title:", "date:", "authors:", "[", "]", "{", "}", ": ",
          "\n", "\n\n", "\r", "\t", " | ", " – ", "“", "”", '"', "'", "#", "*", "![", "](", ")", "`",
          "\u200b", "\u202e", "\ufeff", "\x00", "\x0b", "\ud7ff", "1689000000 ", "said", "Headline"]
chunks = st.one_of(st.text(max_size=30), st.sampled_from(MARKUP))
messy_text = st.one_of(st.text(max_size=400), st.lists(chunks, max_size=60).map("".join))


def _only_seed_errors(text: str, suffix: str) -> None:
    try:
        doc = parse_text(text, f"prop{suffix}", suffix)
    except SeedError as exc:
        assert "\n" not in str(exc), "a SeedError is one line"
        return
    assert doc.title and doc.title.strip()
    for p in doc.paragraphs:
        assert p == normalize_ws(p), "paragraphs are stored whitespace-normalised"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
@SETTINGS
@given(text=messy_text)
def test_readers_raise_only_seed_error(suffix, text):
    _only_seed_errors(text, suffix)


@SETTINGS
@given(meta=st.lists(chunks, max_size=20).map("".join), body=messy_text)
def test_markdown_front_matter_raises_only_seed_error(meta, body):
    _only_seed_errors(f"---\n{meta}\n---\n{body}", ".md")


# ------------------------------------------------------------------ extractors

NEWS = ["said", "says", "told reporters", "according to", "added", "warned", "Olaf Scholz", "Scholz",
        "Joe Biden", "the U.S. president", "President", "NATO", "the European Union", "Ukraine", "Kyiv",
        "Russia", "Moscow", "a senior official", "a senior NATO diplomat", "officials", "he", "she", "they",
        "the", "security", "guarantees", "on Tuesday", "in Vilnius", "Mr.", "Jens Stoltenberg",
        "secretary-general", "Zelenskyy", "“", "”", '"', "'", "‘", "’", "«", "»", ",", ".", "—", ":",
        "(", ")", "…", "?", "said:", "\u201cWe", "will\u201d", "U.S.", "—\u201d", "\u201c\u201d", '""']
word = st.one_of(st.sampled_from(NEWS), st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=10))
paragraph = st.lists(word, min_size=1, max_size=45).map(lambda ws: normalize_ws(" ".join(ws))).filter(bool)

# quotation-shaped paragraphs, so that speakers and split quotes are exercised too
SPEAKERS = ["Olaf Scholz", "Joe Biden", "Jens Stoltenberg", "a senior NATO diplomat", "the Kremlin",
            "Volodymyr Zelenskyy, the Ukrainian president,", "Scholz", "he", "she", "officials"]
CUES = ["said", "told reporters", "added", "warned", "said on Tuesday", "wrote"]
OPEN_CLOSE = [("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("“", '"'), ('"', "")]
words = st.lists(st.sampled_from(NEWS[6:30]), min_size=1, max_size=12).map(" ".join)


@st.composite
def quoted_paragraph(draw) -> str:
    o, c = draw(st.sampled_from(OPEN_CLOSE))
    who, cue = draw(st.sampled_from(SPEAKERS)), draw(st.sampled_from(CUES))
    a, b = draw(words), draw(words)
    form = draw(st.integers(0, 4))
    text = [f"{o}{a},{c} {who} {cue}.",
            f"{who} {cue}: {o}{a}.{c}",
            f"{o}{a},{c} {cue} {who}, {o}{b}.{c}",
            f"{o}{a},{c} {who} {cue}. {o}{b}{c}",
            f"According to {who}, the {o}{a}{c} was {o}{b}.{c}"][form]
    return normalize_ws(draw(words) + ". " + text if draw(st.booleans()) else text)


any_paragraph = st.one_of(paragraph, quoted_paragraph())


@pytest.fixture(scope="module")
def nlp():
    from briefing.extract.nlp import get_nlp

    return get_nlp()  # loaded once per process


def _document(title: str, paragraphs: list[str]) -> Document:
    doc = Document(source="prop.txt", title=normalize_ws(title) or "Untitled")
    for p in paragraphs:
        doc.add_paragraph(p)
    return doc


def check_invariants(ext) -> None:
    paras = ext.document.paragraphs
    actor_ids = [a.id for a in ext.actors]
    assert len(actor_ids) == len(set(actor_ids)), "actor ids are unique"
    for a in ext.actors:
        assert a.type in ACTOR_TYPES
        assert a.name.strip()
        for m in a.mentions:
            assert 0 <= m.paragraph < len(paras)
            assert paras[m.paragraph][m.start:m.end] == m.text, f"mention {m} not at its offsets"
    quote_ids = [q.id for q in ext.quotes]
    assert len(quote_ids) == len(set(quote_ids)), "quote ids are unique"
    for q in ext.quotes:
        assert q.parts, f"quote {q.id} has no parts"
        for part in q.parts:
            assert 0 <= part.paragraph < len(paras)
            assert part.text.strip()
            assert paras[part.paragraph][part.start:part.end] == part.text, f"quote part {part} not at its offsets"
        assert q.text == " … ".join(p.text for p in q.parts)
        assert q.speaker is None or q.speaker in actor_ids, f"speaker {q.speaker!r} is not an actor"
    json.dumps(ext.to_json())  # the contract JSON is serialisable


@SETTINGS
@given(title=paragraph, paragraphs=st.lists(any_paragraph, min_size=1, max_size=6))
def test_extractors_never_raise_and_keep_invariants(nlp, title, paragraphs):
    from briefing.extract.article import extract_document

    check_invariants(extract_document(_document(title, paragraphs), nlp=nlp))


@SETTINGS
@given(paragraphs=st.lists(st.text(max_size=200).map(normalize_ws).filter(bool), min_size=1, max_size=4))
def test_extractors_on_arbitrary_unicode(nlp, paragraphs):
    from briefing.extract.article import extract_document

    check_invariants(extract_document(_document("Arbitrary", paragraphs), nlp=nlp))
