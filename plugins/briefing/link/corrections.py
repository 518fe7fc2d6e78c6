"""Editors' corrections of one briefing: ``content/briefings/<briefing-slug>.md``.

Front matter (all optional)::

    article: "3f9a0c12"                 # the article version the corrections were checked against
    quotes:
      q-3f9a0c12: {speaker: jack-draper}  # an actor of this briefing, or a site actor's slug
      q-77c1d2e3: {speaker: null}         # words in quotation marks that nobody said
      q-0b2e4f56: {hide: true}            # no quote box for this one
    actors:
      andy: {merge_into: andy-murray}     # two cards for one actor in this briefing
      boulter-burrage-draper-evans: {hide: true}
      jodie-burrage: {type: person, roles: [British tennis player]}

Actor fields: ``merge_into``, ``hide``, ``type``, ``name``, ``roles`` and ``aliases`` (added),
``reviewed`` (true: looked at, right as it is — no review items about it in this briefing).
The Markdown body, if any, is an editor's note shown at the top of the briefing (raw HTML
is escaped).

``load_corrections(path)`` reads and checks the files themselves (fields, values, YAML);
every problem is one line ``content/briefings/x.md:LINE: problem`` (``CorrectionError``).
Whether the quote ids and actors exist is checked against the extraction when they are
applied (``corrections_apply``): see there for "unknown" (an error) and "stale" (reported).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from ..model import ACTOR_TYPES
from .overrides import _FRONT, _SLUG, _display

FIELDS = ("article", "quotes", "actors")
QUOTE_FIELDS = ("speaker", "hide")
ACTOR_FIELDS = ("merge_into", "hide", "type", "name", "roles", "aliases", "reviewed")
PLACEHOLDER = "ROLE"  # what the review page's role snippets hold until the editor writes one
_VERSION = re.compile(r"^[0-9a-f]{8}$")
_SECTION_LINE = re.compile(r"^(?:article|quotes|actors)[ \t]*:", re.M)
_md = MarkdownIt("commonmark", {"html": False})


class CorrectionError(Exception):
    """A bad corrections file; str() is one line: "content/briefings/x.md:4: problem"."""


def article_version(doc) -> str:
    """Eight hex digits that change whenever the article's headline or text changes."""
    h = hashlib.sha256(doc.title.encode("utf-8", "surrogatepass"))
    for p in doc.paragraphs:
        h.update(b"\n" + p.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:8]


@dataclass
class QuoteFix:
    id: str
    line: int
    speaker: str | None = None
    set_speaker: bool = False  # True: ``speaker`` (a slug or None) is the editor's decision
    hide: bool = False


@dataclass
class ActorFix:
    slug: str
    line: int
    merge_into: str | None = None
    hide: bool = False
    type: str | None = None
    name: str | None = None
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    reviewed: bool = False
    lines: dict[str, int] = field(default_factory=dict)  # field → line


@dataclass
class Corrections:
    slug: str  # the briefing's slug (the file's name)
    source: str  # display path, e.g. content/briefings/x.md
    article: str | None = None
    article_line: int = 1
    quotes: dict[str, QuoteFix] = field(default_factory=dict)
    actors: dict[str, ActorFix] = field(default_factory=dict)
    note_html: str = ""
    has_front_matter: bool = False
    keys: set[str] = field(default_factory=set)  # the front matter's fields as written


class _Lines:
    """Line numbers (1-based, in the file) of the keys of a composed YAML document."""

    def __init__(self, where: str, offset: int):
        self.where, self.offset = where, offset

    def at(self, node) -> int:
        return node.start_mark.line + self.offset

    def fail(self, node_or_line, problem: str):
        line = node_or_line if isinstance(node_or_line, int) else self.at(node_or_line)
        raise CorrectionError(f"{self.where}:{line}: {problem}")

    def mapping(self, node, what: str) -> list[tuple]:
        """(key text, key node, value node) of a mapping node, keys checked unique."""
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return []
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what} must be a mapping")
        out, seen = [], {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode) or not k.value.strip():
                self.fail(k, f"{what}: keys must be plain names")
            key = k.value.strip()
            if key in seen:
                self.fail(k, f"'{key}' is given twice (also on line {seen[key]})")
            seen[key] = self.at(k)
            out.append((key, k, v))
        return out


def _value(node):
    """The Python value of a node, by PyYAML's safe constructors."""
    return yaml.constructor.SafeConstructor().construct_document(node)


def _bool(lines: _Lines, node, name: str) -> bool:
    v = _value(node)
    if not isinstance(v, bool):
        lines.fail(node, f"'{name}' must be true or false")
    return v


def _slug(lines: _Lines, node, name: str) -> str:
    v = _value(node)
    if not isinstance(v, str) or not _SLUG.match(v):
        lines.fail(node, f"'{name}' must be an actor slug like 'olaf-scholz' (the end of its page address)")
    return v


def _strings(lines: _Lines, node, name: str) -> list[str]:
    v = _value(node)
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(s, str) and s.strip() for s in v):
        lines.fail(node, f"'{name}' must be a list of non-empty strings")
    out = [" ".join(s.split()) for s in v]
    if name == "roles" and PLACEHOLDER in out:
        lines.fail(node, f"replace {PLACEHOLDER} with the role the article gives")
    return out


