"""Extraction in other processes: the pool for many new articles, and the early worker.

* The pool (``extract_pool``): BRIEFING_PROCESSES spawned workers that each load spaCy once
  (pool initializer) and extract chunks of documents (one spaCy pass over a chunk's
  paragraphs, ``extract.extract_documents``) in any order; the caller puts results back in
  input order. In a cold `briefing build` the pool starts early too, and each seed is handed
  to it as soon as it is parsed (``stream``).
* The early worker (``prestart``): a fresh process that will have to extract a few articles
  (a `briefing build` after one edit) starts one worker as soon as the seeds' bytes show
  what changed; it imports spaCy and loads the model (~1.5-2 s) while this process reads the
  seeds and loads the cached extractions, then ``pipeline.extract_all`` hands it the misses
  (``take_early`` / ``collect_early``). A warm model (``briefing serve``), a process that
  already extracted, a build with nothing new or with many new articles (the pool) never
  start it; an unused one is stopped (``stop``), a dead one means extraction in this process.
"""
from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.context
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .. import settings as bsettings
from . import extraction
from ..model import Document, Extraction

log = logging.getLogger("briefing")

# ---- in the worker -------------------------------------------------------------------------

_worker_nlp = None


def _worker_init(model_name: str) -> None:
    global _worker_nlp
    from ..extract import article  # noqa: F401 - imported now (actors, quotes too), before the first document arrives
    from ..extract.nlp import get_nlp

    _worker_nlp = get_nlp(model_name)


def _worker_ready() -> bool:
    return _worker_nlp is not None


def _worker_extract(doc: Document) -> Extraction:
    from ..extract.article import extract_document

    return extract_document(doc, _worker_nlp)


def _worker_extract_many(docs: list[Document]) -> list[Extraction | Exception]:
    """A chunk of documents (``extract.extract_documents``); an exception that would not
    survive the way back is replaced by a RuntimeError with its text."""
    from ..extract.article import extract_documents

    return picklable_results(extract_documents(docs, _worker_nlp))


def picklable_results(out: list[Extraction | Exception]) -> list[Extraction | Exception]:
    """``out`` with every exception that would not survive the way back to the build (it
    cannot be pickled) replaced by a RuntimeError with its text."""
    import pickle

    for i, r in enumerate(out):
        if isinstance(r, Exception):
            try:
                pickle.dumps(r)
            except Exception:  # noqa: BLE001
                out[i] = RuntimeError(f"{type(r).__name__}: {r}")
    return out


CHUNK = 8  # documents per work item of the pool (one spaCy pass over their paragraphs)


