"""The editors' review queue, ordered by what readers see.

1. statements — full statements (in "What they said", on actor pages) with no speaker, a
   hidden one, or a speaker decided on weak evidence (``Quote.weak``);
2. duplicates — two cards on one briefing page that may be one actor;
3. not-actors — actors with a sign that they are no actor (a list of names, a dateline …);
4. no-role — people named more than once in a briefing with no role there;
5. across — two actors of different briefings that may be one (the actor pages).

Before them, articles over the extraction bound (their later paragraphs have no actors
or quotes) and stale corrections (an editor's fix the article no longer matches); after them,
only a count of the actors named once. Scare quotes, titles and words in passing are not
listed, nor anything an editor decided already (a quote or actor in the briefing's
corrections file). Each item has the sentence around it, the candidates weighed (when there
were several) and the exact text to paste, mostly into ``content/briefings/<slug>.md``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple
from ..extract import article as extract_article
from .corrections import PLACEHOLDER, article_version
from .review import _norm, candidate_pairs, front_matter, name_similarity, override_path, similar_names
from .review_signals import Page, is_statement, mention_context, not_actor_reasons, quote_context

SECTIONS = (
    ("over-bound", "Articles over the extraction bound"),
    ("stale", "Corrections that no longer match"),
    ("statements", "Statements without a sure speaker"),
    ("duplicates", "One actor twice on a page?"),
    ("not-actors", "Actors that may not be actors"),
    ("no-role", "People with no role"),
    ("across", "One actor under two names across briefings?"),
)
MAX_ITEMS = 300  # per section of /review/ (every item is on its briefing's review page)
ROLE_MENTIONS = 2  # people named at least this often in a briefing are listed with no role


@dataclass
class Fix:
    path: str
    text: str
    label: str = ""  # what pasting it decides
    where: str = ""  # where it goes in the file


@dataclass
class Candidate:
    name: str
    url: str
    score: float | None
    reasons: list[str]
    fix: Fix


class BriefingRef(NamedTuple):
    slug: str
    title: str
    url: str


class ActorRef(NamedTuple):
    id: str
    name: str
    url: str


@dataclass
class Item:
    """One review item: plain data (a briefing and actors by reference), so that one
    briefing's items can be kept from the previous build while its data is unchanged."""

    kind: str
    title: str
    detail: str = ""
    briefing: object = None  # a linking.Briefing, kept as a BriefingRef
    anchor: str = ""  # on the briefing page
    context: tuple | None = None  # (before, marked, after)
    actors: list = field(default_factory=list)  # SiteActors, kept as ActorRefs
    candidates: list[Candidate] = field(default_factory=list)
    fixes: list[Fix] = field(default_factory=list)

    def __post_init__(self):
        b = self.briefing
        if b is not None and not isinstance(b, BriefingRef):
            self.briefing = BriefingRef(b.slug, b.title, b.url)
        self.actors = [a if isinstance(a, ActorRef) else ActorRef(a.id, a.name, a.url) for a in self.actors]

    def key(self) -> tuple:
        """Everything the review templates show of the item (for the render memo)."""
        fx = lambda f: (f.path, f.text, f.label, f.where)  # noqa: E731
        return (self.kind, self.title, self.detail, self.briefing, self.anchor, self.context, self.actors,
                [(c.name, c.url, c.score, c.reasons, fx(c.fix)) for c in self.candidates], [fx(f) for f in self.fixes])


def corrections_path(slug: str) -> str:
    return f"content/briefings/{slug}.md"


def snippet(site, b, section: str, line: str, label: str) -> Fix:
    """The text to paste into ``b``'s corrections file for one ``quotes:`` or ``actors:``
    entry: the whole file when there is none yet, else what the file lacks."""
    c = site.corrections.get(b.slug)
    path = corrections_path(b.slug)
    if c is None:
        versions = site.__dict__.setdefault("_article_versions", {})  # one hash per briefing
        version = versions.get(b.slug) or versions.setdefault(b.slug, article_version(b.document))
        return Fix(path, f'---\narticle: "{version}"\n{section}:\n  {line}\n---\n', label, "a new file")
    if not c.has_front_matter:
        return Fix(path, f"---\n{section}:\n  {line}\n---\n", label, "at the top of the file")
    if section in c.keys:
        return Fix(path, f"  {line}\n", label, f"under {section}:")
    return Fix(path, f"{section}:\n  {line}\n", label, "between the --- lines")


