"""Site-wide timelines (site_timelines.py): the timeline page's entries and each actor's
dated mentions and quotes, from the briefings' own timelines."""
from __future__ import annotations

from briefing.extract.timeline import find_dates

from test_timeline import _doc


def test_site_and_actor_timelines():
    from briefing.link.site import link
    from briefing.model import Actor, Extraction, Mention, Quote, QuotePart
    from briefing.link.site_timelines import actor_timelines, site_timeline

    p0 = "Ann Lee told reporters on Friday that the deal was done."
    p1 = "“We are ready,” Ann Lee said."
    dated = _doc([p0, p1])  # published Sunday 9 July 2023
    undated = _doc(["Ann Lee spoke in 2008 about the treaty."], published=None)
    undated.source = "u.txt"
    ann = Actor("ann-lee", "Ann Lee", "person", mentions=[Mention(0, 0, 7, "Ann Lee"), Mention(1, 16, 23, "Ann Lee")])
    q = Quote("q1", [QuotePart(1, 1, 13, "We are ready")], speaker="ann-lee", cue="said")
    ann2 = Actor("ann-lee", "Ann Lee", "person", mentions=[Mention(0, 0, 7, "Ann Lee")])
    site = link([Extraction(dated, "dated", actors=[ann], quotes=[q]), Extraction(undated, "undated", actors=[ann2])])
    tls = {b.slug: find_dates(b.document) for b in site.briefings}
    entries = site_timeline(site, tls)
    assert [(e.entry.date, e.briefing_slug) for e in entries] == [("2008", "undated"), ("2023-07-07", "dated")]
    items = actor_timelines(site, tls)["ann-lee"]
    assert [(i.kind, i.date) for i in items] == [("mention", "2008"), ("mention", "2023-07-07"), ("quote", "2023-07-09")]
    assert items[-1].label == "Published Sunday 9 July 2023" and items[-1].text == "We are ready"


def test_actor_timelines_from_entry_spans_equal_resplit_sentences():
    """Actor timelines use the sentence spans kept on timeline entries; entries without spans
    (made by older code) give the same items by splitting the text again — also when one
    paragraph repeats a dated sentence."""
    from briefing.link.site import link
    from briefing.model import Actor, Extraction, Mention, Quote, QuotePart
    from briefing.link.site_timelines import actor_timelines

    p0 = "Ann Lee met Bo Ray on Friday. Ann Lee met Bo Ray on Friday. Bo Ray will fly on Monday."
    p1 = "“We are ready on Tuesday,” Ann Lee said on Tuesday. Nothing else happened."
    d = _doc([p0, p1])
    ann = Actor("ann-lee", "Ann Lee", "person",
                mentions=[Mention(0, 0, 7, "Ann Lee"), Mention(0, 30, 37, "Ann Lee"), Mention(1, 27, 34, "Ann Lee")])
    bo = Actor("bo-ray", "Bo Ray", "person", mentions=[Mention(0, 60, 66, "Bo Ray")])
    q = Quote("q1", [QuotePart(1, 1, 24, "We are ready on Tuesday")], speaker="ann-lee", cue="said")
    site = link([Extraction(d, "dated", actors=[ann, bo], quotes=[q])])
    tls = {b.slug: find_dates(b.document) for b in site.briefings}
    assert all(e.sentence_start >= 0 for tl in tls.values() for e in tl.entries)
    fast = actor_timelines(site, tls)
    for tl in tls.values():
        for e in tl.entries:
            e.sentence_start = e.sentence_end = -1
    assert actor_timelines(site, tls) == fast
    assert [(i.kind, i.date) for i in fast["ann-lee"]] == [("quote", "2023-07-04"), ("mention", "2023-07-04"),
                                                           ("mention", "2023-07-07")]  # the repeated sentence once
    assert [(i.kind, i.date) for i in fast["bo-ray"]] == [("mention", "2023-07-10")]


def test_timeline_page_jumps_to_each_year(built_site):
    """The timeline page lists its years (with their number of entries) at the top; each
    links to the first entry of that year."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup((built_site / "timeline" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = page.select('nav[aria-label="Years"] a')
    years = [a.get_text(strip=True) for a in links]
    assert len(years) > 1 and years == sorted(years)
    items = page.select("li.tl-item")
    for a in links:
        target = page.find(id=a["href"][1:])
        assert target is not None and target in items
        assert target.find("time")["datetime"].startswith(a.get_text(strip=True))
        before = items[:items.index(target)]
        assert all(not li.find("time")["datetime"].startswith(a.get_text(strip=True)) for li in before)
    counts = [int(a.find_next_sibling("span").get_text()) for a in links]
    assert sum(counts) == len(items)


def test_timeline_years_one_anchor_per_year():
    from types import SimpleNamespace as NS

    from briefing.pelican_layer.reader_experience import timeline_years

    entries = [NS(entry=NS(date=d)) for d in ("2008", "2023-07", "2023-W28", "2023-07-11", "2024-01-02")]
    assert timeline_years(entries) == {0: ("2008", 1), 1: ("2023", 3), 4: ("2024", 1)}
    assert timeline_years([]) == {}
