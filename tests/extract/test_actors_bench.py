"""The benchmark corpus generator (bench/corpus.py): deterministic, varied, valid documents."""
from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from corpus import make_corpus, write_corpus  # noqa: E402


def test_corpus_is_deterministic_and_varied(tmp_path):
    a = make_corpus(30, seed=1)
    b = make_corpus(30, seed=1)
    assert [d.paragraphs for d in a] == [d.paragraphs for d in b]
    assert [d.paragraphs for d in make_corpus(30, seed=2)] != [d.paragraphs for d in a]
    assert len({d.source for d in a}) == 30
    text = " ".join(p for d in a for p in d.paragraphs)
    assert "Olaf Scholz" not in text and "Julianne Smith" not in text  # names substituted
    write_corpus(a[:3], tmp_path)
    assert len(list(tmp_path.glob("*.md"))) == 3


def test_corpus_documents_parse_back(tmp_path):
    from briefing.read.dispatch import parse_file

    docs = make_corpus(2)
    write_corpus(docs, tmp_path)
    back = parse_file(str(tmp_path / docs[0].source))
    assert back.paragraphs == docs[0].paragraphs
