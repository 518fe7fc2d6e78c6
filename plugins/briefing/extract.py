"""Extraction of one document: spaCy parse → actors → quotes. Plain data in, plain data out."""
from __future__ import annotations

from .model import Document, Extraction
from .text import document_slug


def find_actors(doc: Document, parsed: list):  # replaced by actors package
    from .actors import find_actors as _find

    return _find(doc, parsed)


def find_quotes(doc: Document, actors: list, parsed: list | None = None):
    from .quotes import find_quotes as _find

    return _find(doc, actors, parsed)


def extract_document(doc: Document, nlp=None) -> Extraction:
    if nlp is None:
        from .nlp import get_nlp

        nlp = get_nlp()
    parsed = list(nlp.pipe(doc.paragraphs))
    actors = find_actors(doc, parsed)
    quotes = find_quotes(doc, actors, parsed)
    return Extraction(document=doc, slug=document_slug(doc.title, doc.source), actors=actors, quotes=quotes)
