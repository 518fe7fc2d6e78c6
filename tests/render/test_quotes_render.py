"""Quote boxes and the "What they said" block (theme partials what_they_said/quote_box)."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader

from briefing.link.site import link
from briefing.model import Extraction, Role
from briefing.extract.quotes import find_quotes
from conftest import ROOT
from quotes_gold import doc_of, hand_actors

PARAS = [
    "Ana Ruiz, the envoy, arrived on Monday.",
    "“We will not back down from this, whatever it costs us in the months to come,” Ruiz said.",
    "“It is <b>over</b> & done,” said a senior official. “Nobody doubts it.”",
    "The plan is an “umbrella” for all, and Ruiz called it “a good start.”",
    "“Short,” Ruiz added.",
]
SPEC = {"ana-ruiz": ("person", ["Ana Ruiz", "Ruiz"]), "official": ("anonymous", ["a senior official"])}


def _render(siteurl="/sub"):
    doc = doc_of(*PARAS)
    actors = hand_actors(doc, SPEC)
    actors[0].roles = [Role("the <envoy>")]
    ex = Extraction(document=doc, slug="t", actors=actors, quotes=find_quotes(doc, actors))
    site = link([ex])
    env = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")), autoescape=False)
    html = env.get_template("partials/what_they_said.html").render(
        briefing=site.briefings[0], site=site, SITEURL=siteurl)
    return ex, site, BeautifulSoup(html, "html.parser"), html


def test_boxes_link_speaker_paragraph_and_permalink():
    ex, site, soup, _ = _render()
    boxes = soup.select("figure.quote-box")
    assert boxes
    ids = [b["id"] for b in boxes]
    assert len(ids) == len(set(ids)) and all(i.startswith("q-") for i in ids)
    by_id = {q.id: q for q in ex.quotes}
    for b in boxes:
        q = by_id[b["id"]]
        assert not q.partial
        assert b.select_one("blockquote").get_text() == q.text
        assert b.select_one("a.quote-context")["href"] == f"#p{q.paragraph + 1}"
        assert b.select_one("a.quote-permalink")["href"] == f"#{q.id}"
        sid = site.briefings[0].actor_ids.get(q.speaker)
        link_el = b.select_one("a.quote-speaker")
        if sid:
            assert link_el["href"] == f"/sub/actors/{sid}/"


def test_featured_one_per_speaker_first_and_no_scare_boxes():
    ex, site, soup, _ = _render()
    section = soup.select_one("section.what-they-said")
    featured = [f for f in section.find_all("figure", recursive=False)]
    speakers = [next(q for q in ex.quotes if q.id == f["id"]).speaker for f in featured]
    assert speakers[:2] and len(set(speakers[:2])) == 2  # two speakers before anyone's second quote
    assert all("umbrella" not in b.get_text() for b in soup.select("blockquote"))
    # the attributed partial is listed in passing, not boxed
    partial = soup.select("li.quote-partial")
    assert [li.q.get_text() for li in partial] == ["a good start."]


def test_seed_text_is_escaped_without_autoescape():
    _, _, _, html = _render()
    assert "<b>over</b>" not in html and "&lt;b&gt;over&lt;/b&gt; &amp; done" in html
    assert "<envoy>" not in html and "&lt;envoy&gt;" in html


def test_no_quotes_no_section():
    doc = doc_of("Nothing quoted here.")
    site = link([Extraction(document=doc, slug="n", actors=[], quotes=[])])
    env = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")))
    html = env.get_template("partials/what_they_said.html").render(briefing=site.briefings[0], site=site, SITEURL="")
    assert "what-they-said" not in html


def test_built_site_quote_boxes(built_site):
    """On the real site: boxes exist, anchors unique, speaker links point at written pages."""
    for page in sorted((built_site / "briefings").glob("*/index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        boxes = soup.select("section.what-they-said figure.quote-box")
        assert boxes, page
        ids = [el["id"] for el in soup.select("[id]")]
        assert len(ids) == len(set(ids)), page
        for b in boxes:
            assert re.fullmatch(r"q-[0-9a-f]{8}(-\d+)?", b["id"])
            assert soup.find(id=b.select_one("a.quote-context")["href"][1:]) is not None
            a = b.select_one("a.quote-speaker")
            if a is not None and a.has_attr("href"):
                assert (built_site / a["href"].lstrip("/") / "index.html").exists(), a["href"]
            text = b.blockquote.get_text()
            assert text not in ("umbrella", "Budapest Memorandum", "Council", "become")
