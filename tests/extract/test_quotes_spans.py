"""Quotation spans in every style (quotes/spans.py)."""
from __future__ import annotations

import pytest

from briefing.extract.quotes.spans import find_spans


def texts(p):
    return [(s.text, s.closed) for s in find_spans(p)]


@pytest.mark.parametrize("para, expected", [
    ("“We will win,” she said.", [("We will win", True)]),
    ('"We will win," she said.', [("We will win", True)]),
    ("« Nous gagnerons », a-t-il dit.", [("Nous gagnerons", True)]),
    ("He made an « appeal to all », saying « more ».", [("appeal to all", True), ("more", True)]),
    ("„Wir schaffen das“, sagte sie.", [("Wir schaffen das", True)]),
    ("„Damy radę” – powiedział.", [("Damy radę", True)]),
    ("»Wir schaffen das«, sagte sie.", [("Wir schaffen das", True)]),
    ("‘We will win,’ she said.", [("We will win", True)]),
    ("“He told me ‘never again’ and left,” she said.", [("He told me ‘never again’ and left", True)]),
    ('"He called it \'a disgrace\' twice," she said.', [("He called it 'a disgrace' twice", True)]),
])
def test_styles(para, expected):
    assert texts(para) == expected


def test_apostrophes_never_open_or_close():
    p = "Ukraine’s allies haven’t agreed, and the allies’ plan isn’t ready. Rock ’n’ roll, ‘90s style."
    assert find_spans(p) == []
    assert texts("“Ukraine’s allies haven’t agreed,” he said.") == [("Ukraine’s allies haven’t agreed", True)]


def test_unclosed_quote_closes_at_paragraph_end():
    p = "The diplomat said it is up to each country “what your commitment will be. And it could be anything."
    assert texts(p) == [("what your commitment will be. And it could be anything.", False)]


def test_guillemets_padding_excluded_and_offsets_exact():
    p = "Il a dit : «\u00a0c’est fini\u00a0». Puis « encore » ."
    for s in find_spans(p):
        assert p[s.start:s.end] == s.text
        assert not s.text[0].isspace() and not s.text[-1].isspace()
    assert [s.text for s in find_spans(p)] == ["c’est fini", "encore"]


def test_trailing_comma_belongs_to_sentence():
    assert texts("“Council,” thereby giving") == [("Council", True)]


def test_stray_marks_and_inches():
    assert find_spans('a 6" pipe and nothing else') == []
    assert find_spans("“ ” « »") == []


def test_nested_and_multiple():
    p = "“First,” he said. “Second with ‘inner’ bit.” Then «third»."
    assert [s.text for s in find_spans(p)] == ["First", "Second with ‘inner’ bit.", "third"]
