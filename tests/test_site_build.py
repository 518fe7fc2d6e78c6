"""The microsite built end to end: actor pages, directory, related briefings, API, feed,
sitemap, review page, search index, sub-path SITEURL.

Two kinds of build: ``built_site`` (conftest: the real extractor over both seeds) for the
acceptance criteria of issue 5, and ``gold_site`` (actors and quotes taken from the hand
annotations) to test the site itself independently of the extractor's quality.
"""
from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, SEEDS, build, copy_site
from gold_extraction import gold_build, set_siteurl
from linkcheck import check_links

pytestmark = pytest.mark.build

SLUG_000 = "western-powers-rush-to-carry-out-security-pledges-for-ukraine"
SLUG_003 = "u-s-and-allies-negotiating-security-guarantees-for-ukraine"
SLUG_THIRD = "germany-pledges-new-air-defense-systems-for-ukraine"
THIRD = FIXTURES / "site" / "scholz-air-defense.md"
BOTH = ("julianne-smith", "volodymyr-zelenskyy", "joe-biden")
SCHOLZ_QUOTES = (
    "make decisions for themselves that allow them to continue to support that support for one, two, "
    "three and, if necessary, more years, because we do not know how long the military conflict will last",
    "Of course, we will also discuss the question of how to continue addressing the perspective of "
    "countries that look to NATO and want to join it",
    "it is also clear that no one can become a member of a defense alliance during a war",
)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def main_text(path: Path) -> str:
    return " ".join(soup(path).find("main").get_text(" ").split())


@pytest.fixture(scope="module")
def gold_site(tmp_path_factory) -> Path:
    return gold_build(copy_site(tmp_path_factory.mktemp("gold")))


# ------------------------------------------------------------ acceptance (real extractor)

def briefing_links(page: Path) -> set[str]:
    return {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in soup(page).select("main a[href*='/briefings/']")}


@pytest.mark.parametrize("actor", BOTH)
def test_acceptance_actor_pages_list_both_briefings(built_site, actor):
    page = built_site / "actors" / actor / "index.html"
    assert page.is_file(), f"no actor page for {actor}"
    assert {SLUG_000, SLUG_003} <= briefing_links(page)


def test_acceptance_briefings_related_to_each_other(built_site):
    for here, other in ((SLUG_000, SLUG_003), (SLUG_003, SLUG_000)):
        rel = soup(built_site / "briefings" / here / "index.html").select_one("section.related")
        assert rel is not None, f"{here}: no related briefings"
        assert f"/briefings/{other}/" in [a["href"] for a in rel.find_all("a")]
        shared = " ".join(rel.select_one(".shared").get_text(" ").split())
        assert shared.startswith("Also:") and "Julianne Smith" in shared


def test_acceptance_scholz_page_has_three_full_quotes(built_site):
    text = main_text(built_site / "actors" / "olaf-scholz" / "index.html")
    for q in SCHOLZ_QUOTES:
        assert q in text


def test_acceptance_third_article_joins_scholz_and_related(tmp_path):
    site = copy_site(tmp_path, seeds=[*sorted(SEEDS.iterdir()), THIRD])
    out = build(site)
    assert SLUG_THIRD in briefing_links(out / "actors" / "olaf-scholz" / "index.html")
    rel = soup(out / "briefings" / SLUG_000 / "index.html").select_one("section.related")
    assert f"/briefings/{SLUG_THIRD}/" in [a["href"] for a in rel.find_all("a")]


# ------------------------------------------------------------ the site (gold data)

@pytest.mark.parametrize("actor", BOTH)
def test_actor_pages_list_both_briefings(gold_site, actor):
    assert {SLUG_000, SLUG_003} <= briefing_links(gold_site / "actors" / actor / "index.html")


def test_related_names_shared_actors(gold_site):
    rel = soup(gold_site / "briefings" / SLUG_003 / "index.html").select_one("section.related")
    assert [a["href"] for a in rel.select("li > a")] == [f"/briefings/{SLUG_000}/"]
    names = [a.get_text() for a in rel.select(".shared a")]
    assert {"Julianne Smith", "Volodymyr Zelenskyy", "Joe Biden", "NATO"} <= set(names)
    assert all(a["href"].startswith("/actors/") for a in rel.select(".shared a"))


