"""extract_all: cache hits never load the model, a changed document is re-extracted alone,
the process pool gives the same results in the same order, failures name the article."""
from __future__ import annotations

import copy
import logging

import pytest

from briefing.extract import nlp
from briefing.build import extraction, pipeline
from briefing.read.dispatch import parse_file

from conftest import SEEDS


@pytest.fixture(scope="module")
def docs():
    return [parse_file(p) for p in sorted(SEEDS.glob("*.txt"))]


def _settings(tmp_path, processes=2):
    return {"PATH": str(tmp_path), "BRIEFING_CACHE_PATH": ".cache/briefing", "BRIEFING_PROCESSES": processes}


@pytest.fixture
def cold_model():
    """Drop the loaded model for the test (so a load would be counted), restore it after."""
    saved = nlp._nlp
    nlp.reset()
    yield
    if nlp._nlp is None:
        nlp._nlp = saved


def _json(exs):
    return [e.to_json() for e in exs]


def test_warm_run_loads_no_model(tmp_path, docs, cold_model):
    settings = _settings(tmp_path)
    first = pipeline.extract_all(docs, settings)
    assert pipeline.last_stats.misses == len(docs) and pipeline.last_stats.hits == 0
    assert sorted(pipeline.last_stats.extracted) == sorted(d.source for d in docs)
    assert (tmp_path / ".cache" / "briefing").is_dir()

    nlp.reset()
    loads = nlp.load_count
    again = pipeline.extract_all([copy.deepcopy(d) for d in docs], settings)
    assert pipeline.last_stats.hits == len(docs) and pipeline.last_stats.misses == 0
    assert pipeline.last_stats.extracted == []
    assert nlp.load_count == loads and nlp._nlp is None  # no model was loaded
    assert _json(again) == _json(first)


def test_changed_document_is_extracted_alone(tmp_path, docs):
    settings = _settings(tmp_path)
    pipeline.extract_all(docs, settings)
    edited = [copy.deepcopy(d) for d in docs]
    edited[1].paragraphs[0] = edited[1].paragraphs[0] + " The minister said nothing more."
    out = pipeline.extract_all(edited, settings)
    st = pipeline.last_stats
    assert st.extracted == [edited[1].source]
    assert (st.hits, st.misses) == (len(docs) - 1, 1)
    assert out[1].document.paragraphs[0].endswith("said nothing more.")


def test_deleting_the_cache_is_safe(tmp_path, docs):
    import shutil

    settings = _settings(tmp_path)
    first = pipeline.extract_all(docs, settings)
    shutil.rmtree(tmp_path / ".cache")
    again = pipeline.extract_all(docs, settings)
    assert pipeline.last_stats.misses == len(docs)
    assert _json(again) == _json(first)


def _variants(docs, n):
    out = []
    for i in range(n):
        d = copy.deepcopy(docs[i % len(docs)])
        d.source = f"variant_{i:02d}.txt"
        d.paragraphs = d.paragraphs[i % 3:] + d.paragraphs[: i % 3]
        out.append(d)
    return out


def test_pool_matches_in_process_and_keeps_order(tmp_path, docs, monkeypatch):
    many = _variants(docs, 4)
    here = pipeline.extract_all(many, None)  # no cache, this process
    assert pipeline.last_stats.processes == 1
    monkeypatch.setattr(extraction, "POOL_MIN_COLD", 2)
    monkeypatch.setattr(extraction, "POOL_MIN_WARM", 2)
    pooled = pipeline.extract_all(many, _settings(tmp_path, processes=2))
    assert pipeline.last_stats.processes == 2
    assert [e.document.source for e in pooled] == [d.source for d in many]
    assert _json(pooled) == _json(here)
    # and the pool's results were cached
    pipeline.extract_all(many, _settings(tmp_path, processes=2))
    assert pipeline.last_stats.hits == len(many)


