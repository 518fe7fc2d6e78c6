"""The early worker: a fresh process that will extract a few articles starts one worker that
loads the model while it reads the seeds and loads the cached extractions. The results are
those of in-process extraction; the worker is never used when nothing changed, when the
model is warm (serve) or after the process extracted once; a dead worker means extraction
here, not a failed build."""
from __future__ import annotations

import copy
import logging
import shutil
import time
from pathlib import Path

import pytest

from briefing.extract import nlp
from briefing.build import extraction, pipeline, workers
from briefing.read.dispatch import parse_file

from conftest import SEEDS, build, copy_site


@pytest.fixture(scope="module")
def docs():
    return [parse_file(p) for p in sorted(SEEDS.glob("*.txt"))]


def _settings(tmp_path):
    return {"PATH": str(tmp_path), "BRIEFING_CACHE_PATH": ".cache/briefing", "BRIEFING_PROCESSES": 2}


@pytest.fixture
def fresh_process(monkeypatch):
    """This process as a fresh `briefing build` sees it: no model, nothing extracted yet."""
    saved = nlp._nlp
    nlp.reset()
    monkeypatch.setattr(extraction, "runs", 0)
    monkeypatch.setattr(workers, "_in_serve", lambda: False)  # another test imported briefing.build.serve
    yield
    pipeline.cancel_prestart()
    if nlp._nlp is None:
        nlp._nlp = saved


def _json(exs):
    return [e.to_json() for e in exs]


def test_one_miss_goes_to_the_early_worker_with_the_same_result(tmp_path, docs, fresh_process):
    settings = _settings(tmp_path)
    reference = pipeline.extract_all(docs, None)  # in this process, no cache
    nlp.reset()
    pipeline.extract_all(docs[:1], settings)  # the first seed is cached, the second is not
    extraction.runs = 0
    nlp.reset()
    loads = nlp.load_count

    assert pipeline.prestart(settings, 1)
    out = pipeline.extract_all(docs, settings)
    st = pipeline.last_stats
    assert st.early and st.extracted == [docs[1].source] and (st.hits, st.misses) == (1, 1)
    assert nlp.load_count == loads and nlp._nlp is None  # the model was loaded in the worker only
    assert _json(out) == _json(reference)
    # the worker's extraction was cached like any other
    pipeline.extract_all(docs, settings)
    assert pipeline.last_stats.hits == len(docs)


def test_no_early_worker_when_it_cannot_help(tmp_path, docs, fresh_process, monkeypatch):
    settings = _settings(tmp_path)
    assert not pipeline.prestart(settings, 0)  # nothing changed: no model anywhere
    assert not pipeline.prestart({**settings, "BRIEFING_PROCESSES": 1}, extraction.POOL_MIN_COLD)  # many, one process
    assert not pipeline.prestart(None, 1)  # no cache: everything misses
    monkeypatch.setattr(extraction, "runs", 1)
    assert not pipeline.prestart(settings, 1)  # a long-lived process keeps its own model warm
    monkeypatch.setattr(extraction, "runs", 0)
    monkeypatch.setattr(nlp, "_nlp", object())
    assert not pipeline.prestart(settings, 1)  # warm model (serve): extract here
    assert workers._early is None


