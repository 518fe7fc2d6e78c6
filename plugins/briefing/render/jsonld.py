"""schema.org JSON-LD: NewsArticle (with mentions) on briefings, Person/Organization/… on
actor pages, quotes as Quotation with creator.

The JSON is made safe for a ``<script type="application/ld+json">`` element by escaping
``<``, ``>`` and ``&`` as JSON unicode escapes, so no seed text can close the element.
"""
from __future__ import annotations

import json

from markupsafe import Markup

SCHEMA_TYPES = {
    "person": "Person",
    "organization": "Organization",
    "country": "Country",
    "place": "Place",
    "anonymous": "Person",
}


def script(data) -> Markup:
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def _abs(siteurl: str, rel: str) -> str:
    return f"{siteurl}/{rel}"


def actor_ref(actor, siteurl: str, with_id: bool = False) -> dict:
    ref = {"@type": SCHEMA_TYPES.get(actor.type, "Thing"), "name": actor.name}
    if actor.type != "anonymous":
        ref["@id" if with_id else "url"] = _abs(siteurl, actor.url)  # @id: the actor page's URL
    return ref


def quotation(b, q, site, siteurl: str, compact: bool = False) -> dict | None:
    """A Quotation with its creator, or None when the quote has no (visible) speaker.

    compact: inside the briefing's own graph, the article and creator are ``@id``
    references to nodes of the same graph (the page stays light)."""
    speaker = site.actor(b.site_actor_id(q.speaker))
    if speaker is None or speaker.hidden or not q.parts:
        return None
    data = {"@type": "Quotation", "text": q.text, "url": _abs(siteurl, f"{b.url}#{quote_anchor(q)}")}
    if compact:
        data["isPartOf"] = {"@id": _abs(siteurl, b.url)}
        data["creator"] = ({"@id": _abs(siteurl, speaker.url)} if speaker.type != "anonymous"
                           else actor_ref(speaker, siteurl))
    else:
        data["isPartOf"] = {"@type": "NewsArticle", "headline": b.title, "url": _abs(siteurl, b.url)}
        data["creator"] = actor_ref(speaker, siteurl)
    return data


def quote_anchor(q) -> str:
    """The anchor of a quote's permalink on its briefing page: the quote box's id (every
    attributed quote has a box, see partials/what_they_said.html), else its paragraph."""
    return q.id or f"p{q.paragraph + 1}"


def briefing_jsonld(b, site, siteurl: str, sitename: str) -> Markup:
    doc = b.document
    article: dict = {
        "@type": "NewsArticle",
        "@id": _abs(siteurl, b.url),
        "headline": doc.title,
        "url": _abs(siteurl, b.url),
    }
    if doc.published:
        article["datePublished"] = doc.published
    if doc.contributors:
        article["author"] = [{"@type": "Person", "name": c} for c in doc.contributors]
    if doc.publisher:
        article["publisher"] = {"@type": "Organization", "name": doc.publisher}
    if doc.url:
        article["isBasedOn"] = doc.url
    mentions = [actor_ref(a, siteurl, with_id=True) for a in site.briefing_actors(b) if a.type != "anonymous"]
    if mentions:
        article["mentions"] = mentions
    graph = [article]
    for q in b.extraction.quotes:  # full statements here; actor pages carry every quote
        node = None if q.partial else quotation(b, q, site, siteurl, compact=True)
        if node is not None:
            graph.append(node)
    return script({"@context": "https://schema.org", "@graph": graph})


def actor_jsonld(actor, site, siteurl: str) -> Markup:
    entity: dict = actor_ref(actor, siteurl)
    entity["@id"] = entity["url"] = _abs(siteurl, actor.url)
    if actor.aliases and actor.type != "anonymous":
        entity["alternateName"] = list(actor.aliases)
    roles = sorted({r for r, _ in actor.roles})
    if roles:
        if actor.type in ("person", "anonymous"):
            entity["jobTitle"] = roles
        else:
            entity["description"] = "; ".join(roles)
    entity["subjectOf"] = [
        {"@type": "NewsArticle", "headline": b.title, "url": _abs(siteurl, b.url)}
        for b in (site.briefing(s) for s in actor.briefings)
        if b is not None
    ]
    graph = [entity]
    for slug, q in actor.quotes:
        b = site.briefing(slug)
        node = quotation(b, q, site, siteurl) if b is not None else None
        if node is not None:
            node["creator"] = {"@id": entity["@id"]}
            graph.append(node)
    return script({"@context": "https://schema.org", "@graph": graph})
