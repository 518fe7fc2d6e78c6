"""Fixtures for the embed tests: extractions made from the hand annotations (gold) of the two
seeds, so card/oEmbed/shortcode behaviour is tested independently of the extractor's
quality, and a site built from them (with SITEURL set) in a temp dir."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import SEEDS, build, copy_site, load_gold

from briefing.link.site import link
from briefing.model import Actor, Extraction, Mention, Quote, QuotePart, Role
from briefing.read.dispatch import parse_file
from briefing.text import slugify

_CLOSE = "”\""


def gold_extraction(doc) -> Extraction:
    gold = load_gold(Path(doc.source).with_suffix(".json").name)
    slug = slugify(doc.title)
    actors: dict[str, Actor] = {}
    for g in gold["actors"]:
        aid = slugify(g["name"])
        a = Actor(id=aid, name=g["name"], type=g["type"], aliases=list(g.get("aliases", [])),
                  roles=[Role(r) for r in g.get("roles", [])])
        for form in [g["name"], *a.aliases]:
            pat = re.compile(r"\b" + re.escape(form) + r"\b")
            for i, para in enumerate(doc.paragraphs):
                for m in pat.finditer(para):
                    a.mentions.append(Mention(i, m.start(), m.end(), m.group(0)))
        a.first_paragraph = min((m.paragraph for m in a.mentions), default=-1)
        actors[aid] = a
    quotes = []
    for g in gold["quotes"]:
        for i, para in enumerate(doc.paragraphs):
            start = para.find(g["starts"])
            if start < 0:
                continue
            ends = [e for e in (para.find(c, start) for c in _CLOSE) if e > start]
            end = min(ends) if ends else len(para)
            speaker = slugify(g["speaker"]) if g.get("speaker") else None
            quotes.append(Quote(id=f"q{len(quotes) + 1}", parts=[QuotePart(i, start, end, para[start:end])],
                                speaker=speaker if speaker in actors else None, cue="said",
                                partial=not g.get("required", False)))
            break
    return Extraction(document=doc, slug=slug, actors=list(actors.values()), quotes=quotes)


def gold_site():
    """A linked Site from the gold annotations of every seed .txt."""
    docs = [parse_file(p) for p in sorted(SEEDS.glob("*.txt"))]
    return link([gold_extraction(d) for d in docs])


def build_gold_site(dest: Path, monkeypatch, siteurl: str = "", pages: dict[str, str] | None = None) -> Path:
    """Build the real site pipeline in dest, with extraction replaced by the gold fixture."""
    from briefing.pelican_layer import generator

    monkeypatch.setattr(generator, "extract_all", lambda docs, settings: [gold_extraction(d) for d in docs])
    copy_site(dest, seeds=sorted(SEEDS.glob("*.txt")))
    conf = dest / "pelican.conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + f"\nSITEURL = {siteurl!r}\nBRIEFING_SEARCH = False\n",
                    encoding="utf-8")
    for name, text in (pages or {}).items():
        (dest / "content" / "pages" / name).write_text(text, encoding="utf-8")
    return build(dest)
