"""What the pipeline (pipeline.py) and the worker pool (workers.py) both need, below them
both: the model and the cache a build's settings ask for, when misses go to a pool, the
extraction of misses in this process, and how many times ``extract_all`` ran here.
"""
from __future__ import annotations

from pathlib import Path

from .. import settings as bsettings
from ..model import Document

# Below this many misses, extraction stays in this process (pool start-up costs a model
# load per worker, ~2 s). With the model already warm in this process the bar is higher.
POOL_MIN_COLD = 4
POOL_MIN_WARM = 48


runs = 0  # extract_all calls in this process: only the first may use the early worker


def cache_for(settings: dict | None):
    if not settings:
        return None
    rel = bsettings.get(settings, "BRIEFING_CACHE_PATH")
    if not rel:
        return None
    from .cache import ExtractionCache, extractor_version

    root = Path(rel)
    if not root.is_absolute():
        root = Path(settings.get("PATH", ".")) / root
    return ExtractionCache(root, extractor_version(model_name(settings)))


def model_name(settings: dict | None) -> str:
    from ..extract import nlp

    if not settings:
        return nlp.MODEL_NAME
    return settings.get("BRIEFING_SPACY_MODEL") or nlp.MODEL_NAME


def want_pool(n_misses: int, processes: int) -> bool:
    if processes < 2 or n_misses < 2:
        return False
    from ..extract import nlp

    warm = nlp._nlp is not None
    return n_misses >= (POOL_MIN_WARM if warm else POOL_MIN_COLD)


def extract_here(docs: list[Document], model_name: str, done) -> None:
    from ..extract import nlp as nlp_mod
    from ..extract.article import extract_document

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
