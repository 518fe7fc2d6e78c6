"""JSON-LD: hostile seed text cannot leave the script element; graph shape."""
from __future__ import annotations

import json

from briefing.link.site import link
from briefing.model import Actor, Document, Extraction, Mention, Quote, QuotePart
from briefing.render.jsonld import actor_jsonld, briefing_jsonld, script

EVIL = "</script><script>alert(1)</script> & \u2028"


def test_script_escapes_markup_and_line_separators():
    out = str(script({"t": EVIL}))
    inner = out[len('<script type="application/ld+json">'):-len("</script>")]
    assert "<" not in inner and ">" not in inner and "&" not in inner and "\u2028" not in inner
    assert json.loads(inner) == {"t": EVIL}


def _site():
    para = f"\u201c{EVIL}\u201d said Olaf Scholz."
    doc = Document(source="x.txt", title=EVIL, published=None, paragraphs=[para])
    a = Actor("olaf-scholz", "Olaf Scholz", "person", mentions=[Mention(0, para.index("Olaf"), len(para) - 1, "Olaf Scholz")])
    q = Quote("q-1", [QuotePart(0, 1, 1 + len(EVIL), EVIL)], "olaf-scholz", "said")
    return link([Extraction(doc, "x", [a], [q])])


def test_briefing_graph_is_safe_and_linked():
    site = _site()
    html = str(briefing_jsonld(site.briefings[0], site, "https://ex.org/b", "Site"))
    assert html.count("</script>") == 1 and "<script>alert" not in html
    data = json.loads(html.split(">", 1)[1].rsplit("</script>", 1)[0])
    article, quote = data["@graph"]
    assert article["headline"] == EVIL and "datePublished" not in article  # undated stays undated
    assert quote["creator"] == {"@id": "https://ex.org/b/actors/olaf-scholz/"}
    assert quote["url"] == "https://ex.org/b/briefings/x/#q-1"


def test_actor_graph():
    site = _site()
    data = json.loads(str(actor_jsonld(site.actors["olaf-scholz"], site, "")).split(">", 1)[1].rsplit("</script>", 1)[0])
    person, quote = data["@graph"]
    assert person["@type"] == "Person" and person["@id"] == "/actors/olaf-scholz/"
    assert quote["@type"] == "Quotation" and quote["creator"] == {"@id": "/actors/olaf-scholz/"}
    assert person["subjectOf"][0]["url"] == "/briefings/x/"
