"""Embeddable actor cards: card data, oEmbed JSON, card template, shortcodes, and a build."""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from embedlib import build_gold_site, gold_site
from jinja2 import Environment, FileSystemLoader
from markdown_it import MarkdownIt

from briefing.render import embeds
from briefing.link.site import Briefing, Site, SiteActor
from briefing.model import Document, Extraction, Quote, QuotePart
from briefing.read.shortcodes import ShortcodeError, resolve, shortcode_plugin

SITEURL = "https://example.org/briefing"
HOSTILE = '</title><script>alert(1)</script><img src=x onerror=alert(2)> "Q" & \'A\' {{ 7*7 }}'


def hand_site(name: str = "Olaf Scholz", quotes=None, roles=None) -> Site:
    docs = [Document(source=f"{s}.txt", title=t, published=p)
            for s, t, p in (("a", "Old story", "2023-07-01T00:00:00+00:00"), ("b", "New story", "2023-07-09T00:00:00+00:00"))]
    briefings = [Briefing(slug="b", extraction=Extraction(docs[1], "b")), Briefing(slug="a", extraction=Extraction(docs[0], "a"))]
    actor = SiteActor(id="olaf-scholz", name=name, type="person", aliases=["Scholz"],
                      roles=roles if roles is not None else [("German Chancellor", "b"), ("Chancellor", "a"), ("German Chancellor", "a")],
                      briefings=["b", "a"], quotes=quotes or [], mentions=7)
    return Site(briefings=briefings, actors={actor.id: actor})


def q(qid: str, text: str, paragraph: int = 0, partial: bool = False) -> Quote:
    return Quote(id=qid, parts=[QuotePart(paragraph, 0, len(text), text)], speaker="olaf-scholz", partial=partial)


def card_env(autoescape: bool) -> Environment:
    """The theme's templates as Pelican loads them (Pelican's default: no autoescape)."""
    env = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")),
                      trim_blocks=True, lstrip_blocks=True, autoescape=autoescape)
    env.filters["csp_hash"] = embeds.csp_hash
    return env


def render_card(site: Site, autoescape: bool = False, siteurl: str = SITEURL) -> str:
    actor = site.actors["olaf-scholz"]
    card = embeds.card_data(actor, site, siteurl)
    return card_env(autoescape).get_template("card.html").render(
        card=card, actor=actor, SITENAME="Briefing", SITEURL=siteurl, DEFAULT_LANG="en")


# --- card data ---------------------------------------------------------------------------

def test_key_role_is_the_one_stated_in_most_briefings():
    assert embeds.key_role(hand_site().actors["olaf-scholz"]) == "German Chancellor"
    assert embeds.key_role(hand_site(roles=[]).actors["olaf-scholz"]) is None


def test_key_quote_prefers_full_statements_of_readable_length_in_the_newest_briefing():
    long = "word " * 120
    quotes = [("a", q("q1", "An older full statement that is long enough to read on a card.")),
              ("b", q("q2", "a fragment that is partial but sits in the newest story", partial=True)),
              ("b", q("q3", long)),
              ("b", q("q4", "The newest full statement of a readable length for the card.", paragraph=5))]
    quote = embeds.key_quote(hand_site(quotes=quotes).actors["olaf-scholz"], hand_site(quotes=quotes))
    assert quote.text.startswith("The newest full statement") and quote.briefing_title == "New story"
    only_long = embeds.key_quote(hand_site(quotes=[("b", q("q3", long))]).actors["olaf-scholz"], hand_site())
    assert only_long.truncated and len(only_long.text) <= embeds.QUOTE_MAX and only_long.text.endswith("…")
    assert embeds.key_quote(hand_site().actors["olaf-scholz"], hand_site()) is None
    words = hand_site(quotes=[("b", q("q1", "advanced")), ("b", q("q2", "a very good deal"))])
    assert embeds.key_quote(words.actors["olaf-scholz"], words).text == "a very good deal"


def test_estimated_height_grows_with_content_and_narrow_frames():
    site = hand_site(quotes=[("b", q("q1", "A statement of a readable length for the card. " * 3))])
    full = embeds.card_data(site.actors["olaf-scholz"], site, SITEURL)
    bare = embeds.card_data(hand_site(roles=[]).actors["olaf-scholz"], hand_site(roles=[]), SITEURL)
    assert embeds.estimate_height(bare, 480) < embeds.estimate_height(full, 480) < embeds.estimate_height(full, 280)
    assert 100 < embeds.estimate_height(bare, 600) < 200


def test_hidden_actors_get_no_card():
    site = hand_site()
    site.actors["olaf-scholz"].hidden = True
    assert embeds.visible_actors(site) == []


# --- oEmbed ------------------------------------------------------------------------------

