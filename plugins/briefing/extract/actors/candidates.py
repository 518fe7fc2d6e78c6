"""A candidate mention: one entity span typed and keyed, before persons are clustered.

Made by mentions.collect (and untagged_orgs for names the tagger missed), read by merge.py.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Cand:
    paragraph: int
    start: int
    end: int
    text: str
    type: str  # person | organization | country | place
    key: str  # canonical name (persons: the cleaned name as written)
    tok_start: int = -1
    tok_end: int = -1
    weak: bool = False  # a lone capitalised modifier ("Patriot batteries"): a person only if a full name backs it
