"""Co-occurrence map: pairs counted per paragraph, an accessible inline SVG, a table."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup

from briefing.link.cooccurrence import build_map, count_pairs
from briefing.link.site import link
from briefing.model import Actor, Document, Extraction, Mention

SVG = "{http://www.w3.org/2000/svg}"


def _ex(source, paragraphs, actors, published=None):
    d = Document(source=source, title=source, published=published)
    for p in paragraphs:
        d.add_paragraph(p)
    return Extraction(d, source.split(".")[0], actors=actors)


def _actor(aid, name, typ, *paras):
    return Actor(aid, name, typ, mentions=[Mention(p, 0, 1, name) for p in paras])


def site():
    a = _ex("a.txt", ["p0", "p1", "p2"], [
        _actor("ann", "Ann <Lee>", "person", 0, 1),
        _actor("nato", "NATO", "organization", 0, 1, 2),
        _actor("kyiv", "Kyiv", "place", 0),
        _actor("src", "an official", "anonymous", 0),
    ])
    b = _ex("b.txt", ["p0", "p1"], [
        _actor("nato", "NATO", "organization", 0),
        _actor("ann", "Ann <Lee>", "person", 1),
        _actor("fr", "France", "country", 0),
    ])
    return link([a, b])


def test_pairs_are_counted_per_paragraph_across_briefings():
    counts, unit = count_pairs(site())
    assert unit == "paragraph"
    assert counts[("ann", "nato")]["n"] == 2 and counts[("ann", "nato")]["briefings"] == {"a"}
    assert counts[("fr", "nato")]["n"] == 1
    assert ("ann", "fr") not in counts  # same article, never the same paragraph
    assert not any("kyiv" in k or any("src" in x for x in k) for k in counts)  # places, anonymous left out


def test_svg_is_accessible_escaped_and_deterministic():
    m = build_map(site())
    assert [(p.a, p.b, p.paragraphs) for p in m.pairs] == [("ann", "nato", 2), ("fr", "nato", 1)]
    svg = str(m.svg)
    root = ET.fromstring(svg)  # well-formed XML: names are escaped
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "Ann <Lee> and NATO (2 paragraphs)" in desc.text
    assert "<script" not in svg and "style=" not in svg and "Ann &lt;Lee&gt;" in svg
    assert len(root.findall(f".//{SVG}line")) == 2 and len(root.findall(f".//{SVG}circle")) == 3
    assert str(build_map(site()).svg) == svg


def test_fallback_to_briefings_without_offsets_and_empty_site():
    a = _ex("a.txt", ["x"], [Actor("ann", "Ann", "person"), Actor("bob", "Bob", "person")])
    m = build_map(link([a]))
    assert m.unit == "briefing" and [(p.a, p.b) for p in m.pairs] == [("ann", "bob")]
    empty = build_map(link([]))
    assert not empty and str(empty.svg) == ""


def test_directory_page_has_map_and_table(built_site):
    soup = BeautifulSoup((built_site / "actors" / "index.html").read_text(encoding="utf-8"), "html.parser")
    sec = soup.select_one("section.cooccurrence")
    if sec is None:  # no two named actors share a paragraph: nothing to draw
        return
    svg = sec.find("svg")
    assert svg["role"] == "img" and svg.find("title") and svg.find("desc")
    rows = sec.select("table.cooc-table tbody tr")
    assert rows and all(len(r.find_all("a")) == 2 for r in rows)
    for a in sec.select("table a"):
        slug = a["href"].rstrip("/").split("/")[-1]
        assert (built_site / "actors" / slug / "index.html").exists()
