"""Reader for saved article pages (`*.html`).

Rules of news pages, not of any one publisher:

* metadata (headline, publisher, time, URL, authors) comes from JSON-LD / meta / ``<h1>``
  (see html_meta);
* page furniture is removed: scripts, navigation, asides, footers, forms, hidden and
  screen-reader-only text, and containers whose class / id / data attributes name ads,
  promos, newsletters, sharing, related links, comments, bylines … — unless such a container
  holds most of the page's running text (a guard against ``class="tag-…"`` on ``<article>``);
* the article body is the deepest element holding ≥ 80 % of the page's paragraph text;
  the stretch between the headline and that body contributes the standfirst and the lead
  figure;
* inside, every run of inline content is a paragraph candidate; candidates that are mostly
  links, boilerplate phrases, dates, bylines or short labels are dropped; contributor lines
  go to ``contributors``; ``<figure>`` with a caption becomes a Figure (credit split off);
* when that finds no body (unusual markup), trafilatura extracts the paragraphs.
"""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from .html_meta import PageMeta, dedupe, find_headline, split_byline
from .model import Document, Figure
from .parse_txt import contributors_of
from .text import normalize_ws

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
    r"timestamp|breadcrumbs?|tags?|topics?|tag-list|cookie\w*|consent|paywall|regwall|"
    r"outbrain|taboola|sponsored|partner|widget|sidebar|toolbar|trust-badge|sign-off|"
    r"reading-time|skip-link|visually-?hidden|sr-only|screen-reader\w*|print-only|"
    r"epic|support-us|licen[cs]e|pull-?quote|twitter-tweet|instagram-media|tiktok-embed|"
    r"audio-player|podcast-player|listen)(?![a-z0-9])",
    re.I,
)
STANDFIRST = re.compile(
    r"(?<![a-z0-9])(?:standfirst|dek|summary|sub-?title|strap(?:line)?|lede|"
    r"intro|description|excerpt|teaser|deck)(?![a-z0-9])",
    re.I,
)
CREDIT_CLASS = re.compile(r"credit|copyright|attribution|photographer|image-?source|source", re.I)
BOILER_TEXT = re.compile(
    r"^(?:advertisement|skip advertisement|advertisement\W+scroll to continue|scroll to continue|"
    r"continue reading(?: the main story)?|read more|read next|see more|show more|load more|"
    r"related(?: topics| content| articles| stories| coverage)?|more on this (?:story|topic)|"
    r"share(?: this(?: article| story)?)?(?: on \w+| via \w+)?|share full article|"
    r"skip (?:past|to) .{0,60}|after newsletter promotion|before newsletter promotion|"
    r"sign up\b.{0,120}|subscribe\b.{0,80}|support us|reuse this content|"
    r"purchase licensing rights|our standards:.{0,80}|order reprints.{0,80}|"
    r"(?:image|media) (?:caption|source),?|comments?(?: \d+)?|\d+ comments?|"
    r"\d+ min(?:ute)?s? read|listen to (?:this )?article.{0,30}|opens? (?:in )?(?:a )?new (?:tab|window)|"
    r"a version of this article appears in print .*|(?:©|copyright ©?)\s*\d{4}.*|"
    r"(?:read|see) also\b.{0,200}|follow (?:us|\w+) on .{0,60}|click here\b.{0,100}|"
    r"press play to listen.{0,40}|voiced by artificial intelligence|(?:continue|keep) reading.{0,40}|"
    r"(?:sources?|with agencies)\s*:.{0,80}|(?:recommended|most read|most viewed|trending)(?: stories)?)[.:]?$",
    re.I,
)
DATE_LINE = re.compile(
    r"^(?:(?:published|updated|last (?:modified|updated)(?: on)?|posted)\b[:\s]*)?"
    r"(?:\w{3,9},?\s+)?(?:\d{1,2}\s+\w{3,9}\.?\s+\d{4}|\w{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:[\s,·|]+(?:at\s+)?\d{1,2}[.:]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}(?:[+-]\d{1,2})?)?)?"
    r"(?:[\s,·|]+updated\b.*)?$",
    re.I,
)
BYLINE = re.compile(r"^by\s+[A-Z][\w'’.-]+(?:\s+[\w'’.-]+){0,3}(?:\s*(?:,|and|&)\s*[\w'’.\s-]+)?$")
CREDIT_PATTERNS = (
    # "… (Photo: Jane Roe/Reuters)", "… (AFP via Getty Images)"
    re.compile(r"^(?P<caption>.*\S)\s*\((?P<credit>(?i:photo(?:graph)?s?|image|picture|illustration|"
               r"credit|foto)\s*(?::|by\b)[^()]*|[^()]*\b(?:Getty|AFP|Reuters|AP|EPA|Shutterstock|"
               r"Pool|via)\b[^()]*)\)\s*$", re.S),
    # "… Photograph: Jane Roe/AP", "… Credit... Jane Roe for The Times", "… Photo by Jane Roe"
    re.compile(r"^(?P<caption>.*\S)\s+(?P<credit>(?:Photo(?:graph)?s?|PHOTO|Image|Picture|"
               r"Illustration|Video)\s*(?::|by\b)\s*\S.*|(?:Credit|CREDIT)\s*(?::|\.\.\.|…)\s*\S.*)$",
               re.S),
    # "… in June [File: AFP]", "… in Adre, Chad [Zohra Bensemra/Reuters]"
    re.compile(r"^(?P<caption>.*\S)\s*\[(?:(?i:file|photo|image|credit)\s*:\s*)?(?P<credit>[^\[\]]+)\]\s*$", re.S),
    # "… 2023. REUTERS/Jane Roe/File Photo"
    re.compile(r"^(?P<caption>.*\S)\s+(?P<credit>[A-Z]{2,}(?:/[A-Z][\w.'’ -]*)+)\s*$", re.S),
)
CREDIT_LABEL = re.compile(r"^(?:credit|image source)\s*(?::|\.\.\.|…|,)\s*", re.I)
MIN_BODY_CHARS = 200


