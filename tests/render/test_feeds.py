"""Atom feed and sitemap: valid XML, no invented dates, deterministic."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from briefing.link.site import link
from briefing.model import Document, Extraction
from briefing.render.feeds import atom_feed, sitemap, site_urls

NS = {"a": "http://www.w3.org/2005/Atom"}


def _site(*dates):
    exs = [Extraction(Document(source=f"{i}.txt", title=f"T{i} <&>", published=d, paragraphs=["Lead & more."]), f"t{i}")
           for i, d in enumerate(dates)]
    return link(exs)


def test_feed_dates_and_order():
    site = _site("2023-07-01T10:00:00+00:00", None, "2023-07-05T10:00:00+00:00")
    xml = atom_feed(site, "https://ex.org/b", "Site")
    assert xml == atom_feed(site, "https://ex.org/b", "Site")
    root = ET.fromstring(xml.encode())
    assert root.find("a:updated", NS).text == "2023-07-05T10:00:00+00:00"
    entries = root.findall("a:entry", NS)
    assert [e.find("a:title", NS).text for e in entries] == ["T2 <&>", "T0 <&>", "T1 <&>"]
    undated = entries[2]
    assert undated.find("a:published", NS) is None
    assert undated.find("a:updated", NS).text == "2023-07-05T10:00:00+00:00"
    assert entries[0].find("a:link", NS).get("href") == "https://ex.org/b/briefings/t2/"


def test_feed_keeps_the_newest_max_items():
    site = _site("2023-07-01T10:00:00+00:00", None, "2023-07-05T10:00:00+00:00")
    root = ET.fromstring(atom_feed(site, "", "Site", max_items=2).encode())
    assert [e.find("a:title", NS).text for e in root.findall("a:entry", NS)] == ["T2 <&>", "T0 <&>"]


def test_feed_with_nothing_dated_is_deterministic():
    site = _site(None)
    assert "1970-01-01T00:00:00+00:00" in atom_feed(site, "", "Site")


def test_sitemap_escapes_and_lists():
    site = _site("2023-07-01T10:00:00+00:00")
    xml = sitemap(site_urls(site, "https://ex.org/b?x=1&y=2"))
    root = ET.fromstring(xml.encode())
    locs = [u[0].text for u in root]
    assert locs[0] == "https://ex.org/b?x=1&y=2/" and any(loc.endswith("/briefings/t0/") for loc in locs)