def test_scholz_page(gold_site):
    page = gold_site / "actors" / "olaf-scholz" / "index.html"
    text = main_text(page)
    for q in SCHOLZ_QUOTES:
        assert q in text
    s = soup(page)
    assert s.find("h1").get_text() == "Olaf Scholz"
    assert "German Chancellor" in s.select_one("ul.roles").get_text()
    assert s.select_one("ul.roles a")["href"] == f"/briefings/{SLUG_000}/"
    # each quote links to its permalink and its paragraph, which exist
    assert len(s.select(".actor-quotes a.quote-permalink")) >= 3
    for a in s.select(".actor-quotes figcaption a"):
        slug, frag = a["href"].split("/briefings/")[1].split("/#")
        assert soup(gold_site / "briefings" / slug / "index.html").find(id=frag) is not None
    assert s.select(".co-actors a")


def test_body_links_first_mention_only(gold_site):
    s = soup(gold_site / "briefings" / SLUG_000 / "index.html")
    hrefs = [a["href"] for a in s.select(".body a.actor-link")]
    assert "/actors/olaf-scholz/" in hrefs and len(hrefs) == len(set(hrefs))
    assert not s.select(".body figure a, .body h2 a")


def test_directory_grouped_by_type_with_counts(gold_site):
    s = soup(gold_site / "actors" / "index.html")
    groups = [h.get_text() for h in s.select("section.actor-group h2")]
    assert groups[:3] == ["People", "Organizations", "Countries"]
    row = next(r for r in s.select("tr") if r.find("a") and r.find("a").get_text() == "Joe Biden")
    mentions, briefings = [int(td.get_text()) for td in row.find_all("td")]
    assert briefings == 2 and mentions >= 2


def test_home_latest_with_key_actors_and_top_actors(gold_site):
    s = soup(gold_site / "index.html")
    items = s.select("ol.briefing-list > li")
    assert items[0].find("a")["href"] == f"/briefings/{SLUG_000}/"
    assert all(li.select(".key-actors a") for li in items)
    assert len(s.select(".top-actors li")) == 8


def test_api(gold_site):
    index = json.loads((gold_site / "api" / "index.json").read_text())
    assert [b["slug"] for b in index["briefings"]] == [SLUG_000, SLUG_003]
    ids = {a["id"] for a in index["actors"]}
    assert set(BOTH) <= ids
    for a in index["actors"]:
        assert (gold_site / a["api"].lstrip("/")).is_file() and (gold_site / a["url"].lstrip("/") / "index.html").is_file()
    biden = json.loads((gold_site / "api" / "actors" / "joe-biden.json").read_text())
    assert [b["slug"] for b in biden["briefings"]] == [SLUG_000, SLUG_003]
    scholz = json.loads((gold_site / "api" / "actors" / "olaf-scholz.json").read_text())
    assert len(scholz["quotes"]) >= 3 and all(q["url"].startswith("/briefings/") for q in scholz["quotes"])


def test_feed_and_sitemap(gold_site):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(gold_site / "feeds" / "all.atom.xml").getroot()
    entries = feed.findall("a:entry", ns)
    assert [e.find("a:title", ns).text for e in entries][0].startswith("Western Powers")
    assert all(e.find("a:updated", ns) is not None for e in entries)
    assert entries[1].find("a:published", ns) is None  # undated: no invented date
    sm = ET.parse(gold_site / "sitemap.xml").getroot()
    locs = [u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text for u in sm]
    assert f"/briefings/{SLUG_000}/" in locs and "/actors/joe-biden/" in locs and "/about/" in locs
    assert not any("review" in loc or "search" in loc for loc in locs)


