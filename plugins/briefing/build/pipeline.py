"""Extraction of a whole site's documents (the expensive stage), behind one call: extract_all.

1. Every document is looked up in the extraction cache (cache.py); a hit costs one small
   file read and never loads the NLP model.
2. The misses are extracted: in this process when there are few of them (the model is
   loaded once per process and stays warm under `briefing serve`), otherwise in a pool of
   BRIEFING_PROCESSES worker processes that each load spaCy once (pool initializer).
   A progress bar is shown on a terminal only.
3. Results come back in input order, so the build is deterministic whatever the pool does.
4. A fresh process that will have to extract a few articles (a `briefing build` after one
   edit) starts one worker early (``prestart``, workers.py) that loads the model while this
   process reads the seeds and loads the cached extractions; ``extract_all`` hands it the
   misses.
5. With BRIEFING_DASK (``briefing build --dask ADDRESS``) the misses go to a Dask cluster
   instead, however few (dask_pool.py; connected early by ``start_cluster_early``); the
   extractions are cached here as usual.

``last_stats`` (and the return value of ``stats()``) tells tests and the bench what the
last call did: hits, misses and the sources that were actually extracted.
"""
from __future__ import annotations

import gc
import logging
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field

from . import dask_pool, extraction, workers
from ..extract import article as bextract
from ..extract.article import extracted_part
from ..model import Document, Extraction
from ..text import document_slug
from .workers import cancel_prestart, collect_early, expected_misses, extract_pool, prestart, prestart_for, stop, take_early

__all__ = ["extract_all", "stats", "reset_stats", "prestart", "prestart_for", "cancel_prestart", "expected_misses",
           "start_cluster_early"]

log = logging.getLogger("briefing")

@dataclass
class PipelineStats:
    hits: int = 0
    misses: int = 0
    extracted: list[str] = field(default_factory=list)  # sources extracted, in input order
    failed: list[str] = field(default_factory=list)
    processes: int = 1  # processes used for the misses (1 = in this process)
    early: bool = False  # the misses went to the worker started by prestart
    streamed: int = 0  # misses submitted to the early pool while the seeds were read
    dask: str | None = None  # the Dask cluster the misses went to (BRIEFING_DASK)
    seconds: float = 0.0  # wall time of extracting the misses (from the first submitted to the last stored)
    cache_dir: str | None = None


last_stats = PipelineStats()
total_stats = PipelineStats()  # accumulated over the life of the process (serve)


def stats() -> PipelineStats:
    return last_stats


def reset_stats() -> None:
    global last_stats, total_stats
    last_stats = PipelineStats()
    total_stats = PipelineStats()


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


def _bounded(doc: Document) -> Document:
    """What of ``doc`` is extracted (``extract.article.extracted_part``: the whole document,
    or its paragraphs within the extraction bound). Applied here, in the build's process,
    where settings and tests set the bound. A malformed document is passed on as it is: it
    fails in its own extraction, with the one warning line of any failed extraction."""
    try:
        return extracted_part(doc)
    except Exception:  # noqa: BLE001 - reported by the extraction, per document
        return doc


# ---- main side ---------------------------------------------------------------------------


def start_cluster_early(settings: dict | None) -> bool:
    """With BRIEFING_DASK, connect to the cluster (or start the LocalCluster) now if some
    seed is new, so that its workers load the model while the seeds are read. A bad address
    or an unreachable scheduler raises dask_pool.ClusterError (one line for the editor)."""
    address = dask_pool.address_of(settings)
    if not address:
        return False
    dask_pool.parse_address(address)  # a bad address fails the build now, whatever is cached
    cache = extraction.cache_for(settings)
    n = expected_misses(settings)
    if cache is None or n < 1:
        return False  # extract_all connects if misses turn up after all
    return dask_pool.start_early(address, extraction.model_name(settings), cache.version, n)


def _extract_on_cluster(address: str, docs: list[Document], keys: list, cache, model_name: str, done, bar,
                        st: PipelineStats) -> None:
    from .cache import document_key, extractor_version

    version = cache.version if cache is not None else extractor_version(model_name)
    keys = [k if k is not None else document_key(d, version) for d, k in zip(docs, keys)]
    session, streamed = dask_pool.take(address)
    st.streamed = sum(1 for k in keys if k in streamed)
    try:
        st.dask, st.processes = address, session.threads()

        def progress(n_workers: int) -> None:
            if bar is not None:
                bar.set_description_str(f"extracting on {n_workers} Dask worker{'s' if n_workers != 1 else ''}",
                                        refresh=False)

        progress(len(session.client.nthreads()))
        dask_pool.extract(session, docs, keys, model_name, version, done, progress, streamed)
    finally:
        session.close()


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