def _ended(pid: int, timeout: float = 120) -> bool:
    """The process pid is gone or a zombie (terminated, not yet reaped). Polled until it is:
    a terminated worker ends as soon as the kernel delivers SIGTERM, and the long bound only
    matters if it never does, whatever the load."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


def test_unused_early_worker_is_stopped(tmp_path, docs, fresh_process):
    settings = _settings(tmp_path)
    pipeline.extract_all(docs, settings)
    extraction.runs = 0
    nlp.reset()
    loads = nlp.load_count
    assert pipeline.prestart(settings, 1)  # a guess that turns out wrong (same document)
    procs = list(workers._early[0]._processes.values())
    again = pipeline.extract_all([copy.deepcopy(d) for d in docs], settings)
    assert pipeline.last_stats.hits == len(docs) and not pipeline.last_stats.early
    assert workers._early is None and nlp.load_count == loads
    for p in procs:  # the pool's own thread may reap the process first (then is_alive() and
        assert _ended(p.pid)  # join() see "no status"): asked of the kernel instead
    assert len(again) == len(docs)


def test_a_dead_early_worker_means_extraction_here(tmp_path, docs, fresh_process):
    settings = _settings(tmp_path)
    assert pipeline.prestart(settings, 2)
    pool = workers._early[0]
    for p in list(pool._processes.values()):
        p.kill()
        p.join(timeout=10)
    out = pipeline.extract_all(docs, settings)
    st = pipeline.last_stats
    assert not st.early and sorted(st.extracted) == sorted(d.source for d in docs)
    assert nlp._nlp is not None  # extracted in this process
    assert [e.document.source for e in out] == [d.source for d in docs]


def test_failure_in_the_worker_is_the_same_one_line_warning(tmp_path, docs, fresh_process, caplog):
    """A document the rules cannot handle fails the same way in the worker as here."""
    broken = copy.deepcopy(docs[0])
    broken.source = "broken.txt"
    broken.paragraphs = None  # not iterable: the extractor raises TypeError
    settings = _settings(tmp_path)
    with caplog.at_level(logging.WARNING):
        here = pipeline.extract_all([broken], settings)
    line_here = [r.getMessage() for r in caplog.records if "broken.txt" in r.getMessage()]
    caplog.clear()
    extraction.runs = 0
    nlp.reset()
    assert pipeline.prestart(settings, 1)
    with caplog.at_level(logging.WARNING):
        there = pipeline.extract_all([broken], settings)
    assert pipeline.last_stats.early and pipeline.last_stats.failed == ["broken.txt"]
    line_there = [r.getMessage() for r in caplog.records if "broken.txt" in r.getMessage()]
    assert line_here == line_there and len(line_there) == 1
    assert "extraction failed: TypeError" in line_there[0]
    assert here[0].actors == there[0].actors == []


def test_build_after_one_edit_extracts_that_seed_in_the_early_worker(tmp_path, fresh_process):
    (tmp_path / "site").mkdir()
    site = copy_site(tmp_path / "site")
    build(site)
    settings = {"PATH": str(site), "BRIEFING_SEEDS_PATH": "seeds", "BRIEFING_CACHE_PATH": ".cache/briefing"}
    extraction.runs = 0
    nlp.reset()
    assert not pipeline.prestart_for(settings)  # nothing changed: no worker, no model
    seed = sorted((site / "seeds").iterdir())[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nOfficials said the talks would resume.\n",
                    encoding="utf-8")
    assert pipeline.expected_misses(settings) == 1
    build(site)
    st = pipeline.last_stats
    assert st.early and st.extracted == [seed.name] and st.misses == 1
    page = (site / "output" / "api" / "briefings").glob("*.json")
    assert any("talks would resume" in p.read_text(encoding="utf-8") for p in page)
    # nothing changed since: no seed is expected to miss, so no worker would start
    assert pipeline.expected_misses(settings) == 0
    shutil.rmtree(site / ".cache")
    assert pipeline.expected_misses(settings) == 2


def test_prestart_for_a_changed_seed(tmp_path, fresh_process):
    """What a build calls right after reading its settings: a changed seed starts the worker."""
    (tmp_path / "site").mkdir()
    site = copy_site(tmp_path / "site")
    settings = {"PATH": str(site), "BRIEFING_SEEDS_PATH": "seeds", "BRIEFING_CACHE_PATH": ".cache/briefing"}
    assert pipeline.expected_misses(settings) == 2  # never built: no document cache
    assert pipeline.prestart_for(settings)
    assert workers._early is not None
    assert not pipeline.prestart_for(settings)  # one is enough
    pipeline.cancel_prestart()
    assert workers._early is None


def test_script_without_main_guard_builds_instead_of_hanging(tmp_path):
    """Workers are spawned: a script calling build_site at its top level (no
    ``if __name__ == "__main__":``) must not be run again in them (it hung the build)."""
    import subprocess
    import sys

    (tmp_path / "site").mkdir()
    site = copy_site(tmp_path / "site")
    script = tmp_path / "build_it.py"
    script.write_text("from briefing.build import run\nrun.build_site('pelican.conf.py')\nprint('BUILT')\n",
                      encoding="utf-8")
    first = subprocess.run([sys.executable, str(script)], cwd=site, capture_output=True, text=True, timeout=240)
    assert first.returncode == 0 and "BUILT" in first.stdout, first.stderr[-2000:]
    seed = sorted((site / "seeds").iterdir())[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nOfficials said the talks would resume.\n",
                    encoding="utf-8")
    again = subprocess.run([sys.executable, str(script)], cwd=site, capture_output=True, text=True, timeout=240)
    assert again.returncode == 0 and again.stdout.count("BUILT") == 1, again.stderr[-2000:]


def test_command_line_build_with_the_early_worker_prints_no_multiprocessing_noise(tmp_path):
    """`briefing build` leaves without interpreter teardown; the early worker's queues must
    still be released, or multiprocessing's resource tracker warns of "leaked semaphore
    objects" after every build that extracted something."""
    import subprocess
    import sys

    (tmp_path / "site").mkdir()
    site = copy_site(tmp_path / "site")
    cmd = [sys.executable, "-m", "briefing.cli", "build"]
    first = subprocess.run(cmd, cwd=site, capture_output=True, text=True, timeout=240)
    assert first.returncode == 0, first.stderr[-2000:]
    seed = sorted((site / "seeds").iterdir())[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nOfficials said the talks would resume.\n",
                    encoding="utf-8")
    again = subprocess.run(cmd, cwd=site, capture_output=True, text=True, timeout=240)
    assert again.returncode == 0, again.stderr[-2000:]
    for run in (first, again):
        assert "leaked" not in run.stderr and "resource_tracker" not in run.stderr, run.stderr[-2000:]


