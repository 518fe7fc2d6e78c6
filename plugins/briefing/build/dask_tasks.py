"""The tasks a Dask worker runs for ``briefing build --dask`` (dask_pool.py sends them).

Pure functions of their arguments: parsed Documents in, extractions out; nothing is read
from or written to a filesystem, so a task Dask reruns (its worker died) or runs twice gives
the same value. The only state is the worker process's spaCy pipeline, loaded by the first
task (``warm``, sent to every worker as soon as the build connects) and kept by ``nlp``.
Batches run one at a time per process (a worker started with several threads runs them
one after another: spaCy's pipeline is not shared between threads).

Before it extracts, a task checks that this worker's extractor is the build's
(``cache.extractor_version``: code, rules, model and spaCy): results of another version
would be cached under this version's keys. A mismatch raises ExtractorMismatch, which the
build turns into one line naming both sides.
"""
from __future__ import annotations

import os
import threading

from ..model import Document, Extraction

_lock = threading.Lock()  # one extraction at a time per worker process
_model_name: str | None = None
_versions: dict[str, str] = {}


class ExtractorMismatch(Exception):
    """A worker's extractor is not the build's (raised on the worker, read by the build)."""


def _model(name: str):
    """The spaCy pipeline of this worker process, loaded on first use (``nlp`` keeps it)."""
    global _model_name
    from ..extract import nlp

    if _model_name != name:
        nlp.reset()
        _model_name = name
    return nlp.get_nlp(name)


def describe_extractor(model_name: str) -> str:
    """What the extractor version is made of, for an editor: package, model, spaCy."""
    from importlib.metadata import PackageNotFoundError, version

    from ..extract import nlp
    from .cache import _spacy_version

    try:
        pkg = version("briefing")
    except PackageNotFoundError:
        pkg = "not installed"
    return f"briefing {pkg}, {nlp.model_signature(model_name)}, spacy {_spacy_version()}"


def _check_version(model_name: str, version: str) -> None:
    from .cache import extractor_version

    mine = _versions.get(model_name)
    if mine is None:
        mine = _versions[model_name] = extractor_version(model_name)
    if mine != version:
        raise ExtractorMismatch(f"a worker's extractor is version {mine} ({describe_extractor(model_name)}), "
                                f"the build's {version}")


def warm(model_name: str, version: str) -> int:
    """Load the model in this worker process now (while the build still reads its seeds)."""
    with _lock:
        _check_version(model_name, version)
        _model(model_name)
    return os.getpid()


def extract_batch(docs: list[Document], model_name: str, version: str) -> list[Extraction | Exception]:
    """The extractions of ``docs`` (an exception in place of a document whose extraction
    raised: the build reports it per article, as with the local pool)."""
    from ..extract.article import extract_documents
    from .workers import picklable_results

    with _lock:
        _check_version(model_name, version)
        return picklable_results(extract_documents(docs, _model(model_name)))
