"""Shortcodes for Markdown pages (content/pages/*.md): put an actor card into a page.

Syntax — a line of its own (up to three spaces of indent; it may directly follow a
paragraph line):

    {{< actor olaf-scholz >}}

where ``olaf-scholz`` is the actor's slug (the last part of its page URL /actors/<slug>/).
The line becomes the card's sandboxed <iframe> (theme/templates/macros/embed.html) plus the
/embed.js loader that sizes it. Inside code spans, fenced or indented code it stays literal
text. A shortcode that names an unknown actor, an unknown shortcode, or a malformed one
fails the build with "path/to/page.md:LINE: …".

Two steps, because pages are read before the actors exist:

1. Reading (markdown-it-py): ``shortcode_plugin`` adds a block rule; its renderer writes a
   placeholder comment that carries the source line. No user text can produce one: the page
   renderer escapes raw HTML, and the placeholder's argument is percent-encoded.
2. After extraction (EmbedGenerator.generate_context): ``resolve`` replaces each placeholder
   with the card markup, or raises ShortcodeError.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, unquote

TOKEN = "briefing_shortcode"
_LINE = re.compile(r"\{\{<\s*(?P<body>.*?)\s*>\}\}[ \t]*")
_PLACEHOLDER = re.compile(r"<!--briefing-shortcode (?P<line>\d+) (?P<body>[A-Za-z0-9%._~-]*)-->\n?")
SLUG = re.compile(r"[a-z0-9]+(?:-+[a-z0-9]+)*")
USAGE = "{{< actor SLUG >}}"


class ShortcodeError(Exception):
    """One line, "file:line: problem"."""


def _block_rule(state, start_line: int, end_line: int, silent: bool) -> bool:
    if state.sCount[start_line] - state.blkIndent >= 4:  # indented code
        return False
    pos = state.bMarks[start_line] + state.tShift[start_line]
    line = state.src[pos:state.eMarks[start_line]]
    m = _LINE.fullmatch(line)
    if not m:
        return False
    if silent:
        return True
    token = state.push(TOKEN, "", 0)
    token.map = [start_line, start_line + 1]
    token.content = m.group("body")
    token.meta = {"line": start_line + 1}
    token.block = True
    state.line = start_line + 1
    return True


def _render(self, tokens, idx, options, env) -> str:
    t = tokens[idx]
    return f"<!--briefing-shortcode {t.meta['line']} {quote(t.content, safe='')}-->\n"


def shortcode_plugin(md) -> None:
    """markdown-it-py plugin: ``md.use(shortcode_plugin)``. Idempotent."""
    if getattr(md, "_briefing_shortcodes", False):
        return
    md.block.ruler.before("paragraph", TOKEN, _block_rule, {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.add_render_rule(TOKEN, _render)
    md._briefing_shortcodes = True


def has_placeholders(html: str) -> bool:
    return "<!--briefing-shortcode " in (html or "")


def body_line_offset(source_path: str | Path) -> int:
    """Lines before the Markdown body (the front matter), so page lines become file lines."""
    from .md import FRONT
    from ..text import clean_text, decode_bytes

    try:
        text, _ = decode_bytes(Path(source_path).read_bytes())
    except OSError:
        return 0
    m = FRONT.match(clean_text(text))
    return m.group(0).count("\n") if m else 0


def parse(body: str) -> tuple[str, list[str]]:
    words = body.split()
    return (words[0] if words else ""), words[1:]


def resolve(html: str, source: str, render_actor: Callable[[str], str | None], line_offset: int = 0) -> str:
    """Replace the placeholders in a page's HTML. ``render_actor(slug)`` returns the card
    markup or None for an unknown actor. Raises ShortcodeError naming source:line."""

    def replace(m: re.Match) -> str:
        line = int(m.group("line")) + line_offset
        name, args = parse(unquote(m.group("body")))
        where = f"{source}:{line}"
        if name != "actor":
            raise ShortcodeError(f"{where}: unknown shortcode {name!r} (known: {USAGE})")
        if len(args) != 1 or not SLUG.fullmatch(args[0]):
            shown = " ".join(args)
            raise ShortcodeError(f"{where}: shortcode needs one actor slug, as in {USAGE}; got {shown!r}")
        out = render_actor(args[0])
        if out is None:
            raise ShortcodeError(f"{where}: no actor {args[0]!r} (unknown or hidden slug) in shortcode")
        return str(out).rstrip("\n") + "\n"

    return _PLACEHOLDER.sub(replace, html)