def test_few_misses_stay_in_process(tmp_path, docs):
    pipeline.extract_all(docs[:1], _settings(tmp_path))
    assert pipeline.last_stats.processes == 1


def test_failed_extraction_is_a_warning_and_the_article_is_still_published(tmp_path, docs, monkeypatch, caplog):
    from briefing.extract import article as extract

    real = extract.extract_document
    bad = docs[0].source

    def flaky(doc, nlp=None):
        if doc.source == bad:
            raise ValueError("rule blew up")
        return real(doc, nlp)

    monkeypatch.setattr(extract, "extract_document", flaky)
    with caplog.at_level(logging.WARNING):
        out = pipeline.extract_all(docs, _settings(tmp_path))
    assert [e.document.source for e in out] == [d.source for d in docs]
    assert out[0].actors == [] and out[0].quotes == []
    assert pipeline.last_stats.failed == [bad]
    assert f"{bad}: extraction failed: ValueError: rule blew up" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    monkeypatch.setattr(extract, "extract_document", real)
    pipeline.extract_all(docs, _settings(tmp_path))
    assert pipeline.last_stats.extracted == [bad]  # a failure is never cached


def test_no_progress_bar_when_not_a_terminal(tmp_path, docs, capfd):
    pipeline.extract_all(docs, _settings(tmp_path))
    err = capfd.readouterr().err
    assert "extracting" not in err and "\r" not in err


def test_progress_bar_on_a_terminal(tmp_path):
    """On a terminal the extraction of misses shows a tqdm bar (run under a pseudo-terminal)."""
    import os
    import pty
    import select
    import subprocess
    import sys
    import time

    script = (
        "import sys\n"
        "from briefing.build import pipeline\n"
        "from briefing.read.dispatch import parse_file\n"
        "docs = [parse_file(p) for p in sys.argv[2:]]\n"
        "pipeline.extract_all(docs, {'PATH': sys.argv[1], 'BRIEFING_CACHE_PATH': 'c', 'BRIEFING_PROCESSES': 1})\n"
    )
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path), *map(str, sorted(SEEDS.glob("*.txt")))],
                            stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    out = b""
    give_up = time.monotonic() + 600  # a hung child only: the reading has no silence window
    while time.monotonic() < give_up:  # (a model load on a busy machine may take minutes)
        ready, _, _ = select.select([master], [], [], 1)
        if not ready:
            if proc.poll() is not None and not select.select([master], [], [], 0)[0]:
                break
            continue
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert proc.wait(timeout=600) == 0
    # the final count is always drawn before the bar is cleared (pipeline.extract_all)
    assert b"extracting:" in out and b"2/2" in out


def test_extract_documents_equals_one_document_at_a_time(monkeypatch):
    """One spaCy pass over several documents gives each the extraction it gets alone; a
    document whose rules raise gets its exception in its place, the others are unaffected."""
    from briefing.extract import article as extract
    from briefing.extract.nlp import get_nlp
    from briefing.read.dispatch import parse_file

    from conftest import FIXTURES, SEEDS

    paths = [*sorted(SEEDS.iterdir()), FIXTURES / "site" / "scholz-air-defense.md"]
    docs = [parse_file(p) for p in paths]
    nlp = get_nlp()
    alone = [extract.extract_document(d, nlp).to_json() for d in docs]
    together = extract.extract_documents(docs, nlp)
    assert [e.to_json() for e in together] == alone
    real = extract.find_quotes

    def fails_on_second(doc, actors, parsed=None):
        if doc is docs[1]:
            raise ValueError("a rule broke")
        return real(doc, actors, parsed)

    monkeypatch.setattr(extract, "find_quotes", fails_on_second)
    out = extract.extract_documents(docs, nlp)
    assert isinstance(out[1], ValueError) and str(out[1]) == "a rule broke"
    assert [out[0].to_json(), out[2].to_json()] == [alone[0], alone[2]]
