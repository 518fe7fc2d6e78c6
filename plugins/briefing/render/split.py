"""Render many pages on two processes: ``run(jobs)`` runs a list of page jobs (callables that
render and write one page each, through the render memo), half of them in a forked child.

A cold build (or a build after a code change) renders every page again: ~5,400 pages at
1,000 articles, ~9 s on one core. The jobs are independent (each reads the linked site, which
nothing changes while pages are written, and writes its own files), so a child forked from
the build's process takes every other job and the build's process the rest. The child writes
its files into the same build folder and sends back what the build needs to know of them:
the render memo's records (fingerprints and hashes for the next build's manifest), the paths
Pelican's writer must know were written, and the log records (a warning or error in the
child is logged by the build's process, so an error still fails the build). An exception in
a child job fails the build like one in the build's process; so does a child that dies.

The split happens only where it is safe and worth it: ``processes`` > 1, at least
``MIN_JOBS`` jobs, a platform with ``fork``, and no other thread in the process (a fork
copies only the calling thread: a lock another thread held would stay held in the child;
``briefing serve``, which runs a server thread, renders in one process). Otherwise the jobs
run here, in order. Both ways write the same bytes (tests/test_split.py).
"""
from __future__ import annotations

import logging
import os
import pickle
import threading
import time
import traceback
from typing import Callable

from . import memo

MIN_JOBS = 200
last_run: dict = {}  # how the last run went (tests, the bench): {"jobs": n, "processes": p}


class RenderChildError(RuntimeError):
    """A forked render child failed without an exception the build could re-raise."""


class _Collect(logging.Handler):
    """Holds the child's log records for the build's process to log."""

    def __init__(self):
        super().__init__(level=logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg = record.getMessage()  # args formatted here: they may not pickle
        record.args = None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)


def _can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def run(jobs: list[Callable[[], None]], processes: int = 2, writer=None) -> None:
    """Run every job; on two processes when safe and worth it (see the module's doc).
    ``writer``: Pelican's writer, told of the files the child wrote."""
    last_run.clear()
    last_run.update(jobs=len(jobs), processes=1)
    if processes < 2 or len(jobs) < MIN_JOBS:
        for job in jobs:
            job()
        return
    memo.flush_writes()  # the memo's writer thread ends here: the process has one thread again
    if not _can_fork():
        for job in jobs:
            job()
        return
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: every other job, then its report, then exit without cleanup
        code = 1
        try:
            os.close(read_end)
            code = _child(jobs[1::2], writer, write_end)
        finally:
            os._exit(code)
    os.close(write_end)
    last_run.update(processes=2, child=pid)
    t0 = time.perf_counter()
    try:
        with memo.synchronous_writes():
            for job in jobs[0::2]:
                job()
    except BaseException:
        _reap(pid, read_end)
        raise
    last_run["parent_s"] = time.perf_counter() - t0
    report, status = _reap(pid, read_end)
    last_run["wait_s"] = time.perf_counter() - t0 - last_run["parent_s"]
    if isinstance(report, dict):
        last_run["child_s"] = report.get("seconds")
    _merge(report, status, writer)


def _child(jobs, writer, out_fd: int) -> int:
    """Run ``jobs`` here (the forked child) and write the report to ``out_fd``; the exit code."""
    collect = _Collect()
    root = logging.getLogger()
    for logger in [root, *logging.Logger.manager.loggerDict.values()]:
        if isinstance(logger, logging.Logger):
            logger.handlers = []  # the build's process logs what the child logged
    root.addHandler(collect)
    code = 0
    try:
        written = getattr(writer, "_written_files", None)
        before = set(written) if isinstance(written, set) else set()
        memo.begin_child()
        t0 = time.perf_counter()
        with memo.synchronous_writes():
            for job in jobs:
                job()
        payload = {"seconds": time.perf_counter() - t0, "memo": memo.child_report(),
                   "written": sorted(written - before) if isinstance(written, set) else []}
    except BaseException as exc:  # noqa: BLE001 - reported to the build's process
        payload, code = {"error": _portable(exc)}, 1
    payload["logs"] = collect.records
    try:
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - something in the report does not pickle
        error = RenderChildError(f"rendering failed: the child process could not report ({exc})")
        data, code = pickle.dumps({"error": error, "logs": []}), 1
    with os.fdopen(out_fd, "wb") as fh:
        fh.write(data)
    return code


def _portable(exc: BaseException):
    """The exception itself if it survives pickling, else a RenderChildError with its text."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001
        text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        return RenderChildError(f"rendering failed in a child process: {text}")


def _reap(pid: int, read_end: int) -> tuple[dict | None, int]:
    with os.fdopen(read_end, "rb") as fh:
        data = fh.read()
    _, status = os.waitpid(pid, 0)
    try:
        report = pickle.loads(data) if data else None
    except Exception:  # noqa: BLE001 - a truncated report: the child died writing it
        report = None
    return report, status


def _merge(report: dict | None, status: int, writer) -> None:
    if not isinstance(report, dict):
        how = (f"killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status)
               else f"exit status {os.waitstatus_to_exitcode(status)}")
        raise RenderChildError(f"rendering failed: the child process rendering half of the pages died ({how})")
    for record in report.get("logs", ()):
        logging.getLogger(record.name).handle(record)
    if "error" in report:
        raise report["error"]
    memo.merge_child(report["memo"])
    written = getattr(writer, "_written_files", None)
    if isinstance(written, set):
        written.update(report["written"])