def test_oembed_rich_response_has_the_fields_the_spec_requires():
    site = hand_site()
    data = embeds.oembed(site.actors["olaf-scholz"], SITEURL, "Briefing", 480, 320, 86400)
    # oEmbed 1.0 §2.3.4: version, type required; §2.3.4.4 rich: html, width, height required
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert isinstance(data["html"], str) and data["html"]
    assert isinstance(data["width"], int) and isinstance(data["height"], int) and data["width"] > 0 and data["height"] > 0
    assert isinstance(data["cache_age"], int) and data["cache_age"] > 0
    assert data["title"] == "Olaf Scholz" and data["provider_name"] == "Briefing"
    assert data["provider_url"] == SITEURL + "/"
    assert json.loads(json.dumps(data)) == data
    soup = BeautifulSoup(data["html"], "html.parser")
    assert [t.name for t in soup.find_all(recursive=False)] == ["blockquote", "iframe"]
    link = soup.blockquote.a
    assert link["href"] == SITEURL + "/actors/olaf-scholz/" and link.get_text() == "Olaf Scholz"
    frame = soup.iframe
    assert frame["src"] == SITEURL + "/actors/olaf-scholz/card.html"
    assert frame["title"] and frame["loading"] == "lazy"
    assert (frame["width"], frame["height"]) == ("480", "320")
    tokens = set(frame["sandbox"])
    assert "allow-scripts" in tokens and "allow-top-navigation" not in tokens and "allow-forms" not in tokens
    assert soup.find("script") is None  # the loader is optional; oEmbed consumers strip scripts


def test_embed_code_without_siteurl_is_root_relative():
    html = embeds.embed_html(hand_site().actors["olaf-scholz"], "", "Briefing", 480, 320)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.iframe["src"] == "/actors/olaf-scholz/card.html"
    assert soup.script["src"] == "/embed.js" and soup.script.has_attr("async")


@pytest.mark.parametrize("autoescape", [False, True])
def test_hostile_names_are_escaped_everywhere(autoescape):
    site = hand_site(name=HOSTILE, quotes=[("b", q("q1", "<script>alert(3)</script> is what </blockquote> said"))],
                     roles=[("<b>boss</b>", "b")])
    site.briefings[0].extraction.document.title = "<i>headline</i>"
    actor = site.actors["olaf-scholz"]
    for html in (embeds.embed_html(actor, SITEURL, "Briefing", 480, 320),
                 embeds.oembed(actor, SITEURL, "Briefing", 480, 320, 60)["html"]):
        soup = BeautifulSoup(html, "html.parser")
        assert [s.get("src") for s in soup.find_all("script")] in ([], [SITEURL + "/embed.js"])
        assert soup.find("img") is None and soup.blockquote.a.get_text() == HOSTILE
        assert HOSTILE in soup.iframe["title"]
    page = render_card(site, autoescape)
    soup = BeautifulSoup(page, "html.parser")
    assert len(soup.find_all("script")) == 1 and soup.find("img") is None and soup.find("b") is None
    assert soup.find("i") is None
    assert soup.h1.get_text() == HOSTILE and soup.title.get_text() == f"{HOSTILE} — Briefing"
    assert "49" not in soup.h1.get_text()


# --- the card page -----------------------------------------------------------------------

def test_card_is_small_self_contained_and_its_csp_hashes_match():
    long_name = "Very Long Name " * 10
    quotes = [("b", q("q1", "x" * 60 + " lorem ipsum " * 60))]
    page = render_card(hand_site(name=long_name, quotes=quotes))
    assert len(page.encode("utf-8")) < 10 * 1024
    soup = BeautifulSoup(page, "html.parser")
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["style-src"] == embeds.csp_hash(soup.style.string)
    assert directives["script-src"] == embeds.csp_hash(soup.script.string)
    # nothing is loaded from anywhere: no src/href resources, no url() in CSS, no @import
    assert not soup.find_all(["link", "img", "iframe", "object", "embed"]) and not soup.script.get("src")
    assert "url(" not in soup.style.string and "@import" not in soup.style.string
    assert "prefers-color-scheme:dark" in soup.style.string.replace(" ", "")
    link = soup.find("a")
    assert link["href"] == SITEURL + "/actors/olaf-scholz/" and link["target"] == "_top"
    assert soup.h1 and soup.html["lang"] == "en"
    # the card and embed.js speak the same protocol
    js = (ROOT / "plugins" / "briefing" / "data" / "embed.js").read_text(encoding="utf-8")
    for msg in (embeds.HEIGHT_MESSAGE, embeds.PING_MESSAGE):
        assert msg in soup.script.string and msg in js
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in js and sink not in soup.script.string


# --- shortcodes --------------------------------------------------------------------------

def md() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).use(shortcode_plugin)


PAGE = "Intro paragraph.\n{{< actor olaf-scholz >}}\n\n```\n{{< actor not-here >}}\n```\n\n    {{< actor indented >}}\n\nText `{{< actor inline >}}` text.\n\n{{<actor   nobody>}}\n"