def _attr_text(tag: Tag) -> str:
    parts = [tag.get("id") or ""] + list(tag.get("class") or [])
    for name in ("data-component", "data-testid", "data-gu-name", "itemprop", "data-module", "role"):
        value = tag.get(name)
        if value:
            parts.append(value if isinstance(value, str) else " ".join(value))
    text = " ".join(parts)
    return re.sub(r"([a-z])([A-Z])", r"\1-\2", text)


def _gone(tag: Tag) -> bool:
    """Decomposed? (bs4's .decomposed falls back to a slow find() on live tags.)"""
    return tag.__dict__.get("_decomposed", False)


def _has_block(el: Tag) -> bool:
    return any(getattr(d, "name", None) in BLOCK and d.name != "hr" for d in el.descendants)


def _weights(soup: BeautifulSoup) -> dict[int, int]:
    """id(element) → characters of running text in it (paragraphs of ≥ 80 characters),
    computed in one pass: each paragraph adds its length to all its ancestors."""
    weights: dict[int, int] = {}
    for el in soup.find_all(["p", "div"]):
        if el.name == "div" and _has_block(el):
            continue
        if el.name == "p" and any(a.name == "p" for a in el.parents):
            continue
        n = len(normalize_ws(el.get_text("")))
        if n < 80:
            continue
        n -= sum(len(normalize_ws(a.get_text(""))) for a in el.find_all("a"))  # teasers are links
        if n < 40:
            continue
        weights[id(el)] = weights.get(id(el), 0) + n
        for anc in el.parents:
            weights[id(anc)] = weights.get(id(anc), 0) + n
    return weights


def _contains(outer: Tag, inner: Tag | None) -> bool:
    return inner is not None and any(a is outer for a in inner.parents)


def _has_media(tag: Tag) -> bool:
    return tag.find(["img", "picture", "video", "source"]) is not None


def clean(soup: BeautifulSoup, keep: Tag | None) -> None:
    """Remove page furniture in place (keep: the headline element, never removed)."""
    for tag in soup.find_all(DROP_ALWAYS):
        tag.decompose()
    weights = _weights(soup)
    total = weights.get(id(soup.body or soup), 0) or 1
    keep_ancestors = {id(a) for a in keep.parents} if keep is not None else set()
    for tag in list(soup.find_all(True)):
        if _gone(tag) or tag is keep or id(tag) in keep_ancestors:
            continue
        hidden = tag.get("aria-hidden") == "true" or tag.has_attr("hidden") or re.search(
            r"display:\s*none", tag.get("style") or "")
        hinted = hidden or tag.name in DROP_GUARDED or tag.get("role") in (
            "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert")
        attrs = _attr_text(tag)
        if not hinted and attrs and HINT.search(attrs) and not STANDFIRST.search(attrs):
            hinted = not (tag.name in ("figure", "figcaption") and _has_media(tag.find_parent("figure") or tag))
            if tag.name == "figcaption" or tag.find_parent("figcaption"):
                hinted = bool(re.search(r"hidden|sr-only|screen-reader", attrs, re.I))
        if hinted and weights.get(id(tag), 0) <= 0.4 * total:
            tag.decompose()
    for tag in list(soup.find_all(True)):
        if _gone(tag) or tag is keep or weights.get(id(tag), 0):
            continue  # (a tag holding a long paragraph is not a boilerplate phrase)
        text = normalize_ws(tag.get_text(" "))
        if text and len(text) <= 240 and BOILER_TEXT.match(text.strip(" ,·|")):
            tag.decompose()


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