def test_review_page_out_of_the_way(gold_site):
    s = soup(gold_site / "review" / "index.html")
    assert s.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert s.find(attrs={"data-pagefind-body": True}) is None
    nav = soup(gold_site / "index.html").find("nav")
    assert not any("review" in a["href"] for a in nav.find_all("a"))
    assert "review" not in (gold_site / "feeds" / "all.atom.xml").read_text()
    kinds = [sec.find("h2")["id"] for sec in s.select("section.review-section")]
    order = ["stale", "statements", "duplicates", "not-actors", "no-role", "across", "by-briefing"]
    assert kinds == [k for k in order if k in kinds] and kinds[-1] == "by-briefing"
    fixes = [pre.get_text() for pre in s.select("pre.fix")]
    assert fixes and all(f.startswith("---\n") and f.endswith("---\n") for f in fixes)
    assert any("content/briefings/" in c.get_text() for c in s.select("p.fix-path code"))
    for li in s.select("ul.review-briefings li"):  # every briefing's items on a page of its own
        page = gold_site / "review" / li["id"] / "index.html"
        assert page.is_file() and li.a["href"] == f"/review/{li['id']}/"
        assert soup(page).find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert (gold_site / "review" / "named-once" / "index.html").is_file()


def test_review_suggests_merge_for_two_spellings(tmp_path):
    from briefing.link.site import link
    from briefing.model import Actor, Document, Extraction, Mention
    from briefing.link.review_queue import review_queue

    doc = Document(source="x.txt", title="X", paragraphs=["Olaf Scholz and Olaf Scholtz and Scholz."])
    a = Actor("olaf-scholz", "Olaf Scholz", "person", mentions=[Mention(0, 0, 11, "Olaf Scholz"), Mention(0, 33, 39, "Scholz")])
    b = Actor("olaf-scholtz", "Olaf Scholtz", "person", mentions=[Mention(0, 16, 28, "Olaf Scholtz")])
    dup = review_queue(link([Extraction(doc, "x", [a, b], [])]))["duplicates"]
    assert len(dup) == 1 and dup[0].fixes[0].path == "content/briefings/x.md"
    assert dup[0].fixes[0].text.endswith("\nactors:\n  olaf-scholtz: {merge_into: olaf-scholz}\n---\n")


def test_jsonld(gold_site):
    s = soup(gold_site / "briefings" / SLUG_000 / "index.html")
    data = json.loads(s.find("script", type="application/ld+json").string)
    article = data["@graph"][0]
    assert article["@type"] == "NewsArticle" and article["datePublished"] == "2023-07-09T16:29:02+00:00"
    scholz = {"@type": "Person", "name": "Olaf Scholz", "@id": "/actors/olaf-scholz/"}
    assert scholz in article["mentions"]
    quotes = [g for g in data["@graph"] if g["@type"] == "Quotation"]
    assert quotes and all(q["creator"] and q["isPartOf"] == {"@id": article["@id"]} for q in quotes)
    assert sum(q["creator"] == {"@id": "/actors/olaf-scholz/"} for q in quotes) >= 3
    s = soup(gold_site / "actors" / "nato" / "index.html")
    data = json.loads(s.find("script", type="application/ld+json").string)
    assert data["@graph"][0]["@type"] == "Organization"
    s = soup(gold_site / "actors" / "olaf-scholz" / "index.html")
    data = json.loads(s.find("script", type="application/ld+json").string)
    person, quotes = data["@graph"][0], data["@graph"][1:]
    assert person["@type"] == "Person" and "German Chancellor" in person["jobTitle"]
    assert len(quotes) >= 3 and all(q["@type"] == "Quotation" and q["creator"] == {"@id": person["@id"]} for q in quotes)


def test_head_meta(gold_site):
    s = soup(gold_site / "briefings" / SLUG_000 / "index.html")
    assert s.find("link", rel="canonical")["href"] == f"/briefings/{SLUG_000}/"
    assert s.find("meta", property="og:type")["content"] == "article"
    assert s.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
    assert s.find("link", rel="alternate", type="application/atom+xml")["href"] == "/feeds/all.atom.xml"
    about = soup(gold_site / "about" / "index.html")
    assert about.find("link", rel="canonical")["href"] == "/about/"


