"""Embeddable actor cards: the card's data, the embed code and the oEmbed 1.0 response.

Plain functions over ``link.site.Site`` / ``SiteActor``; nothing here knows about Pelican.
Every text that came from a seed is escaped with markupsafe where HTML is built here.

URLs: ``base`` is SITEURL without its trailing slash. When SITEURL is empty (local
preview) every URL below is root-relative ("/actors/x/card.html"): the embed code and the
oEmbed ``html`` then only work on pages of the same host; set SITEURL when publishing.
"""
from __future__ import annotations

import base64
import hashlib
import math
from dataclasses import dataclass

from markupsafe import Markup, escape

TYPE_LABELS = {
    "person": "Person",
    "organization": "Organization",
    "country": "Country",
    "place": "Place",
    "anonymous": "Unnamed source",
}

# Message protocol between card.html and embed.js (both sides must agree).
HEIGHT_MESSAGE = "briefing:card-height"
PING_MESSAGE = "briefing:card-ping"

# The card's own script needs: scripts; the link back opens in the top window on a click
# (or in a new tab, unsandboxed). allow-same-origin keeps the card on its real origin (ours,
# never the host's), so the host's embed.js can check event.origin; in-site embeds are
# same-origin with the page and leave it out (see theme/templates/macros/embed.html).
SANDBOX_EXTERNAL = (
    "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox "
    "allow-top-navigation-by-user-activation"
)
SANDBOX_INTERNAL = "allow-scripts allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"

QUOTE_MAX = 280  # characters of the key quote shown on a card
QUOTE_MIN = 40  # shorter quotes are fragments; used only when nothing better exists
QUOTE_MIN_WORDS = 4  # shorter ones are never shown


@dataclass(frozen=True)
class CardQuote:
    text: str
    briefing_slug: str
    briefing_title: str
    truncated: bool


@dataclass(frozen=True)
class Card:
    slug: str
    name: str
    type: str
    type_label: str
    role: str | None
    quote: CardQuote | None
    briefing_count: int
    mention_count: int
    actor_url: str
    card_url: str
    oembed_url: str


def base_url(siteurl: str | None) -> str:
    return (siteurl or "").rstrip("/")


def actor_url(base: str, slug: str) -> str:
    return f"{base}/actors/{slug}/"


def card_url(base: str, slug: str) -> str:
    return f"{base}/actors/{slug}/card.html"


def oembed_url(base: str, slug: str) -> str:
    return f"{base}/oembed/actors/{slug}.json"


def embed_js_url(base: str) -> str:
    return f"{base}/embed.js"


def is_hidden(actor) -> bool:
    """Editorial overrides may hide an actor (`hide: true`); hidden actors get no card."""
    return bool(getattr(actor, "hidden", False) or getattr(actor, "hide", False))


def visible_actors(site) -> list:
    return [a for _, a in sorted(site.actors.items()) if not is_hidden(a)]


def key_role(actor) -> str | None:
    """The role stated in most briefings; ties go to the one seen first (newest briefing)."""
    counts: dict[str, list] = {}
    for i, (text, slug) in enumerate(actor.roles):
        text = " ".join(str(text).split())
        if not text:
            continue
        entry = counts.setdefault(text.casefold(), [text, set(), i])
        entry[1].add(slug)
    if not counts:
        return None
    best = min(counts.values(), key=lambda e: (-len(e[1]), e[2]))
    return best[0]


def _truncate(text: str, limit: int = QUOTE_MAX) -> tuple[str, bool]:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text, False
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–—-") + "…", True


def briefing_order(site) -> dict[str, int]:
    """{briefing slug: position on the site (newest first)}."""
    return {b.slug: i for i, b in enumerate(site.briefings)}


def key_quote(actor, site, order: dict[str, int] | None = None) -> CardQuote | None:
    """One quote to show: full statements before fragments, readable length before very long
    or very short, newest briefing first, then order in the article.

    ``order``: briefing_order(site), when the caller makes cards of many actors."""
    if order is None:
        order = briefing_order(site)
    best = None
    for slug, q in actor.quotes:
        text = " ".join(q.text.split())
        if len(text.split()) < QUOTE_MIN_WORDS:  # "advanced": a word, not a statement
            continue
        key = (
            bool(q.partial),
            not (QUOTE_MIN <= len(text) <= QUOTE_MAX),
            len(text) < QUOTE_MIN,
            order.get(slug, len(order)),
            q.paragraph,
            q.id,
        )
        if best is None or key < best[0]:
            best = (key, slug, text)
    if best is None:
        return None
    _, slug, text = best
    b = site.briefing(slug)
    shown, cut = _truncate(text)
    return CardQuote(text=shown, briefing_slug=slug, briefing_title=b.title if b else "", truncated=cut)


