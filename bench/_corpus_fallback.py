"""A small corpus generator for the build benchmark, used when bench/corpus.py is absent.

make_corpus(n, seed=0) -> list[Document]: N articles made from the seeds and the test
fixtures (txt, md, html), varied by rotating/shuffling paragraphs and substituting person
names (a capitalised "First Last" pair and its later surname-only mentions) with names drawn
from a fixed pool. Deterministic for a given (n, seed).
"""
from __future__ import annotations

import copy
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FIRST = ["Anna", "Marek", "Sofia", "Jonas", "Leila", "Tomas", "Ines", "Pavel", "Clara", "Omar",
         "Greta", "Luis", "Maya", "Viktor", "Elena", "Hugo", "Nadia", "Felix", "Irene", "Karim"]
LAST = ["Novak", "Lindqvist", "Moreau", "Okafor", "Brandt", "Castillo", "Horvath", "Jensen",
        "Kowalski", "Marino", "Petrov", "Quinn", "Rahman", "Schultz", "Tanaka", "Varga",
        "Weber", "Yilmaz", "Ziegler", "Almeida"]
_NOT_FIRST = {"The", "A", "An", "In", "On", "At", "But", "And", "For", "With", "As", "By", "If",
              "When", "While", "After", "Before", "Since", "New", "North", "South", "East",
              "West", "United", "European", "White", "Prime", "Foreign", "Defense", "Defence",
              "President", "Chancellor", "Minister", "Secretary", "General", "Mr", "Ms", "Mrs",
              "Dr", "Last", "This", "That", "Some", "Many", "Other", "Security", "National"}
_PAIR = re.compile(r"\b([A-Z][a-z]{2,}) ([A-Z][a-z]{2,})\b")


def source_documents():
    from briefing.parsing import SeedError, parse_file

    paths = sorted((ROOT / "seeds").glob("*.txt"))
    fx = ROOT / "tests" / "fixtures"
    paths += sorted((fx / "articles").glob("*.md")) + sorted((fx / "site").glob("*.md"))
    paths += sorted((fx / "html").glob("*.html"))
    docs = []
    for p in paths:
        try:
            d = parse_file(p)
        except SeedError:
            continue
        if len(d.paragraphs) >= 3:
            docs.append(d)
    return docs


def _name_map(texts: list[str], rng: random.Random) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for t in texts:
        for m in _PAIR.finditer(t):
            first, last = m.group(1), m.group(2)
            if first in _NOT_FIRST or last in _NOT_FIRST or m.group(0) in mapping:
                continue
            new_first, new_last = rng.choice(FIRST), rng.choice(LAST)
            mapping[m.group(0)] = f"{new_first} {new_last}"
            mapping.setdefault(last, new_last)
    return mapping


def _substitute(text: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return text
    keys = sorted(mapping, key=len, reverse=True)
    rx = re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b")
    return rx.sub(lambda m: mapping[m.group(1)], text)


def vary(doc, i: int, rng: random.Random):
    d = copy.deepcopy(doc)
    mapping = _name_map([d.title] + d.paragraphs, rng)
    d.paragraphs = [_substitute(p, mapping) for p in d.paragraphs]
    d.title = _substitute(d.title, mapping)
    if i >= 1:
        d.title = f"{d.title} ({i})"
    # keep the lede, shuffle the rest a little: blocks are rebuilt in the new order
    body = d.paragraphs[1:]
    k = rng.randrange(len(body)) if body else 0
    d.paragraphs = d.paragraphs[:1] + body[k:] + body[:k]
    d.blocks = [b for b in d.blocks if b.kind != "paragraph"]
    from briefing.model import Block

    d.blocks = [Block("paragraph", j) for j in range(len(d.paragraphs))]
    d.sections = []
    d.figures = []
    d.contributors = [_substitute(c, mapping) for c in d.contributors]
    d.source = f"bench_{i:05d}.md"
    return d


def make_corpus(n: int, seed: int = 0):
    rng = random.Random(seed)
    base = source_documents()
    return [vary(base[i % len(base)], i, rng) for i in range(n)]