def test_shortcode_becomes_a_card_and_code_stays_literal():
    html = md().render(PAGE)
    assert "&lt; actor not-here &gt;" in html and "&lt; actor indented &gt;" in html and "&lt; actor inline &gt;" in html
    cards = {"olaf-scholz": '<iframe src="/actors/olaf-scholz/card.html"></iframe>'}
    with pytest.raises(ShortcodeError) as err:
        resolve(html, "content/pages/about.md", cards.get, line_offset=3)
    assert str(err.value).startswith("content/pages/about.md:15: ") and "'nobody'" in str(err.value)
    out = resolve(html, "about.md", lambda slug: cards.get(slug, "<p>other</p>"))
    assert out.count("<iframe") == 1 and "<p>Intro paragraph.</p>\n<iframe" in out and "briefing-shortcode" not in out


def test_raw_html_cannot_forge_a_placeholder():
    html = md().render("<!--briefing-shortcode 1 actor%20x-->\n")
    assert "<!--" not in html and resolve(html, "p.md", lambda s: None) == html


@pytest.mark.parametrize("line, message", [("{{< actor >}}", "needs one actor slug"),
                                           ("{{< actor Olaf Scholz >}}", "needs one actor slug"),
                                           ("{{< video x >}}", "unknown shortcode 'video'")])
def test_malformed_shortcodes_fail_with_file_and_line(line, message):
    with pytest.raises(ShortcodeError, match=re.escape(f"p.md:3: ") + ".*" + re.escape(message)):
        resolve(md().render(f"a\n\n{line}\n"), "p.md", lambda s: "<i></i>")


# --- a built site (gold fixture data, SITEURL set) ----------------------------------------

@pytest.fixture(scope="module")
def gold_output(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    try:
        page = "---\ntitle: Cards\n---\nTwo people.\n\n{{< actor olaf-scholz >}}\n"
        yield build_gold_site(tmp_path_factory.mktemp("embeds"), mp, siteurl=SITEURL, pages={"cards.md": page})
    finally:
        mp.undo()


def test_build_writes_a_card_and_oembed_for_every_visible_actor(gold_output):
    site = gold_site()
    visible = embeds.visible_actors(site)
    assert len(visible) >= 10
    for actor in visible:
        card = gold_output / "actors" / actor.id / "card.html"
        assert card.stat().st_size < 10 * 1024, actor.id
        soup = BeautifulSoup(card.read_text(encoding="utf-8"), "html.parser")
        csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert f"style-src {embeds.csp_hash(soup.style.string)};" in csp
        assert f"script-src {embeds.csp_hash(soup.script.string)};" in csp
        assert soup.h1.get_text() == actor.name
        data = json.loads((gold_output / "oembed" / "actors" / f"{actor.id}.json").read_text(encoding="utf-8"))
        assert data["type"] == "rich" and data["title"] == actor.name
    assert (gold_output / "embed.js").read_bytes() == (ROOT / "plugins/briefing/data/embed.js").read_bytes()
    assert len(list((gold_output / "actors").glob("*/card.html"))) == len(visible)


def test_actor_page_discovery_link_and_embed_code(gold_output):
    page = BeautifulSoup((gold_output / "actors" / "olaf-scholz" / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = page.find("link", attrs={"type": "application/json+oembed"})
    assert link is not None and link["rel"] == ["alternate"]
    path = urlsplit(link["href"]).path.removeprefix("/briefing/")
    assert link["href"].startswith(SITEURL + "/") and (gold_output / path).is_file()
    code = page.find("textarea", class_="embed-code-text").get_text()
    embedded = BeautifulSoup(code, "html.parser")
    assert embedded.iframe["src"] == SITEURL + "/actors/olaf-scholz/card.html"
    assert embedded.script["src"] == SITEURL + "/embed.js"
    button = page.find("button", attrs={"data-copy": True})
    assert page.find(id=button["data-copy"]) is not None
    assert any(s.get("src", "").endswith("/theme/js/copy.js") for s in page.find_all("script"))


def test_page_shortcode_renders_the_card_in_the_built_page(gold_output):
    page = BeautifulSoup((gold_output / "cards" / "index.html").read_text(encoding="utf-8"), "html.parser")
    frame = page.find("iframe", class_="briefing-card")
    assert frame["src"] == SITEURL + "/actors/olaf-scholz/card.html" and "allow-same-origin" not in frame["sandbox"]
    assert "{{<" not in page.get_text()


def test_unknown_slug_in_a_page_fails_the_build_with_file_and_line(tmp_path, monkeypatch):
    from briefing.build.run import BuildError

    page = "---\ntitle: Bad\n---\nFirst.\n\n{{< actor no-such-actor >}}\n"
    with pytest.raises(BuildError, match=r"content/pages/bad\.md:6: .*'no-such-actor'"):
        build_gold_site(tmp_path, monkeypatch, siteurl=SITEURL, pages={"bad.md": page})


def test_rebuilds_in_one_process_keep_no_earlier_site(tmp_path):
    """Under serve every rebuild runs in one process: Pelican's class-level memo of page
    content must not keep earlier builds (their pages, context and linked site) alive."""
    import gc

    from briefing.link.site import Site
    from conftest import build, copy_site

    site = copy_site(tmp_path)
    for _ in range(3):
        build(site, force=True)
    gc.unfreeze()
    gc.collect()
    assert sum(isinstance(o, Site) for o in gc.get_objects()) <= 1
