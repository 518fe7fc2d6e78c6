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


def actor_ref(actor, siteurl: str) -> dict:
    ref = {"@type": SCHEMA_TYPES.get(actor.type, "Thing"), "name": actor.name}
    if actor.type != "anonymous":
        ref["url"] = _abs(siteurl, actor.url)
    return ref


def quotation(b, q, site, siteurl: str) -> dict:
    data = {
        "@type": "Quotation",
        "text": q.text,
        "url": _abs(siteurl, f"{b.url}#{quote_anchor(q)}"),
        "isPartOf": {"@type": "NewsArticle", "headline": b.title, "url": _abs(siteurl, b.url)},
    }
    speaker = site.actor(b.site_actor_id(q.speaker))
    if speaker is not None and not speaker.hidden:
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
        "headline": doc.title,
        "url": _abs(siteurl, b.url),
        "mainEntityOfPage": _abs(siteurl, b.url),
    }
    if doc.published:
        article["datePublished"] = doc.published
    if doc.contributors:
        article["author"] = [{"@type": "Person", "name": c} for c in doc.contributors]
    if doc.publisher:
        article["publisher"] = {"@type": "Organization", "name": doc.publisher}
    if doc.url:
        article["isBasedOn"] = doc.url
    mentions = [actor_ref(a, siteurl) for a in site.briefing_actors(b) if a.type != "anonymous"]
    if mentions:
        article["mentions"] = mentions
    graph = [article]
    for q in b.extraction.quotes:
        if q.parts:
            graph.append(quotation(b, q, site, siteurl))
    return script({"@context": "https://schema.org", "@graph": graph})


def actor_jsonld(actor, site, siteurl: str) -> Markup:
    entity: dict = actor_ref(actor, siteurl)
    entity["url"] = _abs(siteurl, actor.url)
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
        if b is not None and q.parts:
            graph.append(quotation(b, q, site, siteurl))
    return script({"@context": "https://schema.org", "@graph": graph})
