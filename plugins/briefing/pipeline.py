"""Extraction of a whole site's documents (the expensive stage), behind one call: extract_all.

1. Every document is looked up in the extraction cache (cache.py); a hit costs one small
   file read and never loads the NLP model.
2. The misses are extracted: in this process when there are few of them (the model is
   loaded once per process and stays warm under `briefing serve`), otherwise in a pool of
   BRIEFING_PROCESSES worker processes that each load spaCy once (pool initializer).
   A progress bar is shown on a terminal only.
3. Results come back in input order, so the build is deterministic whatever the pool does.
4. A fresh process that will have to extract a few articles (a `briefing build` after one
   edit) starts one worker early (``prestart``, called by the generator as soon as the
   seeds' bytes show what changed): the worker imports spaCy and loads the model (~2 s)
   while this process reads the seeds and loads the cached extractions; ``extract_all``
   then hands it the misses. A warm model (``briefing serve``), a process that already
   extracted, or many misses (the pool) never use it.

``last_stats`` (and the return value of ``stats()``) tells tests and the bench what the
last call did: hits, misses and the sources that were actually extracted.
"""
from __future__ import annotations

import gc
import logging
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import settings as bsettings
from .model import Document, Extraction
from .text import document_slug

log = logging.getLogger("briefing")

# Below this many misses, extraction stays in this process (pool start-up costs a model
# load per worker, ~2 s). With the model already warm in this process the bar is higher.
POOL_MIN_COLD = 4
POOL_MIN_WARM = 48


@dataclass
class PipelineStats:
    hits: int = 0
    misses: int = 0
    extracted: list[str] = field(default_factory=list)  # sources extracted, in input order
    failed: list[str] = field(default_factory=list)
    processes: int = 1  # processes used for the misses (1 = in this process)
    early: bool = False  # the misses went to the worker started by prestart
    cache_dir: str | None = None


last_stats = PipelineStats()
total_stats = PipelineStats()  # accumulated over the life of the process (serve)


def stats() -> PipelineStats:
    return last_stats


def reset_stats() -> None:
    global last_stats, total_stats
    last_stats = PipelineStats()
    total_stats = PipelineStats()


def _cache_for(settings: dict | None):
    if not settings:
        return None
    rel = bsettings.get(settings, "BRIEFING_CACHE_PATH")
    if not rel:
        return None
    from .cache import ExtractionCache, extractor_version

    root = Path(rel)
    if not root.is_absolute():
        root = Path(settings.get("PATH", ".")) / root
    return ExtractionCache(root, extractor_version(_model_name(settings)))


def _model_name(settings: dict | None) -> str:
    from . import nlp

    if not settings:
        return nlp.MODEL_NAME
    return settings.get("BRIEFING_SPACY_MODEL") or nlp.MODEL_NAME


