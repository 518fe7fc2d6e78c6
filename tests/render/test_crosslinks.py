"""Cross-links: the first mention of each actor in a briefing body links to its page."""
from __future__ import annotations

from bs4 import BeautifulSoup

from briefing.link.site import link
from briefing.model import Actor, Document, Extraction, Figure, Mention
from briefing.render.body import render_body
from briefing.render.crosslinks import crosslink


def build(paragraphs, actors, figure=None):
    doc = Document(source="x.txt", title="X")
    doc.add_heading("Olaf Scholz in Vilnius")
    for p in paragraphs:
        doc.add_paragraph(p)
    if figure:
        doc.add_figure(Figure(figure, "Photo by Olaf Scholz"))
    acts = []
    for aid, name, spans in actors:
        ms = [Mention(p, s, e, paragraphs[p][s:e]) for p, s, e in spans]
        acts.append(Actor(aid, name, "person", [], [], ms, ms[0].paragraph, 0.5))
    site = link([Extraction(doc, "x", acts, [])])
    return site, site.briefings[0]


def links(html):
    soup = BeautifulSoup(str(html), "html.parser")
    return [(a.find_parent("p")["id"], a.get_text(), a["href"]) for a in soup.select("a.actor-link")]


def test_first_mention_linked_later_plain():
    paras = ["Olaf Scholz spoke.", "Scholz said more. Scholz again."]
    site, b = build(paras, [("olaf-scholz", "Olaf Scholz", [(0, 0, 11), (1, 0, 6), (1, 18, 24)])])
    html = crosslink(render_body(b.document), b, site, "")
    assert links(html) == [("p1", "Olaf Scholz", "/actors/olaf-scholz/")]
    soup = BeautifulSoup(str(html), "html.parser")
    assert soup.find("h2").find("a") is None  # never in a heading
    assert soup.find("p", id="p2").get_text() == paras[1]


def test_siteurl_prefix_and_text_preserved():
    paras = ["Talks: <b>Olaf Scholz</b> & Joe Biden."]
    site, b = build(paras, [("olaf-scholz", "Olaf Scholz", [(0, 10, 21)]), ("joe-biden", "Joe Biden", [(0, 28, 37)])])
    html = crosslink(render_body(b.document), b, site, "https://example.org/briefing")
    assert links(html) == [("p1", "Olaf Scholz", "https://example.org/briefing/actors/olaf-scholz/"),
                           ("p1", "Joe Biden", "https://example.org/briefing/actors/joe-biden/")]
    assert "<b>" not in str(html)  # seed markup stays escaped text
    assert BeautifulSoup(str(html), "html.parser").find("p").get_text() == paras[0]


def test_never_inside_existing_link_or_attribution_next_mention_used():
    paras = ["Olaf Scholz spoke.", "Then Scholz left."]
    site, b = build(paras, [("olaf-scholz", "Olaf Scholz", [(0, 0, 11), (1, 5, 11)])])
    body = str(render_body(b.document)).replace(
        '<p id="p1">Olaf Scholz spoke.</p>', '<p id="p1"><a href="/elsewhere/">Olaf Scholz</a> spoke.</p>')
    assert links(crosslink(body, b, site)) == [("p2", "Scholz", "/actors/olaf-scholz/")]
    body = str(render_body(b.document)).replace(
        '<p id="p1">Olaf Scholz spoke.</p>', '<p id="p1"><span class="attribution">Olaf Scholz</span> spoke.</p>')
    assert links(crosslink(body, b, site)) == [("p2", "Scholz", "/actors/olaf-scholz/")]


def test_offsets_survive_earlier_markup_in_paragraph():
    paras = ["\u201cYes,\u201d said Olaf Scholz."]
    site, b = build(paras, [("olaf-scholz", "Olaf Scholz", [(0, 12, 23)])])
    body = str(render_body(b.document)).replace("\u201cYes,\u201d", '<q class="quote">\u201cYes,\u201d</q>')
    assert links(crosslink(body, b, site)) == [("p1", "Olaf Scholz", "/actors/olaf-scholz/")]


def test_wrong_offsets_are_skipped_not_mangled():
    paras = ["Olaf Scholz spoke."]
    site, b = build(paras, [("olaf-scholz", "Olaf Scholz", [(0, 0, 11)])])
    b.extraction.actors[0].mentions[0].text = "Someone"
    html = crosslink(render_body(b.document), b, site)
    assert links(html) == []
    assert BeautifulSoup(str(html), "html.parser").find("p").get_text() == paras[0]


def test_figure_captions_never_linked():
    paras = ["Olaf Scholz spoke."]
    site, b = build(paras, [("olaf-scholz", "Olaf Scholz", [(0, 0, 11)])], figure="Olaf Scholz")
    soup = BeautifulSoup(str(crosslink(render_body(b.document), b, site)), "html.parser")
    assert soup.find("figure").find("a") is None
    assert len(soup.select("a.actor-link")) == 1


def test_hidden_actor_not_linked():
    paras = ["Olaf Scholz spoke."]
    site, b = build(paras, [("olaf-scholz", "Olaf Scholz", [(0, 0, 11)])])
    site.actors["olaf-scholz"].hidden = True
    assert links(crosslink(render_body(b.document), b, site)) == []
