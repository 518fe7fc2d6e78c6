"""text.py: decoding bytes of unknown encoding, cleaning, whitespace, slugs."""
from __future__ import annotations

import pytest

from briefing.text import (UnreadableInput, clean_text, decode_bytes, document_slug, normalize_ws, slugify,
                           text_problems, unique_slug)

SAMPLE = "Mayor’s “budget” – café, naïve, Zürich"


@pytest.mark.parametrize("data, encoding", [
    (SAMPLE.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
    (SAMPLE.encode("utf-16"), "utf-16"),
    (SAMPLE.encode("utf-16-le"), "utf-16"),
    (SAMPLE.encode("utf-16-be"), "utf-16"),
    (SAMPLE.encode("utf-32"), "utf-32"),
    (SAMPLE.encode("cp1252"), "cp1252"),
])
def test_decode_detects_encoding(data, encoding):
    text, enc = decode_bytes(data)
    assert text.lstrip("\ufeff") == SAMPLE and enc == encoding


def test_latin1_text_reads_as_cp1252_superset():
    text, enc = decode_bytes("Déjà vu à Zürich, élan et œuvre? non: naïveté".replace("œ", "oe").encode("latin-1"))
    assert text == "Déjà vu à Zürich, élan et oeuvre? non: naïveté" and enc == "cp1252"


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 8,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes((i * 37) % 256 for i in range(2000)),
    b"\x00\x01\x02\x03" * 100,
])
def test_binary_is_unreadable(data):
    with pytest.raises(UnreadableInput):
        decode_bytes(data)


def test_clean_text_line_ends_controls_invisibles():
    assert clean_text("a\r\nb\rc\u2028d\u0085e") == "a\nb\nc\nd\ne"
    assert clean_text("nu\x00ll\x07 be\x7fll") == "null bell"
    assert clean_text("zero\u200bwidth\u2060 \ufeffjoin\u200dme soft\u00adhyphen \u202eRTL\u202c") == (
        "zerowidth joinme softhyphen RTL")
    assert clean_text("e\u0301") == "é"  # NFC


def test_text_problems_names_each_repair():
    probs = text_problems("a\r\nb\rc\x00\x00d\u200b")
    assert probs == ["Windows (CRLF) line ends", "bare CR line ends", "2 NUL bytes removed",
                     "1 zero-width/bidi control character removed"]
    assert text_problems("clean text\n") == []


def test_normalize_ws():
    assert normalize_ws(" a\u00a0 b\t\nc\u2009d\u3000 ") == "a b c d"


def test_slugs():
    assert slugify("Western Powers Rush to Carry Out Security Pledges for Ukraine") == (
        "western-powers-rush-to-carry-out-security-pledges-for-ukraine")
    assert slugify("Zürich café: «ça suffit»") == "zurich-cafe-ca-suffit"
    assert slugify("🔥🔥🔥") == "untitled" and slugify("!!! ???", fallback="") == ""
    assert len(slugify("word " * 100)) <= 80
    assert document_slug("🔥🔥🔥", "seeds/Emoji Headline.txt") == "emoji-headline"
    assert document_slug("…", "seeds/🔥.txt") == "briefing"
    assert document_slug("Budget passes", "x.txt") == "budget-passes"


def test_unique_slug_numbers_repeats():
    taken: set[str] = set()
    assert [unique_slug("a", taken) for _ in range(3)] == ["a", "a-2", "a-3"]
