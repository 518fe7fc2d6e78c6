"""Extraction of a whole site's documents (the expensive stage). The incremental-rebuild
issue adds the cache and the process pool here; callers only see extract_all()."""
from __future__ import annotations

from .extract import extract_document
from .model import Document, Extraction


def extract_all(documents: list[Document], settings: dict | None = None) -> list[Extraction]:
    return [extract_document(d) for d in documents]
