"""The Markdown form (`*.md`): front matter + a markdown-it-py body; raw HTML never passes."""
from __future__ import annotations

import datetime as dt

import pytest

from briefing.read.md import html_block_text, normalize_date, parse_md, split_front_matter
from briefing.read.dispatch import SeedError, parse_file, parse_text
from conftest import FIXTURES

ARTICLE = FIXTURES / "md" / "article.md"


def test_fixture_article_structure():
    doc = parse_file(ARTICLE)
    assert doc.title == "Danube ports race to ship Ukrainian grain before the river freezes"
    assert doc.published == "2023-11-14T09:30:00+01:00"
    assert doc.publisher == "River Desk"
    assert doc.url == "https://river-desk.example/2023/11/14/danube-grain"
    assert doc.contributors == ["Mara Ionescu", "Piotr Nowak", "Elena Costa"]  # front matter + closing line
    assert doc.sections == ["A route under fire"]
    assert [f.to_json() for f in doc.figures] == [{"caption": "Barges wait to be loaded at the port of Izmail",
                                                   "credit": "Photo: Andrei Pungovschi/River Desk"}]
    assert len(doc.paragraphs) == 5
    assert doc.paragraphs[-1].startswith("Traders say")  # a blockquote is body text
    assert not any("Additional reporting" in p for p in doc.paragraphs)
    assert [b.kind for b in doc.blocks][:3] == ["paragraph", "figure", "paragraph"]
    assert doc.warnings == []


def test_title_from_first_h1_when_front_matter_has_none():
    doc = parse_md("# The headline\n\nBody text here.", "x.md")
    assert doc.title == "The headline" and doc.paragraphs == ["Body text here."]
    doc = parse_md("---\ntitle: Front title\n---\n# Front title\n\nBody.", "x.md")
    assert doc.sections == []  # the repeated title is not a section


def test_no_title_at_all_is_an_error():
    with pytest.raises(SeedError, match="no headline"):
        parse_text("---\ndate: 2023-01-01\n---\n\nJust a paragraph.", "x.md", ".md")


@pytest.mark.parametrize("value, expected", [
    ("2023-07-09T16:29:02Z", "2023-07-09T16:29:02+00:00"),
    ("2023-07-09 16:29:02", "2023-07-09T16:29:02+00:00"),
    ("2023-07-09", "2023-07-09"),  # a date stays a date: no midnight is invented
    (dt.date(2023, 7, 9), "2023-07-09"),
    ("Sun, 09 Jul 2023 16:29:02 GMT", "2023-07-09T16:29:02+00:00"),
    ("2023-12-14 21:15:02 +01:00", "2023-12-14T21:15:02+01:00"),
    ("2023-12-20T05:00:48.551Z", "2023-12-20T05:00:48+00:00"),
    ("next Tuesday", None),
    ("", None),
    (None, None),
    (True, None),
    ("0001-01-01", None),
])
def test_normalize_date(value, expected):
    assert normalize_date(value) == expected


def test_unreadable_date_is_null_with_warning():
    doc = parse_md("---\ntitle: T\ndate: sometime soon\n---\nBody.", "x.md")
    assert doc.published is None and "unreadable date" in doc.warnings[0]


def test_bad_front_matter_is_a_one_line_error():
    with pytest.raises(SeedError) as err:
        parse_text("---\ntitle: [unclosed\n---\nBody.", "x.md", ".md")
    assert "front matter" in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(SeedError):
        parse_text("---\n- a\n- list\n---\nBody.", "x.md", ".md")
    assert split_front_matter("No front matter") == ({}, "No front matter")


def test_authors_forms():
    for authors, expected in [("Jane Roe and John Doe", ["Jane Roe", "John Doe"]),
                              ("[Jane Roe, {name: John Doe}]", ["Jane Roe", "John Doe"]),
                              ("Jane Roe, Jane Roe", ["Jane Roe"])]:
        assert parse_md(f"---\ntitle: T\nauthors: {authors}\n---\nBody.", "x.md").contributors == expected


def test_non_http_url_is_dropped():
    doc = parse_md("---\ntitle: T\nurl: javascript:alert(1)\n---\nBody.", "x.md")
    assert doc.url is None and "url" in doc.warnings[0]


def test_raw_html_is_reduced_to_text_and_scripts_dropped():
    text = ("---\ntitle: T\n---\n\nIntro <b>bold</b> and <script>alert(1)</script> end.\n\n"
            "<div onclick=\"x()\"><p>Para one.</p><script>evil()</script><p>Para <i>two</i>.</p></div>\n\n"
            "<iframe src=\"javascript:alert(2)\"></iframe>\n")
    doc = parse_md(text, "x.md")
    assert doc.paragraphs == ["Intro bold and end.", "Para one.", "Para two."]
    assert "raw HTML" in doc.warnings[-1]
    assert html_block_text("<p>a<br>b</p><style>p{}</style>") == ["a b"]


def test_indented_paragraph_is_not_lost_as_code():
    doc = parse_md("---\ntitle: T\n---\n\n    An indented paragraph of the article.\n", "x.md")
    assert doc.paragraphs == ["An indented paragraph of the article."]


def test_content_page_reader_escapes_html_and_skips_unreadable(tmp_path, caplog):
    from briefing.read.pages import read_page

    page = tmp_path / "about.md"
    page.write_text("---\ntitle: About\n---\nText <script>alert(1)</script>", encoding="utf-8")
    html, meta = read_page(str(page))
    assert meta["title"] == "About" and "<script>" not in html and "&lt;script&gt;" in html
    page.write_bytes(b"\x00\x01\x02" * 50)
    with caplog.at_level("WARNING", logger="briefing"):
        html, meta = read_page(str(page))
    assert meta["status"] == "skip" and html == ""
    assert len(caplog.records) == 1 and "about.md" in caplog.records[0].getMessage()


def test_standfirst_from_front_matter_is_the_first_paragraph():
    doc = parse_md("---\ntitle: T\ndek: The plan costs two billion.\n---\nBody text.", "x.md")
    assert doc.standfirst == "The plan costs two billion."
    assert doc.paragraphs == ["The plan costs two billion.", "Body text."]
