"""The saved-page form (`*.html`): body text against hand-cleaned copies of pages in the
markup of several publishers, and one test per structure rule."""
from __future__ import annotations

import functools
import re
from collections import Counter

import pytest

from briefing.read.html_meta import split_byline, strip_site_suffix
from briefing.read.html_figures import split_credit
from briefing.read.html import body_text, parse_html
from conftest import FIXTURES

HTML = FIXTURES / "html"
PAGES = sorted(p.stem for p in HTML.glob("*.html") if p.with_suffix(".expected.txt").exists())
WORD = re.compile(r"\w+")


def prf(pred: str, gold: str) -> tuple[float, float, float]:
    p = Counter(w.casefold() for w in WORD.findall(pred))
    g = Counter(w.casefold() for w in WORD.findall(gold))
    hit = sum((p & g).values())
    prec, rec = hit / max(1, sum(p.values())), hit / max(1, sum(g.values()))
    return prec, rec, (2 * prec * rec / (prec + rec) if hit else 0.0)


@functools.lru_cache(maxsize=None)
def trafilatura_f1(name: str) -> float:
    import trafilatura

    html = (HTML / f"{name}.html").read_text(encoding="utf-8")
    return prf(trafilatura.extract(html) or "", (HTML / f"{name}.expected.txt").read_text(encoding="utf-8"))[2]


def parse_fixture(name: str):
    return parse_html((HTML / f"{name}.html").read_text(encoding="utf-8"), f"{name}.html")


def test_there_are_pages_of_at_least_four_publishers():
    assert len(PAGES) >= 4


@pytest.mark.parametrize("name", PAGES)
def test_body_word_f1_against_hand_cleaned_copy(name):
    gold = (HTML / f"{name}.expected.txt").read_text(encoding="utf-8")
    p, r, f1 = prf(body_text(parse_fixture(name)), gold)
    print(f"{name}: ours P={p:.3f} R={r:.3f} F1={f1:.3f}; trafilatura alone F1={trafilatura_f1(name):.3f}")
    assert f1 >= 0.97, (name, p, r)


def test_mean_f1_beats_trafilatura_alone():
    ours, theirs = [], []
    for name in PAGES:
        gold = (HTML / f"{name}.expected.txt").read_text(encoding="utf-8")
        ours.append(prf(body_text(parse_fixture(name)), gold)[2])
        theirs.append(trafilatura_f1(name))
    assert sum(ours) / len(ours) >= 0.97
    assert sum(ours) / len(ours) > sum(theirs) / len(theirs)


