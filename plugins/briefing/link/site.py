"""Cross-article linking: one site-wide actor per real-world actor, briefings ordered,
quotes and briefings per actor, co-actors, related briefings, key actors.

Cheap and deterministic; recomputed for the whole site on every build. Editors' corrections
of one briefing (``content/briefings/*.md``, corrections_apply) edit its extraction before
the merge; actor overrides (``content/actors/*.md``) are applied after the merge; both come
before everything derived from the actors (quotes, co-actors, related briefings), so a
``merge_into`` or ``hide`` shows everywhere.
"""
from __future__ import annotations

import dataclasses
import hashlib
import heapq
from array import array
from collections import Counter
from collections.abc import Sequence
import logging
import math
from dataclasses import dataclass, field

from ..model import Actor, Extraction, Quote
from .review import attribute_by_alias
from ..text import unique_slug

log = logging.getLogger("briefing")

KEY_ACTORS_PER_BRIEFING = 4
TYPE_RANK = {"person": 0, "organization": 1, "country": 2, "place": 3}
UNRANKED = ("anonymous", "place")  # never key or most-mentioned actors: sources, cities


@dataclass
class Related:
    """Another briefing that shares actors with this one."""

    briefing: "Briefing"
    score: float
    shared: list["SiteActor"]  # most salient first

    @property
    def shared_names(self) -> list[str]:
        return [a.name for a in self.shared]


@dataclass
class Briefing:
    slug: str
    extraction: Extraction
    actor_ids: dict[str, str] = field(default_factory=dict)  # local actor id → site actor id
    extras: dict = field(default_factory=dict)  # filled by later generators (key points, timeline …)
    related: list[Related] = field(default_factory=list)
    key_actors: list["SiteActor"] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)  # site actor id → salience here
    # a content key of the extraction as linked (render.memo: set once linking is done, so
    # fingerprints cover the extraction without pickling it again); None: use the extraction
    extraction_key: str | None = None
    # render.memo: a fingerprint that stands for extras key_points / timeline / published_label
    # (computed from the extraction alone), set with them; None: fingerprint the values
    extras_key: str | None = None
    # corrections_apply.Applied: what an editor decided in content/briefings/<slug>.md
    corrected: object = None

    @property
    def note_html(self) -> str:
        """The editor's note (the corrections file's Markdown body), rendered; "" if none."""
        return self.corrected.note_html if self.corrected is not None else ""

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

    def site_actor_id(self, local_id: str | None) -> str | None:
        return self.actor_ids.get(local_id) if local_id else None


@dataclass
class SiteActor:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)  # (role, briefing slug)
    briefings: list[str] = field(default_factory=list)  # slugs, newest briefing first
    quotes: list[tuple[str, Quote]] = field(default_factory=list)  # (briefing slug, quote), newest first
    mentions: int = 0
    bio_html: str = ""
    image: str | None = None
    hidden: bool = False
    mentions_by_briefing: dict[str, int] = field(default_factory=dict)
    co_actors: list[tuple["SiteActor", int]] = field(default_factory=list)  # (actor, briefings shared)

    @property
    def url(self) -> str:
        return f"actors/{self.id}/"

    @property
    def briefing_count(self) -> int:
        return len(self.briefings)