def chunk_size(n_docs: int, workers: int) -> int:
    """Documents per work item: up to CHUNK, but at least ~8 items per worker, so that the
    last items, which one worker finishes while the other waits, stay short."""
    return max(1, min(CHUNK, n_docs // (max(1, workers) * 8)))


class _WorkerProcess(multiprocessing.context.SpawnProcess):
    """A spawned worker that does not run the parent's main script again.

    spawn re-imports a script's ``__main__`` in every child; a script that calls
    ``build_site`` without an ``if __name__ == "__main__":`` guard would then build again
    in the child, which cannot start processes while bootstrapping, and the parent waited
    forever. The workers only run this package's functions: the script is not needed."""

    def start(self):
        main = sys.modules.get("__main__")
        path = None
        if main is not None and getattr(main, "__spec__", None) is None:  # a script, not `-m module`
            path = main.__dict__.pop("__file__", None)
        try:
            super().start()
        finally:
            if path is not None:
                main.__file__ = path


class _WorkerContext(multiprocessing.context.SpawnContext):
    Process = _WorkerProcess


def make_importable() -> None:
    """Spawned workers import this package by name: when Pelican loaded it from PLUGIN_PATHS
    (not installed), its folder must be on the sys.path the workers inherit."""
    pkg_parent = str(Path(__file__).resolve().parent.parent.parent)
    if pkg_parent not in sys.path:
        sys.path.append(pkg_parent)


def new_pool(workers: int, model_name: str) -> ProcessPoolExecutor:
    ctx = _WorkerContext()  # spawn: never fork a process that runs threads (serve)
    make_importable()
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init,
                               initargs=(model_name,))


def extract_pool(docs: list[Document], model_name: str, processes: int, done,
                 pool: ProcessPoolExecutor | None = None, started: dict | None = None) -> None:
    """Extract ``docs`` on ``processes`` workers, in chunks of documents (``pool``: started
    early by ``prestart``; ``started``: {index in docs: (future, position in its chunk)} of
    extractions already submitted to it by ``stream``). ``done(i, extraction, exception)``
    is called for every document, in the order the chunks finish."""
    workers = min(processes, len(docs))
    started = started if pool is not None and started else {}
    with pool if pool is not None else new_pool(workers, model_name) as pool:
        futures: dict = {}  # future → {position in its chunk: index in docs}
        for i, (fut, pos) in started.items():
            futures.setdefault(fut, {})[pos] = i
        rest = [i for i in range(len(docs)) if i not in started]
        size = chunk_size(len(docs), workers)
        for c in range(0, len(rest), size):
            idx = rest[c:c + size]
            futures[pool.submit(_worker_extract_many, [docs[i] for i in idx])] = dict(enumerate(idx))
        for fut in as_completed(futures):
            exc = fut.exception()
            if isinstance(exc, BrokenProcessPool):  # a worker died (memory?): fail the build
                raise exc
            results = None if exc else fut.result()
            for pos, i in sorted(futures[fut].items()):
                r = exc if results is None else results[pos]
                if isinstance(r, BaseException):
                    done(i, None, r)
                else:
                    done(i, r, None)


# ---- the early worker (one edit in a fresh process) ----------------------------------------

_early: tuple[ProcessPoolExecutor, str, int] | None = None  # (pool, model name, its size)
_streamed: dict[str, tuple] = {}  # extraction cache key → (future, position in its chunk): by ``stream``
_pending: list[tuple[str, Document]] = []  # streamed documents not submitted yet (a chunk fills)
_stream_chunk = 1  # documents per streamed work item (set by ``prestart`` from the expected misses)


def reset_build_state() -> None:
    _streamed.clear()
    _pending.clear()


def early_pool_loads(model_name: str) -> bool:
    """An early extraction pool (not a single worker) is loading or has loaded ``model_name``."""
    return _early is not None and _early[2] > 1 and _early[1] == model_name


def stream(key: str, doc: Document) -> bool:
    """Submit ``doc`` to the early extraction pool now, while the other seeds are still read
    (a cold build: the workers have their model before the last seed is parsed, and would
    otherwise wait for all of them). ``extract_all`` collects it with ``take_streamed``."""
    if _early is None or _early[2] < 2 or key in _streamed or any(k == key for k, _ in _pending):
        return False
    _pending.append((key, doc))
    if len(_pending) >= _stream_chunk:
        _submit_pending()
    return True


def _submit_pending(pool: ProcessPoolExecutor | None = None) -> None:
    chunk = list(_pending)
    _pending.clear()
    pool = pool if pool is not None else (_early[0] if _early is not None else None)
    if not chunk or pool is None:
        return
    try:
        fut = pool.submit(_worker_extract_many, [doc for _, doc in chunk])
    except (BrokenProcessPool, RuntimeError):  # a dead pool: extract_all finds out and decides
        return
    for pos, (key, _) in enumerate(chunk):
        _streamed[key] = (fut, pos)


def take_streamed(keys: list, pool: ProcessPoolExecutor | None = None) -> dict[int, tuple]:
    """{position in ``keys``: (future, position in its chunk)} of the extractions ``stream``
    started (a chunk still filling is submitted now, to ``pool``: the early pool, taken);
    forgets them all."""
    _submit_pending(pool)
    got = {j: _streamed.pop(k) for j, k in enumerate(keys) if k in _streamed}
    _streamed.clear()
    return got


def _in_serve() -> bool:
    return "briefing.build.serve" in sys.modules


def prestart(settings: dict | None, expected_misses: int) -> bool:
    """Start one worker that loads the model now, when a fresh process expects to extract a
    few articles (1 ≤ expected_misses < POOL_MIN_COLD); ``extract_all`` gives it the misses.
    Never in a process whose model is warm or that extracted before (serve keeps the model
    in-process), never without a cache (then everything is a miss: the pool's job)."""
    global _early, _stream_chunk
    from ..extract import nlp

    if (_early is not None or not settings or settings.get("BRIEFING_DASK") or extraction.runs or _in_serve()
            or nlp._nlp is not None or expected_misses < 1 or extraction.cache_for(settings) is None):
        return False
    processes = int(settings.get("BRIEFING_PROCESSES", 2) or 1)
    # many misses: the whole extraction pool starts now (its models load while the seeds are read)
    size = 1 if expected_misses < extraction.POOL_MIN_COLD else min(processes, expected_misses)
    if size < 2 and expected_misses >= extraction.POOL_MIN_COLD:  # one process configured: extract here
        return False
    model_name = extraction.model_name(settings)
    try:
        pool = new_pool(size, model_name)
        for _ in range(size):  # starts the processes: each imports spaCy and loads the model now
            pool.submit(_worker_ready)
    except Exception as exc:  # cannot start a process here: extract in this process later
        log.debug("briefing: no early extraction worker (%s)", exc)
        return False
    _early = (pool, model_name, size)
    _stream_chunk = chunk_size(expected_misses, size) if size > 1 else 1
    if not _exit_hook_set:
        _set_exit_hook()
    return True


_exit_hook_set = False


def _set_exit_hook() -> None:
    """A build that fails before it extracts must not wait at exit for the worker to finish
    loading the model: stop it first (concurrent.futures joins its workers at interpreter
    exit, in threading's exit hooks, which run before atexit's)."""
    global _exit_hook_set
    import threading

    register = getattr(threading, "_register_atexit", None)
    if register is not None:
        try:
            register(cancel_prestart)
        except RuntimeError:  # interpreter already shutting down
            return
    _exit_hook_set = True


def expected_misses(settings: dict) -> int:
    """How many seeds have bytes the document cache has not seen (each is very likely an
    extraction to make): a read and a hash per seed, no parsing."""
    from .cache import DocumentCache, reader_version
    from ..read.dispatch import is_seed

    rel = bsettings.get(settings, "BRIEFING_CACHE_PATH")
    seeds = Path(settings.get("PATH", "."), bsettings.get(settings, "BRIEFING_SEEDS_PATH"))
    if not rel or not seeds.is_dir():
        return 0
    root = Path(rel)
    if not root.is_absolute():
        root = Path(settings.get("PATH", ".")) / root
    store = DocumentCache(root.with_name(root.name + "-read"), reader_version())
    n = 0
    for p in seeds.iterdir():
        if p.name.startswith(".") or p.name.lower() == "readme.md" or not is_seed(p) or not p.is_file():
            continue
        try:
            n += not store.has(store.key_for(p.name, p.read_bytes()))
        except OSError:
            continue
    return n


def settings_from_file(settings_file: str) -> dict | None:
    """The settings module run as Pelican would (PATH relative to its folder), without
    Pelican's defaults, which an early start does not need; None on any problem (the build
    reports it)."""
    import os
    import runpy

    try:
        conf = Path(settings_file).resolve()
        ns = runpy.run_path(str(conf))
        settings = {k: v for k, v in ns.items() if k.isupper()}
        path = settings.get("PATH") or str(conf.parent)
        if not isinstance(path, str):
            return None
        settings["PATH"] = os.path.normpath(os.path.join(str(conf.parent), os.path.expanduser(path)))
        return settings
    except BaseException as exc:  # noqa: BLE001 - a settings file may even call sys.exit
        log.debug("briefing: settings not read early (%s)", exc)
        return None


def prestart_from_file(settings_file: str) -> bool:
    """``prestart_for`` before Pelican is even imported (the command line's first step). A
    guess only: any problem means no early worker, and the build starts one later if it is
    still worth it."""
    settings = settings_from_file(settings_file)
    return prestart_for(settings) if settings is not None else False


def prestart_for(settings: dict) -> bool:
    """``prestart`` as early as a build can call it (right after reading the settings): the
    seeds the document cache has not seen are the expected misses."""
    from ..extract import nlp

    if not settings or _early is not None or extraction.runs or _in_serve() or nlp._nlp is not None:
        return False
    try:
        n = expected_misses(settings)
    except Exception as exc:  # a guess only: never a reason for a build to fail
        log.debug("briefing: no early extraction worker (%s)", exc)
        return False
    return prestart(settings, n)


def take_early(model_name: str, pool: bool = False) -> ProcessPoolExecutor | None:
    """The early worker (``pool`` False) or the early extraction pool (``pool`` True)
    started by ``prestart``, if it loads ``model_name``; None otherwise (the other kind is
    left where it is)."""
    global _early
    if _early is None or (_early[2] > 1) != pool:
        return None
    early, _early = _early, None
    if early[1] != model_name:
        stop(early[0])
        return None
    return early[0]


def stop(pool: ProcessPoolExecutor) -> None:
    """Shut a pool down without waiting for a worker still loading the model."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        try:
            proc.terminate()
        except Exception:  # already gone
            pass


def cancel_prestart() -> None:
    """Drop an early worker nobody will use (its model load is simply abandoned)."""
    global _early
    if _early is not None:
        stop(_early[0])
        _early = None


def collect_early(pool: ProcessPoolExecutor, futures: list, docs: list[Document], model_name: str, done) -> bool:
    """Results of the misses from the early worker, in input order. False (nothing reported)
    when the worker died before extracting anything: the caller then extracts here."""
    try:
        for i, fut in enumerate(futures):
            exc = fut.exception()
            if isinstance(exc, BrokenProcessPool):
                if i == 0:
                    return False
                extraction.extract_here(docs[i:], model_name, lambda j, ex, e: done(i + j, ex, e))
                return True
            done(i, None if exc else fut.result(), exc)
        return True
    finally:
        pool.shutdown(wait=False)