def _text(nodes) -> str:
    out = []
    for n in nodes:
        if isinstance(n, NavigableString):
            if type(n) is NavigableString:
                out.append(str(n))
        elif n.name == "br":
            out.append(" ")
        else:
            out.append(n.get_text(""))
    return normalize_ws("".join(out))


def _link_density(nodes) -> float:
    total = len(_text(nodes)) or 1
    links = 0
    for n in nodes:
        if isinstance(n, Tag):
            for a in ([n] if n.name == "a" else n.find_all("a")):
                links += len(normalize_ws(a.get_text("")))
    return links / total


def split_credit(caption: str) -> tuple[str, str | None]:
    """Split a trailing photo credit off a caption, when the caption marks it."""
    for pattern in CREDIT_PATTERNS:
        m = pattern.match(caption)
        if m and len(m.group("credit").split()) <= 16:
            return normalize_ws(m.group("caption")), normalize_ws(CREDIT_LABEL.sub("", m.group("credit")))
    return caption, None


def read_figure(fig: Tag) -> Figure | None:
    cap_el = fig.find("figcaption") or fig.find(class_=re.compile(r"caption", re.I))
    credit = None
    credit_els = [e for e in fig.find_all(True) if CREDIT_CLASS.search(" ".join(e.get("class") or []) + " " + (e.get("itemprop") or ""))]
    for el in credit_els:
        if _gone(el) or (cap_el is not None and el is cap_el):
            continue
        text = normalize_ws(CREDIT_LABEL.sub("", normalize_ws(el.get_text(" ")).strip(" |–—-:·/")))
        if text:
            credit = text if credit is None else credit
        el.decompose()
    caption = normalize_ws(cap_el.get_text(" ")) if cap_el is not None else ""
    caption = re.sub(r"\s+([.,;:!?)\]])", r"\1", re.sub(r"([(\[])\s+", r"\1", caption))
    if caption and credit is None:
        caption, credit = split_credit(caption)
    if not caption and not credit:
        return None
    if credit and caption.endswith(credit):
        caption = normalize_ws(caption[: -len(credit)])
    return Figure(caption=caption, credit=credit or None)


class _Walker:
    def __init__(self, doc: Document, h1: Tag | None, title: str):
        self.doc = doc
        self.h1 = h1
        self.title = title.casefold()
        self.seen: set[str] = set()
        self.h1_done = h1 is None

    def emit_text(self, nodes, tag_name: str, standfirst: bool = False) -> None:
        text = _text(nodes)
        if not re.search(r"\w", text) or text.casefold() == self.title or text in self.seen:
            return
        if BOILER_TEXT.match(text) or DATE_LINE.match(text) or text.startswith(("©", "Copyright ©")):
            return
        words = len(text.split())
        if _link_density(nodes) >= 0.6 and words < 40:
            return
        if BYLINE.match(text) and words <= 12:
            self.doc.contributors = dedupe(self.doc.contributors + split_byline(text))
            return
        names = contributors_of(text) if words <= 40 else None
        if names:
            self.doc.contributors = dedupe(self.doc.contributors + names)
            return
        if tag_name in ("h2", "h3", "h4", "h5", "h6") and words <= 15 and not standfirst:
            if not text.endswith((".", ":")):
                self.doc.add_heading(text)
                self.seen.add(text)
            return
        if not standfirst and words <= 4 and not re.search(r"[.!?…\"”’»)]$", text):
            return  # a label (kicker, section name, reading time), not running text
        self.seen.add(text)
        if standfirst and self.doc.standfirst is None and not self.doc.paragraphs:
            self.doc.standfirst = text
        self.doc.add_paragraph(text)

    def walk(self, node: Tag, standfirst: bool = False, header_zone: bool = False) -> None:
        run: list = []
        breaks = 0  # consecutive <br>: two of them end a paragraph in old markup
        for child in list(node.children):
            if isinstance(child, Tag) and child.name == "br":
                breaks += 1
                if breaks == 2 and run:
                    self.emit_text(run, node.name, standfirst)
                    run = []
                continue
            if not (isinstance(child, NavigableString) and not child.strip()):
                breaks = 0
            if isinstance(child, NavigableString) or (isinstance(child, Tag) and child.name not in BLOCK):
                if self.h1_done and isinstance(child, (NavigableString, Tag)):
                    if not (header_zone and not standfirst):
                        run.append(child)
                continue
            if isinstance(child, Tag) and child.name == "br":
                continue
            if run:
                self.emit_text(run, node.name, standfirst)
                run = []
            self.visit(child, standfirst, header_zone)
        if run:
            self.emit_text(run, node.name, standfirst)

    def visit(self, el: Tag, standfirst: bool, header_zone: bool) -> None:
        if _gone(el):
            return
        if not self.h1_done:
            if el is self.h1:
                self.h1_done = True
                return
            if _contains(el, self.h1):
                self.walk(el, standfirst, header_zone)
            return
        if el.name == "h1":
            return
        if el.name == "figure" or (el.name == "div" and "wp-caption" in " ".join(el.get("class") or [])):
            if _has_media(el) or el.find("figcaption"):
                fig = read_figure(el)
                if fig and fig.caption not in self.seen:
                    self.seen.add(fig.caption)
                    self.doc.add_figure(fig)
                return
        hint = STANDFIRST.search(_attr_text(el)) is not None
        if header_zone and not (standfirst or hint):
            if el.name == "p" and len(_text(el.contents)) >= 80:
                self.walk(el, True, header_zone)
                return
            self.walk(el, standfirst, header_zone)
            return
        self.walk(el, standfirst or hint, header_zone)


