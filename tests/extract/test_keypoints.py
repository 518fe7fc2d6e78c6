"""Key points: exact sentences of the article, 3–5, each tied to an existing paragraph."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from briefing.extract.keypoints import how_many, key_points, score_sentences, split_sentences
from briefing.model import Actor, Document, Extraction, Mention, Quote, QuotePart
from briefing.read.dispatch import parse_file

from conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _texts(para):
    return [para[s:e] for s, e in split_sentences(para)]


def test_splitter_keeps_abbreviations_and_initials():
    para = ("Sen. Thom Tillis (R-N.C.), co-chair of the group, spoke. U.S. President Joe Biden met Gen. Mark "
            "Milley and George W. Bush in Washington, D.C. on Monday. The U.S. The end.")
    assert _texts(para) == [
        "Sen. Thom Tillis (R-N.C.), co-chair of the group, spoke.",
        "U.S. President Joe Biden met Gen. Mark Milley and George W. Bush in Washington, D.C. on Monday.",
        "The U.S.",
        "The end.",
    ]


def test_splitter_handles_closing_quotes_and_guillemets():
    para = "« I am confident, » he said. « We must remember. » She left. “Why?” he asked."
    assert _texts(para) == ["« I am confident, » he said.", "« We must remember. »", "She left.", "“Why?” he asked."]


def test_splitter_spans_are_exact_substrings():
    para = "  One sentence here.  Another one follows!   And a third?  "
    for s, e in split_sentences(para):
        assert para[s:e] == para[s:e].strip() and para[s:e]


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_seed_key_points_are_exact_sentences(path):
    doc = parse_file(path)
    kps = key_points(Extraction(doc, "x"))
    assert 3 <= len(kps) <= 5
    for kp in kps:
        assert 0 <= kp.paragraph < len(doc.paragraphs)
        assert doc.paragraphs[kp.paragraph][kp.start:kp.end] == kp.text
        assert kp.reasons and "lead" in kp.reasons
    assert [(k.paragraph, k.start) for k in kps] == sorted((k.paragraph, k.start) for k in kps)
    assert len({k.text for k in kps}) == len(kps)


def _doc(paragraphs):
    d = Document(source="t.txt", title="Ministers agree new climate deal in Paris")
    for p in paragraphs:
        d.add_paragraph(p)
    return d


def test_actor_salience_and_quotes_raise_a_sentence():
    paras = [
        "Ministers from forty countries agreed a new climate deal in Paris on Saturday after two weeks of talks.",
        "The weather in the city was mild and the streets were quiet during most of the long weekend.",
        "Negotiators said a fund for poorer nations would be reviewed in five years by a new panel of experts.",
        "Anna Berg, the Swedish climate minister, said the fund would be enough to protect the poorest coasts.",
        "Observers noted that the conference hall had been refurbished at great cost in the previous year.",
        "Many delegates left early on Sunday morning to catch their flights home from the crowded airport.",
        "The talks were the longest of their kind since the treaty was first signed by the founding members.",
        "Anna Berg promised that Sweden would give more money to the fund next year than any country in Europe.",
    ]
    doc = _doc(paras)
    berg = Actor("anna-berg", "Anna Berg", "person", mentions=[Mention(3, 0, 9, "Anna Berg"), Mention(7, 0, 9, "Anna Berg")],
                 salience=1.0)
    q = Quote("q1", [QuotePart(3, 44, 100, paras[3][44:100])], speaker="anna-berg", cue="said")
    kps = key_points(Extraction(doc, "x", actors=[berg], quotes=[q]))
    assert [k.paragraph for k in kps] == [0, 3, 7]
    assert kps[1].reasons["quote"] > 0 and kps[2].reasons["actors"] > 0
    # the same article where the actor is an anonymous source: its sentences lose their lead
    anon = Actor("a1", "a minister", "anonymous", mentions=berg.mentions)
    scores = {k.paragraph: k.score for k in score_sentences(Extraction(_doc([p.replace("Anna Berg", "A minister")
                                                                           for p in paras]), "x", actors=[anon]))}
    assert scores[7] < scores[1]


def test_short_articles_and_empty_articles():
    assert key_points(Extraction(_doc([]), "x")) == []
    kps = key_points(Extraction(_doc(["Only one sentence stands here in this short article."]), "x"))
    assert len(kps) == 1
    assert how_many(2) == 2 and how_many(10) == 3 and how_many(40) == 5 and how_many(200) == 5


def test_key_points_link_to_existing_paragraph_anchors(built_site):
    pages = sorted((built_site / "briefings").glob("*/index.html"))
    assert len(pages) == len(SEED_FILES)
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = soup.select("section.key-points li a[href^='#']")
        assert 3 <= len(links) <= 5, page
        body = soup.select_one(".body")
        for a in links:
            target = soup.find(id=a["href"][1:])
            assert target is not None and target.name == "p"
            assert a.get_text() in target.get_text()
            assert body in target.parents


def test_bare_quotation_is_penalised_but_attributed_one_is_not():
    doc = _doc(["“We need shells today, not in a year.” The minister said so on Monday.",
                "“We need shells,” the minister said, “and we need them now.”"])
    reasons = {k.text: k.reasons for k in score_sentences(Extraction(doc, "x"))}
    assert reasons["“We need shells today, not in a year.”"]["bare_quote"] < 0
    assert "bare_quote" not in reasons["“We need shells,” the minister said, “and we need them now.”"]
