"""Quotation extraction (what they said). Filled in by the quotes issue."""
from __future__ import annotations


def find_quotes(doc, actors, parsed=None):
    return []
