"""Page furniture and the article body of a saved page (rules of news pages, for parse_html).

* removed: scripts, navigation, asides, footers, forms, hidden and screen-reader-only text,
  and containers whose class / id / data attributes name ads, promos, newsletters, sharing,
  related links, comments, bylines … — unless that would remove most of the running text
  (a guard against ``class="tag-…"`` on ``<article>`` or a body split into hinted blocks);
* a class hint alone never removes running text that another reader of the page (html_vote)
  kept too, and a hinted container too big for the hint alone goes when no reader kept it;
* boxes that appeal to the reader (subscribe, sign in, donate) go by their text, teaser cards
  (a heading linking to another page, little else) by their shape — no class names needed;
  a page of teaser cards and nothing else is an index page;
* short elements whose whole text is a boilerplate phrase ("Advertisement", "Read more") go;
* the body root is the deepest element holding ≥ 80 % of the running text (paragraphs of
  ≥ 80 characters, link text not counted); the stretch between the headline and that root
  (the header zone) holds the standfirst and the lead figure.
"""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from ..text import normalize_ws

DROP_ALWAYS = ["script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
               "video", "audio", "canvas", "map", "link", "meta", "button", "input", "select",
               "textarea", "form", "dialog"]
DROP_GUARDED = ["nav", "aside", "footer"]
BLOCK = {"p", "div", "section", "article", "main", "header", "footer", "ul", "ol", "li", "dl",
         "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "blockquote",
         "table", "thead", "tbody", "tr", "td", "th", "pre", "aside", "nav", "address",
         "details", "summary", "hr", "body", "html", "center", "picture"}
