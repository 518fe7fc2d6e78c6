"""What each page is rendered from, as plain data for ``memo.fingerprint``: a briefing's page,
an actor's page and API JSON. Each function lists exactly what its template (with partials,
meta and JSON-LD) reads; a value left out would let the memo keep a stale page, so
tests/test_render_memo*.py compare incremental builds with fresh ones."""
from __future__ import annotations


def briefing_ref(b) -> tuple:
    doc = b.document
    return (b.slug, b.url, doc.title, doc.published, doc.publisher)


def extraction_deps(b):
    """What stands for a briefing's extraction in a fingerprint: its content key (a
    fingerprint of the extraction as linked, taken once per build: nothing changes an
    extraction after linking), or the extraction itself when there is none."""
    key = getattr(b, "extraction_key", None)
    return ("extraction-key", key) if key is not None else b.extraction


def _page_actors(b, site) -> list[tuple]:
    """What a briefing's page shows of each of its site actors."""
    actors = []
    for sid in sorted(set(b.actor_ids.values())):
        sa = site.actors.get(sid)
        if sa is None:
            actors.append((sid, None))
            continue
        actors.append((sid, sa.name, sa.type, sa.hidden, sa.url, sa.mentions_by_briefing.get(b.slug),
                       [r for r in sa.roles if not r[1]]))
    return actors


def review_deps(b, site) -> tuple:
    """Everything review_queue.briefing_items reads: the briefing as its page shows it, what
    its corrections file decided and which parts the file has (the snippets depend on it)."""
    c = site.corrections.get(b.slug)
    done = b.corrected
    return ("review", b.slug, b.title, b.url, extraction_deps(b), sorted(b.actor_ids.items()), sorted(b.weights.items()),
            _page_actors(b, site), done and (sorted(done.quotes), sorted(done.actors)),
            c and (c.has_front_matter, sorted(c.keys)))


def briefing_page_deps(b, site) -> tuple:
    """Everything briefing.html (and its partials, meta, JSON-LD, cross-links) reads."""
    actors = _page_actors(b, site)
    related = [(briefing_ref(r.briefing), r.score, len(r.shared), [(a.id, a.url, a.name, a.type) for a in r.shared])
               for r in b.related]
    return ("briefing", b.slug, extraction_deps(b), sorted(b.actor_ids.items()), sorted(b.weights.items()),
            extras_deps(b), actors, related, [a.id for a in b.key_actors], b.note_html)


DERIVED_EXTRAS = ("key_points", "timeline", "published_label")


def extras_deps(b):
    """What stands for ``b.extras`` in a fingerprint: the fingerprint the key points, timeline
    and publication label were computed (or kept) under — they depend on the extraction
    alone — with the other extras as they are; or all extras when there is none."""
    key = getattr(b, "extras_key", None)
    if key is None:
        return b.extras
    return ("extras-key", key, {k: v for k, v in b.extras.items() if k not in DERIVED_EXTRAS})


def actor_data_deps(a, site) -> tuple:
    """What both an actor's page and its API JSON read of the actor and its briefings (all
    but co-actors, timeline and embed code); fingerprinted once for both (``data``)."""
    slugs = list(dict.fromkeys([*a.briefings, *(s for _, s in a.roles), *(s for s, _ in a.quotes)]))
    refs = [briefing_ref(b) if (b := site.briefing(s)) is not None else (s, None) for s in slugs]
    return ("actor-data", a.id, a.name, a.type, a.hidden, a.url, a.aliases, a.roles, a.mentions, a.briefings,
            a.mentions_by_briefing, a.image, a.bio_html, a.quotes, refs)


def actor_api_deps(a, site, data: str | None = None) -> tuple:
    """Everything api/actors/<id>.json (render.api.actor_json) reads, but SITEURL.
    ``data``: fingerprint(actor_data_deps(a, site)), if taken."""
    co = a.co_actors  # link.site.CoActors: its signature stands for the (id, name, shared) list
    return ("actor-api", ("data", data) if data is not None else actor_data_deps(a, site),
            co.signature() if hasattr(co, "signature") else [(o.id, o.name, n) for o, n in co])


def actor_page_deps(a, site, timeline_items, embed, data: str | None = None) -> tuple:
    """Everything actor.html (and its partials, meta, JSON-LD) reads.
    ``data``: fingerprint(actor_data_deps(a, site)), if taken."""
    return ("actor", ("data", data) if data is not None else actor_data_deps(a, site), timeline_items,
            [(o.id, o.url, o.name, o.type, n) for o, n in a.co_actors[:12]], embed)
