"""The "Who's who" partial: one card per visible actor, people first, escaped, sub-path links."""
from __future__ import annotations

import re

import pytest
from jinja2 import Environment, FileSystemLoader

from briefing.link.site import link
from briefing.model import Actor, Document, Extraction, Mention, Role

from conftest import ROOT


def _site():
    doc = Document(source="a.txt", title="Talks <b>x</b>", paragraphs=["p0", "p1", "p2"])
    actors = [
        Actor(id="nato", name="NATO", type="organization", mentions=[Mention(0, 0, 4, "NATO")] * 5,
              first_paragraph=0, salience=9.0),
        Actor(id="olaf-scholz", name="Olaf <Scholz>", type="person",
              roles=[Role("German Chancellor", 'German Chancellor Olaf Scholz said "no" & left.', 1)],
              mentions=[Mention(1, 0, 5, "Scholz")] * 2, first_paragraph=1, salience=4.0),
        Actor(id="rishi-sunak", name="Rishi Sunak", type="person", mentions=[Mention(2, 0, 5, "Sunak")],
              first_paragraph=2, salience=2.0),
        Actor(id="last", name="Last", type="organization", mentions=[Mention(2, 0, 4, "Last")], first_paragraph=2,
              salience=1.0),
        Actor(id="a-french-official", name="a French official", type="anonymous",
              mentions=[Mention(2, 0, 4, "a French official")], first_paragraph=2, salience=1.5),
    ]
    site = link([Extraction(document=doc, slug="talks", actors=actors)])
    site.actors["last"].hidden = True
    return site


@pytest.mark.parametrize("autoescape", [False, True])
def test_cards(autoescape):
    env = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")), autoescape=autoescape)
    site = _site()
    b = site.briefings[0]
    html = env.get_template("partials/whos_who.html").render(briefing=b, site=site, SITEURL="https://ex.org/sub")
    names = re.findall(r'<h3 class="whos-who-name"><a href="([^"]+)">([^<]*)</a>', html)
    # people first (by salience), then the others by salience; hidden actors have no card
    assert [n for _, n in names] == ["Olaf &lt;Scholz&gt;", "Rishi Sunak", "NATO", "a French official"]
    assert names[0][0] == "https://ex.org/sub/actors/olaf-scholz/"
    assert names[3][0] == "https://ex.org/sub/actors/talks--a-french-official/"  # briefing-scoped id
    assert 'title="German Chancellor Olaf Scholz said &#34;no&#34; &amp; left."' in html \
        or 'title="German Chancellor Olaf Scholz said &quot;no&quot; &amp; left."' in html
    assert 'href="#p2"' in html  # footnote to the source paragraph
    assert "5 mentions" in html and "1 mention<" in html
    assert "<Scholz>" not in html


def test_no_actors_no_section():
    env = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")))
    site = link([Extraction(document=Document(source="a", title="t"), slug="t")])
    assert "whos-who" not in env.get_template("partials/whos_who.html").render(briefing=site.briefings[0], site=site, SITEURL="")