def _local_ids(b) -> dict[str, str]:
    """site actor id → the briefing's own id for it (the one its corrections file uses)."""
    out: dict[str, str] = {}
    for local, sid in sorted(b.actor_ids.items()):
        out.setdefault(sid, local)
    return out


def _decided(b) -> tuple[set, set]:
    c = b.corrected
    return (c.quotes, c.actors) if c is not None else (set(), set())


# ---- 1. statements -------------------------------------------------------------------


def _speaker_candidates(site, b, q, local_ids) -> tuple[list[Candidate], str]:
    """The extractor's candidates when it weighed several; else the people and unnamed
    sources named in the quote's paragraph or the two before it, nearest first."""
    out, seen = [], set()

    def add(local_id, score, reasons):
        sa = site.actor(b.site_actor_id(local_id))
        if sa is None or sa.hidden or sa.id in seen:
            return
        seen.add(sa.id)
        line = f"{q.id}: {{speaker: {local_ids.get(sa.id, local_id)}}}"
        out.append(Candidate(sa.name, sa.url, score, list(reasons),
                             snippet(site, b, "quotes", line, f"Said by {sa.name}")))

    if len(q.candidates) > 1:
        for c in q.candidates:
            add(c.actor, c.score, c.reasons)
        return out, "weighed by the extractor"
    para = q.paragraph
    near = []
    for a in b.extraction.actors:
        if a.type not in ("person", "anonymous"):
            continue
        before = [m for m in a.mentions if para - 2 <= m.paragraph <= para
                  and (m.paragraph, m.start) < (para, q.parts[0].start if q.parts else 0)]
        after = [m for m in a.mentions if m.paragraph == para]
        spot = max(before, key=lambda m: (m.paragraph, m.start), default=None) or (after[0] if after else None)
        if spot is not None:
            near.append(((0 if before else 1, para - spot.paragraph, -spot.start), a.id, spot.paragraph))
    for _, aid, p in sorted(near)[:3]:
        add(aid, None, [f"named in paragraph {p + 1}"])
    return out, "named nearby"


def _statement_items(site, b) -> list[Item]:
    items = []
    quotes, _ = _decided(b)
    local_ids = None
    for q in b.extraction.quotes:
        if q.id in quotes or not is_statement(q):
            continue
        sa = site.actor(b.site_actor_id(q.speaker))
        if sa is not None and not sa.hidden and not q.weak:
            continue
        if local_ids is None:
            local_ids = _local_ids(b)
        if sa is None:
            detail = "Shown with \u201cSpeaker not named\u201d."
        elif sa.hidden:
            detail = f"Attributed to {sa.name}, an actor hidden by an editor."
        else:
            why = "; ".join(q.evidence) if q.evidence else "no reason given"
            detail = f"Attributed to {sa.name} on weak evidence (confidence {q.confidence:.2f}: {why})."
        cands, how = _speaker_candidates(site, b, q, local_ids)
        item = Item("statements", q.text, detail, b, f"p{q.paragraph + 1}", quote_context(b.document, q), candidates=cands)
        if cands:
            item.detail += f" Candidates {how}:"
        item.fixes = [
            snippet(site, b, "quotes", f"{q.id}: {{speaker: null}}", "Nobody in the article said it"),
            snippet(site, b, "quotes", f"{q.id}: {{hide: true}}", "Not a quote: no box"),
        ]
        if sa is not None and not sa.hidden:
            item.fixes.insert(0, snippet(site, b, "quotes", f"{q.id}: {{speaker: {local_ids.get(sa.id, q.speaker)}}}",
                                         f"Said by {sa.name} indeed"))
        items.append(item)
    return items


# ---- 2.–4. actors of one page --------------------------------------------------------


def _first_name_of(a, b) -> bool:
    """Two people, one named by a word that is the first word of the other's name ("Priya" /
    "Priya X": a first name; for places and organizations it is often another one: a state
    and its city)."""
    if a.type != "person" or b.type != "person":
        return False
    wa, wb = a.name.split(), b.name.split()
    short, long_ = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    return len(short) == 1 and len(long_) > 1 and short[0].lower() == long_[0].lower() and len(short[0]) > 1