@contextmanager
def _gc_paused():
    """Unpickling a thousand extractions makes hundreds of thousands of small objects and no
    garbage; the cycle collector would scan the growing heap again and again (2-3x the
    loading time), so it waits until they are all loaded."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# ---- worker side -------------------------------------------------------------------------

_worker_nlp = None


def _worker_init(model_name: str) -> None:
    global _worker_nlp
    from . import extract  # noqa: F401 - imported now, before the first document arrives
    from .actors import find_actors  # noqa: F401
    from .nlp import get_nlp
    from .quotes import find_quotes  # noqa: F401

    _worker_nlp = get_nlp(model_name)


def _worker_ready() -> bool:
    return _worker_nlp is not None


def _worker_extract(doc: Document) -> Extraction:
    from .extract import extract_document

    return extract_document(doc, _worker_nlp)


# ---- main side ---------------------------------------------------------------------------


def _progress(total: int):
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return None
    if not sys.stderr.isatty():
        return None
    import shutil

    size = shutil.get_terminal_size((80, 24))  # a terminal may report a 0×0 size: tqdm then hides the bar
    return tqdm(total=total, desc="extracting", unit="article", file=sys.stderr, leave=False,
                ncols=min(size.columns or 80, 100), nrows=size.lines or 24)


def _want_pool(n_misses: int, processes: int) -> bool:
    if processes < 2 or n_misses < 2:
        return False
    from . import nlp

    warm = nlp._nlp is not None
    return n_misses >= (POOL_MIN_WARM if warm else POOL_MIN_COLD)


def _extract_here(docs: list[Document], model_name: str, done) -> None:
    from . import nlp as nlp_mod
    from .extract import extract_document

    loaded = nlp_mod._nlp
    if loaded is not None:  # serve: BRIEFING_SPACY_MODEL changed since the model was loaded
        meta = getattr(loaded, "meta", {}) or {}
        if f"{meta.get('lang')}_{meta.get('name')}" != model_name and "/" not in model_name:
            nlp_mod.reset()
    nlp = nlp_mod.get_nlp(model_name)
    for i, doc in enumerate(docs):
        try:
            ex = extract_document(doc, nlp)
        except Exception as exc:  # a bug in a rule must name the article, not crash the build
            done(i, None, exc)
        else:
            done(i, ex, None)


def _new_pool(workers: int, model_name: str) -> ProcessPoolExecutor:
    ctx = multiprocessing.get_context("spawn")  # never fork a process that runs threads (serve)
    # spawned workers import this package by name: when Pelican loaded it from PLUGIN_PATHS
    # (not installed), its folder must be on the sys.path the workers inherit
    pkg_parent = str(Path(__file__).resolve().parent.parent)
    if pkg_parent not in sys.path:
        sys.path.append(pkg_parent)
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init,
                               initargs=(model_name,))


def _extract_pool(docs: list[Document], model_name: str, processes: int, done) -> None:
    workers = min(processes, len(docs))
    with _new_pool(workers, model_name) as pool:
        futures = {pool.submit(_worker_extract, d): i for i, d in enumerate(docs)}
        for fut in as_completed(futures):
            i = futures[fut]
            exc = fut.exception()
            if isinstance(exc, BrokenProcessPool):  # a worker died (memory?): fail the build
                raise exc
            done(i, None if exc else fut.result(), exc)


# ---- the early worker (one edit in a fresh process) ----------------------------------------

_early: tuple[ProcessPoolExecutor, str] | None = None  # (pool of one, model name)
_extractions_run = 0  # extract_all calls in this process: only the first may use prestart


def _in_serve() -> bool:
    return "briefing.serve" in sys.modules


def prestart(settings: dict | None, expected_misses: int) -> bool:
    """Start one worker that loads the model now, when a fresh process expects to extract a
    few articles (1 ≤ expected_misses < POOL_MIN_COLD); ``extract_all`` gives it the misses.
    Never in a process whose model is warm or that extracted before (serve keeps the model
    in-process), never without a cache (then everything is a miss: the pool's job)."""
    global _early
    from . import nlp

    if (_early is not None or not settings or _extractions_run or _in_serve() or nlp._nlp is not None
            or not 1 <= expected_misses < POOL_MIN_COLD or _cache_for(settings) is None):
        return False
    model_name = _model_name(settings)
    try:
        pool = _new_pool(1, model_name)
        pool.submit(_worker_ready)  # starts the process: it imports spaCy and loads the model now
    except Exception as exc:  # cannot start a process here: extract in this process later
        log.debug("briefing: no early extraction worker (%s)", exc)
        return False
    _early = (pool, model_name)
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
    from .parsing import is_seed

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


def prestart_for(settings: dict) -> bool:
    """``prestart`` as early as a build can call it (right after reading the settings): the
    seeds the document cache has not seen are the expected misses."""
    from . import nlp

    if not settings or _early is not None or _extractions_run or _in_serve() or nlp._nlp is not None:
        return False
    try:
        n = expected_misses(settings)
    except Exception as exc:  # a guess only: never a reason for a build to fail
        log.debug("briefing: no early extraction worker (%s)", exc)
        return False
    return prestart(settings, n)


def _take_early(model_name: str) -> ProcessPoolExecutor | None:
    global _early
    early, _early = _early, None
    if early is None:
        return None
    if early[1] != model_name:
        _stop(early[0])
        return None
    return early[0]


def _stop(pool: ProcessPoolExecutor) -> None:
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
        _stop(_early[0])
        _early = None


def _collect_early(pool: ProcessPoolExecutor, futures: list, docs: list[Document], model_name: str, done) -> bool:
    """Results of the misses from the early worker, in input order. False (nothing reported)
    when the worker died before extracting anything: the caller then extracts here."""
    try:
        for i, fut in enumerate(futures):
            exc = fut.exception()
            if isinstance(exc, BrokenProcessPool):
                if i == 0:
                    return False
                _extract_here(docs[i:], model_name, lambda j, ex, e: done(i + j, ex, e))
                return True
            done(i, None if exc else fut.result(), exc)
        return True
    finally:
        pool.shutdown(wait=False)


def extract_all(documents: list[Document], settings: dict | None = None) -> list[Extraction]:
    """Extractions of documents, in the same order; cached ones are not re-extracted.

    An article whose extraction raises (a rule that fails on unusual text) is never allowed
    to break the rest of the site: one warning line names the article and the error, and
    the article is published without actors and quotes (not cached, so it is retried on
    the next build).
    """
    global last_stats, _extractions_run
    _extractions_run += 1
    st = PipelineStats()
    cache = _cache_for(settings)
    st.cache_dir = str(cache.dir) if cache else None
    model_name = _model_name(settings)
    early = _take_early(model_name)
    results: list[Extraction | None] = [None] * len(documents)
    keys: list[str | None] = [None] * len(documents)
    todo: list[int] = []
    early_futures: dict = {}
    if cache is not None:
        keys = [cache.key(doc) for doc in documents]
        if early is not None:  # the worker gets its documents before the hits are loaded
            todo = [i for i, k in enumerate(keys) if not cache.has(k)]
            if not 1 <= len(todo) < POOL_MIN_COLD:  # nothing to extract after all, or a pool's work
                _stop(early)
                early = None
            else:
                try:
                    early_futures = {i: early.submit(_worker_extract, documents[i]) for i in todo}
                except (BrokenProcessPool, RuntimeError):  # the worker died already: extract here
                    _stop(early)
                    early, early_futures = None, {}
        skip = set(todo)
        with _gc_paused():
            for i, key in enumerate(keys):
                if i in skip:
                    continue
                hit = cache.get(key)
                if hit is not None:
                    results[i] = hit
                else:
                    todo.append(i)
        todo.sort()
    else:
        todo = list(range(len(documents)))
        if early is not None:
            _stop(early)
            early = None
    st.hits = len(documents) - len(todo)
    st.misses = len(todo)

    if todo:
        processes = int(settings.get("BRIEFING_PROCESSES", 2) if settings else 1) or 1
        misses = [documents[i] for i in todo]
        bar = _progress(len(misses))

        def done(j: int, ex: Extraction | None, exc: BaseException | None) -> None:
            i = todo[j]
            src = documents[i].source
            if exc is not None:
                log.warning("briefing: %s: extraction failed: %s: %s — published without actors and quotes",
                            src, exc.__class__.__name__, exc)
                st.failed.append(src)
                doc = documents[i]
                results[i] = Extraction(document=doc, slug=document_slug(doc.title, doc.source))
            else:
                results[i] = ex
                if cache is not None:
                    cache.put(keys[i], ex)
            if bar is not None:
                bar.update(1)

        try:
            if early is not None:
                st.early = True
                try:  # documents found missing only while loading (an unreadable entry) join the queue
                    for i in todo:
                        if i not in early_futures:
                            early_futures[i] = early.submit(_worker_extract, documents[i])
                except (BrokenProcessPool, RuntimeError):
                    early_futures = {}
                if len(early_futures) < len(todo) or not _collect_early(
                        early, [early_futures[i] for i in todo], misses, model_name, done):
                    st.early = False
                    _extract_here(misses, model_name, done)
            elif _want_pool(len(misses), processes):
                st.processes = min(processes, len(misses))
                _extract_pool(misses, model_name, processes, done)
            else:
                _extract_here(misses, model_name, done)
        finally:
            if bar is not None:
                bar.close()
    elif early is not None:
        _stop(early)
    if todo:
        failed = set(st.failed)
        st.extracted = [documents[i].source for i in todo if documents[i].source not in failed]
        log.info("briefing: %d extraction(s) from cache, %d extracted", st.hits, len(st.extracted))

    last_stats = st
    total_stats.hits += st.hits
    total_stats.misses += st.misses
    total_stats.extracted.extend(st.extracted)
    total_stats.failed.extend(st.failed)
    return [r for r in results if r is not None]
