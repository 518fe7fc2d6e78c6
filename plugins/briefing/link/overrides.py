"""Editorial overrides of actors: ``content/actors/<slug>.md``.

Front matter (all optional): ``name`` (rename), ``type`` (retype), ``aliases`` and ``roles``
(added), ``hide`` (true: a false positive, dropped from the site), ``merge_into`` (the slug of
another actor that absorbs this one), ``image`` (a URL or site path). The Markdown body is the
actor's bio, rendered with markdown-it-py (raw HTML is escaped, never passed through).

``load_overrides(path)`` reads and validates every file; any problem stops the build with one
line naming the file: ``OverrideError("content/actors/x.md: unknown field 'nmae'")``.
``apply_overrides(site, overrides)`` edits a ``link.site.Site`` in place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from ..model import ACTOR_TYPES

FIELDS = ("name", "type", "aliases", "roles", "hide", "merge_into", "image")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(?P<meta>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_SLUG = re.compile(r"^[a-z0-9]+(?:--?[a-z0-9]+)*$")
_md = MarkdownIt("commonmark", {"html": False})
EDITORIAL = ""  # the briefing slug recorded with a role added by an editor


class OverrideError(Exception):
    """A bad override file; str() is one line: "content/actors/x.md: problem"."""


@dataclass
class ActorOverride:
    slug: str
    source: str  # display path, e.g. content/actors/olaf-scholz.md
    name: str | None = None
    type: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    hide: bool = False
    merge_into: str | None = None
    image: str | None = None
    bio_html: str = ""


def _display(file: Path, base: Path) -> str:
    try:
        return file.relative_to(base).as_posix()
    except ValueError:
        return file.as_posix()


def _strings(value, key: str, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise OverrideError(f"{where}: '{key}' must be a list of non-empty strings")
    return [" ".join(v.split()) for v in value]


def parse_override(text: str, slug: str, where: str) -> ActorOverride:
    m = _FRONT.match(text)
    meta: dict = {}
    body = text
    if m:
        try:
            loaded = yaml.safe_load(m.group("meta"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            at = f" (line {mark.line + 2})" if mark is not None else ""
            problem = getattr(exc, "problem", None) or "cannot be parsed"
            raise OverrideError(f"{where}: bad YAML front matter{at}: {problem}") from None
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise OverrideError(f"{where}: front matter must be a mapping of fields")
        meta = loaded
        body = text[m.end():]
    elif text.lstrip().startswith("---"):
        raise OverrideError(f"{where}: front matter is not closed with '---'")
    unknown = sorted(str(k) for k in meta if k not in FIELDS)
    if unknown:
        raise OverrideError(f"{where}: unknown field '{unknown[0]}' (allowed: {', '.join(FIELDS)})")
    ov = ActorOverride(slug=slug, source=where)
    name = meta.get("name")
    if name is not None:
        if not isinstance(name, str) or not name.strip():
            raise OverrideError(f"{where}: 'name' must be a non-empty string")
        ov.name = " ".join(name.split())
    typ = meta.get("type")
    if typ is not None:
        if typ not in ACTOR_TYPES:
            raise OverrideError(f"{where}: unknown type {typ!r} (allowed: {', '.join(ACTOR_TYPES)})")
        ov.type = typ
    ov.aliases = _strings(meta.get("aliases"), "aliases", where)
    ov.roles = _strings(meta.get("roles"), "roles", where)
    hide = meta.get("hide", False)
    if not isinstance(hide, bool):
        raise OverrideError(f"{where}: 'hide' must be true or false")
    ov.hide = hide
    target = meta.get("merge_into")
    if target is not None:
        if not isinstance(target, str) or not _SLUG.match(target):
            raise OverrideError(f"{where}: 'merge_into' must be an actor slug like 'olaf-scholz'")
        if target == slug:
            raise OverrideError(f"{where}: 'merge_into' names the actor itself")
        if hide:
            raise OverrideError(f"{where}: 'hide' and 'merge_into' cannot be combined")
        ov.merge_into = target
    image = meta.get("image")
    if image is not None:
        if not isinstance(image, str) or not image.strip() or image.strip().lower().startswith(("javascript:", "data:")):
            raise OverrideError(f"{where}: 'image' must be a URL or a site path")
        ov.image = image.strip()
    body = body.strip()
    ov.bio_html = _md.render(body) if body else ""
    return ov


def load_overrides(path) -> dict[str, ActorOverride]:
    """Every ``<slug>.md`` under ``path`` (the content dir or its ``actors/`` dir), by slug."""
    root = Path(path)
    if (root / "actors").is_dir():
        root = root / "actors"
    if not root.is_dir():
        return {}
    base = root.parent.parent
    out: dict[str, ActorOverride] = {}
    for file in sorted(root.glob("*.md")):
        where = _display(file, base)
        slug = file.stem
        if not _SLUG.match(slug):
            raise OverrideError(f"{where}: file name must be an actor slug (lowercase ASCII, hyphens)")
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise OverrideError(f"{where}: cannot be read ({exc.__class__.__name__})") from None
        out[slug] = parse_override(text, slug, where)
    return out


def rename(actor, name: str) -> None:
    """Give an actor (a SiteActor or an extraction's Actor) a new name; the old one becomes
    an alias, so the text still finds it."""
    if not name or name == actor.name:
        return
    if actor.name not in actor.aliases:
        actor.aliases.append(actor.name)
    actor.name = name
    if name in actor.aliases:
        actor.aliases.remove(name)


def _merge(site, src_id: str, dst_id: str) -> None:
    src = site.actors.pop(src_id)
    dst = site.actors[dst_id]
    for alias in [src.name, *src.aliases]:
        if alias != dst.name and alias not in dst.aliases:
            dst.aliases.append(alias)
    for r in src.roles:
        if r not in dst.roles:
            dst.roles.append(r)
    for b in src.briefings:
        if b not in dst.briefings:
            dst.briefings.append(b)
    dst.quotes.extend(src.quotes)
    dst.mentions += src.mentions
    by = getattr(dst, "mentions_by_briefing", None)
    if by is not None:
        for k, v in getattr(src, "mentions_by_briefing", {}).items():
            by[k] = by.get(k, 0) + v
    if getattr(dst, "image", None) is None and getattr(src, "image", None):
        dst.image = src.image
    if not dst.bio_html and src.bio_html:
        dst.bio_html = src.bio_html
    for b in site.briefings:
        for local, sid in list(b.actor_ids.items()):
            if sid == src_id:
                b.actor_ids[local] = dst_id


def _resolve_target(overrides: dict[str, ActorOverride], slug: str) -> str:
    seen = [slug]
    cur = overrides[slug].merge_into
    while cur in overrides and overrides[cur].merge_into:
        if cur in seen:
            raise OverrideError(f"{overrides[slug].source}: 'merge_into' forms a cycle ({' → '.join(seen + [cur])})")
        seen.append(cur)
        cur = overrides[cur].merge_into
    return cur


def apply_overrides(site, overrides: dict[str, ActorOverride]) -> None:
    """Apply editorial overrides to a link.site.Site in place (merges, then hides, then edits).

    ``hide`` sets ``SiteActor.hidden`` (the actor keeps its mappings; pages and cards skip it).

    Overrides for actors that no seed mentions are ignored (the actor may come back with a
    new article); a ``merge_into`` target that is no actor of the site is an error.
    """
    for slug in sorted(overrides):
        ov = overrides[slug]
        if not ov.merge_into:
            continue
        target = _resolve_target(overrides, slug)
        if target not in site.actors:
            raise OverrideError(f"{ov.source}: unknown merge_into target '{ov.merge_into}' (no such actor)")
        if slug in site.actors:
            _merge(site, slug, target)
    for slug in sorted(overrides):
        ov = overrides[slug]
        if ov.hide and slug in site.actors:
            site.actors[slug].hidden = True  # kept for its mappings; pages and cards skip it
    for slug in sorted(overrides):
        ov = overrides[slug]
        sa = site.actors.get(slug)
        if sa is None or ov.merge_into or ov.hide:
            continue
        rename(sa, ov.name)
        if ov.type:
            sa.type = ov.type
        for a in ov.aliases:
            if a != sa.name and a not in sa.aliases:
                sa.aliases.append(a)
        for r in ov.roles:
            if not any(text == r for text, _ in sa.roles):
                sa.roles.append((r, EDITORIAL))
        if ov.bio_html:
            sa.bio_html = ov.bio_html
        if ov.image:
            sa.image = ov.image
