"""Actor extraction (who's who). Filled in by the actors issue."""
from __future__ import annotations


def find_actors(doc, parsed):
    return []