def _page_pairs(b, visible: list):
    actors = [a for a in visible if a.type != "anonymous"]
    mentions = lambda a: a.mentions_by_briefing.get(b.slug, 0)  # noqa: E731
    best: dict[str, tuple] = {}
    for x, y in candidate_pairs(actors):
        same = _norm(x.name) == _norm(y.name)
        if not same and (x.type != y.type or not (similar_names(x.name, y.name) or _first_name_of(x, y))):
            continue
        keep, drop = sorted((x, y), key=lambda a: (-mentions(a), -len(a.name), a.id))
        score = 1.0 if same else name_similarity(drop.name, keep.name)
        if drop.id not in best or (-score, keep.id) < (-best[drop.id][0], best[drop.id][1].id):
            best[drop.id] = (score, keep, drop)
    return sorted(best.values(), key=lambda t: (-t[0], t[2].name.lower(), t[2].id))


def _page_items(site, b) -> tuple[list[Item], list[Item], list[Item]]:
    _, decided = _decided(b)
    local_ids = _local_ids(b)
    ex = b.extraction
    by_sid = {}
    for a in ex.actors:
        by_sid.setdefault(b.site_actor_id(a.id), a)
    skip = lambda sa: local_ids.get(sa.id) in decided  # noqa: E731
    dups, junk, roles = [], [], []
    visible = site.briefing_actors(b)
    for score, keep, drop in _page_pairs(b, visible):
        if skip(drop):
            continue
        d, k = local_ids[drop.id], local_ids[keep.id]
        n = lambda a: a.mentions_by_briefing.get(b.slug, 0)  # noqa: E731
        item = Item("duplicates", f"{drop.name} / {keep.name}", briefing=b, anchor="whos-who-h",
                    context=mention_context(b.document, by_sid[drop.id]) if drop.id in by_sid else None,
                    actors=[drop, keep],
                    detail=f"Two cards here: \u201c{drop.name}\u201d ({drop.type}, {n(drop)}) and "
                           f"\u201c{keep.name}\u201d ({keep.type}, {n(keep)}).")
        item.fixes = [snippet(site, b, "actors", f"{d}: {{merge_into: {k}}}", f"One actor: {keep.name}"),
                      snippet(site, b, "actors", f"{d}: {{reviewed: true}}", "Two actors")]
        dups.append(item)
    page = Page(b.document, ex.actors)
    for sa in visible:
        a = by_sid.get(sa.id)
        if a is None or sa.type == "anonymous" or skip(sa):
            continue
        reasons = not_actor_reasons(a, sa, page)
        lid = local_ids[sa.id]
        if reasons:
            item = Item("not-actors", sa.name, f"{sa.type.capitalize()}: {'; '.join(reasons)}.", b, "whos-who-h",
                        mention_context(b.document, a), [sa])
            item.fixes = [snippet(site, b, "actors", f"{lid}: {{hide: true}}", "Not an actor: no card"),
                          snippet(site, b, "actors", f"{lid}: {{reviewed: true}}", "An actor after all")]
            junk.append(item)
        elif (sa.type == "person" and not a.roles and sa.mentions_by_briefing.get(b.slug, 0) >= ROLE_MENTIONS
              and not any(not slug for _, slug in sa.roles)):
            item = Item("no-role", sa.name, f"Named {sa.mentions_by_briefing[b.slug]} times here with no role. "
                        f"Write the role the article gives (in place of {PLACEHOLDER}):", b, "whos-who-h",
                        mention_context(b.document, a), [sa])
            item.fixes = [snippet(site, b, "actors", f"{lid}: {{roles: [{PLACEHOLDER}]}}", "The role here"),
                          snippet(site, b, "actors", f"{lid}: {{reviewed: true}}", "The article gives none")]
            roles.append((-sa.mentions_by_briefing.get(b.slug, 0), len(roles), item))
    return dups, junk, [item for *_, item in sorted(roles, key=lambda r: r[:2])]


# ---- 5. across briefings, stale corrections, named once -------------------------------