def test_search_box_everywhere_and_index_scope(gold_site):
    for page in ("index.html", "actors/index.html", f"briefings/{SLUG_000}/index.html", "about/index.html",
                 "review/index.html", "search/index.html"):
        form = soup(gold_site / page).select_one("form.search-box")
        assert form is not None and form["action"] == "/search/" and form.find("input", attrs={"name": "q"})
    entry = json.loads((gold_site / "pagefind" / "pagefind-entry.json").read_text())
    actors = len(json.loads((gold_site / "api" / "index.json").read_text())["actors"])
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == 2 + actors
    assert soup(gold_site / "index.html").find(attrs={"data-pagefind-body": True}) is None


def test_no_broken_links(gold_site):
    assert check_links(gold_site) == []


def test_third_article_joins_scholz_and_related(tmp_path):
    out = gold_build(copy_site(tmp_path, seeds=[*sorted(SEEDS.iterdir()), THIRD]))
    page = out / "actors" / "olaf-scholz" / "index.html"
    assert {SLUG_000, SLUG_THIRD} <= briefing_links(page)
    assert "Germany will stand by Ukraine" in main_text(page)
    for slug in (SLUG_000, SLUG_003):
        rel = soup(out / "briefings" / slug / "index.html").select_one("section.related")
        assert f"/briefings/{SLUG_THIRD}/" in [a["href"] for a in rel.find_all("a")]
    rel = soup(out / "briefings" / SLUG_000 / "index.html").select_one("section.related li")
    assert rel.find("a")["href"] == f"/briefings/{SLUG_THIRD}/"  # shares Scholz, the more salient


def test_sub_path_siteurl(tmp_path):
    site = copy_site(tmp_path)
    set_siteurl(site, "https://example.org/briefing")
    out = gold_build(site)
    assert check_links(out, "https://example.org/briefing") == []
    s = soup(out / "briefings" / SLUG_000 / "index.html")
    assert s.find("link", rel="canonical")["href"] == f"https://example.org/briefing/briefings/{SLUG_000}/"
    assert s.select_one("form.search-box")["action"] == "https://example.org/briefing/search/"
    hrefs = [a["href"] for a in s.find_all("a", href=True)]
    assert not [h for h in hrefs if h.startswith("/")], "root-relative link ignores the sub-path"
    index = json.loads((out / "api" / "index.json").read_text())
    assert index["actors"][0]["url"].startswith("https://example.org/briefing/actors/")


def test_deterministic(tmp_path, gold_site):
    out = gold_build(copy_site(tmp_path))

    def digest(root: Path) -> dict:
        return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(root.rglob("*")) if p.is_file()}

    assert digest(out) == digest(gold_site)


def test_home_shows_the_latest_and_all_briefings_have_their_page(tmp_path):
    """BRIEFING_HOME_LATEST briefings on the home page, then a link to /briefings/: every
    briefing, newest first, under its month of publication (undated ones last)."""
    site = copy_site(tmp_path, seeds=[*sorted(SEEDS.iterdir()), THIRD])
    conf = site / "pelican.conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\nBRIEFING_HOME_LATEST = 2\n", encoding="utf-8")
    out = build(site)
    home = soup(out / "index.html")
    assert len(home.select("ol.briefing-list > li")) == 2
    more = [a for a in home.select("main a") if a["href"] == "/briefings/"]
    assert more and more[0].get_text(strip=True) == "All 3 briefings"
    index = soup(out / "briefings" / "index.html")
    listed = [li.find("a")["href"] for li in index.select("ol.briefing-list > li")]
    api = json.loads((out / "api" / "index.json").read_text(encoding="utf-8"))
    assert listed == [f"/briefings/{b['slug']}/" for b in api["briefings"]]  # the site's order: newest first
    months = [h.get_text(strip=True) for h in index.select("section.briefing-month h2")]
    assert months[-1] == "Undated" and "July 2023" in months and len(months) == len(set(months))
    undated = index.select("section.briefing-month")[-1]
    assert [li.find("a")["href"] for li in undated.select("li")] == [f"/briefings/{SLUG_003}/"]
    nav = index.select_one("header nav a[aria-current=page]")
    assert nav["href"] == "/briefings/" and nav.get_text(strip=True) == "Briefings"
    assert home.select_one('header nav a[href="/briefings/"]') is not None
    sm = ET.parse(out / "sitemap.xml").getroot()
    assert "/briefings/" in [u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text for u in sm]