def _header_zone(h1: Tag | None, root: Tag) -> list[Tag]:
    """Elements after the headline and before the body root (standfirst, lead image, byline)."""
    if h1 is None or h1 is root or _contains(root, h1):
        return []
    out: list[Tag] = []

    def before_root(container: Tag) -> bool:
        """Collect container's children up to the root; True once the root is reached."""
        for child in container.children:
            if not isinstance(child, Tag):
                continue
            if child is root:
                return True
            if _contains(child, root):
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
            if _contains(sib, root):
                before_root(sib)
                return out
            out.append(sib)
        node = node.parent
    return []  # the body comes before the headline: no header zone


def _before(a: Tag, b: Tag) -> bool:
    return b in a.find_all_next(True)


def parse_html(text: str, source: str) -> Document:
    soup = BeautifulSoup(text, "lxml")
    meta = PageMeta(soup)
    h1, title, suffix = find_headline(soup, meta)
    doc = Document(source=source, title=title)
    doc.publisher = meta.publisher or suffix
    doc.url = meta.url
    doc.published = meta.published()
    doc.contributors = meta.authors()
    if doc.published is None:
        t = soup.find("time", attrs={"datetime": True})
        if t is not None and (h1 is None or _before(h1, t)):
            from .parse_md import normalize_date

            doc.published = normalize_date(t["datetime"])

    clean(soup, h1)
    root = body_root(soup)
    walker = _Walker(doc, h1 if _contains(root, h1) else None, title)
    for el in _header_zone(h1, root):
        walker.visit(el, False, True)
    active = _active_content(root)
    walker.walk(root)
    while doc.blocks and doc.blocks[-1].kind == "heading":
        doc.sections.remove(doc.blocks.pop().text)
    if sum(len(p) for p in doc.paragraphs) < MIN_BODY_CHARS:
        _fallback(text, walker)
    if active:
        doc.warnings.append(f"active content in the article ignored ({active})")
    if not doc.title:
        raise ValueError("no headline found in the page (<h1>, og:title or <title>)")
    return doc


def _active_content(root: Tag) -> str:
    """What in the article would run code if it were copied: javascript:/data: URLs and
    on* event handlers (never copied: only text is read). Empty when there is none."""
    urls = handlers = 0
    for tag in [root, *root.find_all(True)]:
        for name, value in tag.attrs.items():
            if name.lower().startswith("on"):
                handlers += 1
            elif name.lower() in ("href", "src", "action", "formaction", "data", "poster", "srcset") and re.match(
                    r"^\s*(?:javascript|vbscript|data)\s*:", str(value), re.I):
                urls += 1
    parts = [f"{urls} javascript:/data: URL{'s' if urls != 1 else ''}"] if urls else []
    parts += [f"{handlers} event handler{'s' if handlers != 1 else ''}"] if handlers else []
    return ", ".join(parts)


def _fallback(html: str, walker: _Walker) -> None:
    """Too little body found in the page's markup: let trafilatura extract the paragraphs
    (filtered by the same rules as paragraphs found in the markup)."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - pinned dependency
        return
    try:
        extracted = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    except Exception:  # noqa: BLE001 - a third-party failure must not lose the document
        return
    have = set(walker.doc.paragraphs)
    for line in extracted.split("\n"):
        if normalize_ws(line) not in have:
            walker.emit_text([NavigableString(line)], "p")


def body_text(doc: Document) -> str:
    """The body as plain text in reading order (paragraphs, headings, captions + credits)."""
    out = []
    for b in doc.blocks:
        if b.kind == "paragraph":
            out.append(doc.paragraphs[b.index])
        elif b.kind == "heading":
            out.append(b.text)
        else:
            f = doc.figures[b.index]
            out.append(" ".join(x for x in (f.caption, f.credit) if x))
    return "\n".join(out)