EXPECTED = {
    "guardian": ("Baltic states press Nato for firmer air defence pledge before summit", "The Guardian",
                 "2023-07-08T05:00:14+00:00", ["Annamaria Kovács"], 2),
    "bbc": ("Moldova braces for winter as gas deal with Romania is signed", "BBC News",
            "2023-10-02T11:24:31+00:00", ["Oana Dumitrescu", "Radu Ionescu"], 2),
    "nyt": ("Pentagon Weighs Sending Longer-Range Missiles to Kyiv", "The New York Times",
            "2023-07-09T18:03:47+00:00", ["Daniel Whitcombe", "Priya Raman"], 2),
    "reuters": ("EU agrees fourth package of Ukraine ammunition funding", "Reuters",
                "2023-07-18T14:52:09+00:00", ["Lorne Cooke", "Julia Pawlak"], 1),
    "wordpress": ("Georgia’s ruling party backs down on ‘foreign agents’ bill after protests", "Caucasus Monitor",
                  "2023-03-09T04:15:00+00:00", ["Nino Beridze", "Giorgi Lomsadze"], 2),
    "politico": ("EU ministers clash over plan to tap frozen Russian assets", "POLITICO",
                 "2023-12-08T16:45:00+00:00", ["Gregorio Sorgi", "Jacopo Barigazzi"], 1),
    "cnn": ("Zelensky makes surprise visit to Washington as aid package stalls", "CNN",
            "2023-12-12T15:04:11+00:00", ["Kevin Liptak", "Manu Raju", "Haley Talbot", "Lauren Fox"], 2),
    "ghost": ("Ukraine war latest: Kyiv hit by largest drone attack since spring", "The Kyiv Ledger",
              "2023-11-25T09:12:33+00:00", ["Oksana Hrytsenko"], 2),
    "wapo": ("Poland’s new government moves to restore court independence", "The Washington Post",
             "2023-12-20T05:00:48+00:00", ["Rachel Pannett"], 1),
    "euronews": ("Hungary blocks EU agreement on Ukraine accession talks", "Euronews",
                 "2023-12-14T21:15:02+01:00", ["Mared Gwyn Jones"], 1),  # hero image above the headline
    "dw": ("Germany approves new military aid package for Ukraine", "Deutsche Welle",
           "2023-11-21T10:41:00+00:00", [], 1),  # the JSON-LD author is an organisation: no person
    "independent": ("Sunak faces Tory revolt over Rwanda bill as hardliners demand changes", "The Independent",
                    "2023-12-11T18:32:10+00:00", ["Adam Forrest"], 1),
    "rferl": ("Armenia, Azerbaijan Agree To Exchange Prisoners In Rare Joint Statement", "RFE/RL",
              "2023-12-07T13:22:41+00:00", [], 1),  # "RFE/RL's Armenian Service" is not a person
    "lemonde": ("France tightens immigration law after months of political wrangling", "Le Monde",
                "2023-12-20T11:07:52+01:00", [], 1),  # an aria-hidden caption is still a visible caption
    "kyivpost": ("Ukraine Says It Destroyed Russian Landing Ship in Crimea", "Kyiv Post",
                 "2023-12-26T10:45:00+02:00", ["Dmytro Ostapenko"], 1),  # byline from the page, no JSON-LD
    "bloomberg": ("ECB Holds Rates as Lagarde Pushes Back Against Cut Bets", "Bloomberg",
                  "2023-12-14T13:15:00+00:00", ["Alexander Weber", "Zoe Schneeweiss"], 1),
    "thehill": ("House passes defense bill with Ukraine aid provisions", "The Hill",
                "2023-12-14T16:59:12+00:00", ["Mychael Schnell"], 1),  # JSON-LD @graph references
    "axios": ("Scoop: White House weighs new Russia sanctions on oil shipping", "Axios",
              "2023-12-19T10:30:14+00:00", ["Hans Nichols"], 1),
    "toi": ("India, Russia sign deal on nuclear power plant units", "Times Of India",
            "2023-12-27T19:41:00+05:30", [], 0),  # body as text runs between <br>s in a <div>
    "apnews": ("Turkey drops its objection to Sweden joining NATO on eve of summit", "AP News",
               "2023-07-10T19:47:33+00:00", ["Suzan Fraser", "Karl Ritter", "Lorne Cook", "Jan M. Olsen"], 1),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_metadata(name):
    title, publisher, published, contributors, n_figures = EXPECTED[name]
    doc = parse_fixture(name)
    assert doc.title == title
    assert doc.publisher == publisher
    assert doc.published == published
    assert doc.contributors == contributors
    assert len(doc.figures) == n_figures
    assert doc.url and doc.url.startswith("https://")


@pytest.mark.parametrize("name", PAGES)
def test_no_furniture_or_byline_in_paragraphs(name):
    doc = parse_fixture(name)
    furniture = re.compile(r"advertisement|newsletter|sign up|subscribe|share (?:on|via)|most (?:read|viewed)|"
                           r"\brelated (?:articles|stories|topics|content)|read more|\bskip\b|cookie|©|contributed|"
                           r"reporting by|^by |subscribers|left to read|video is no longer", re.I)
    for p in doc.paragraphs:
        assert not furniture.search(p), p
    for f in doc.figures:
        assert "Licensing" not in (f.caption + (f.credit or ""))
        assert not f.caption.lower().startswith(("image caption", "image source"))


def test_old_table_layout_page_without_metadata():
    doc = parse_fixture("oldcms")
    assert (doc.title, doc.publisher) == ("Kharkiv metro reopens as shelter and school", "Kharkiv Daily News")
    assert doc.published is None and doc.url is None  # the visible "14.02.2023" is not guessed at
    assert len(doc.paragraphs) == 6  # <br><br> ends a paragraph; the sidebar teasers are not body
    assert not any("apartment blocks" in p for p in doc.paragraphs)


def test_figures_keep_caption_and_credit():
    assert [f.to_json() for f in parse_fixture("guardian").figures][0] == {
        "caption": "German air force personnel by a Patriot launcher at Šiauliai airbase in northern Lithuania.",
        "credit": "Photograph: Mindaugas Kulbis/AP"}
    bbc = parse_fixture("bbc").figures
    assert bbc[0].caption == "The Iași-Ungheni pipeline links Moldova to the Romanian gas network"
    assert bbc[0].credit == "Reuters"  # the credit element outside the figcaption
    assert parse_fixture("nyt").figures[1].credit == "Kenny Holston/The New York Times"
    # an image and its caption in <div>s, the credit in a <figcaption> (no <figure>)
    assert parse_fixture("cnn").figures[1].to_json() == {
        "caption": "President Joe Biden and Zelensky hold a news conference at the White House.",
        "credit": "Andrew Harnik/AP"}
    assert parse_fixture("cnn").paragraphs[0].startswith("Washington CNN — ")  # touching spans are words


def test_standfirst_is_kept_as_first_paragraph():
    for name in ("guardian", "nyt", "wordpress", "aljazeera", "wapo", "ghost", "politico"):
        doc = parse_fixture(name)
        assert doc.standfirst and doc.paragraphs[0] == doc.standfirst, name
        assert doc.blocks[0].kind == "paragraph"


def test_sections_are_body_subheadings_only():
    assert parse_fixture("bbc").sections == ["Breakaway region still depends on Moscow"]
    assert parse_fixture("wordpress").sections == ["EU bid at stake"]
    assert parse_fixture("guardian").sections == ["A gap in the sky"]
    assert parse_fixture("lemonde").sections == ["'A moral defeat'"]  # class "sub-title" in the body


@pytest.mark.parametrize("caption, expected", [
    ("Borrell in Brussels, July 17, 2023. REUTERS/Yves Herman", ("Borrell in Brussels, July 17, 2023.", "REUTERS/Yves Herman")),
    ("Scholz in Berlin (AFP via Getty Images)", ("Scholz in Berlin", "AFP via Getty Images")),
    ("A launch. Credit... Jane Roe for The New York Times", ("A launch.", "Jane Roe for The New York Times")),
    ("Smoke over Khartoum [File: AFP]", ("Smoke over Khartoum", "AFP")),
    ("The minister. Photograph: Jane Roe/AP", ("The minister.", "Photograph: Jane Roe/AP")),
    ("A photo by the ministry shows the crowd", ("A photo by the ministry shows the crowd", None)),
])
def test_caption_credit_split(caption, expected):
    assert split_credit(caption) == expected


def test_title_suffix_and_byline_helpers():
    assert strip_site_suffix("Headline here | Nato | The Guardian", None) == ("Headline here", "The Guardian")
    assert strip_site_suffix("Talks stall", None) == ("Talks stall", None)
    assert split_byline("By Jane Roe and John Doe") == ["Jane Roe", "John Doe"]


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


LONG = ("The ministers met for six hours on Tuesday and agreed a plan to rebuild the bridges, "
        "which were destroyed in the spring floods, by the end of next year.")


def test_no_date_in_page_means_null():
    doc = parse_html(page(f"<article><h1>Bridges to be rebuilt</h1><p>{LONG}</p><p>{LONG} Again.</p></article>"), "x.html")
    assert doc.published is None
    doc = parse_html(page(f"<article><h1>Bridges to be rebuilt</h1><time datetime='2024-05-02T10:00:00Z'>May 2</time>"
                          f"<p>{LONG}</p></article>"), "x.html")
    assert doc.published == "2024-05-02T10:00:00+00:00"
    doc = parse_html(page(f"<h1>Bridges</h1><p>{LONG}</p>", "<meta property='article:published_time' content='not a date'>"), "x.html")
    assert doc.published is None


def test_title_from_title_tag_when_no_h1_and_suffix_split_off():
    doc = parse_html(page(f"<div><p>{LONG}</p><p>{LONG} More.</p></div>",
                          "<title>Bridges to be rebuilt by next year – Daily Courier</title>"), "x.html")
    assert (doc.title, doc.publisher) == ("Bridges to be rebuilt by next year", "Daily Courier")


def test_boilerplate_class_on_article_does_not_remove_the_body():
    doc = parse_html(page(f"<article class='post tag-politics category-news'><h1>Bridges</h1>"
                          f"<p>{LONG}</p><p>{LONG} Two.</p><div class='related-posts'><p>Other story title here</p></div>"
                          f"</article>"), "x.html")
    assert doc.paragraphs == [LONG, LONG + " Two."]


def test_div_paragraphs_and_line_breaks():
    doc = parse_html(page(f"<h1>Bridges</h1><div class='story'><div>{LONG}</div><div>{LONG} Two.</div></div>"), "x.html")
    assert doc.paragraphs == [LONG, LONG + " Two."]


def test_link_lists_and_labels_are_dropped():
    links = "".join(f"<li><a href='/s{i}'>Another story about something else number {i}</a></li>" for i in range(5))
    doc = parse_html(page(f"<main><h1>Bridges</h1><span>World</span><p>{LONG}</p><ul>{links}</ul><p>{LONG} B.</p></main>"), "x.html")
    assert doc.paragraphs == [LONG, LONG + " B."]


def test_contributor_line_leaves_body():
    doc = parse_html(page(f"<article><h1>Bridges</h1><p>{LONG}</p><p><em>Jane Roe contributed reporting from Rome.</em></p></article>"), "x.html")
    assert doc.paragraphs == [LONG]
    assert doc.contributors == ["Jane Roe"]


def test_figure_without_caption_is_not_a_figure_and_alt_text_is_not_body():
    doc = parse_html(page(f"<article><h1>Bridges</h1><figure><img alt='A bridge'></figure><p>{LONG}</p></article>"), "x.html")
    assert doc.figures == []
    assert doc.paragraphs == [LONG]


def test_page_without_article_markup_falls_back_to_trafilatura():
    body = "".join(f"<span>{LONG} Part {i}.</span><br><br>" for i in range(4))
    doc = parse_html(page(f"<h1>Bridges</h1><td>{body}</td>"), "x.html")
    assert sum(len(p) for p in doc.paragraphs) > 300


def test_no_headline_is_an_error():
    with pytest.raises(ValueError):
        parse_html(page(f"<div><p>{LONG}</p></div>"), "x.html")


SENTENCES = [
    "Farmers in the delta planted rice two weeks late because the spring floods lingered on their fields.",
    "The regional governor promised compensation but has not said when the money will be paid out.",
    "Cooperatives say seed prices have doubled since last year, pushing many smallholders into debt.",
    "Engineers are surveying the embankments that failed, and repairs should start before the monsoon.",
    "Aid groups warned that child malnutrition could rise sharply if the autumn harvest is poor again.",
    "Exporters expect shipments from the port to fall by a fifth, traders told a meeting on Monday.",
]


def test_body_in_many_hinted_blocks_is_not_thrown_away():
    body = "".join(f"<div class='story-meta-block'><p>{s}</p></div>" for s in SENTENCES)
    doc = parse_html(page(f"<article><h1>Delta farmers plant late</h1>{body}</article>"), "x.html")
    p, r, f1 = prf(body_text(doc), "\n".join(SENTENCES))
    assert r >= 0.95, doc.paragraphs


def test_headline_element_not_the_site_logo():
    html = page(f"<header><h1 class='site-logo'><a href='/'>Daily Courier</a></h1></header>"
                f"<div class='post'><h2>Bridges to be rebuilt by next year</h2><p>{LONG}</p><p>{LONG} B.</p></div>",
                "<title>Bridges to be rebuilt by next year | Daily Courier</title>")
    doc = parse_html(html, "x.html")
    assert (doc.title, doc.publisher) == ("Bridges to be rebuilt by next year", "Daily Courier")
    assert doc.sections == []


def test_seo_title_different_from_h1_keeps_the_visible_headline_and_standfirst():
    html = page(f"<article><header><h1>Bridges to be rebuilt</h1><p class='dek'>The plan costs two billion.</p></header>"
                f"<div class='body'><p>{LONG}</p><p>{LONG} B.</p></div></article>",
                "<meta property='og:title' content='Floods: what the government promised, and when'>")
    doc = parse_html(html, "x.html")
    assert doc.title == "Bridges to be rebuilt"
    assert doc.standfirst == "The plan costs two billion."


@pytest.mark.parametrize("line", ["By Jane Roe and John Doe", "BY JANE ROE, REUTERS", "By Jane Roe in Kyiv",
                                  "Updated 12:03 AM GMT+2, July 11, 2023", "14.02.2023 10:15", "Monday, July 10, 2023"])
def test_byline_and_date_lines_leave_the_body(line):
    doc = parse_html(page(f"<article><h1>Bridges</h1><div><p>{line}</p><p>{LONG}</p><p>{LONG} B.</p></div></article>"), "x.html")
    assert doc.paragraphs == [LONG, LONG + " B."]
    if line.lower().startswith("by"):
        assert doc.contributors and doc.contributors[0].lower() == "jane roe"


def test_sentence_starting_with_by_stays():
    text = "By the end of the year, the council expects to have rebuilt all twelve bridges, officials said."
    doc = parse_html(page(f"<article><h1>Bridges</h1><p>{text}</p><p>{LONG}</p></article>"), "x.html")
    assert doc.paragraphs[0] == text


@pytest.mark.parametrize("line", [
    "Jane Roe is a correspondent for the Daily Courier based in Rome.",
    "You have 77% of this article left to read. The rest is for subscribers only.",
    "Support independent journalism in Ukraine. Join our community.",
    "(Updates with minister's comments in third paragraph.)",
    "Watch: Floods hit the delta 0:02:41",
    "This video is no longer available",
])
def test_appeals_notes_and_bios_leave_the_body(line):
    doc = parse_html(page(f"<article><h1>Bridges</h1><div><p>{LONG}</p><p>{line}</p><p>{LONG} B.</p></div></article>"), "x.html")
    assert doc.paragraphs == [LONG, LONG + " B."]