def _quote(lines: _Lines, qid: str, knode, vnode) -> QuoteFix:
    fix = QuoteFix(qid, lines.at(knode))
    entries = lines.mapping(vnode, f"quote {qid}")
    if not entries:
        lines.fail(knode, f"quote {qid}: nothing to do (give 'speaker' or 'hide')")
    for name, k, v in entries:
        if name not in QUOTE_FIELDS:
            lines.fail(k, f"quote {qid}: unknown field '{name}' (allowed: {', '.join(QUOTE_FIELDS)})")
        if name == "hide":
            fix.hide = _bool(lines, v, "hide")
        else:
            value = _value(v)
            fix.speaker = None if value is None else _slug(lines, v, "speaker")
            fix.set_speaker = True
    if fix.hide and fix.set_speaker:
        lines.fail(knode, f"quote {qid}: 'hide' and 'speaker' cannot be combined")
    return fix


def _actor(lines: _Lines, slug: str, knode, vnode) -> ActorFix:
    if not _SLUG.match(slug):
        lines.fail(knode, f"'{slug}' is not an actor slug (lowercase ASCII and hyphens, as in its page address)")
    fix = ActorFix(slug, lines.at(knode))
    entries = lines.mapping(vnode, f"actor {slug}")
    if not entries:
        lines.fail(knode, f"actor {slug}: nothing to do (allowed: {', '.join(ACTOR_FIELDS)})")
    for name, k, v in entries:
        fix.lines[name] = lines.at(k)
        if name not in ACTOR_FIELDS:
            lines.fail(k, f"actor {slug}: unknown field '{name}' (allowed: {', '.join(ACTOR_FIELDS)})")
        if name in ("hide", "reviewed"):
            setattr(fix, name, _bool(lines, v, name))
        elif name == "merge_into":
            fix.merge_into = _slug(lines, v, "merge_into")
            if fix.merge_into == slug:
                lines.fail(k, f"actor {slug}: 'merge_into' names the actor itself")
        elif name == "type":
            typ = _value(v)
            if typ not in ACTOR_TYPES:
                lines.fail(v, f"actor {slug}: unknown type {typ!r} (allowed: {', '.join(ACTOR_TYPES)})")
            fix.type = typ
        elif name == "name":
            text = _value(v)
            if not isinstance(text, str) or not text.strip():
                lines.fail(v, f"actor {slug}: 'name' must be a non-empty string")
            fix.name = " ".join(text.split())
        else:
            setattr(fix, name, _strings(lines, v, name))
    if fix.hide and len([n for n in fix.lines if n != "hide"]):
        other = next(n for n in fix.lines if n != "hide")
        lines.fail(fix.lines[other], f"actor {slug}: 'hide' cannot be combined with '{other}'")
    if fix.merge_into and any(n in fix.lines for n in ("type", "name", "roles", "aliases")):
        other = next(n for n in ("type", "name", "roles", "aliases") if n in fix.lines)
        lines.fail(fix.lines[other], f"actor {slug}: '{other}' has no effect with 'merge_into' "
                                     f"(correct the actor it merges into)")
    return fix


def parse_corrections(text: str, slug: str, where: str) -> Corrections:
    c = Corrections(slug=slug, source=where)
    m = _FRONT.match(text)
    body, body_line = text, 1
    if m:
        c.has_front_matter = True
        lines = _Lines(where, 2)  # the front matter starts on the file's second line
        loader = yaml.SafeLoader(m.group("meta"))
        try:
            root = loader.get_single_node()
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            problem = getattr(exc, "problem", None) or "cannot be parsed"
            raise CorrectionError(f"{where}:{line}: bad YAML front matter: {problem}") from None
        finally:
            loader.dispose()
        body = text[m.end():]
        body_line = text[:m.end()].count("\n") + 1
        for name, k, v in (lines.mapping(root, "the front matter") if root is not None else []):
            c.keys.add(name)
            if name not in FIELDS:
                lines.fail(k, f"unknown field '{name}' (allowed: {', '.join(FIELDS)})")
            if name == "article":
                raw = v.value if isinstance(v, yaml.ScalarNode) else None
                if not raw or not _VERSION.match(str(raw)):
                    lines.fail(v, "'article' must be the eight-character article version shown on /review/")
                c.article, c.article_line = str(raw), lines.at(k)
            elif name == "quotes":
                for qid, qk, qv in lines.mapping(v, "'quotes'"):
                    c.quotes[qid] = _quote(lines, qid, qk, qv)
            else:
                for aslug, ak, av in lines.mapping(v, "'actors'"):
                    c.actors[aslug] = _actor(lines, aslug, ak, av)
    elif text.lstrip().startswith("---"):
        raise CorrectionError(f"{where}:1: front matter is not closed with '---'")
    stray = _SECTION_LINE.search(body)
    if stray:
        line = body_line + body[:stray.start()].count("\n")
        raise CorrectionError(f"{where}:{line}: '{stray.group(0).rstrip(': ')}:' below the front matter: "
                              f"put every correction between the first two '---' lines")
    body = body.strip()
    c.note_html = _md.render(body) if body else ""
    return c


def load_corrections(path) -> dict[str, Corrections]:
    """Every ``<briefing-slug>.md`` under ``path`` (the corrections folder), by slug."""
    root = Path(path)
    if not root.is_dir():
        return {}
    base = root.parent.parent
    out: dict[str, Corrections] = {}
    for file in sorted(root.glob("*.md")):
        where = _display(file, base)
        if not _SLUG.match(file.stem):
            raise CorrectionError(f"{where}:1: file name must be a briefing slug (lowercase ASCII, hyphens)")
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CorrectionError(f"{where}:1: cannot be read ({exc.__class__.__name__})") from None
        out[file.stem] = parse_corrections(text, file.stem, where)
    return out