class CoActors(Sequence):
    """An actor's co-actors: (SiteActor, briefings shared), most shared first.

    Kept as integer keys (-shared × n + rank) into one table of the site's visible actors,
    ranked by (mentions, name, id), and made into pairs only when read: a large site has
    ~100k such pairs and most are read only when an actor page is rendered. ``signature()``
    stands for the whole list in a render fingerprint without making the pairs."""

    __slots__ = ("_keys", "_table", "_n")

    def __init__(self, keys: array, table: "CoActorTable"):
        self._keys = keys
        self._table = table
        self._n = len(table.actors) or 1

    def __len__(self) -> int:
        return len(self._keys)

    def __getitem__(self, i):
        t, n = self._table.actors, self._n
        if isinstance(i, slice):
            return [(t[k % n], -(k // n)) for k in self._keys[i]]
        k = self._keys[i]
        return (t[k % n], -(k // n))

    def __iter__(self):
        t, n = self._table.actors, self._n
        return ((t[k % n], -(k // n)) for k in self._keys)

    def __eq__(self, other):
        if isinstance(other, (CoActors, list)):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"CoActors({list(self)!r})"

    def signature(self) -> bytes:
        """Stands for the (id, name, shared) list (equal ⇔ equal, up to 64-bit hash
        collisions) without making the pairs: each member's token (a hash of its id and
        name) and the shared counts. Not the table's key: a change in the site-wide rank of
        actors this list does not hold must not change it."""
        t, n = self._table.tokens(), self._n
        keys = self._keys
        return array("Q", [t[k % n] for k in keys]).tobytes() + array("q", [k // n for k in keys]).tobytes()


class CoActorTable:
    """The visible actors in co-actor rank order, shared by every actor's CoActors."""

    __slots__ = ("actors", "_tokens")

    def __init__(self, actors: list):
        self.actors = actors
        self._tokens: list[int] | None = None

    def tokens(self) -> list[int]:
        """A 64-bit hash of each ranked actor's (id, name), computed once."""
        if self._tokens is None:
            self._tokens = [
                int.from_bytes(hashlib.blake2b(f"{len(a.id)}:{a.id}{len(a.name)}:{a.name}".encode("utf-8", "surrogatepass"),
                                               digest_size=8).digest(), "big")
                for a in self.actors
            ]
        return self._tokens


@dataclass
class Site:
    briefings: list[Briefing]
    actors: dict[str, SiteActor]
    top_actors: list[SiteActor] = field(default_factory=list)  # most mentioned, for the home page
    corrections: dict = field(default_factory=dict)  # briefing slug → corrections.Corrections (the files)
    stale: list = field(default_factory=list)  # corrections_apply.Stale: corrections that match nothing now

    def briefing(self, slug: str) -> Briefing | None:
        index = self.__dict__.get("_by_slug")
        if index is None or len(index) != len(self.briefings):
            index = self.__dict__["_by_slug"] = {b.slug: b for b in self.briefings}
        return index.get(slug)

    def actor(self, actor_id: str | None) -> SiteActor | None:
        return self.actors.get(actor_id) if actor_id else None

    def visible_actors(self) -> list[SiteActor]:
        return [a for a in self.actors.values() if not a.hidden]

    def briefing_actors(self, b: Briefing) -> list[SiteActor]:
        """The visible site actors of a briefing, most salient first."""
        ids = sorted(set(b.actor_ids.values()), key=lambda i: (-b.weights.get(i, 0.0), i))
        return [self.actors[i] for i in ids if i in self.actors and not self.actors[i].hidden]


def _sort_key(b: Briefing):
    # newest first, undated last, then by title for a stable order
    return (b.published is None, "" if b.published is None else _neg(b.published), b.title, b.slug)


def _neg(iso: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in iso)


def site_actor_id(actor: Actor, briefing_slug: str) -> str:
    if actor.type == "anonymous":
        return f"{briefing_slug}--{actor.id}"
    return actor.id


def _merge(briefings: list[Briefing]) -> dict[str, SiteActor]:
    actors: dict[str, SiteActor] = {}
    seen: dict[str, tuple[set, set, set]] = {}  # per actor: aliases, roles, briefings so far
    for b in briefings:
        for a in b.extraction.actors:
            sid = site_actor_id(a, b.slug)
            b.actor_ids[a.id] = sid
            sa = actors.get(sid)
            if sa is None:
                sa = actors[sid] = SiteActor(id=sid, name=a.name, type=a.type)
                seen[sid] = (set(), set(), set())
            aliases, roles, slugs = seen[sid]
            for alias in [a.name, *a.aliases]:
                if alias != sa.name and alias not in aliases:
                    aliases.add(alias)
                    sa.aliases.append(alias)
            for r in a.roles:
                role = (r.text, b.slug)
                if role not in roles:
                    roles.add(role)
                    sa.roles.append(role)
            if b.slug not in slugs:
                slugs.add(b.slug)
                sa.briefings.append(b.slug)
            sa.mentions += a.mention_count
            sa.mentions_by_briefing[b.slug] = sa.mentions_by_briefing.get(b.slug, 0) + a.mention_count
    return actors


def _apply_overrides(site: Site, overrides_path: str | None) -> None:
    if not overrides_path:
        return
    try:
        from . import overrides as ov
    except ImportError:  # the overrides module lands with the actors issue
        return
    loaded = ov.load_overrides(overrides_path)
    if loaded:
        ov.apply_overrides(site, loaded)


def _weights(b: Briefing, site: Site) -> dict[str, float]:
    """Salience of each site actor in one briefing, in [0, 1].

    Uses the extractor's salience; when it gives none, the share of mentions.
    """
    out: dict[str, float] = {}
    total = sum(a.mention_count for a in b.extraction.actors) or 1
    for a in b.extraction.actors:
        sid = b.actor_ids.get(a.id)
        if sid is None or sid not in site.actors:
            continue
        w = a.salience if a.salience > 0 else a.mention_count / total
        out[sid] = max(out.get(sid, 0.0), w)
    return out


def _derive(site: Site, related_limit: int, key_limit: int) -> None:
    order = {b.slug: i for i, b in enumerate(site.briefings)}
    for b in site.briefings:  # drop mappings to actors removed by overrides
        b.actor_ids = {k: v for k, v in b.actor_ids.items() if v in site.actors}
        b.weights = _weights(b, site)
    # mentions and briefings from the final local → site mapping (overrides may have merged)
    counts: dict[str, dict[str, int]] = {}
    for b in site.briefings:
        for a in b.extraction.actors:
            sid = b.actor_ids.get(a.id)
            if sid is not None:
                per = counts.setdefault(sid, {})
                per[b.slug] = per.get(b.slug, 0) + a.mention_count
    for sa in site.actors.values():
        per = counts.get(sa.id, {})
        sa.mentions_by_briefing = {s: per[s] for s in sorted(per, key=order.__getitem__)}
        sa.mentions = sum(per.values())
        sa.briefings = list(sa.mentions_by_briefing)
        sa.roles = _distinct(sa.roles)
        sa.quotes = []
    for b in site.briefings:
        for q in b.extraction.quotes:
            sa = site.actor(b.site_actor_id(q.speaker))
            if sa is not None:
                sa.quotes.append((b.slug, q))
    for sa in site.actors.values():
        sa.quotes.sort(key=lambda sq: (order[sq[0]], sq[1].paragraph, sq[1].parts[0].start if sq[1].parts else 0))
    _co_actors(site)
    _related(site, related_limit)
    for b in site.briefings:
        b.key_actors = [a for a in site.briefing_actors(b) if a.type not in UNRANKED][:KEY_ACTORS_PER_BRIEFING]
    visible = [a for a in site.visible_actors() if a.type not in UNRANKED]
    visible.sort(key=lambda a: (-a.briefing_count, -a.mentions, a.name.lower(), a.id))
    site.top_actors = visible[:key_limit]


def _distinct(items: list) -> list:
    """items without repeats, first occurrences in order."""
    try:
        return list(dict.fromkeys(items))
    except TypeError:  # an unhashable item (a role given as a list)
        return [x for i, x in enumerate(items) if x not in items[:i]]


def _co_actors(site: Site) -> None:
    """Co-actors of every actor: visible actors sharing its briefings, by briefings shared,
    then mentions, name and id.

    The (mentions, name, id) order is one global rank computed once, so each actor's list is
    a sort of plain integers (-shared × n + rank) instead of a sort with a Python key.
    """
    visible = sorted((a for a in site.actors.values() if not a.hidden),
                     key=lambda a: (-a.mentions, a.name.lower(), a.id))
    n = len(visible) or 1
    rank = {a.id: r for r, a in enumerate(visible)}
    table = CoActorTable(visible)
    members = {b.slug: [rank[i] for i in set(b.actor_ids.values()) if i in rank]  # once per briefing
               for b in site.briefings}
    for sa in site.actors.values():
        counts: Counter[int] = Counter()
        for slug in sa.briefings:
            counts.update(members[slug])
        own = rank.get(sa.id)
        if own is not None:
            counts.pop(own, None)
        sa.co_actors = CoActors(array("q", sorted([r - c * n for r, c in counts.items()])), table)


def related_score(a: Briefing, b: Briefing, site: Site) -> tuple[float, list[SiteActor]]:
    """Shared visible actors of two briefings, weighted by the geometric mean of their
    salience in each; returns (score, shared actors: by type, most salient first)."""
    shared = []
    for sid in set(a.weights) & set(b.weights):
        actor = site.actors[sid]
        if actor.hidden or actor.type == "anonymous":
            continue
        shared.append((math.sqrt(a.weights[sid] * b.weights[sid]), actor))
    # named: people first, then organizations, countries, places; the most salient first in each
    shared.sort(key=lambda wa: (TYPE_RANK.get(wa[1].type, 9), -wa[0], wa[1].name.lower(), wa[1].id))
    return sum(w for w, _ in shared), [x for _, x in shared]


# float error of the accumulated scores is far below this, and rounding moves a score by at
# most 5e-7: a candidate whose approximate score is this far below the k-th cannot make it
_SCORE_MARGIN = 2e-6


def _related(site: Site, limit: int | None) -> None:
    """Top related briefings of every briefing.

    An inverted index (visible named actor → (briefing, weight)) accumulates approximate
    scores of only the pairs that share an actor; the exact score (related_score, the one
    shown) is computed for the candidates that can reach the top ``limit`` — the result is
    the same as scoring every pair.
    """
    order = {b.slug: i for i, b in enumerate(site.briefings)}
    index: dict[str, list[tuple[int, float]]] = {}
    for i, b in enumerate(site.briefings):
        for sid, w in b.weights.items():
            actor = site.actors[sid]
            if not actor.hidden and actor.type != "anonymous":
                index.setdefault(sid, []).append((i, math.sqrt(w)))
    index = {sid: posting for sid, posting in index.items() if len(posting) > 1}
    briefings = site.briefings
    for i, b in enumerate(briefings):
        approx: dict[int, float] = {}
        for sid, w in b.weights.items():
            posting = index.get(sid)
            if posting is None:
                continue
            rw = math.sqrt(w)
            for j, ow in posting:
                approx[j] = approx.get(j, 0.0) + rw * ow
        approx.pop(i, None)
        if limit is not None and len(approx) > limit:
            if limit <= 0:
                b.related = []
                continue
            kth = heapq.nlargest(limit, approx.values())[-1]
            cands = [j for j, v in approx.items() if v >= kth - _SCORE_MARGIN]
        else:
            cands = list(approx)
        rel = []
        for j in sorted(cands):
            other = briefings[j]
            score, shared = related_score(b, other, site)
            if shared:
                rel.append(Related(other, round(score, 6), shared))
        rel.sort(key=lambda r: (-r.score, order[r.briefing.slug]))
        b.related = rel[:limit]


def link(
    extractions: list[Extraction],
    overrides_path: str | None = None,
    related_limit: int = 5,
    key_limit: int = 8,
    corrections_path: str | None = None,
) -> Site:
    """Merge the extractions of a whole site into one linked Site.

    ``corrections_path``: the folder of per-briefing corrections (content/briefings/),
    applied to the extractions before anything else; ``overrides_path``: the folder of
    actor overrides (content/actors/), applied to the merged site actors."""
    taken: set[str] = set()
    briefings = []
    for ex in sorted(extractions, key=lambda e: e.document.source):
        slug = unique_slug(ex.slug, taken)
        if slug != ex.slug:  # the published slug is the unique one (URL and API agree)
            ex = dataclasses.replace(ex, slug=slug)
        briefings.append(Briefing(slug=slug, extraction=ex))
    briefings.sort(key=_sort_key)
    from .corrections_apply import load_and_apply, site_names_and_types

    corrections, stale = load_and_apply(briefings, corrections_path, site_actor_id)
    site = Site(briefings=briefings, actors=dict(sorted(_merge(briefings).items())),
                corrections=corrections, stale=stale)
    site_names_and_types(site)
    _apply_overrides(site, overrides_path)
    site.actors = dict(sorted(site.actors.items()))
    attribute_by_alias(site)
    _derive(site, related_limit, key_limit)
    return site
