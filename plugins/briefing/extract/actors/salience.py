"""Salience: how central an actor is to the article — mention count, boosted by an early first
mention — and the key-first order of the "Who's who"."""
from __future__ import annotations

from ...model import Actor

TYPE_ORDER = {"person": 0, "anonymous": 1, "organization": 2, "country": 3, "place": 4}


def score(actor: Actor, n_paragraphs: int) -> float:
    n = max(n_paragraphs, 1)
    first = actor.first_paragraph if actor.first_paragraph >= 0 else n
    early = 1.0 - min(first, n) / n  # 1.0 in the first paragraph, → 0 at the end
    spread = len({m.paragraph for m in actor.mentions}) / n
    return len(actor.mentions) + 2.0 * early + 2.0 * spread + (0.5 if actor.roles else 0.0)


def rank(actors: list[Actor], n_paragraphs: int) -> list[Actor]:
    for a in actors:
        a.salience = score(a, n_paragraphs)
    return sorted(actors, key=lambda a: (-round(a.salience, 6), a.first_paragraph, a.id))
