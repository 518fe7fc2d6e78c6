"""linked_body (links placed while the body is built) equals crosslink(render_body(doc)) byte
for byte: the BeautifulSoup post-process stays the reference for the fast path."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.link.site import link
from briefing.model import Actor, Document, Extraction, Figure, Mention
from briefing.render.body import render_body
from briefing.render.crosslinks import crosslink, linked_body

# the characters escaping and HTML parsing treat specially, plus ordinary text
ALPHABET = st.sampled_from(list("ab Z&<>\"'\n\r\t;#=/!-é\u201c\u2014\x00\x0c") + ["&amp;", "&#34;", "<p>", "</a>", "<!--"])
TEXT = st.lists(ALPHABET, max_size=12).map("".join)


@st.composite
def documents(draw):
    doc = Document(source="x.txt", title="X")
    for kind in draw(st.lists(st.sampled_from(["p", "p", "p", "h", "f"]), min_size=1, max_size=7)):
        if kind == "p":
            doc.add_paragraph(draw(TEXT))
        elif kind == "h":
            doc.add_heading(draw(TEXT))
        else:
            doc.add_figure(Figure(draw(TEXT), draw(st.one_of(st.none(), TEXT))))
    n = len(doc.paragraphs)
    actors = []
    for k in range(draw(st.integers(0, 4))):
        mentions = []
        for _ in range(draw(st.integers(1, 3))):
            p = draw(st.integers(-1, n))  # sometimes a paragraph that is not rendered
            text = doc.paragraphs[p] if 0 <= p < n else "xyz"
            s = draw(st.integers(0, len(text)))
            e = draw(st.integers(s + 1, len(text) + 1))
            span = text[s:e] if draw(st.integers(0, 5)) else "wrong"  # sometimes stale offsets
            mentions.append(Mention(p, s, e, span))
        actors.append(Actor(f"actor-{k}", f"Actor {k}", "person", [], [], mentions, mentions[0].paragraph, 0.5))
    site = link([Extraction(doc, "x", actors, [])])
    for k in draw(st.lists(st.integers(0, 3), max_size=1)):
        if f"actor-{k}" in site.actors:
            site.actors[f"actor-{k}"].hidden = True
    return site, site.briefings[0]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(["", "https://example.org/brief", "/a&b<c>\"'"]))
def test_linked_body_equals_crosslinked_render(data, siteurl):
    site, b = data
    fast = linked_body(b.document, b, site, siteurl)
    slow = crosslink(render_body(b.document), b, site, siteurl)
    assert str(fast) == str(slow)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(["", "/a&b<c>\"'"]), st.integers(1, 3))
def test_long_bodies_with_contents_and_parts_too(data, siteurl, part):
    """The same with every body "long" (a table of contents, numbered parts when it has no
    headings, repeated headings given distinct anchors)."""
    from unittest import mock

    site, b = data
    with mock.patch("briefing.render.body.LONG_BODY_CHARS", -1), mock.patch("briefing.render.body.PART_PARAGRAPHS", part):
        fast = linked_body(b.document, b, site, siteurl)
        slow = crosslink(render_body(b.document), b, site, siteurl)
    assert str(fast) == str(slow)
    ids = re.findall(r' id="([^"]+)"', str(fast))
    assert len(ids) == len(set(ids))


def test_real_shapes():
    doc = Document(source="x.txt", title="X")
    doc.add_heading("Talks in Vilnius & Riga")
    paras = ["\u201cYes,\u201d said Olaf Scholz & Joe Biden <b>today</b>.", "Scholz left; Biden stayed \"late\"."]
    for p in paras:
        doc.add_paragraph(p)
    doc.add_figure(Figure("Olaf Scholz", "Photo: A & B"))
    spans = {"olaf-scholz": [(0, 12, 23), (1, 0, 6)], "joe-biden": [(0, 26, 35), (1, 13, 18)]}
    actors = [Actor(a, a, "person", [], [], [Mention(p, s, e, paras[p][s:e]) for p, s, e in sp], 0, 0.5)
              for a, sp in spans.items()]
    site = link([Extraction(doc, "x", actors, [])])
    b = site.briefings[0]
    fast = str(linked_body(doc, b, site, "/x"))
    assert fast == str(crosslink(render_body(doc), b, site, "/x"))
    assert fast.count('class="actor-link"') == 2
    assert '<a class="actor-link" href="/x/actors/olaf-scholz/">Olaf Scholz</a>' in fast
    assert "&lt;b&gt;today&lt;/b&gt;" in fast