HINT = re.compile(
    r"(?<![a-z0-9])(?:ads?|advert\w*|ad-?slot|dfp|gpt|promo\w*|newsletter\w*|sign-?up|subscri\w*|"
    r"related\w*|recirc\w*|read-?next|more-?(?:on|from|stories)|most-?(?:read|viewed|popular)|"
    r"share|sharing|social\w*|comments?|comment-count|byline|author|contributor|meta|dateline|"
    r"timestamp|breadcrumbs?|tags?|topics?|tag-list|cookie\w*|consent|"
    r"outbrain|taboola|sponsored|partner|sidebar|toolbar|trust-badge|sign-off|"
    r"reading-time|skip-link|visually-?hidden|sr-only|screen-reader\w*|print-only|"
    r"epic|support-us|licen[cs]e|pull-?quote|twitter-tweet|instagram-media|tiktok-embed|"
    r"audio-player|podcast-player|video-player\w*|video-js|vjs\w*|jwplayer\w*|listen|cta|membership|"
    r"donat\w*)(?![a-z0-9])",
    re.I,
)
STANDFIRST = re.compile(
    r"(?<![a-z0-9])(?:standfirst|dek|summary|sub-?title|strap(?:line)?|lede|"
    r"intro|description|excerpt|teaser|deck|abstract|key-?points|highlights)(?![a-z0-9])",
    re.I,
)
BOILER_TEXT = re.compile(
    r"^(?:advertisement|skip advertisement|advertisement\W+scroll to continue|scroll to continue|"
    r"continue reading(?: the main story)?|read more\b.{0,200}|read next|see more|show more|load more|"
    r"related(?: topics| content| articles| stories| coverage)?|more on this (?:story|topic)|"
    r"share(?: this(?: article| story)?)?(?: on \w+| via \w+)?|share full article|share this (?:article|story)\b.{0,150}|"
    r"(?:please )?(?:turn on|enable|activate) javascript.{0,120}|javascript is (?:disabled|required|needed).{0,120}|"
    r"(?:this|your) browser (?:does not|doesn't|cannot|can't) (?:support|play).{0,120}|"
    r"pinned(?: post)?|key events?|show key events(?: only)?|link copied|copy link|(?:older|newer|previous|next) (?:posts|updates|entries)|"
    r"(?:load|show|see) (?:more|older|newer|all)(?: posts| updates| entries| comments)?|(?:refresh|reload)(?: the page)? for (?:the )?latest.{0,40}|"
    r"(?:this )?advertisement has not loaded.{0,80}|(?:the )?(?:story|article) continues below(?: this)?(?: advertisement)?|"
    r"skip (?:past|to) .{0,60}|after newsletter promotion|before newsletter promotion|"
    r"sign up\b.{0,120}|subscribe\b.{0,80}|support us|reuse this content|"
    r"purchase licensing rights|our standards:.{0,80}|order reprints.{0,80}|"
    r"(?:image|media) (?:caption|source),?|comments?(?: \d+)?|\d+ comments?|"
    r"\d+ min(?:ute)?s? read|listen to (?:this )?article.{0,30}|opens? (?:in )?(?:a )?new (?:tab|window)|"
    r"a version of this article appears in print .*|(?:©|copyright ©?)\s*\d{4}.*|"
    r"(?:read|see) also\b.{0,200}|also read\b.{0,200}|download (?:the|our) .{0,60}\bapp\b.{0,60}|follow (?:us|\w+) on .{0,60}|click here\b.{0,100}|"
    r"press play to listen.{0,40}|voiced by artificial intelligence|(?:continue|keep) reading.{0,40}|"
    r"(?:sources?|with agencies)\s*:.{0,80}|this video (?:is no longer available|can ?not be played).{0,60}|"
    r"video player is loading|this is a modal window|(?:beginning|end) of dialog window.{0,120}|"
    r"close modal dialog|play video|(?:current|remaining) time.{0,20}|"
    r"(?:watch|video|listen|audio|podcast|gallery)\s*:\s.{0,150}|\d{1,2}:\d{2}(?::\d{2})?|"
    r"with (?:additional )?reporting (?:by|from) .{0,120}|\((?:updates?|adds?|corrects?|recasts?|rewrites?|"
    r"changes?)\b[^)]{0,150}\)|to contact the (?:reporters?|editors?) .{0,200}|(?:compiled|written) (?:from|with) (?:agency|wire) "
    r"reports.{0,40}|with (?:agencies|wires|agency reports)|(?:edited|editing|compiled|translated|produced|fact-checked)"
    r"\s+by\s*:?\s+\S.{0,60}|(?:[a-z]{1,4}/)+[a-z]{1,4}(?:\s*\([^)]{0,60}\))?|(?:recommended|most read|most viewed|trending)(?: stories)?)[.:]?$",
    re.I,
)
DATE_LINE = re.compile(
    r"^(?:(?:published|updated|last (?:modified|updated)(?: on)?|posted)\b[:\s]*)?"
    r"(?:\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}(?:[+-]\d{1,2})?)?[\s,·|]+)?"
    r"(?:\w{3,9},?\s+)?(?:\d{1,2}\s+\w{3,9}\.?\s+\d{4}|\w{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|"
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4})"
    r"(?:[\s,·|]+(?:at\s+)?\d{1,2}[.:]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}(?:[+-]\d{1,2})?)?)?"
    r"(?:[\s,·|]+updated\b.*)?$",
    re.I,
)
# an appeal to the reader, not reporting (searched in short paragraphs only)
APPEAL = re.compile(
    r"\b(?:become|becoming) a (?:paying )?(?:subscriber|supporter|patron)\b|\bbecome a member (?:today|now|of our)\b|"
    r"\bconsider becoming a member\b|\bsupport (?:our|independent|quality) "
    r"(?:journalism|reporting|newsroom)\b|\bjoin our community\b|\bconsider (?:a )?donat|\bdonate (?:now|today)\b|"
    r"\bsubscribe (?:now|today)\b|\bthank you for reading\b|\bjoin (?:our|the) (?:commenting|conversation|"
    r"discussion|debate)|\bjoin thought-provoking conversations\b|\bfollow other .{0,30}readers\b|"
    r"\b(?:for|reserved for) subscribers\b|\bsubscribers only\b|\bof this article left to read\b|"
    r"\balready (?:a subscriber|have an account)\b|\blog ?in to (?:read|continue)\b|"
    r"\bour journalism (?:needs|depends on|relies on)\b|\badd us as a preferred source\b|\bby signing up\b|\bplease bookmark\b|"
    r"\bcomment(?:ing)? (?:policy|guidelines|rules)\b|\bbefore commenting\b|\bplease keep (?:comments|the discussion)\b|"
    r"\bjoin us on (?:whatsapp|telegram|facebook|instagram|threads|bluesky|linkedin|youtube|tiktok|x)\b|"
    r"\bread our privacy (?:policy|notice)\b|\b(?:create an account|register|sign in|log ?in) to (?:continue|unlock|read)\b|"
    # an author's bio line: "Jane Roe is a correspondent for … based in …"
    r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3} (?:is|was) (?:a|an|the|our)\b.{0,100}\b(?:correspondent|"
    r"reporter|editor|writer|journalist|columnist|contributor|fellow)\b",
    re.I,
)
BYLINE = re.compile(r"^(?i:by)\s+[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|der|al|bin|la|le))*"
                    r"(?:\s*(?:,|and|&)\s*[\w'’.\s-]+)?(?:\s+in\s+[A-Z][\w'’.,\s-]*)?$")