def card_data(actor, site, siteurl: str | None, order: dict[str, int] | None = None) -> Card:
    base = base_url(siteurl)
    return Card(
        slug=actor.id,
        name=actor.name,
        type=actor.type,
        type_label=TYPE_LABELS.get(actor.type, actor.type.capitalize()),
        role=key_role(actor),
        quote=key_quote(actor, site, order),
        briefing_count=len(actor.briefings),
        mention_count=actor.mentions,
        actor_url=actor_url(base, actor.id),
        card_url=card_url(base, actor.id),
        oembed_url=oembed_url(base, actor.id),
    )


def _lines(text: str, char_px: float, inner: float) -> int:
    """Lines a text takes at an average glyph width; word wrapping wastes ~8% of a line."""
    return max(1, math.ceil(len(text) * char_px * 1.08 / inner))


def estimate_height(card: Card, width: int, sitename: str = "") -> int:
    """The card's height in px at a frame width, from card.html's CSS metrics (16px
    system-ui, line-height 1.45), erring on the tall side: the fallback size of a frame
    before embed.js sizes it (or where it cannot), and the oEmbed ``height``."""
    pad = min(max(12.0, 0.03 * width), 20.0)
    inner = max(width - 2 - 2 * pad, 120.0)
    gap = 0.55 * 16
    h1 = min(max(19.2, 0.045 * width), 24.8)
    h = 2 + 2 * pad + 12.8 * 1.45  # border, padding, the type line
    h += 0.15 * 16 + _lines(card.name, h1 * 0.55, inner) * h1 * 1.2
    if card.role:
        h += gap + _lines(card.role, 7.9, inner) * 23.2
    if card.quote:
        quote_inner = inner - 3 - 24
        h += gap + 16 + _lines(card.quote.text + "“”", 7.4, quote_inner) * 22.1
        h += 4.8 + _lines("In " + card.quote.briefing_title, 6.6, inner) * 19.8
    h += gap + 20.9  # "In N briefings · M mentions"
    h += gap + _lines(f"{card.name} on {sitename} →", 9.0, inner) * 23.2
    return math.ceil(h) + 4


def frame_title(name: str, sitename: str) -> str:
    return f"{name} — actor card from {sitename}"


def embed_html(actor, siteurl: str | None, sitename: str, width: int, height: int, script: bool = True) -> str:
    """The code another site pastes: a plain-link blockquote (what remains where frames are
    stripped; embed.js hides it once the card has loaded), the sandboxed iframe with a fixed
    fallback size, and optionally the resizing loader."""
    base = base_url(siteurl)
    e = escape
    src = card_url(base, actor.id)
    parts = [
        Markup('<blockquote class="briefing-embed" data-briefing-card="{src}"><p><a href="{href}">{name}</a>'
               " on {site}</p></blockquote>").format(
            src=src, href=actor_url(base, actor.id), name=actor.name, site=sitename),
        Markup('<iframe class="briefing-card" src="{src}" title="{title}" width="{w}" height="{h}" '
               'loading="lazy" sandbox="{sandbox}" referrerpolicy="strict-origin-when-cross-origin" '
               'style="display:block;border:0;width:100%;max-width:{w}px"></iframe>').format(
            src=src, title=frame_title(actor.name, sitename), w=int(width), h=int(height), sandbox=SANDBOX_EXTERNAL),
    ]
    if script:
        parts.append(Markup('<script src="{src}" async></script>').format(src=embed_js_url(base)))
    return str(Markup("\n").join(e(p) for p in parts))


def oembed(actor, siteurl: str | None, sitename: str, width: int, height: int, cache_age: int) -> dict:
    """oEmbed 1.0 `rich` response (https://oembed.com/ §2.3.4–2.3.5)."""
    base = base_url(siteurl)
    return {
        "version": "1.0",
        "type": "rich",
        "title": actor.name,
        "provider_name": sitename,
        "provider_url": f"{base}/",
        "cache_age": int(cache_age),
        "html": embed_html(actor, siteurl, sitename, width, height, script=False),
        "width": int(width),
        "height": int(height),
    }


def csp_hash(text: str) -> str:
    """CSP source expression for an inline <style>/<script> whose content is exactly text."""
    digest = hashlib.sha256(str(text).encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
