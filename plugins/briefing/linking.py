"""Cross-article linking: one site-wide actor per real-world actor, briefings ordered,
related briefings. Cheap; recomputed for the whole site on every build."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Actor, Extraction, Quote
from .text import unique_slug


@dataclass
class Briefing:
    slug: str
    extraction: Extraction
    actor_ids: dict[str, str] = field(default_factory=dict)  # local actor id → site actor id
    extras: dict = field(default_factory=dict)  # filled by later generators (key points, timeline, related …)

    @property
    def document(self):
        return self.extraction.document

    @property
    def title(self) -> str:
        return self.extraction.document.title

    @property
    def published(self) -> str | None:
        return self.extraction.document.published

    @property
    def url(self) -> str:
        return f"briefings/{self.slug}/"


@dataclass
class SiteActor:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)  # (role, briefing slug)
    briefings: list[str] = field(default_factory=list)
    quotes: list[tuple[str, Quote]] = field(default_factory=list)  # (briefing slug, quote)
    mentions: int = 0
    bio_html: str = ""

    @property
    def url(self) -> str:
        return f"actors/{self.id}/"


@dataclass
class Site:
    briefings: list[Briefing]
    actors: dict[str, SiteActor]

    def briefing(self, slug: str) -> Briefing | None:
        return next((b for b in self.briefings if b.slug == slug), None)


def _sort_key(b: Briefing):
    # newest first, undated last, then by title for a stable order
    return (b.published is None, "" if b.published is None else _neg(b.published), b.title, b.slug)


def _neg(iso: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in iso)


def site_actor_id(actor: Actor, briefing_slug: str) -> str:
    if actor.type == "anonymous":
        return f"{briefing_slug}--{actor.id}"
    return actor.id


def link(extractions: list[Extraction]) -> Site:
    taken: set[str] = set()
    briefings = []
    for ex in sorted(extractions, key=lambda e: e.document.source):
        slug = unique_slug(ex.slug, taken)
        briefings.append(Briefing(slug=slug, extraction=ex))
    briefings.sort(key=_sort_key)
    actors: dict[str, SiteActor] = {}
    for b in briefings:
        for a in b.extraction.actors:
            sid = site_actor_id(a, b.slug)
            b.actor_ids[a.id] = sid
            sa = actors.get(sid)
            if sa is None:
                sa = actors[sid] = SiteActor(id=sid, name=a.name, type=a.type)
            for alias in a.aliases:
                if alias not in sa.aliases:
                    sa.aliases.append(alias)
            for r in a.roles:
                if (r.text, b.slug) not in sa.roles:
                    sa.roles.append((r.text, b.slug))
            if b.slug not in sa.briefings:
                sa.briefings.append(b.slug)
            sa.mentions += a.mention_count
        for q in b.extraction.quotes:
            if q.speaker and q.speaker in b.actor_ids:
                actors[b.actor_ids[q.speaker]].quotes.append((b.slug, q))
    return Site(briefings=briefings, actors=dict(sorted(actors.items())))