def attr_text(tag: Tag) -> str:
    parts = [tag.get("id") or ""] + list(tag.get("class") or [])
    for name in ("data-component", "data-testid", "data-qa", "data-gu-name", "itemprop", "data-module", "role"):
        value = tag.get(name)
        if value:
            parts.append(value if isinstance(value, str) else " ".join(value))
    text = " ".join(parts)
    return re.sub(r"([a-z])([A-Z])", r"\1-\2", text)


def gone(tag: Tag) -> bool:
    """Decomposed? (bs4's .decomposed falls back to a slow find() on live tags.)"""
    return tag.__dict__.get("_decomposed", False)


def _has_block(el: Tag) -> bool:
    return any(getattr(d, "name", None) in BLOCK and d.name != "hr" for d in el.descendants)


def _run_lengths(el: Tag) -> tuple[int, int]:
    """(characters, link characters) of the inline text directly in el (not in its blocks)."""
    chars = links = 0
    for c in el.children:
        if isinstance(c, NavigableString):
            if type(c) is NavigableString:
                chars += len(c.strip())
        elif c.name not in BLOCK:
            text = c.get_text("")
            chars += len(text.strip())
            if c.name == "a":
                links += len(text.strip())
            else:
                links += sum(len(a.get_text("").strip()) for a in c.find_all("a"))
    return chars, links


def _weights(soup: BeautifulSoup) -> dict[int, int]:
    """id(element) → characters of running text in it, computed in one pass: every
    paragraph — a <p>, or a run of at least 80 characters of inline text directly in any
    block (``<div>text<br><br>text</div>``) — adds its length (link text not counted) to
    the element and all its ancestors."""
    weights: dict[int, int] = {}
    for el in soup.find_all(True):
        if el.name not in BLOCK or el.name in ("html", "body", "figure", "figcaption"):
            continue
        if any(a.name in ("figure", "figcaption") for a in el.parents):
            continue  # a caption is not running text
        if el.name == "p":
            if any(a.name == "p" for a in el.parents):
                continue
            n = len(normalize_ws(el.get_text("")))
            links = sum(len(normalize_ws(a.get_text(""))) for a in el.find_all("a"))
        else:
            n, links = _run_lengths(el)
        if n < 80 or n - links < 40:
            continue
        n -= links  # teasers are links
        weights[id(el)] = weights.get(id(el), 0) + n
        for anc in el.parents:
            weights[id(anc)] = weights.get(id(anc), 0) + n
    return weights


def contains(outer: Tag, inner: Tag | None) -> bool:
    return inner is not None and any(a is outer for a in inner.parents)


def has_media(tag: Tag) -> bool:
    return tag.find(["img", "picture", "video", "source"]) is not None


HIDDEN_CLASS = {"hidden", "d-none", "is-hidden", "u-hidden", "hide"}  # utility classes for display:none


