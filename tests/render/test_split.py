"""Pages rendered on two processes (render/split.py): the same files and memo records as one
process, and a child's logs, exceptions and death reach the build."""
from __future__ import annotations

import logging
import os
import signal
import threading
from pathlib import Path

import pytest

from briefing.render import memo, split

from conftest import build
from test_render_memo import contents, corpus_site, fresh_copy

pytestmark = pytest.mark.build


class Writer:
    """What the memo and split use of Pelican's writer."""

    def __init__(self):
        self._written_files: set[str] = set()


@pytest.fixture
def memo_on(tmp_path, monkeypatch):
    monkeypatch.setattr(split, "MIN_JOBS", 2)
    memo.configure(tmp_path / "final", "code-1")
    out = tmp_path / "build"
    out.mkdir()
    yield out
    memo.reset_build_state()


def page_jobs(out: Path, writer: Writer, n: int, extra=None):
    def job(i):
        def run():
            if extra is not None:
                extra(i)
            memo.write_page(writer, out, f"p/{i}/index.html", _Template(), {"n": i}, fp=memo.fingerprint("page", i))
        return run
    return [job(i) for i in range(n)]


class _Template:
    def render(self, ctx):
        return f"<p>page {ctx['n']} pid-free</p>\n"


def test_jobs_split_over_two_processes_write_every_file_and_record_it(memo_on):
    writer = Writer()
    split.run(page_jobs(memo_on, writer, 9), 2, writer)
    memo.flush_writes()
    assert split.last_run["processes"] == 2
    for i in range(9):
        assert (memo_on / f"p/{i}/index.html").read_text() == f"<p>page {i} pid-free</p>\n"
    assert sorted(memo._records) == sorted(f"p/{i}/index.html" for i in range(9))
    assert memo._records["p/3/index.html"] == memo.fingerprint("page", 3)
    assert all(memo._shas[r] for r in memo._records)
    assert memo.stats["rendered"] == 9
    # Pelican's writer knows the child's files too: a second write of one fails loudly
    assert len(writer._written_files) == 9
    from pelican.writers import FileOverwriteFailedError

    with pytest.raises(FileOverwriteFailedError):
        memo.write_page(writer, memo_on, "p/1/index.html", _Template(), {"n": 1})


def test_one_process_when_asked_or_when_another_thread_runs(memo_on):
    writer = Writer()
    split.run(page_jobs(memo_on, writer, 4), 1, writer)
    assert split.last_run["processes"] == 1
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        writer2 = Writer()
        split.run(page_jobs(memo_on / "b", writer2, 4), 2, writer2)
    finally:
        stop.set()
        t.join()
    assert split.last_run["processes"] == 1  # a fork would copy a process with a second thread
    assert len(writer2._written_files) == 4


def test_a_warning_logged_in_the_child_is_logged_by_the_build(memo_on, caplog):
    writer = Writer()
    pid = os.getpid()

    def warn(i):
        if i == 1:
            logging.getLogger("briefing").warning("page %d rendered in %s", i,
                                                  "the child" if os.getpid() != pid else "the build")

    with caplog.at_level(logging.WARNING, logger="briefing"):
        split.run(page_jobs(memo_on, writer, 4, warn), 2, writer)
    assert split.last_run["processes"] == 2
    assert "page 1 rendered in the child" in caplog.text


def test_an_exception_in_the_child_fails_the_run_with_that_exception(memo_on):
    writer = Writer()

    def boom(i):
        if i == 3:
            raise ValueError(f"template broke on page {i}")

    with pytest.raises(ValueError, match="template broke on page 3"):
        split.run(page_jobs(memo_on, writer, 6, boom), 2, writer)


def test_an_exception_that_cannot_travel_still_fails_the_run(memo_on):
    class Local(Exception):  # a local class does not pickle
        pass

    def boom(i):
        if i == 1:
            raise Local("odd failure")

    with pytest.raises(split.RenderChildError, match="odd failure"):
        split.run(page_jobs(memo_on, Writer(), 4, boom), 2, Writer())


