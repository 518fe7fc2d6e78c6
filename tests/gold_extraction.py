"""Extractions built from the hand annotations (gold) instead of the extractor.

Lets the linking and site tests check the microsite on realistic data independently of
the extractor's quality: mentions are found by plain string search for each gold actor's
name and aliases; quotes by the gold ``starts`` text up to the closing quotation mark.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from briefing.model import Actor, Document, Extraction, Mention, Quote, QuotePart, Role
from briefing.text import slugify

_CLOSE = "\u201d\"\u00bb"


def _find_mentions(doc: Document, forms: list[str]) -> list[Mention]:
    forms = sorted({f for f in forms if f}, key=len, reverse=True)
    out: list[Mention] = []
    for i, para in enumerate(doc.paragraphs):
        taken: list[tuple[int, int]] = []
        for form in forms:
            for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", para):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                out.append(Mention(i, m.start(), m.end(), m.group(0)))
    out.sort(key=lambda m: (m.paragraph, m.start))
    return out


def gold_extraction(doc: Document, gold: dict) -> Extraction:
    actors: list[Actor] = []
    by_name: dict[str, str] = {}
    for g in gold["actors"]:
        forms = [g["name"], *g.get("aliases", [])]
        mentions = _find_mentions(doc, forms)
        if not mentions:
            continue
        aid = slugify(g["name"])
        by_name[g["name"]] = aid
        roles = [Role(r) for r in g.get("roles", [])]
        actors.append(Actor(aid, g["name"], g["type"], list(g.get("aliases", [])), roles, mentions,
                            mentions[0].paragraph, 0.0))
    total = sum(len(a.mentions) for a in actors) or 1
    for a in actors:
        a.salience = round(len(a.mentions) / total + 1.0 / (10 + a.first_paragraph), 4)
    actors.sort(key=lambda a: (-a.salience, a.id))
    quotes: list[Quote] = []
    for g in gold.get("quotes", []):
        for i, para in enumerate(doc.paragraphs):
            start = para.find(g["starts"])
            if start < 0:
                continue
            ends = [para.find(c, start) for c in _CLOSE]
            ends = [e for e in ends if e >= 0]
            end = min(ends) if ends else len(para)
            text = para[start:end].rstrip(",. ")
            quotes.append(Quote(f"q{len(quotes) + 1}", [QuotePart(i, start, start + len(text), text)],
                                by_name.get(g["speaker"]) if g["speaker"] else None, "said"))
            break
    return Extraction(document=doc, slug=slugify(doc.title), actors=actors, quotes=quotes)


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def gold_for(doc) -> dict:
    stem = Path(doc.source).stem
    for d in (FIXTURES / "gold", FIXTURES / "site"):
        if (d / f"{stem}.json").exists():
            return json.loads((d / f"{stem}.json").read_text(encoding="utf-8"))
    return {"actors": [], "quotes": []}


def gold_build(site_dir: Path) -> Path:
    import briefing.pelican_layer.generator as gen
    from conftest import build

    real = gen.extract_all
    gen.extract_all = lambda docs, settings=None: [gold_extraction(d, gold_for(d)) for d in docs]
    try:
        return build(site_dir)
    finally:
        gen.extract_all = real


def set_siteurl(site_dir: Path, siteurl: str) -> None:
    conf = site_dir / "pelican.conf.py"
    conf.write_text(conf.read_text().replace('SITEURL = ""', f'SITEURL = "{siteurl}"'), encoding="utf-8")
