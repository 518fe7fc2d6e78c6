"""Co-occurrence map: which actors appear together, across all briefings.

Two named actors co-occur when both are mentioned in the same paragraph (paragraph-level
is tighter than article-level: with few articles every actor of an article would be linked to
every other). Without mention offsets the briefing is the unit instead. Anonymous sources are
left out: they are scoped to one briefing and say nothing about who appears with whom.

The map is drawn at build time as an inline SVG (role="img", <title>, <desc>; no script)
with actors on a circle grouped by type, edges as wide as the pair is frequent. The same data
is given as a table (pairs with counts and links) for readers who cannot see the drawing.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from markupsafe import Markup, escape

TYPES_SHOWN = ("person", "organization", "country")
MAX_NODES = 14
MAX_EDGES = 40


@dataclass
class Pair:
    a: str
    b: str
    a_name: str
    b_name: str
    a_url: str
    b_url: str
    paragraphs: int
    briefings: list[str] = field(default_factory=list)


@dataclass
class CooccurrenceMap:
    pairs: list[Pair]
    nodes: list[str]  # actor ids drawn
    svg: Markup
    unit: str  # "paragraph" or "briefing"

    def __bool__(self) -> bool:
        return bool(self.pairs)


def count_pairs(site) -> tuple[dict[tuple[str, str], dict], str]:
    """{(id_a, id_b): {"n": count, "briefings": set}} with id_a < id_b."""
    counts: dict[tuple[str, str], dict] = {}
    has_offsets = any(a.mentions for b in site.briefings for a in b.extraction.actors)
    for b in site.briefings:
        groups: dict[int, set[str]] = {}
        for a in b.extraction.actors:
            sid = b.actor_ids.get(a.id, a.id)
            sa = site.actors.get(sid)
            if sa is None or sa.type not in TYPES_SHOWN:
                continue
            if has_offsets:
                for p in {m.paragraph for m in a.mentions}:
                    g = groups.get(p)
                    if g is None:
                        groups[p] = g = set()
                    g.add(sid)
            else:
                groups.setdefault(0, set()).add(sid)
        here: Counter[tuple[str, str]] = Counter()  # pair → paragraphs of this briefing
        for members in groups.values():
            here.update(combinations(sorted(members), 2))
        for pair, k in here.items():
            c = counts.get(pair)
            if c is None:
                c = counts[pair] = {"n": 0, "briefings": set()}
            c["n"] += k
            c["briefings"].add(b.slug)
    return counts, "paragraph" if has_offsets else "briefing"


def build_map(site, max_nodes: int = MAX_NODES) -> CooccurrenceMap:
    counts, unit = count_pairs(site)
    actors = site.actors
    pairs = [
        Pair(x, y, actors[x].name, actors[y].name, actors[x].url, actors[y].url, c["n"], sorted(c["briefings"]))
        for (x, y), c in counts.items()
    ]
    pairs.sort(key=lambda p: (-p.paragraphs, p.a_name.lower(), p.b_name.lower(), p.a, p.b))
    degree: dict[str, int] = {}
    for p in pairs:
        degree[p.a] = degree.get(p.a, 0) + p.paragraphs
        degree[p.b] = degree.get(p.b, 0) + p.paragraphs
    top = sorted(degree, key=lambda i: (-degree[i], actors[i].name.lower(), i))[:max_nodes]
    order = {t: k for k, t in enumerate(TYPES_SHOWN)}
    nodes = sorted(top, key=lambda i: (order.get(actors[i].type, 9), actors[i].name.lower(), i))
    drawn = [p for p in pairs if p.a in top and p.b in top][:MAX_EDGES]
    return CooccurrenceMap(pairs=pairs, nodes=nodes, svg=render_svg(nodes, drawn, site, unit), unit=unit)


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def render_svg(nodes: list[str], pairs: list[Pair], site, unit: str, id_prefix: str = "cooc") -> Markup:
    actors = site.actors
    if len(nodes) < 2 or not pairs:
        return Markup("")
    w, h = 820, 540  # room on both sides for labels of ~20 characters
    cx, cy, r = w / 2, h / 2, 180
    pos = {}
    for k, n in enumerate(nodes):
        ang = -math.pi / 2 + 2 * math.pi * k / len(nodes)
        pos[n] = (cx + r * math.cos(ang), cy + r * math.sin(ang), ang)
    top = max(p.paragraphs for p in pairs)
    strongest = ", ".join(f"{p.a_name} and {p.b_name} ({p.paragraphs} {unit}{'s' if p.paragraphs != 1 else ''})"
                          for p in pairs[:5])
    desc = (f"{len(nodes)} actors drawn on a circle, grouped by type; a line joins two actors mentioned in "
            f"the same {unit}, thicker when more often. Strongest pairs: {strongest}. "
            f"The table below lists every pair.")
    out = [
        f'<svg class="cooc-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{id_prefix}-title">Actors who appear together</title>',
        f'<desc id="{id_prefix}-desc">{escape(desc)}</desc>',
        '<g class="cooc-edges" fill="none" stroke="currentColor">',
    ]
    for p in reversed(pairs):  # strongest drawn last, on top
        x1, y1, _ = pos[p.a]
        x2, y2, _ = pos[p.b]
        sw = 1 + 6 * p.paragraphs / top
        op = 0.25 + 0.55 * p.paragraphs / top
        out.append(f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" stroke-width="{_f(sw)}" '
                   f'stroke-opacity="{_f(op)}"/>')
    out.append("</g>")
    out.append('<g class="cooc-nodes">')
    most = max(actors[n].mentions for n in nodes) or 1
    for n in nodes:
        x, y, ang = pos[n]
        a = actors[n]
        rad = 5 + 9 * math.sqrt(max(a.mentions, 1) / most)
        lx, ly = x + (rad + 8) * math.cos(ang), y + (rad + 8) * math.sin(ang)
        anchor = "middle" if abs(math.cos(ang)) < 0.3 else ("start" if math.cos(ang) > 0 else "end")
        dy = "0.35em" if anchor != "middle" else ("1em" if math.sin(ang) > 0 else "-0.3em")
        out.append(f'<g class="cooc-node cooc-{escape(a.type)}">'
                   f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(rad)}"/>'
                   f'<text x="{_f(lx)}" y="{_f(ly)}" dy="{dy}" text-anchor="{anchor}">{escape(a.name)}</text></g>')
    out.append("</g></svg>")
    return Markup("\n".join(out))