def test_prestart_from_the_settings_file_before_pelican(tmp_path, fresh_process):
    """The command line starts the early worker from the settings file alone (PATH relative
    to its folder), before Pelican is imported; a broken settings file just means none."""
    (tmp_path / "site").mkdir()
    site = copy_site(tmp_path / "site")
    build(site)
    extraction.runs = 0
    nlp.reset()
    conf = site / "pelican.conf.py"
    assert not workers.prestart_from_file(str(conf))  # nothing changed
    seed = sorted((site / "seeds").iterdir())[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nOfficials said the talks would resume.\n",
                    encoding="utf-8")
    assert workers.prestart_from_file(str(conf))
    pipeline.cancel_prestart()
    broken = tmp_path / "broken.conf.py"
    broken.write_text("raise SystemExit(3)\n", encoding="utf-8")
    assert not workers.prestart_from_file(str(broken))


def test_many_misses_start_the_whole_pool_early_with_the_same_result(tmp_path, docs, fresh_process):
    """A cold build (many seeds to extract) starts the extraction pool while the seeds are
    read; extract_all then uses it: two processes, results as extracted here."""
    settings = {**_settings(tmp_path), "BRIEFING_PROCESSES": 2}
    many = [copy.deepcopy(docs[i % len(docs)]) for i in range(extraction.POOL_MIN_COLD)]
    for i, d in enumerate(many):
        d.source = f"{i}-{d.source}"
        d.paragraphs = d.paragraphs[: 3 + i]  # distinct documents, distinct cache keys
    reference = _json(pipeline.extract_all(many, None))
    nlp.reset()
    extraction.runs = 0
    assert pipeline.prestart(settings, len(many))
    assert workers._early is not None and workers._early[2] == 2
    assert workers.take_early(extraction.model_name(settings)) is None  # not the one-worker kind
    out = pipeline.extract_all(many, settings)
    st = pipeline.last_stats
    assert workers._early is None and st.processes == 2 and not st.early and st.misses == len(many)
    assert _json(out) == reference


