"""Helpers for the quote tests: actors built from the gold annotations, gold matching."""
from __future__ import annotations

import re

from briefing.model import Actor, Mention
from briefing.text import slugify


def gold_actors(doc, gold: dict) -> list[Actor]:
    """Actors with every mention of the gold name/aliases (anonymous ones case-insensitive)."""
    actors = []
    taken: dict[int, list[tuple[int, int]]] = {}
    forms = []
    for g in gold["actors"]:
        for f in [g["name"], *g.get("aliases", [])]:
            forms.append((f, g))
    forms.sort(key=lambda fg: -len(fg[0]))
    found: dict[str, list[Mention]] = {}
    for form, g in forms:
        flags = re.I if g["type"] == "anonymous" else 0
        rx = re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", flags)
        for i, para in enumerate(doc.paragraphs):
            for m in rx.finditer(para):
                spans = taken.setdefault(i, [])
                if any(m.start() < e and s < m.end() for s, e in spans):
                    continue
                spans.append((m.start(), m.end()))
                found.setdefault(g["name"], []).append(Mention(i, m.start(), m.end(), m.group(0)))
    for g in gold["actors"]:
        ms = sorted(found.get(g["name"], []), key=lambda m: (m.paragraph, m.start))
        if ms:
            actors.append(Actor(slugify(g["name"]), g["name"], g["type"], list(g.get("aliases", [])),
                                [], ms, ms[0].paragraph))
    return actors


def match(quotes, starts: str):
    """The quote one of whose parts begins with the gold `starts` text."""
    s = _norm(starts)
    for q in quotes:
        if any(_norm(p.text).startswith(s) for p in q.parts):
            return q
    return None


def _norm(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


def doc_of(*paragraphs: str):
    from briefing.model import Document

    d = Document(source="t.txt", title="T")
    for p in paragraphs:
        d.add_paragraph(p)
    return d


def hand_actors(doc, spec: dict) -> list[Actor]:
    """spec: actor id → (type, [surface forms]); mentions by exact string search."""
    out = []
    for aid, (typ, forms) in spec.items():
        ms = []
        for i, para in enumerate(doc.paragraphs):
            for f in sorted(forms, key=len, reverse=True):
                for m in re.finditer(r"(?<![\w-])" + re.escape(f) + r"(?![\w-])", para):
                    if not any(x.paragraph == i and x.start < m.end() and m.start() < x.end for x in ms):
                        ms.append(Mention(i, m.start(), m.end(), m.group(0)))
        ms.sort(key=lambda m: (m.paragraph, m.start))
        out.append(Actor(aid, forms[0], typ, [], [], ms, ms[0].paragraph if ms else -1))
    return out
