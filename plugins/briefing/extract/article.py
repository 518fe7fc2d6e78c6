"""Extraction of one document: spaCy parse → actors → quotes. Plain data in, plain data out."""
from __future__ import annotations

import copy

from ..model import Document, Extraction
from ..text import document_slug
from .actors import find_actors
from .quotes import find_quotes

# The bound on the cost of extraction (not on the text: every paragraph is published). Up to
# this many characters of a body (paragraph by paragraph) are parsed and searched for actors
# and quotes: about 1 GB of peak memory and 1.5 minutes of one busy core at the bound; a
# longer body's later paragraphs are published without actors and quotes, and the review
# page names the article. Long reads are ~90,000 characters, a day's hearing transcript ~1.5 MB.
MAX_EXTRACT_CHARS = 3_000_000


def extracted_paragraphs(doc: Document) -> int:
    """How many paragraphs of ``doc`` (from the first) lie within MAX_EXTRACT_CHARS."""
    used = 0
    for i, p in enumerate(doc.paragraphs):
        used += len(p)
        if used > MAX_EXTRACT_CHARS:
            return i
    return len(doc.paragraphs)


def over_bound(doc: Document) -> bool:
    return extracted_paragraphs(doc) < len(doc.paragraphs)


def extracted_part(doc: Document) -> Document:
    """``doc`` itself, or for a body over the bound a shallow copy that ends before the
    first paragraph beyond it (the rules then see a shorter article; indices are the same)."""
    k = extracted_paragraphs(doc)
    if k == len(doc.paragraphs):
        return doc
    part = copy.copy(doc)
    part.paragraphs = doc.paragraphs[:k]
    cut = next((n for n, b in enumerate(doc.blocks) if b.kind == "paragraph" and b.index >= k), len(doc.blocks))
    part.blocks = doc.blocks[:cut]
    part.sections = [b.text for b in part.blocks if b.kind == "heading"]
    return part


def parse(nlp, texts):
    """spaCy's parse of each text, without the token vectors the tagger and parser worked
    from (no rule reads them; 384 bytes a token, ~40% of a parsed long article's memory)."""
    import numpy

    empty = numpy.zeros((0,), dtype="float32")
    for d in nlp.pipe(texts):
        d.tensor = empty
        yield d


def extract_parsed(doc: Document, parsed: list) -> Extraction:
    """The extraction of ``doc`` from spaCy's parse of its paragraphs within the bound (one
    Doc each, as ``parse(nlp, extracted_part(doc).paragraphs)`` gives them)."""
    part = extracted_part(doc)
    actors = find_actors(part, parsed)
    quotes = find_quotes(part, actors, parsed)
    return Extraction(document=doc, slug=document_slug(doc.title, doc.source), actors=actors, quotes=quotes)


def extract_document(doc: Document, nlp=None) -> Extraction:
    if nlp is None:
        from .nlp import get_nlp

        nlp = get_nlp()
    return extract_parsed(doc, list(parse(nlp, extracted_part(doc).paragraphs)))


def extract_documents(docs: list[Document], nlp) -> list[Extraction | Exception]:
    """Extractions of several documents, with one spaCy pass over all their paragraphs: spaCy
    batches them (~6% faster than a pass per document on two busy cores; each paragraph is
    parsed alone either way, so the parses are the same). A document whose extraction raises
    gets its exception in its place; if the parser itself raises, each document is parsed on
    its own, so only the one that breaks it fails."""
    parts = [extracted_part(d) for d in docs]
    try:
        parsed = list(parse(nlp, [p for d in parts for p in d.paragraphs]))
    except Exception:  # noqa: BLE001 - find the document that breaks the parser
        return [_or_error(extract_document, d, nlp) for d in docs]
    out: list[Extraction | Exception] = []
    pos = 0
    for d, part in zip(docs, parts):
        n = len(part.paragraphs)
        out.append(_or_error(extract_parsed, d, parsed[pos:pos + n]))
        pos += n
    return out


def _or_error(fn, *args):
    try:
        return fn(*args)
    except Exception as exc:  # noqa: BLE001 - reported per document by the caller
        return exc