def test_documents_streamed_while_reading_are_not_extracted_twice(tmp_path, docs, fresh_process):
    """With the early pool running, each parsed seed is submitted at once (``streamer``);
    extract_all collects those extractions instead of submitting them again, in input order,
    with the results of extraction here. A cached document is not streamed."""
    settings = {**_settings(tmp_path), "BRIEFING_PROCESSES": 2}
    many = [copy.deepcopy(docs[i % len(docs)]) for i in range(extraction.POOL_MIN_COLD + 1)]
    for i, d in enumerate(many):
        d.source = f"{i}-{d.source}"
        d.paragraphs = d.paragraphs[: 3 + i]
    reference = _json(pipeline.extract_all(many, None))
    pipeline.extract_all(many[:1], settings)  # the first is cached now
    nlp.reset()
    extraction.runs = 0
    assert pipeline.streamer(settings) is None  # no early pool: nothing to stream to
    assert pipeline.prestart(settings, len(many))
    stream = pipeline.streamer(settings)
    assert stream is not None
    for d in reversed(many):  # any order: results are placed by position
        stream(d)
    assert len(workers._streamed) == len(many) - 1
    out = pipeline.extract_all(many, settings)
    st = pipeline.last_stats
    assert st.streamed == len(many) - 1 and st.misses == len(many) - 1 and st.hits == 1
    assert not workers._streamed
    assert _json(out) == reference


def test_a_cold_build_streams_its_seeds_to_the_pool(tmp_path, fresh_process, monkeypatch):
    """A real cold build through `briefing build`'s path: the pool started from the settings
    file gets every seed as it is parsed."""
    from briefing import cli

    (tmp_path / "site").mkdir()
    site = copy_site(tmp_path / "site")
    for p in sorted(SEEDS.glob("*.txt")):  # 4 distinct seeds: enough for the pool
        text = p.read_text(encoding="utf-8")
        (site / "seeds" / f"copy-{p.name}").write_text(text + "\n\nA closing line was added.\n", encoding="utf-8")
    assert len(list((site / "seeds").iterdir())) >= extraction.POOL_MIN_COLD
    import argparse

    assert cli.cmd_build(argparse.Namespace(settings=str(site / "pelican.conf.py"), output=None)) == 0
    st = pipeline.last_stats
    assert st.processes == 2 and st.streamed == st.misses == len(list((site / "seeds").iterdir()))


def test_streamed_chunks_and_pool_chunks_give_the_same_results(tmp_path, docs, fresh_process, monkeypatch):
    """Documents go to the pool several at a time (one spaCy pass per chunk), also when
    streamed: a chunk still filling is submitted by extract_all; results in input order,
    equal to extraction here."""
    settings = {**_settings(tmp_path), "BRIEFING_PROCESSES": 2}
    many = [copy.deepcopy(docs[i % len(docs)]) for i in range(7)]
    for i, d in enumerate(many):
        d.source = f"{i}-{d.source}"
        d.paragraphs = d.paragraphs[: 2 + i]
    reference = _json(pipeline.extract_all(many, None))
    nlp.reset()
    extraction.runs = 0
    monkeypatch.setattr(workers, "chunk_size", lambda n, w: 3)
    assert pipeline.prestart(settings, len(many))
    assert workers._stream_chunk == 3
    stream = pipeline.streamer(settings)
    for d in many[:4]:  # one chunk of 3 submitted, one document still pending
        stream(d)
    assert len(workers._streamed) == 3 and len(workers._pending) == 1
    out = pipeline.extract_all(many, settings)  # the rest go in chunks of 3 too
    st = pipeline.last_stats
    assert st.streamed == 4 and st.misses == 7 and st.processes == 2
    assert _json(out) == reference
