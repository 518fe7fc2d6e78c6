"""Names of actors as news English writes them, after resolution (used by resolve.py).

* "conducted by Hartley and Vance for …": two lone surnames joined by "and", each seen
  once, are one firm;
* "Edmund" always after "Prince" is "Prince Edmund": royals are known by title and first name.
"""
from __future__ import annotations

import re

from ...model import Actor
from .evidence import after, before
from .kinds import NOBLE_TITLES


def firm_pairs(actors: list[Actor], doc) -> list[Actor]:
    """"conducted by Hartley and Vance for …": two lone surnames joined by "and", each seen once
    and nowhere else, are one firm's name (persons in news are named in full first)."""
    lone = {a.name: a for a in actors if a.type == "person" and len(a.name.split()) == 1 and len(a.mentions) == 1
            and not a.roles and not a.aliases}
    out = list(actors)
    for a in list(lone.values()):
        m = a.mentions[0]
        nxt = re.match(r"^\s+(?:and|&)\s+([A-Z][\w’'-]+)\b", after(doc, m, 40))
        b = lone.get(nxt.group(1)) if nxt else None
        if b is None or b is a or a not in out or b not in out or b.mentions[0].paragraph != m.paragraph:
            continue
        end = b.mentions[0].end
        text = doc.paragraphs[m.paragraph][m.start:end]
        a.name, a.type, a.mentions[0].end, a.mentions[0].text = text, "organization", end, text
        out.remove(b)
    return out


def royal_names(actors: list[Actor], doc) -> None:
    """"Edmund" always written after "Prince" is "Prince Edmund": royals are known by title and first name."""
    for a in actors:
        if a.type != "person" or len(a.name.split()) != 1:
            continue
        titles = [before(doc, m, 20).split()[-1:] for m in a.mentions if before(doc, m, 20).endswith(" ")]
        titles = [t[0] for t in titles if t and t[0] in NOBLE_TITLES - {"Sir", "Dame", "Lord", "Lady"}]
        if titles and len(set(titles)) == 1:
            a.aliases.append(a.name)
            a.name = f"{titles[0]} {a.name}"
            a.roles = [r for r in a.roles if r.text != titles[0]]
