"""Extraction of one article: Document -> Extraction (spaCy, actors, quotes, key points, dates)."""
