"""The JSON API of CONTRACTS.md: /api/index.json and /api/actors/<slug>.json.

(/api/briefings/<slug>.json is the extraction JSON itself: Extraction.to_json().)
URLs are SITEURL-prefixed, so they are absolute when the site is published.
"""
from __future__ import annotations

from .jsonld import quote_anchor


def _briefing_ref(b, siteurl: str) -> dict:
    return {
        "slug": b.slug,
        "title": b.title,
        "publisher": b.document.publisher,
        "published": b.published,
        "url": f"{siteurl}/{b.url}",
        "api": f"{siteurl}/api/briefings/{b.slug}.json",
    }


def index_json(site, siteurl: str, sitename: str) -> dict:
    briefings = []
    for b in site.briefings:
        ref = _briefing_ref(b, siteurl)
        ref["actors"] = [a.id for a in site.briefing_actors(b)]
        ref["related"] = [r.briefing.slug for r in b.related]
        briefings.append(ref)
    actors = [
        {
            "id": a.id,
            "name": a.name,
            "type": a.type,
            "mentions": a.mentions,
            "briefings": a.briefing_count,
            "quotes": len(a.quotes),
            "url": f"{siteurl}/{a.url}",
            "api": f"{siteurl}/api/actors/{a.id}.json",
        }
        for a in site.visible_actors()
    ]
    return {"site": {"name": sitename, "url": f"{siteurl}/"}, "briefings": briefings, "actors": actors}


def actor_json(actor, site, siteurl: str) -> dict:
    briefings = []
    for slug in actor.briefings:
        b = site.briefing(slug)
        if b is not None:
            ref = _briefing_ref(b, siteurl)
            ref["mentions"] = actor.mentions_by_briefing.get(slug, 0)
            briefings.append(ref)
    quotes = []
    for slug, q in actor.quotes:
        quotes.append({
            "briefing": slug,
            "id": q.id,
            "text": q.text,
            "cue": q.cue,
            "paragraph": q.paragraph,
            "partial": q.partial,
            "url": f"{siteurl}/briefings/{slug}/#{quote_anchor(q)}",
        })
    return {
        "id": actor.id,
        "name": actor.name,
        "type": actor.type,
        "aliases": list(actor.aliases),
        "roles": [{"role": r, "briefing": s} for r, s in actor.roles],
        "mentions": actor.mentions,
        "url": f"{siteurl}/{actor.url}",
        "bio_html": actor.bio_html or None,
        "image": actor.image,
        "briefings": briefings,
        "quotes": quotes,
        "co_actors": [{"id": a.id, "name": a.name, "briefings": n} for a, n in actor.co_actors],
    }