def _is_hidden(tag: Tag) -> bool:
    return bool(tag.has_attr("hidden") or re.search(r"display:\s*none", tag.get("style") or "")
                or HIDDEN_CLASS.intersection(tag.get("class") or []))


def _linked_heading(h: Tag) -> bool:
    """A heading that is a link to another page: the headline of a teaser, not a subhead."""
    text = normalize_ws(h.get_text(""))
    links = [a for a in h.find_all("a") if not (a.get("href") or "#").startswith("#")]
    if h.parent is not None and h.parent.name == "a" and not (h.parent.get("href") or "#").startswith("#"):
        return bool(text)
    if not text or not links:
        return False
    rest = text
    for a in links:
        rest = rest.replace(normalize_ws(a.get_text("")), " ", 1)
    rest = normalize_ws(rest)
    # the words outside the link are none, or a (screen-reader) copy of the link's words
    return len(rest) <= 0.2 * len(text) or rest in {normalize_ws(a.get_text("")) for a in links}


def teaser_cards(soup: BeautifulSoup, keep: Tag | None) -> list[Tag]:
    """Cards of recirculation lists: the outermost element around a linked heading that
    holds little else (a dek, a byline, a picture), never the headline's own container."""
    out: list[Tag] = []
    for h in soup.find_all(["h2", "h3", "h4", "h5", "h6"]):
        if gone(h) or not _linked_heading(h) or any(contains(o, h) for o in out):
            continue
        card = h
        for anc in h.parents:
            if anc.name in ("body", "html", "main", "article") or contains(anc, keep) or anc is keep:
                break
            if len(anc.find_all(["h2", "h3", "h4", "h5", "h6"])) > 1:
                break  # the list of cards, or the article around a subhead
            card = anc
        rest = len(normalize_ws(card.get_text(" "))) - len(normalize_ws(h.get_text(" ")))
        if rest <= 400:
            out.append(card)
    return out


def _rescue(tag: Tag, keep_texts: set[str]) -> None:
    """Before tag goes: an element in it whose text is a summary the page declares (the
    standfirst inside a byline box) is moved out, to stay."""
    for d in tag.find_all(["p", "div", "h2", "h3", "span"]):
        if normalize_ws(d.get_text(" ")).casefold() in keep_texts:
            tag.insert_before(d.extract())
            return


def appeal_boxes(soup: BeautifulSoup, keep: Tag | None, weights: dict[int, int]) -> list[Tag]:
    """Boxes that ask the reader for something (subscribe, sign in, sign up, donate): the
    outermost block of under 1,500 characters whose text holds an appeal and at most one
    paragraph of running text; never the headline's container."""
    out: list[Tag] = []
    for tag in soup.find_all(["div", "section", "aside", "ul"]):
        if gone(tag) or any(contains(o, tag) for o in out) or tag is keep or contains(tag, keep):
            continue
        text = normalize_ws(tag.get_text(" "))
        if len(text) > 1500 or weights.get(id(tag), 0) > 300 or tag.find("figure") or not APPEAL.search(text):
            continue
        out.append(tag)
    return out


def _others_reject(tag: Tag, w: int, votes) -> bool:
    """A hinted container too big for the hint alone (a comment thread longer than the
    article) still goes when the other readers kept next to none of its text."""
    if votes is None or not w or votes.trafilatura.n_words < 100:
        return False
    return votes.share(normalize_ws(tag.get_text(" "))) < 0.2