def streamer(settings: dict | None):
    """A function that hands a freshly parsed document to the early extraction pool or the
    Dask cluster at once (``workers.stream``, ``dask_pool.stream``) if its extraction is not
    cached; None when there is no such pool or cluster."""
    if not settings:
        return None
    model_name = extraction.model_name(settings)
    to_cluster = dask_pool.streaming(dask_pool.address_of(settings), model_name)
    if not to_cluster and not workers.early_pool_loads(model_name):
        return None
    cache = extraction.cache_for(settings)
    if cache is None:
        return None
    send = dask_pool.stream if to_cluster else workers.stream

    def stream(doc: Document) -> None:
        key = cache.key(doc)
        if not cache.has(key):
            send(key, _bounded(doc))

    return stream


def extract_all(documents: list[Document], settings: dict | None = None) -> list[Extraction]:
    """Extractions of documents, in the same order; cached ones are not re-extracted.

    An article whose extraction raises (a rule that fails on unusual text) is never allowed
    to break the rest of the site: one warning line names the article and the error, and
    the article is published without actors and quotes (not cached, so it is retried on
    the next build).
    """
    global last_stats
    extraction.runs += 1
    st = PipelineStats()
    cache = extraction.cache_for(settings)
    st.cache_dir = str(cache.dir) if cache else None
    model_name = extraction.model_name(settings)
    early = take_early(model_name)
    early_pool = take_early(model_name, pool=True)
    results: list[Extraction | None] = [None] * len(documents)
    keys: list[str | None] = [None] * len(documents)
    todo: list[int] = []
    early_futures: dict = {}
    if cache is not None:
        keys = [cache.key(doc) for doc in documents]
        if early is not None:  # the worker gets its documents before the hits are loaded
            todo = [i for i, k in enumerate(keys) if not cache.has(k)]
            if not 1 <= len(todo) < extraction.POOL_MIN_COLD:  # nothing to extract after all, or a pool's work
                stop(early)
                early = None
            else:
                try:
                    early_futures = {i: early.submit(workers._worker_extract, _bounded(documents[i])) for i in todo}
                except (BrokenProcessPool, RuntimeError):  # the worker died already: extract here
                    stop(early)
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
            stop(early)
            early = None
    st.hits = len(documents) - len(todo)
    st.misses = len(todo)

    if todo:
        processes = int(settings.get("BRIEFING_PROCESSES", 2) if settings else 1) or 1
        for i in todo:
            if _bounded(documents[i]) is not documents[i]:
                log.warning("briefing: %s: %s characters, over the extraction bound: actors and quotes are "
                            "found in its first %s characters; every paragraph is published",
                            documents[i].source, f"{sum(map(len, documents[i].paragraphs)):,}", f"{bextract.MAX_EXTRACT_CHARS:,}")
        misses = [_bounded(documents[i]) for i in todo]  # the bound is applied here, where settings and tests set it
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
                ex.document = documents[i]  # the whole article is published, extracted or not
                results[i] = ex
                if cache is not None:
                    cache.put(keys[i], ex)
            if bar is not None:
                bar.update(1)

        t_start = time.perf_counter()
        try:
            address = dask_pool.address_of(settings)
            if address:
                _extract_on_cluster(address, misses, [keys[i] for i in todo], cache, model_name, done, bar, st)
            elif early is not None:
                st.early = True
                try:  # documents found missing only while loading (an unreadable entry) join the queue
                    for i in todo:
                        if i not in early_futures:
                            early_futures[i] = early.submit(workers._worker_extract, _bounded(documents[i]))
                except (BrokenProcessPool, RuntimeError):
                    early_futures = {}
                if len(early_futures) < len(todo) or not collect_early(
                        early, [early_futures[i] for i in todo], misses, model_name, done):
                    stop(early)  # the worker died: everything here
                    st.early = False
                    extraction.extract_here(misses, model_name, done)
            elif extraction.want_pool(len(misses), processes):
                st.processes = min(processes, len(misses))
                pool, early_pool = early_pool, None
                started = workers.take_streamed([keys[i] for i in todo], pool) if pool is not None else {}
                st.streamed = len(started)
                extract_pool(misses, model_name, processes, done, pool, started)
            else:
                extraction.extract_here(misses, model_name, done)
        finally:
            st.seconds = time.perf_counter() - t_start
            if bar is not None:
                if bar.n >= len(misses):  # tqdm skips frames within 0.1 s of the last one: the final
                    bar.refresh()  # count is always drawn before the bar is cleared
                bar.close()
            if early_pool is not None:  # started for misses that did not come (or went elsewhere)
                stop(early_pool)
                early_pool = None
    elif early is not None:
        stop(early)
    if early_pool is not None:
        stop(early_pool)
    workers.take_streamed([])  # none left behind for a later build
    dask_pool.cancel_early()  # a cluster started for misses that did not come
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
