"""The scraped-text form: each structure rule, and the two seeds against the gold."""
from __future__ import annotations

import pytest

from briefing.read.txt import contributors_of, is_heading, parse_txt, split_headline
from briefing.read.dispatch import parse_file
from conftest import SEEDS, load_gold

STRUCTURE = ("title", "publisher", "published", "sections", "contributors")


@pytest.mark.parametrize("name", ["000_6cbe2b0db47753c0", "003_24b412df9d0e1fe6"])
def test_seed_structure_matches_gold(name):
    gold = load_gold(f"{name}.json")
    doc = parse_file(SEEDS / f"{name}.txt")
    for key in STRUCTURE:
        assert getattr(doc, key) == gold[key], key
    assert [f.to_json() for f in doc.figures] == gold["figures"]
    leaked = set(gold["sections"]) | {f["caption"] for f in gold["figures"]} | {
        f["credit"] for f in gold["figures"]} | set(gold["contributors"])
    for p in doc.paragraphs:
        for item in leaked:
            assert item not in p or len(p) > len(item) * 3, (item, p)
        assert " | " not in p
        assert "contributed to" not in p


def test_headline_publisher_suffix():
    assert split_headline("Markets fall – Reuters") == ("Markets fall", "Reuters")
    assert split_headline("Markets fall | The Guardian") == ("Markets fall", "The Guardian")
    assert split_headline("Markets fall again") == ("Markets fall again", None)
    # a long clause after a dash is part of the headline, not a publisher
    title, pub = split_headline("Talks stall – and the allies are running out of time to agree a deal")
    assert pub is None


def test_epoch_line_gives_time_and_no_epoch_means_null():
    doc = parse_txt("Title here\n\n1688920142 Title here | site\n\nBody text.", "x.txt")
    assert doc.published == "2023-07-09T16:29:02+00:00"
    assert doc.paragraphs == ["Body text."]
    doc = parse_txt("Title here\n\nBody text.", "x.txt")
    assert doc.published is None


def test_headings_are_short_unpunctuated_lines():
    assert is_heading("Last minute details")
    assert not is_heading("Scholz conceded a lot last week.")
    assert not is_heading("“A quote heading”")
    doc = parse_txt("T\n\nFirst para.\n\nWhat comes next\n\nSecond para.", "x.txt")
    assert doc.sections == ["What comes next"]
    assert [b.kind for b in doc.blocks] == ["paragraph", "heading", "paragraph"]


def test_image_block_becomes_figure_and_alt_line_is_dropped():
    text = "My Title\n\nPara one.\n\nMy Title | site-x\nThe minister in Rome | Photo by Jane Roe/Reuters\n\nPara two."
    doc = parse_txt(text, "x.txt")
    assert [f.to_json() for f in doc.figures] == [{"caption": "The minister in Rome", "credit": "Photo by Jane Roe/Reuters"}]
    assert doc.paragraphs == ["Para one.", "Para two."]


def test_contributor_lines():
    assert contributors_of("Jacopo Barigazzi contributed to the news.") == ["Jacopo Barigazzi"]
    assert contributors_of("Jane Roe and John Doe contributed reporting.") == ["Jane Roe", "John Doe"]
    assert contributors_of("Additional reporting by Ana Lima.") == ["Ana Lima"]
    assert contributors_of("Many allies contributed to the fund for Ukraine.") is None


def test_whitespace_is_normalised_in_paragraphs():
    doc = parse_txt("T\n\nA «\u00a0quoted\u00a0» word\n  across lines.", "x.txt")
    assert doc.paragraphs == ["A « quoted » word across lines."]


def test_publisher_suffix_must_look_like_a_name():
    assert split_headline("Mayor’s “budget” plan – a café row") == ("Mayor’s “budget” plan – a café row", None)
    assert split_headline("Talks resume | Times of India") == ("Talks resume", "Times of India")
    assert split_headline("Talks resume - AP") == ("Talks resume", "AP")


def test_first_line_that_is_a_paragraph_means_no_headline():
    with pytest.raises(ValueError, match="no headline"):
        parse_txt("word " * 50 + "\n\nBody.", "x.txt")


def test_contributor_line_forms_of_news_english():
    assert contributors_of("Reporting by Jane Roe and John Doe in Brussels; Editing by Alex Smith") == [
        "Jane Roe", "John Doe"]
    assert contributors_of("Doe reported from Kyiv. Associated Press writers Ana Lima in Lisbon and "
                           "Jan M. Olsen in Copenhagen, Denmark, contributed to this report.") == ["Ana Lima", "Jan M. Olsen"]
    assert contributors_of("Eric Schmitt contributed reporting from Washington.") == ["Eric Schmitt"]
    # sentences of the article that only look like it
    assert contributors_of("Germany contributed.") is None
    assert contributors_of("The EU contributed to the fund.") is None
    assert contributors_of("Scholz reported from Berlin.") is None


def test_structure_rules_hold_for_an_unseen_article():
    text = ("Ports race to ship grain | River Desk\n\n"
            "1699950600 Ports race to ship grain | rd-x\n\n"
            "Romanian ports are loading grain around the clock, officials said.\n\n"
            "Ports race to ship grain | rd-x\n"
            "Barges wait at Izmail | Photo by Ana Lima/Reuters\n\n"
            "A route under fire\n\n"
            "Drones have struck port facilities, the ministry said.\n\n"
            "Ana Lima contributed to this report.")
    doc = parse_txt(text, "x.txt")
    assert (doc.title, doc.publisher, doc.published) == ("Ports race to ship grain", "River Desk",
                                                          "2023-11-14T08:30:00+00:00")
    assert doc.sections == ["A route under fire"]
    assert [f.to_json() for f in doc.figures] == [{"caption": "Barges wait at Izmail", "credit": "Photo by Ana Lima/Reuters"}]
    assert doc.contributors == ["Ana Lima"]
    assert len(doc.paragraphs) == 2


def test_pipe_in_a_sentence_is_not_a_figure():
    doc = parse_txt("Title\n\nSales | up 5% on the year\n\nBody para.\n\nA minister | Photo: Jane Roe/AP", "x.txt")
    assert doc.paragraphs == ["Sales | up 5% on the year", "Body para."]
    assert [f.to_json() for f in doc.figures] == [{"caption": "A minister", "credit": "Photo: Jane Roe/AP"}]


def test_scraped_furniture_lines_are_not_headings_or_body():
    doc = parse_txt("Title\n\nFirst para.\n\nAdvertisement\n\nRead more: Another story here\n\nSecond para.", "x.txt")
    assert doc.sections == [] and doc.paragraphs == ["First para.", "Second para."]


def test_agencies_in_a_sign_off_are_not_people():
    assert contributors_of("Reporting by Dmytro Ostapenko, with additional reporting from Reuters.") == [
        "Dmytro Ostapenko"]
    assert contributors_of("Reporting by Jane Roe; additional reporting by Reuters and AFP") == ["Jane Roe"]


def test_wire_assistance_line():
    assert contributors_of("—With assistance from Jane Roe and John Doe.") == ["Jane Roe", "John Doe"]
