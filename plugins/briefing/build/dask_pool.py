"""Extraction on a Dask cluster: ``briefing build --dask ADDRESS`` or BRIEFING_DASK.

ADDRESS is ``tcp://HOST:PORT`` (any ``scheme://`` Dask speaks) of a running scheduler, or
``local`` / ``local:N`` for a ``LocalCluster`` of N worker processes on this machine
(``local``: one per core). Dask (``distributed``) schedules, moves the data and reruns the
tasks of a worker that died; this module only decides what to send and takes the results.

* Only the build's cache misses are sent (``pipeline.extract_all`` decides), as batches of
  up to ``workers.CHUNK`` parsed Documents: the workers need no shared filesystem, only the
  same briefing version and model package (README: Running on a cluster).
* The tasks (dask_tasks.py) are pure; a batch's key is a hash of its documents' cache keys,
  so a task Dask runs again (its worker died) or another build submits computes the same
  value. The build writes the extractions into its own cache under the same keys as the
  local pool would. Every worker process loads the model once.
* A worker whose extractor differs from the build's refuses the batch; the build then fails
  with one line rather than caching another version's output under this version's keys.
* An unreachable scheduler fails within ``CONNECT_TIMEOUT`` seconds with one line
  (``ClusterError``); so does a task Dask gave up on (it killed several workers).
* ``start_early`` (the command line, ``build_site``) connects — or starts the LocalCluster
  — when some seed is new, and has every worker load the model; ``stream`` then sends each
  new document as soon as it is parsed (in batches), while the other seeds are still read.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import threading

from .dask_tasks import ExtractorMismatch, describe_extractor, extract_batch, warm
from ..model import Document

log = logging.getLogger("briefing")

CONNECT_TIMEOUT = 5  # seconds to reach a scheduler
WORKERS_TIMEOUT = 60  # seconds a scheduler may take to have its first worker
TASK_PREFIX = "briefing-extract"  # what the scheduler's task stream and logs show


class ClusterError(Exception):
    """The cluster cannot do the extraction: the message is one line for the editor."""


def parse_address(value) -> tuple[str, int | None]:
    """("local", N) for ``local`` / ``local:N``; (address, None) for a scheduler address
    (``HOST:PORT`` means ``tcp://HOST:PORT``)."""
    text = str(value or "").strip()
    if text == "local":
        return "local", max(1, os.cpu_count() or 1)
    m = re.fullmatch(r"local:(\d+)", text)
    if m and int(m.group(1)) >= 1:
        return "local", int(m.group(1))
    if not text.startswith("local") and re.fullmatch(r"[a-z][a-z0-9+.-]*://[^\s/]+", text):
        return text, None
    if not text.startswith("local") and re.fullmatch(r"[\w.-]+:\d+", text):
        return "tcp://" + text, None
    raise ClusterError(f"--dask / BRIEFING_DASK: {text!r} is not tcp://HOST:PORT, local or local:N")


def address_of(settings: dict | None) -> str | None:
    value = (settings or {}).get("BRIEFING_DASK")
    return str(value).strip() if value else None


# ---- in the build ------------------------------------------------------------------------

# A LocalCluster's workers: no statistical profiler sampling every extraction's stack each
# 10 ms, no malloc trimming after every free (spaCy allocates and frees a lot): together
# ~25% of the workers' CPU time here. Workers of a cluster started by hand take the same
# settings from their environment (README: Running on a cluster).
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


class Session:
    """A client of a scheduler (and the LocalCluster it started, if any)."""

    def __init__(self, address: str, client, cluster=None):
        self.address, self.client, self.cluster = address, client, cluster
        self.warmed: list = []

    def threads(self) -> int:
        try:
            return max(1, sum(self.client.nthreads().values()))
        except Exception:  # noqa: BLE001 - a guess for the batch size only
            return 1

    def warm(self, model_name: str, version: str) -> None:
        """Every worker loads the model now (fire and forget: batches queue behind)."""
        try:
            for addr in self.client.nthreads():
                self.warmed.append(self.client.submit(warm, model_name, version, workers=[addr],
                                                      allow_other_workers=False, pure=False))
        except Exception as exc:  # noqa: BLE001 - a head start only
            log.debug("briefing: no model warm-up on the cluster (%s)", exc)

    def submit(self, docs: list[Document], keys: list[str], model_name: str, version: str):
        return self.client.submit(extract_batch, docs, model_name, version, key=_batch_key(keys))

    def close(self) -> None:
        self.warmed.clear()
        for thing in (self.client, self.cluster):
            if thing is not None:
                try:
                    thing.close()
                except Exception:  # noqa: BLE001 - leaving anyway
                    pass
        release_threads()


def release_threads() -> None:
    """End the thread distributed keeps after its clients closed (the one worker of its
    "offload" pool, which deserialises large messages): the render stage forks only a
    process with one thread (render/split.py), so a leftover thread would render every
    page of a cold --dask build in one process. A fresh pool takes its place; its thread
    starts only if a later session offloads again. (A module attribute of distributed
    2026.8, the pinned version; without it nothing is done.)"""
    try:
        from concurrent.futures import ThreadPoolExecutor

        from distributed import utils
    except ImportError:
        return
    old = getattr(utils, "_offload_executor", None)
    if not isinstance(old, ThreadPoolExecutor) or not getattr(old, "_threads", None):
        return
    utils._offload_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="Dask-Offload")
    old.shutdown(wait=True)


