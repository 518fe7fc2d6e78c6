"""Long articles are published whole (issue 19), built into one site from generated text:

* a 2 MB hearing transcript in Markdown with a heading per day: every paragraph on its
  briefing page, a table of contents of its days, and — over the extraction bound (set low
  here, as test_bad_input does: same rule, smaller numbers) — named on the review page;
* a 160,000-character report with no headings, within the bound: a long briefing divided
  into numbered parts, whose Who's who and quotes come from the whole text (a person named
  only in its last paragraph has a card and a quote);
* both pages exempt from the page-weight gate, each by name with its reason.

The real sizes against the real bound are measured by bench/bench_long_article.py.
"""
from __future__ import annotations

import json
import random
import re

import pytest
from bs4 import BeautifulSoup

from briefing.text import normalize_ws
from conftest import build, copy_site
from gatelib import check_weight, weight_exemptions

pytestmark = pytest.mark.build

FIRST = ["Maren", "Tobias", "Ilse", "Corwin", "Priya", "Anselm", "Dagny", "Ruben", "Solveig", "Emeka"]
LAST = ["Achterberg", "Fairweather", "Lindqvist", "Okonkwo", "Pellegrini", "Quenneville", "Rasmussen",
        "Szabo", "Thorvaldsen", "Vasquez"]
TOPICS = ["harbour dredging", "ferry timetable", "water tariff", "bridge repairs", "school meals", "tram extension"]
CLOSING_SPEAKER = "Ottilie Marchbanks"  # named in the report's last paragraph only
CLOSING = (f"“The record of this inquiry is now closed, and every submission will be published,” said "
           f"{CLOSING_SPEAKER}, the clerk of the committee.")
BOUND = 200_000  # characters extracted (the default, 3,000,000, would take minutes here)


def _paragraph(rng: random.Random, i: int) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    topic = rng.choice(TOPICS)
    if i % 3 == 0:
        return (f"“We reviewed the {topic} in detail and the figures for item {i} are final,” {name} "
                f"told the committee, adding that the council would report again in the spring.")
    if i % 3 == 1:
        return (f"{name}, a member of the committee, asked whether the {topic} budget for item {i} "
                f"had been approved by the council before the contracts were signed last year.")
    return (f"The committee then turned to item {i}, the {topic}, and heard from officials who said "
            f"the work had been delayed by the weather and by a shortage of engineers.")


