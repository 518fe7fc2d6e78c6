"""EmbedGenerator: embeddable actor cards, their oEmbed JSON, /embed.js, and the actor
shortcodes of Markdown pages.

generate_context (runs after BriefingGenerator and Pelican's PagesGenerator): resolves the
``{{< actor slug >}}`` placeholders in pages (unknown slug → ShortcodeError, the build
fails with file:line) and puts ``briefing_embed_code(actor)`` into the shared context for
partials/embed_code.html and partials/oembed_link.html.
generate_output: ``actors/<slug>/card.html`` and ``oembed/actors/<slug>.json`` for every
actor that is not hidden, and ``embed.js`` at the site root.

Frame size before embed.js sizes a card (and in the oEmbed JSON): BRIEFING_OEMBED_WIDTH
wide; as tall as the card's estimated height at that width (embeds.estimate_height), or
BRIEFING_OEMBED_HEIGHT for every card when pelican.conf.py sets it.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

from pelican.generators import Generator

from ..render import embeds
from ..read import pages
from .. import settings as bsettings
from ..render import memo
from ..read.shortcodes import ShortcodeError, body_line_offset, has_placeholders, resolve, shortcode_plugin

log = logging.getLogger("briefing")

EMBED_JS = Path(__file__).resolve().parent.parent / "data" / "embed.js"

# Hook for content/pages: the page reader (pages.py) renders with its own MarkdownIt
# instance; the shortcode rule must be part of it. pages.py may call
# ``_md.use(shortcode_plugin)`` itself; this does it otherwise (idempotent), before any page
# is read (generator classes are collected before generators read anything).
if getattr(pages, "_md", None) is not None:
    shortcode_plugin(pages._md)


def _forget_rendered(page) -> None:
    """Pelican memoizes Content.get_content/get_summary per (page, siteurl)."""
    for name in ("get_content", "get_summary"):
        cache = getattr(getattr(page, name, None), "cache", None)
        if isinstance(cache, dict):
            for key in [k for k in cache if k and k[0] is page]:
                del cache[key]


def forget_other_builds(context) -> None:
    """Drop the memoized content of pages of earlier builds: Pelican's memo lives on the
    Content class for the life of the process and holds every page with its context (the
    whole linked site): under ``briefing serve`` each rebuild would otherwise keep the
    previous one alive (~60 MB at 1,000 articles)."""
    from pelican.contents import Content

    current = {id(p) for key in ("pages", "hidden_pages", "draft_pages", "articles", "drafts")
               for p in context.get(key) or []}
    for name in ("get_content", "get_summary"):
        cache = getattr(getattr(Content, name, None), "cache", None)
        if isinstance(cache, dict):
            for key in [k for k in cache if not (k and id(k[0]) in current)]:
                del cache[key]


class EmbedGenerator(Generator):
    """Actor cards other sites can embed, and in-site card shortcodes."""

    def generate_context(self):
        self.site = self.context.get("briefing_site")
        # Pelican's Jinja environment does not autoescape by default; the card and embed
        # templates also escape explicitly (|e), so they are safe under either setting.
        self.env.autoescape = True
        self.env.filters["csp_hash"] = embeds.csp_hash
        self.siteurl = self.settings.get("SITEURL", "") or ""
        self.sitename = self.settings.get("SITENAME", "")
        self.width = int(bsettings.get(self.settings, "BRIEFING_OEMBED_WIDTH"))
        self.height = int(bsettings.get(self.settings, "BRIEFING_OEMBED_HEIGHT"))
        self.cache_age = int(bsettings.get(self.settings, "BRIEFING_OEMBED_CACHE_AGE"))
        self.fixed_height = "BRIEFING_OEMBED_HEIGHT" in self.settings
        self.actors = {a.id: a for a in embeds.visible_actors(self.site)} if self.site else {}
        order = embeds.briefing_order(self.site) if self.site else {}
        self.cards = {slug: embeds.card_data(a, self.site, self.siteurl, order) for slug, a in self.actors.items()}
        if not self.siteurl:
            log.info("briefing: SITEURL is empty: embed codes and oEmbed JSON use root-relative URLs")
        self.context["briefing_embed_code"] = self.embed_code
        self.context["briefing_cards"] = self.cards  # what an actor page's embed code is made from
        self._codes: dict[str, str] = {}
        self.resolve_pages()

    def frame_height(self, slug: str) -> int:
        """Fallback frame height: BRIEFING_OEMBED_HEIGHT when pelican.conf.py sets it,
        otherwise the card's estimated height at BRIEFING_OEMBED_WIDTH."""
        if self.fixed_height:
            return self.height
        return embeds.estimate_height(self.cards[slug], self.width, self.sitename)

    def embed_code(self, actor) -> str:
        """The code other sites paste for this actor ("" if the actor has no card)."""
        slug = getattr(actor, "id", None)
        if slug not in self.actors:
            return ""
        code = self._codes.get(slug)
        if code is None:  # asked for twice per actor page (head link, embed section)
            code = self._codes[slug] = embeds.embed_html(self.actors[slug], self.siteurl, self.sitename,
                                                         self.width, self.frame_height(slug))
        return code

    def card_markup(self, slug: str) -> str | None:
        actor = self.actors.get(slug)
        if actor is None:
            return None
        macro = self.env.get_template("macros/embed.html").make_module(dict(self.context)).actor_card
        return str(macro(actor, width=self.width, height=self.frame_height(slug), siteurl=self.siteurl))

    def resolve_pages(self) -> None:
        forget_other_builds(self.context)
        seen = set()
        for key in ("pages", "hidden_pages", "draft_pages"):
            for page in self.context.get(key) or []:
                if id(page) in seen or not has_placeholders(getattr(page, "_content", "")):
                    continue
                seen.add(id(page))
                source = getattr(page, "relative_source_path", None) or page.source_path
                page._content = resolve(page._content, source, self.card_markup, body_line_offset(page.source_path))
                _forget_rendered(page)

    def generate_output(self, writer):
        template = self.get_template("card")
        for slug, actor in self.actors.items():
            card = self.cards[slug]
            rel = f"actors/{actor.id}/card.html"
            fp = memo.fingerprint("card", card, actor.id) if memo.active() else None
            if not memo.reuse(self.output_path, rel, fp, writer):  # unchanged card: the previous build's bytes
                memo.write_page(writer, self.output_path, rel, template, self.context, fp,
                                card=card, actor=actor, page_name=f"actors/{actor.id}/card")
            rel = f"oembed/actors/{actor.id}.json"
            fp = memo.fingerprint("oembed", card, actor.id, actor.name) if memo.active() else None
            if not memo.reuse(self.output_path, rel, fp):  # made from the card's data and the settings
                data = embeds.oembed(actor, self.siteurl, self.sitename, self.width, self.frame_height(slug), self.cache_age)
                memo.write_text(self.output_path, rel, json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                                fp=fp)
        memo.write_bytes(self.output_path, "embed.js", EMBED_JS.read_bytes())


__all__ = ["EmbedGenerator", "ShortcodeError"]