def connect(address: str) -> Session:
    """A session with the scheduler at ``address`` (or a new LocalCluster); ClusterError
    when it cannot be reached in CONNECT_TIMEOUT seconds or has no worker."""
    where, n = parse_address(address)
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ClusterError("--dask needs the dask extra: pip install 'briefing[dask]'") from exc
    if where == "local":
        from .workers import make_importable

        make_importable()
        try:
            with dask.config.set(LOCAL_WORKER_CONFIG):
                cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                                       silence_logs=logging.WARNING)
            return Session(address, Client(cluster), cluster)
        except Exception as exc:  # noqa: BLE001
            raise ClusterError(f"cannot start a local Dask cluster of {n} worker(s): {exc}") from exc
    _check_reachable(where)
    try:
        client = Client(where, timeout=f"{CONNECT_TIMEOUT}s")
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {where} (no answer within {CONNECT_TIMEOUT} s)") from exc
    except Exception as exc:  # noqa: BLE001 - a scheduler of another Dask version, a bad TLS setup…
        raise ClusterError(f"cannot use the Dask scheduler at {where}: {exc.__class__.__name__}: {exc}") from exc
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except Exception as exc:  # noqa: BLE001
        client.close()
        raise ClusterError(f"the Dask scheduler at {where} has no worker (none joined within {WORKERS_TIMEOUT} s)") from exc
    return Session(address, client)


def _check_reachable(where: str) -> None:
    """A plain TCP connection to a ``tcp://`` scheduler first: a refused one fails at once,
    and a failed Client would leave distributed's event-loop thread running in this process
    (which then renders in one process: render/split.py forks only with one thread)."""
    import socket

    if not where.startswith("tcp://"):
        return
    host, _, port = where[len("tcp://"):].rpartition(":")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT).close()
    except (OSError, ValueError) as exc:
        reason = f"no answer within {CONNECT_TIMEOUT} s" if isinstance(exc, TimeoutError) else (
            getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__)
        raise ClusterError(f"cannot reach the Dask scheduler at {where} ({reason})") from exc


class _Early:
    """A session start_early is making (a LocalCluster starts in a thread), and the batches
    streamed to it while the seeds are read: {cache key: (future, position in its batch)}."""

    def __init__(self, address: str, model_name: str, version: str, expected: int):
        self.address, self.model_name, self.version = address, model_name, version
        self.expected = expected  # misses the build expects (for the batch size)
        self.session: Session | None = None
        self.error: ClusterError | None = None
        self.thread: threading.Thread | None = None
        self.pending: list[tuple[str, Document]] = []
        self.streamed: dict[str, tuple] = {}
        self.size = 0

    def start(self) -> None:
        try:
            self.session = connect(self.address)
        except ClusterError as exc:
            self.error = exc
            return
        self.session.warm(self.model_name, self.version)

    def ready(self) -> bool:
        return self.session is not None and (self.thread is None or not self.thread.is_alive())

    def wait(self) -> Session | None:
        if self.thread is not None:
            self.thread.join()
        if self.error is not None:
            raise self.error
        return self.session

    def stream(self, key: str, doc: Document) -> None:
        if key in self.streamed or any(k == key for k, _ in self.pending):
            return
        self.pending.append((key, doc))
        if self.ready():
            if not self.size:
                self.size = _batch_size(self.expected, self.session.threads())
            while len(self.pending) >= self.size:
                self.flush(self.size)

    def flush(self, size: int) -> None:
        """Submit the next ``size`` pending documents as one batch."""
        batch, self.pending = self.pending[:size], self.pending[size:]
        if not batch or self.session is None:
            return
        try:
            fut = self.session.submit([d for _, d in batch], [k for k, _ in batch], self.model_name, self.version)
        except Exception as exc:  # noqa: BLE001 - ``extract`` submits them again, and reports
            log.debug("briefing: streaming to the cluster failed (%s)", exc)
            return
        for pos, (key, _) in enumerate(batch):
            self.streamed[key] = (fut, pos)


_early: _Early | None = None


