"""Build tests: Pelican runs on a temp copy of the site and writes the pages."""
from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.build

SLUG_000 = "western-powers-rush-to-carry-out-security-pledges-for-ukraine"
SLUG_003 = "u-s-and-allies-negotiating-security-guarantees-for-ukraine"


def read_html(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_briefing_pages_are_semantic(built_site):
    soup = read_html(built_site / "briefings" / SLUG_000 / "index.html")
    art = soup.find("article")
    assert art and art.find("h1").get_text(strip=True) == "Western Powers Rush to Carry Out Security Pledges for Ukraine"
    assert soup.find("time", attrs={"datetime": "2023-07-09T16:29:02+00:00"})
    assert [h.get_text(strip=True) for h in art.select(".body section > h2")] == ["Last minute details", "NATO aspirations"]
    fig = art.select_one(".body figure")
    assert "German Chancellor Olaf Scholz" in fig.find("figcaption").get_text()
    assert "POLITICO" in soup.get_text()


def test_undated_briefing_says_undated(built_site):
    soup = read_html(built_site / "briefings" / SLUG_003 / "index.html")
    assert "Undated" in soup.get_text()


def test_home_lists_briefings_newest_first_undated_last(built_site):
    soup = read_html(built_site / "index.html")
    hrefs = [a["href"] for a in soup.select("main a[href*='/briefings/']")]
    firsts = [h for i, h in enumerate(hrefs) if h not in hrefs[:i]]
    assert firsts.index(f"/briefings/{SLUG_000}/") < firsts.index(f"/briefings/{SLUG_003}/")


def test_api_briefing_json(built_site):
    data = json.loads((built_site / "api" / "briefings" / f"{SLUG_000}.json").read_text())
    for key in ("source", "slug", "title", "publisher", "published", "contributors", "sections",
                "figures", "paragraphs", "actors", "quotes"):
        assert key in data
    assert data["slug"] == SLUG_000