def clean(soup: BeautifulSoup, keep: Tag | None, votes=None, keep_texts: set[str] = frozenset()) -> set[str]:
    """Remove page furniture in place (keep: the headline element, never removed; votes:
    other readers of the page, which keep a container of running text that a class hint
    alone would remove; keep_texts: the page's declared summaries, kept where shown).
    Returns the texts (casefolded) of the teaser cards removed: not body for any fallback.
    A page of teaser cards and nothing else is an index page: all its cards go."""
    for tag in soup.find_all(DROP_ALWAYS):
        tag.decompose()
    weights = _weights(soup)
    total = weights.get(id(soup.body or soup), 0) or 1
    keep_ancestors = {id(a) for a in keep.parents} if keep is not None else set()
    removed = 0
    for tag in list(soup.find_all(True)):
        if gone(tag) or tag is keep or id(tag) in keep_ancestors:
            continue
        # (aria-hidden text is still seen by sighted readers: a visible caption, a date …)
        hidden = _is_hidden(tag)
        hinted = hidden or tag.name in DROP_GUARDED or tag.get("role") in (
            "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert")
        attrs = attr_text(tag)
        if not hinted and attrs and HINT.search(attrs) and not STANDFIRST.search(attrs):
            hinted = not (tag.name in ("figure", "figcaption") and has_media(tag.find_parent("figure") or tag))
            if tag.name == "figcaption" or tag.find_parent("figcaption"):
                hinted = bool(re.search(r"hidden|sr-only|screen-reader", attrs, re.I))
        w = weights.get(id(tag), 0)
        if hinted and not hidden and votes is not None and w >= 200:
            text = normalize_ws(tag.get_text(" "))
            hinted = not (w >= 0.7 * len(text) and votes.confirmed(text))  # running text others keep
        if hinted and (w <= 0.4 * total and removed + w <= 0.5 * total or _others_reject(tag, w, votes)):
            removed += w  # never remove most of the running text, even in many small pieces
            if keep_texts:
                _rescue(tag, keep_texts)
            tag.decompose()
    for box in appeal_boxes(soup, keep, weights):
        box.decompose()
    cards = teaser_cards(soup, keep)  # (after screen-reader copies of their links are gone)
    index_page = total - removed - sum(weights.get(id(c), 0) for c in cards) < 200  # cards and nothing else
    gone_texts: set[str] = set()
    for card in cards:
        w = weights.get(id(card), 0)
        if index_page or w <= 0.4 * total and removed + w <= 0.5 * total:
            removed += w
            gone_texts |= {normalize_ws(e.get_text(" ")).casefold() for e in card.find_all(["p", "h2", "h3", "h4", "div"])}
            card.decompose()
    for tag in list(soup.find_all(True)):
        if gone(tag) or tag is keep or weights.get(id(tag), 0):
            continue  # (a tag holding a long paragraph is not a boilerplate phrase)
        text = normalize_ws(tag.get_text(" "))
        if text and len(text) <= 240 and BOILER_TEXT.match(text.strip(" ,·|")):
            tag.decompose()
    return gone_texts


def body_root(soup: BeautifulSoup) -> Tag:
    """The deepest element that holds at least 80 % of the page's paragraph text."""
    node = soup.body or soup
    weights = _weights(soup)
    weight = lambda t: weights.get(id(t), 0)  # noqa: E731
    while True:
        total = weight(node)
        if not total:
            return node
        best = max((c for c in node.children if isinstance(c, Tag)), key=weight, default=None)
        if best is None or weight(best) < 0.8 * total or best.name == "p" or not _has_block(best):
            return node  # never descend into a single paragraph
        node = best


def header_zone(h1: Tag | None, root: Tag) -> list[Tag]:
    """Elements after the headline and before the body root (standfirst, lead image, byline)."""
    if h1 is None or h1 is root or contains(root, h1):
        return []
    out: list[Tag] = []

    def before_root(container: Tag) -> bool:
        """Collect container's children up to the root; True once the root is reached."""
        for child in container.children:
            if not isinstance(child, Tag):
                continue
            if child is root:
                return True
            if contains(child, root):
                before_root(child)
                return True
            out.append(child)
        return False

    node = h1
    while node.parent is not None:
        for sib in node.next_siblings:
            if not isinstance(sib, Tag):
                continue
            if sib is root:
                return out
            if contains(sib, root):
                before_root(sib)
                return out
            out.append(sib)
        node = node.parent
    return []  # the body comes before the headline: no header zone


def before(a: Tag, b: Tag) -> bool:
    return b in a.find_all_next(True)