def start_early(address: str, model_name: str, version: str, expected: int) -> bool:
    """Connect now (the build expects ``expected`` misses): a remote scheduler
    synchronously, so that an unreachable one fails the build at once (ClusterError); a
    LocalCluster in a thread, so that it starts while the seeds are read. Either way every
    worker starts loading the model, and ``stream`` can send documents as they are parsed."""
    global _early
    where, _ = parse_address(address)
    if _early is not None and _early.address == address:
        return True
    cancel_early()
    early = _Early(address, model_name, version, expected)
    if where == "local":
        early.thread = threading.Thread(target=early.start, name="briefing-dask-start", daemon=True)
        early.thread.start()
    else:
        early.start()
        if early.error is not None:
            raise early.error
    _early = early
    return True


def streaming(address: str | None, model_name: str) -> bool:
    """``stream`` sends documents to the cluster ``start_early`` reached for ``address``."""
    return _early is not None and address == _early.address and _early.model_name == model_name


def stream(key: str, doc: Document) -> None:
    """Send a freshly parsed document whose extraction is not cached to the cluster now (in
    a batch, once the batch is full and the cluster ready); ``take`` hands the futures on."""
    if _early is not None:
        _early.stream(key, doc)


def take(address: str) -> tuple[Session, dict[str, tuple]]:
    """The session ``start_early`` made for ``address`` (waiting for it to start) and the
    batches streamed to it ({cache key: (future, position)}); or a new session."""
    global _early
    early, _early = _early, None
    if early is not None and early.address != address:
        _close(early)
        early = None
    session = early.wait() if early is not None else None
    if session is None:
        return connect(address), {}
    return session, early.streamed  # documents still pending go in ``extract``'s batches


def _close(early: _Early) -> None:
    try:
        session = early.wait()
    except ClusterError:
        return
    if session is not None:
        session.close()


def cancel_early() -> None:
    """Close a session start_early made that nobody took (waiting for a starting one)."""
    global _early
    early, _early = _early, None
    if early is not None:
        _close(early)


def _batch_key(keys: list[str]) -> str:
    h = hashlib.sha256("\0".join(keys).encode("ascii"))
    return f"{TASK_PREFIX}-{h.hexdigest()[:32]}"


def _batch_size(n_docs: int, threads: int) -> int:
    from .workers import chunk_size

    return chunk_size(n_docs, threads)


def extract(session: Session, docs: list[Document], keys: list[str], model_name: str, version: str, done,
            progress=None, streamed: dict | None = None) -> None:
    """Extract ``docs`` (their cache keys ``keys``) on the cluster; ``done(i, extraction,
    exception)`` for each, as the batches finish (``streamed``: batches already submitted,
    by cache key). ClusterError when the cluster fails (the scheduler is lost, a worker's
    extractor differs, a batch killed its workers)."""
    from distributed import as_completed

    streamed = streamed or {}
    futures: dict = {}  # future → [(position in its batch, index in docs)]
    for i, key in enumerate(keys):
        if key in streamed:
            fut, pos = streamed[key]
            futures.setdefault(fut, []).append((pos, i))
    rest = [i for i, key in enumerate(keys) if key not in streamed]
    size = _batch_size(len(rest), session.threads())
    try:
        for c in range(0, len(rest), size):
            idx = rest[c:c + size]
            fut = session.submit([docs[i] for i in idx], [keys[i] for i in idx], model_name, version)
            futures[fut] = list(enumerate(idx))
        for fut in as_completed(futures):
            results = _result(fut, [docs[i].source for _, i in futures[fut]], session.address, model_name)
            for pos, i in futures[fut]:
                r = results[pos]
                if isinstance(r, BaseException):
                    done(i, None, r)
                else:
                    done(i, r, None)
            if progress is not None:
                progress(len(session.client.nthreads()))
    finally:
        for fut in {f for f, _ in streamed.values()} | set(futures):
            fut.release()


def _result(fut, sources: list[str], address: str, model_name: str) -> list:
    from distributed import KilledWorker

    try:
        return fut.result()
    except ExtractorMismatch as exc:
        raise ClusterError(f"{exc}: install the same briefing version and model package on every Dask worker "
                           f"(this build: {describe_extractor(model_name)})") from exc
    except KilledWorker as exc:
        raise ClusterError(f"the Dask workers running {', '.join(sources[:3])} died repeatedly "
                           f"(out of memory?): {exc}") from exc
    except (ModuleNotFoundError, ImportError) as exc:
        raise ClusterError(f"a Dask worker cannot import the extractor ({exc}): install the same briefing "
                           f"version on every worker") from exc
    except Exception as exc:  # noqa: BLE001 - the scheduler was lost, a worker cannot load the model…
        raise ClusterError(f"extraction on the Dask cluster at {address} failed: {exc.__class__.__name__}: {exc}") from exc