def _paragraphs(n_chars: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n_chars:
        out.append(_paragraph(rng, len(out) + 1))
        size += len(out[-1])
    return out


def _transcript() -> tuple[str, list[str], list[str]]:
    """(Markdown seed, paragraphs, day headings) of a ~2 MB transcript."""
    paras = _paragraphs(2_000_000, seed=1)
    paras.append("The chair adjourned the hearing at 6.40 pm; the transcript of the final day ends here.")
    days, blocks = [], []
    for i, p in enumerate(paras):
        if i % 400 == 0:
            days.append(f"Day {i // 400 + 1} of the hearing")
            blocks.append(f"## {days[-1]}")
        blocks.append(p)
    front = "---\ntitle: Transcript of the harbour committee hearing\ndate: 2026-03-02\npublisher: Gazette\n---\n\n"
    return front + "\n\n".join(blocks) + "\n", paras, days


def _report() -> tuple[str, list[str]]:
    paras = _paragraphs(160_000, seed=2) + [CLOSING]
    text = "Final report of the harbour inquiry – Gazette\n\n" + "\n\n".join(paras) + "\n"
    return text, paras


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    site = copy_site(tmp_path_factory.mktemp("long"), seeds=[])
    transcript, t_paras, days = _transcript()
    assert len(transcript.encode()) > 2_000_000
    (site / "seeds" / "transcript.md").write_text(transcript, encoding="utf-8")
    report, r_paras = _report()
    (site / "seeds" / "report.txt").write_text(report, encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setattr("briefing.extract.article.MAX_EXTRACT_CHARS", BOUND)
    try:
        out = build(site)
    finally:
        mp.undo()
    api = {}
    for p in (out / "api" / "briefings").glob("*.json"):
        data = json.loads(p.read_text(encoding="utf-8"))
        api[data["source"]] = (p.stem, data)
    return out, api, {"transcript.md": (t_paras, days), "report.txt": (r_paras, [])}


def _page(out, slug) -> str:
    return (out / "briefings" / slug / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("source", ["transcript.md", "report.txt"])
def test_every_paragraph_is_on_the_briefing_page(long_site, source):
    out, api, made = long_site
    slug, data = api[source]
    paras = made[source][0]
    assert data["paragraphs"] == paras
    page = _page(out, slug)
    ids = re.findall(r'<p id="p(\d+)">', page)
    assert [int(i) for i in ids] == list(range(1, len(paras) + 1))
    last = re.search(rf'<p id="p{len(paras)}">(.*?)</p>', page, re.S).group(1)
    assert normalize_ws(BeautifulSoup(last, "html.parser").get_text()) == paras[-1]


def test_long_briefings_open_with_their_contents(long_site):
    out, api, made = long_site
    for source, expected in (("transcript.md", made["transcript.md"][1]),
                             ("report.txt", None)):
        slug, _ = api[source]
        soup = BeautifulSoup(_page(out, slug), "html.parser")
        nav = soup.select_one("#full-text nav.contents")
        assert nav is not None, source
        links = nav.select("a[href^='#']")
        labels = [a.get_text() for a in links]
        if expected is not None:
            assert labels == expected
        else:  # no headings of its own: parts of 100 paragraphs
            n = len(made[source][0])
            assert labels[0] == "Paragraphs 1–100" and labels[-1].endswith(f"–{n}") and len(labels) == -(-n // 100)
        for a in links:  # every entry leads to its section heading
            target = soup.find(id=a["href"][1:])
            assert target is not None and target.name == "h2" and target.get_text() == a.get_text()


def test_whos_who_and_quotes_cover_the_whole_text_within_the_bound(long_site):
    out, api, _ = long_site
    slug, data = api["report.txt"]
    closing = [a for a in data["actors"] if a["name"] == CLOSING_SPEAKER]
    assert closing, [a["name"] for a in data["actors"]]
    quotes = [q for q in data["quotes"] if "record of this inquiry is now closed" in q["text"]]
    assert quotes and quotes[0]["speaker"] == closing[0]["id"]
    page = _page(out, slug)
    soup = BeautifulSoup(page, "html.parser")
    assert CLOSING_SPEAKER in soup.select_one("section.whos-who").get_text(" ")
    assert "record of this inquiry is now closed" in soup.select_one(".what-they-said").get_text(" ")


def test_an_article_over_the_bound_is_published_whole_and_named_on_the_review_page(long_site):
    out, api, made = long_site
    slug, data = api["transcript.md"]
    assert data["quotes"], "the first part is extracted"
    last_quoted = max(p["paragraph"] for q in data["quotes"] for p in q["parts"])
    assert sum(len(p) for p in data["paragraphs"][:last_quoted + 1]) <= BOUND
    review = BeautifulSoup((out / "review" / "index.html").read_text(encoding="utf-8"), "html.parser")
    items = review.select("li.review-over-bound")
    assert [li.select_one("a").get_text() for li in items] == [data["title"]]
    assert f"/briefings/{slug}/#p" in items[0].select_one("a")["href"]
    assert f"over the extraction bound of {BOUND:,}" in items[0].get_text()


def test_the_weight_gate_exempts_long_briefings_by_name_and_reason(long_site):
    out, api, _ = long_site
    exempt = weight_exemptions(out)
    assert sorted(exempt) == sorted(f"briefings/{api[s][0]}/index.html" for s in ("transcript.md", "report.txt"))
    assert all("long article" in reason for reason in exempt.values())
    assert check_weight(out) == []
    over = check_weight(out, exempt={})  # without the exemptions the gate does report them
    assert sorted(p.split(":")[0] for p in over if "budget" in p) == sorted(exempt)