def _across_items(site) -> list[Item]:
    together = {}
    for b in site.briefings:
        for sid in set(b.actor_ids.values()):
            together.setdefault(sid, set()).add(b.slug)
    actors = [a for a in site.visible_actors() if a.type in ("person", "organization")]
    best: dict[str, tuple] = {}
    for a, b in candidate_pairs(actors):
        if a.type != b.type or together.get(a.id, set()) & together.get(b.id, set()) or not similar_names(a.name, b.name):
            continue  # pairs on one page are the page's items
        keep, drop = sorted((a, b), key=lambda x: (-x.mentions, -x.briefing_count, x.id))
        score = name_similarity(drop.name, keep.name)
        if drop.id not in best or (-score, keep.id) < (-best[drop.id][0], best[drop.id][1].id):
            best[drop.id] = (score, keep, drop)
    items = []
    for _, keep, drop in sorted(best.values(), key=lambda t: (-t[0], t[2].name.lower(), t[2].id)):
        items.append(Item("across", f"{drop.name} / {keep.name}", actors=[drop, keep],
                          detail=f"\u201c{drop.name}\u201d ({drop.mentions}) may be \u201c{keep.name}\u201d "
                                 f"({keep.mentions}). If they are one {keep.type}, merge them everywhere:",
                          fixes=[Fix(override_path(drop.id), front_matter({"merge_into": keep.id}),
                                     f"One {keep.type}: {keep.name}", "a new file; if it exists, add the field")]))
    return items


def _stale_items(site) -> list[Item]:
    items = []
    for s in site.stale:
        if s.briefing is None:
            items.append(Item("stale", s.source, f"Line {s.line}: {s.problem}. Delete the file, or rename it to "
                              "the briefing's new slug.", fixes=[]))
            continue
        items.append(Item("stale", s.source, f"Line {s.line}: {s.problem} \u2014 the article changed since. "
                          f"Remove or redo that line, then mark the file as checked against this version:",
                          s.briefing, fixes=[Fix(s.source, f'article: "{s.article}"\n', "Checked again",
                                                 "in place of the article: line")]))
    return items


def _over_bound_items(site) -> list[Item]:
    """Articles longer than the extraction bound: every paragraph is published, actors and
    quotes are found in the first MAX_EXTRACT_CHARS characters only."""
    items = []
    for b in site.briefings:
        k = extract_article.extracted_paragraphs(b.document)
        if k < len(b.document.paragraphs):
            chars = sum(len(p) for p in b.document.paragraphs)
            items.append(Item(
                "over-bound", b.title,
                f"{chars:,} characters, over the extraction bound of {extract_article.MAX_EXTRACT_CHARS:,}: actors and quotes "
                f"were looked for in paragraphs 1\u2013{k} only; paragraphs {k + 1}\u2013{len(b.document.paragraphs)} "
                f"are published without them.", b, f"p{k + 1}"))
    return items


def named_once(site) -> list:
    """Actors named once, with no role and no quote (often a false positive): a count on
    /review/, the list on its own page."""
    return [a for a in site.visible_actors() if a.mentions <= 1 and not a.quotes and not a.roles]


def named_once_items(site) -> list[Item]:
    out = []
    for a in named_once(site):
        b = site.briefing(a.briefings[0]) if a.briefings else None
        if b is None:
            continue
        lid = _local_ids(b).get(a.id, a.id)
        out.append(Item("named-once", a.name, f"{a.type.capitalize()}, named once.", b, "whos-who-h", actors=[a],
                        fixes=[snippet(site, b, "actors", f"{lid}: {{hide: true}}", "Not an actor: no card")]))
    return out


def briefing_items(site, b) -> dict[str, list[Item]]:
    """One briefing's items of the sections 1–4, by section (what ``review_deps`` covers)."""
    dups, junk, roles = _page_items(site, b)
    return {"statements": _statement_items(site, b), "duplicates": dups, "not-actors": junk, "no-role": roles}


def review_queue(site, cached=None) -> dict[str, list[Item]]:
    """Every section's items, in the queue's order (briefings newest first).

    ``cached(b, compute)``, if given, returns one briefing's items (``compute()`` or the
    same items kept from the previous build: render.deps.review_deps says what they read)."""
    out = {kind: [] for kind, _ in SECTIONS}
    out["over-bound"] = _over_bound_items(site)
    out["stale"] = _stale_items(site)
    for b in site.briefings:
        compute = lambda b=b: briefing_items(site, b)  # noqa: E731
        for kind, items in (cached(b, compute) if cached is not None else compute()).items():
            out[kind] += items
    out["across"] = _across_items(site)
    return out


def by_briefing(queue: dict[str, list[Item]]) -> dict[str, list[Item]]:
    """briefing slug → its items, in the queue's order."""
    out: dict[str, list[Item]] = {}
    for kind, _ in SECTIONS:
        for item in queue[kind]:
            if item.briefing is not None:
                out.setdefault(item.briefing.slug, []).append(item)
    return out