def test_a_child_that_dies_fails_the_run(memo_on):
    def die(i):
        if i == 1:
            os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(split.RenderChildError, match="killed by signal 9"):
        split.run(page_jobs(memo_on, Writer(), 4, die), 2, Writer())


def test_an_exception_in_the_build_process_waits_for_the_child_and_raises(memo_on):
    def boom(i):
        if i == 2:
            raise KeyError("parent side")

    with pytest.raises(KeyError, match="parent side"):
        split.run(page_jobs(memo_on, Writer(), 6, boom), 2, Writer())
    with pytest.raises(ChildProcessError):  # reaped: no zombie left behind
        os.waitpid(split.last_run["child"], os.WNOHANG)


def test_a_site_rendered_on_two_processes_equals_one_rendered_on_one(tmp_path, monkeypatch):
    """Cold builds of the same site, split and not: byte-identical, the same pages recorded
    for the next build (and a rebuild keeps them all)."""
    site = corpus_site(tmp_path / "two", 10, tmp_path / "xcache")
    monkeypatch.setattr(split, "MIN_JOBS", 2)
    out2 = build(site)
    assert split.last_run["processes"] == 2, "the build did not fork"
    two = {rel: memo._shas.get(rel) for rel in memo._records}
    one = fresh_copy(site, tmp_path / "one")
    monkeypatch.setattr(split, "MIN_JOBS", 10 ** 9)
    out1 = build(one)
    assert split.last_run["processes"] == 1
    assert contents(out2) == contents(out1)
    assert {rel: memo._shas.get(rel) for rel in memo._records} == two
    monkeypatch.setattr(split, "MIN_JOBS", 2)
    build(site, force=True)  # the child's records were saved: its pages are kept
    assert split.last_run["processes"] == 1  # pages to keep: no fork
    assert memo.stats["rendered"] == 0 and memo.stats["reused"] >= len(two) // 2


def test_the_child_logs_before_failing_still_reach_the_build(memo_on, caplog):
    def warn_then_fail(i):
        if i == 1:
            logging.getLogger("briefing").warning("page %d looked odd", i)
        if i == 3:
            raise RuntimeError("then broke")

    with caplog.at_level(logging.WARNING, logger="briefing"), pytest.raises(RuntimeError, match="then broke"):
        split.run(page_jobs(memo_on, Writer(), 6, warn_then_fail), 2, Writer())
    assert "page 1 looked odd" in caplog.text


def test_a_report_that_cannot_travel_fails_the_run_clearly(memo_on):
    def keep_unpicklable(i):
        if i == 1:
            memo.keep_value(memo.fingerprint("v", i), lambda: None)  # a lambda does not pickle

    with pytest.raises(split.RenderChildError, match="could not report"):
        split.run(page_jobs(memo_on, Writer(), 4, keep_unpicklable), 2, Writer())


def test_a_page_failing_in_the_child_fails_the_build_and_keeps_the_output(tmp_path, monkeypatch):
    """The whole path: a page that fails to render in the forked child (and only there)
    fails the build with its error; output/ stays byte-identical, no build folder is left."""
    from briefing.build.run import BuildError

    from test_build_atomic import snapshot

    site = corpus_site(tmp_path / "site", 10, tmp_path / "xcache")
    monkeypatch.setattr(split, "MIN_JOBS", 2)
    out = build(site)
    before = snapshot(out)
    parent = os.getpid()
    real = memo.write_page

    def write_page(writer, out_dir, rel, *a, **kw):
        if os.getpid() != parent and rel.startswith("actors/"):
            raise ZeroDivisionError(f"{rel} broke in the child")
        return real(writer, out_dir, rel, *a, **kw)

    monkeypatch.setattr(memo, "write_page", write_page)
    base = site / "theme" / "templates" / "base.html"  # new theme code: every page rendered again
    base.write_text(base.read_text(encoding="utf-8") + "{# edited #}\n", encoding="utf-8")
    with pytest.raises(BuildError, match="ZeroDivisionError: actors/.* broke in the child"):
        build(site)
    assert split.last_run["processes"] == 2
    assert snapshot(out) == before
    assert not list(site.glob(".build-*"))
