"""Applying ``content/briefings/<slug>.md`` corrections to the extractions of a site.

They are applied after extraction (the extraction cache never sees them) and before the
briefings are linked, by editing each briefing's Extraction: so the briefing page, the actor
pages and cards, the JSON API, search, feeds and JSON-LD all show them, and the render
memo's fingerprints (which cover the extraction as linked) re-render exactly the pages they
change.

Unknown or stale. A quote id, actor, speaker or merge target that matches nothing is
*unknown* — the build stops with ``file:line: problem`` — unless the file's ``article:``
names another version of the article than the current one (``corrections.article_version``)
or the briefing is gone: then the article was edited since the editor checked the file, and
the correction is *stale* — not applied, listed at the top of /review/ with its file and
line, and the build goes on. So a typo or a snippet pasted into the wrong file fails at once
(the editor rebuilds right after writing it), while an edit of the article never breaks
the build; no build history is consulted, so a fresh build and an incremental one agree.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .corrections import ActorFix, CorrectionError, Corrections, article_version, load_corrections
from ..model import Actor, Extraction, Quote, Role
from .overrides import rename


@dataclass
class Stale:
    """A correction that no longer matches its briefing (the article was edited since)."""

    source: str
    line: int
    slug: str  # the briefing's slug (the file's name)
    problem: str
    briefing: object = None  # linking.Briefing, when the briefing still exists
    article: str | None = None  # the current article version (to write into ``article:``)


@dataclass
class Applied:
    """What an editor decided for one briefing (the review page leaves these alone)."""

    source: str
    quotes: set[str] = field(default_factory=set)  # quote ids decided by the editor
    actors: set[str] = field(default_factory=set)  # local actor ids corrected or reviewed
    sections: set[str] = field(default_factory=set)  # "quotes" / "actors": present in the file
    note_html: str = ""
    site_edits: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (local id, name, type)


class _Named:
    """Named actors of every briefing, by id (the newest briefing's first): a speaker or a
    merge target that is a site actor not (yet) in the briefing."""

    def __init__(self, briefings):
        self._briefings = briefings
        self._index: dict[str, Actor] | None = None

    def get(self, actor_id: str) -> Actor | None:
        if self._index is None:
            self._index = {}
            for b in self._briefings:
                for a in b.extraction.actors:
                    if a.type != "anonymous":
                        self._index.setdefault(a.id, a)
        return self._index.get(actor_id)


def _merge_actor(ex: Extraction, src: Actor, dst: Actor) -> None:
    for alias in [src.name, *src.aliases]:
        if alias != dst.name and alias not in dst.aliases:
            dst.aliases.append(alias)
    known = {r.text for r in dst.roles}
    dst.roles.extend(r for r in src.roles if r.text not in known)
    dst.mentions = sorted([*dst.mentions, *src.mentions], key=lambda m: (m.paragraph, m.start, m.end))
    firsts = [p for p in (dst.first_paragraph, src.first_paragraph) if p >= 0]
    dst.first_paragraph = min(firsts) if firsts else -1
    dst.salience = max(dst.salience, src.salience)
    ex.actors.remove(src)
    for q in ex.quotes:
        if q.speaker == src.id:
            q.speaker = dst.id
        _retarget_candidates(q, {src.id: dst.id})


def _retarget_candidates(q: Quote, moves: dict[str, str | None]) -> None:
    if not q.candidates or not any(c.actor in moves for c in q.candidates):
        return
    out, seen = [], set()
    for c in q.candidates:
        actor = moves.get(c.actor, c.actor)
        if actor is None or actor in seen:
            continue
        seen.add(actor)
        c.actor = actor
        out.append(c)
    q.candidates = out


def _editor(source: str) -> list[str]:
    return [f"set by an editor ({source})"]


class _Briefing:
    """Applies one file to one briefing; ``missing`` decides unknown (raise) or stale."""

    def __init__(self, b, c: Corrections, named: _Named, site_id, stale: list[Stale]):
        self.b, self.c, self.ex, self.named = b, c, b.extraction, named
        self.site_id = site_id
        self.version = article_version(b.document)
        self.changed = c.article is not None and c.article != self.version
        self.stale = stale
        self.local = {a.id: a for a in self.ex.actors}
        self.by_site = {site_id(a, b.slug): a for a in self.ex.actors}

    def missing(self, line: int, problem: str) -> None:
        if not self.changed:
            raise CorrectionError(f"{self.c.source}:{line}: {problem}")
        self.stale.append(Stale(self.c.source, line, self.c.slug, problem, self.b, self.version))

    def actor(self, slug: str) -> Actor | None:
        return self.local.get(slug) or self.by_site.get(slug)

    def bring_in(self, slug: str) -> Actor | None:
        """A site actor named in another briefing, added to this one (no mentions here)."""
        other = self.named.get(slug)
        if other is None:
            return None
        a = Actor(id=other.id, name=other.name, type=other.type, aliases=list(other.aliases))
        self.ex.actors.append(a)
        self.local[a.id] = a
        self.by_site[self.site_id(a, self.b.slug)] = a
        return a

    def resolve(self, slug: str, line: int, what: str) -> Actor | None:
        a = self.actor(slug) or self.bring_in(slug)
        if a is None:
            self.missing(line, f"{what} '{slug}' is no actor of this briefing nor a named actor of the site")
        return a

    def apply(self) -> Applied:
        c, ex = self.c, self.ex
        done = Applied(c.source, note_html=c.note_html,
                       sections={s for s in ("quotes", "actors") if getattr(c, s)})
        fixes: list[tuple[ActorFix, Actor]] = []
        for fix in sorted(c.actors.values(), key=lambda f: f.line):
            a = self.actor(fix.slug)
            if a is None:
                self.missing(fix.line, f"actor '{fix.slug}' is not in this briefing "
                                       f"(its actors: see /review/ or /api/briefings/{c.slug}.json)")
                continue
            fixes.append((fix, a))
            done.actors.add(a.id)
        hidden = {a.id for fix, a in fixes if fix.hide}
        targets: dict[str, Actor] = {}
        for fix, a in fixes:
            if fix.merge_into:
                t = self.resolve(fix.merge_into, fix.lines.get("merge_into", fix.line), "merge_into target")
                if t is None:
                    continue
                if t.id in hidden:
                    raise CorrectionError(f"{c.source}:{fix.lines['merge_into']}: actor {fix.slug} merges into "
                                          f"'{fix.merge_into}', which this file hides")
                if t is a:
                    raise CorrectionError(f"{c.source}:{fix.lines['merge_into']}: actor {fix.slug}: "
                                          f"'merge_into' names the actor itself")
                targets[a.id] = t
        moves = self._merge(targets, fixes)
        for fix, a in fixes:
            if fix.hide:
                ex.actors.remove(a)
                moves[a.id] = None
                for q in ex.quotes:
                    if q.speaker == a.id:
                        q.speaker = None
                    _retarget_candidates(q, {a.id: None})
            elif not fix.merge_into:
                self._edit(fix, a, done)
        self._quotes(moves, done)
        return done

    def _merge(self, targets: dict[str, Actor], fixes) -> dict[str, str | None]:
        line = {a.id: fix.lines.get("merge_into", fix.line) for fix, a in fixes}
        moves: dict[str, str | None] = {}
        for src_id in sorted(targets, key=line.__getitem__):
            seen, dst = [src_id], targets[src_id]
            while dst.id in targets:  # a chain: andy → murray → andy-murray
                if dst.id in seen:
                    raise CorrectionError(f"{self.c.source}:{line[src_id]}: 'merge_into' forms a cycle "
                                          f"({' → '.join(seen + [dst.id])})")
                seen.append(dst.id)
                dst = targets[dst.id]
            moves[src_id] = dst.id
        for src_id in sorted(moves, key=line.__getitem__):
            src, dst = self.local[src_id], self.local[moves[src_id]]
            _merge_actor(self.ex, src, dst)
        return moves

    def _edit(self, fix: ActorFix, a: Actor, done: Applied) -> None:
        if fix.type and fix.type != a.type:
            if "anonymous" in (fix.type, a.type):
                raise CorrectionError(f"{self.c.source}:{fix.lines['type']}: actor {fix.slug}: 'type' cannot turn an "
                                      f"unnamed source into a named actor or back (use merge_into or hide)")
            a.type = fix.type
        rename(a, fix.name)
        for alias in fix.aliases:
            if alias != a.name and alias not in a.aliases:
                a.aliases.append(alias)
        known = {r.text for r in a.roles}
        a.roles.extend(Role(r) for r in fix.roles if r not in known)
        if fix.name or fix.type:
            done.site_edits.append((a.id, fix.name, fix.type))

    def _quotes(self, moves: dict[str, str | None], done: Applied) -> None:
        c, ex = self.c, self.ex
        by_id = {q.id: q for q in ex.quotes}
        hide = set()
        for fix in sorted(c.quotes.values(), key=lambda f: f.line):
            q = by_id.get(fix.id)
            if q is None:
                self.missing(fix.line, f"quote id '{fix.id}' is not in this briefing "
                                       f"(ids are the quotes' permalink anchors, #q-…)")
                continue
            if fix.hide:
                hide.add(q.id)
            elif fix.set_speaker:
                speaker = None
                if fix.speaker is not None:
                    a = self.actor(fix.speaker)
                    if a is not None and a.id in moves:  # merged or hidden by this file
                        if moves[a.id] is None:
                            raise CorrectionError(f"{c.source}:{fix.line}: quote {fix.id}: speaker "
                                                  f"'{fix.speaker}' is hidden by this file")
                        speaker = moves[a.id]
                    else:
                        a = a or self.resolve(fix.speaker, fix.line, f"quote {fix.id}: speaker")
                        if a is None:
                            continue
                        speaker = a.id
                q.speaker = speaker
                q.confidence = 1.0
                q.evidence = _editor(c.source)
            done.quotes.add(q.id)
        if hide:
            ex.quotes = [q for q in ex.quotes if q.id not in hide]


def apply_corrections(briefings, corrections: dict[str, Corrections], site_id) -> list[Stale]:
    """Edit the extractions of ``briefings`` (linking.Briefing, slugs final, newest first)
    by their corrections; each briefing gets ``.corrected`` (Applied). ``site_id(actor,
    briefing slug)`` is the linker's site actor id. Returns the stale corrections."""
    by_slug = {b.slug: b for b in briefings}
    named = _Named(briefings)
    stale: list[Stale] = []
    for slug in sorted(corrections):
        c = corrections[slug]
        b = by_slug.get(slug)
        if b is None:
            problem = f"no briefing has the slug '{slug}' (the file's name is the end of /briefings/<slug>/)"
            if c.article is None:
                raise CorrectionError(f"{c.source}:1: {problem}")
            stale.append(Stale(c.source, 1, slug, problem))
            continue
        b.corrected = _Briefing(b, c, named, site_id, stale).apply()
    stale.sort(key=lambda s: (s.source, s.line))
    return stale


def load_and_apply(briefings, path: str | None, site_id) -> tuple[dict, list[Stale]]:
    """The corrections folder ``path`` read and applied (see ``apply_corrections``); returns
    (the files by briefing slug, the stale corrections)."""
    if not path:
        return {}, []
    loaded = load_corrections(path)
    return loaded, apply_corrections(briefings, loaded, site_id) if loaded else []


def site_names_and_types(site) -> None:
    """A name or type an editor gave an actor in one briefing is its site-wide one too (the
    newest briefing's correction wins; content/actors/<slug>.md, applied after, wins over all)."""
    for b in reversed(site.briefings):
        for local_id, name, typ in (b.corrected.site_edits if b.corrected is not None else ()):
            sa = site.actors.get(b.actor_ids.get(local_id, ""))
            if sa is not None:
                rename(sa, name)
                if typ:
                    sa.type = typ
