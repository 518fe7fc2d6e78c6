"""Timeline: dates resolved against the publication date, only when the rule is certain."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup

from briefing.model import Document
from briefing.read.dispatch import parse_file
from briefing.extract.timeline import find_dates, tense

from conftest import SEEDS

SEED_000 = SEEDS / "000_6cbe2b0db47753c0.txt"
SEED_003 = SEEDS / "003_24b412df9d0e1fe6.txt"


def _doc(paragraphs, published="2023-07-09T16:29:02+00:00"):  # a Sunday
    d = Document(source="t.txt", title="T", published=published)
    for p in paragraphs:
        d.add_paragraph(p)
    return d


def _dates(tl):
    return {(e.date, e.expression) for e in tl.entries}


def test_seed_000_summit_and_meeting():
    doc = parse_file(SEED_000)
    tl = find_dates(doc)
    by_date = {}
    for e in tl.entries:
        by_date.setdefault(e.date, []).append(e)
    assert any("Vilnius" in e.sentence and e.label == "Tuesday 11 July 2023" for e in by_date["2023-07-11"])
    assert any("Sunak" in e.sentence and "London" in e.sentence for e in by_date["2023-07-10"])
    assert by_date["2023-07-10"][0].label == "Monday 10 July 2023"
    assert "2008" in by_date
    for e in tl.entries:  # every entry carries its exact source sentence
        assert e.sentence in doc.paragraphs[e.paragraph]
        assert e.expression in e.sentence
    # "on Fridays" (habitual) is not a date
    assert not any(e.expression.endswith("Fridays") for e in tl.entries)


def test_undated_seed_has_no_invented_dates():
    doc = parse_file(SEED_003)
    assert doc.published is None
    tl = find_dates(doc)
    assert all(e.precision in ("year", "month", "day") and e.rule.endswith("in full") for e in tl.entries)
    assert not tl.entries  # the article names no absolute date ("2 percent" is not a year)
    assert {u.expression.lower() for u in tl.unresolved} >= {"next month’s", "last week"}


@pytest.mark.parametrize("sentence,expected", [
    ("The minister will travel to Rome on Monday.", "2023-07-10"),
    ("The minister is expected to travel to Rome on Monday.", "2023-07-10"),
    ("The summit starts on Tuesday in Vilnius.", "2023-07-11"),
    ("The minister travelled to Rome on Monday.", "2023-07-03"),
    ("She told reporters on Friday that talks had stalled.", "2023-07-07"),
    ("Friday's vote was close.", "2023-07-07"),
    ("Last Wednesday the ministers agreed a plan.", "2023-07-05"),
    ("The vote might slip to Thursday, officials fear.", "2023-07-13"),
    ("The vote happened on Sunday.", "2023-07-09"),
    ("A spokesman said on Friday that the minister would resign.", "2023-07-07"),
    ("The talks, which began on Monday, are expected to end soon.", "2023-07-03"),
])
def test_weekday_follows_tense(sentence, expected):
    tl = find_dates(_doc([sentence]))
    assert [e.date for e in tl.entries] == [expected]
    assert tl.entries[0].label.startswith(dt.date.fromisoformat(expected).strftime("%A"))


@pytest.mark.parametrize("sentence", [
    "The ministers meet on Monday.",                                     # no clear tense
    "He said the ministers will meet on Monday.",                          # said + will: mixed
    "The talks were expected to resume on Monday.",                        # reported plan
    "Talks resume next Tuesday, officials said.",                          # next <day>: ambiguous
    "“We will meet on Monday,” she said.",                                 # inside a quotation
    "Last week the talks stalled.",                                        # Sunday: week convention
    "He said he would travel to Rome on Friday.",                          # future of a past
    "She could not attend on Monday.",                                     # modal: unclear
    "The vote will happen on Sunday.",                                     # publication weekday, future
])
def test_uncertain_expressions_stay_unresolved(sentence):
    tl = find_dates(_doc([sentence]))
    assert tl.entries == []
    assert tl.unresolved and tl.unresolved[0].reason


def test_relative_weeks_months_years_and_absolute_dates():
    wed = "2024-03-13T09:00:00+00:00"
    tl = find_dates(_doc([
        "Last week the talks stalled. Next month the council meets again.",
        "The treaty was signed on March 4, 2021, and amended on 5 June 2022.",
        "Sales fell in January 2020 and the plan dates from 2008. Some 2000 troops remain. It costs 2 percent.",
        "Last year the budget grew. The report came out two weeks ago. Yesterday the vote failed.",
    ], published=wed))
    got = _dates(tl)
    assert ("2024-W10", "Last week") in got  # Monday 4 March 2024
    assert ("2024-04", "Next month") in got
    assert ("2021-03-04", "March 4, 2021") in got and ("2022-06-05", "5 June 2022") in got
    assert ("2020-01", "January 2020") in got and ("2008", "from 2008") in got
    assert ("2023", "Last year") in got
    assert ("2024-02-28", "two weeks ago") in got and ("2024-03-12", "Yesterday") in got
    assert not any("2000" in d or "2 percent" in x for d, x in got)
    for e in tl.entries:
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?", e.date)
    assert [e.start for e in tl.entries] == sorted(e.start for e in tl.entries)


def test_undated_article_gets_absolute_dates_only():
    tl = find_dates(_doc(["The deal of July 11, 2023 holds. The ministers will meet on Monday. Tomorrow is key."],
                         published=None))
    assert [e.date for e in tl.entries] == ["2023-07-11"]
    assert {u.expression for u in tl.unresolved} == {"on Monday", "Tomorrow"}


def test_tense_rules():
    assert tense("The event starts in Vilnius") == "future"
    assert tense("Smith told reporters") == "past"
    assert tense("Smith is expected to meet Sunak") == "future"
    assert tense("The ministers meet") is None


def test_briefing_and_site_timeline_pages(built_site):
    page = next(p for p in (built_site / "briefings").glob("*/index.html") if "western-powers" in str(p))
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    items = soup.select("section.timeline-briefing li.tl-item")
    dates = [li.find("time")["datetime"] for li in items]
    assert "2023-07-11" in dates and "2023-07-10" in dates
    for li in items:
        a = li.select_one(".tl-sentence a")
        assert a.get_text(strip=True) and soup.find(id=a["href"][1:]) is not None
    site_tl = BeautifulSoup((built_site / "timeline" / "index.html").read_text(encoding="utf-8"), "html.parser")
    site_dates = [t["datetime"] for t in site_tl.select("main li.tl-item > time")]
    assert "2023-07-11" in site_dates and site_dates == sorted(site_dates, key=lambda d: d.replace("W", ""))
    undated = next(p for p in (built_site / "briefings").glob("*/index.html") if "u-s-and-allies" in str(p))
    usoup = BeautifulSoup(undated.read_text(encoding="utf-8"), "html.parser")
    assert not usoup.select("section.timeline-briefing time")


def test_extras_on_two_forked_processes_equal_the_serial_ones():
    """A cold build computes key points and timelines of many briefings on two forked
    processes: the same values as computing them here."""
    import copy
    import pickle

    from briefing.link.site import link
    from briefing.pelican_layer import reader_experience as rx
    from briefing.read.dispatch import parse_file
    from briefing.extract.article import extract_document

    from conftest import SEEDS

    exs = [extract_document(parse_file(p)) for p in sorted(SEEDS.glob("*.txt"))]
    many = []
    for i in range(220):
        e = copy.deepcopy(exs[i % len(exs)])
        e.slug = f"{e.slug}-{i}"
        many.append(e)
    site = link(many)
    todo = list(site.briefings)
    forked = rx._compute_in_two(todo)
    assert forked is not None and len(forked) == len(todo)
    for b in todo:
        assert pickle.dumps(forked[b.slug]) == pickle.dumps(rx._extras(b))
    assert rx._compute_in_two(todo[:10]) is None  # too few to be worth two processes
