"""Reader for saved article pages (`*.html`).

Rules of news pages, not of any one publisher:

* metadata (headline, publisher, time, URL, authors) comes from JSON-LD / meta / ``<h1>``
  (see html_meta);
* page furniture is removed and the article body found by the rules of html_clean; the
  stretch between the headline and that body contributes the standfirst and the lead figure;
* inside, every run of inline content is a paragraph candidate; candidates that are mostly
  links, boilerplate phrases, dates, bylines or short labels are dropped; contributor lines
  go to ``contributors``; ``<figure>`` with a caption becomes a Figure (credit split off);
* a figure placed above the headline (hero image) is kept too (figures: html_figures);
* other readers of the page vote (html_vote: trafilatura, the JSON-LD ``articleBody``;
  what happens after the walk is html_agree's):
  where a rule is in doubt — a sentence mostly of link text, running text in a container
  whose class names a widget or promo — the text stays when another reader kept it too;
* trafilatura is also the fallback: it extracts the paragraphs when the rules find no body
  (never lines that are link texts of the page: an index page has no body), adds its lines
  when the rules find much less than it does, and short paragraphs that it does not share
  either are dropped as furniture.

Measured on real pages (bench/html_f1.py): the rules with the votes beat either alone;
readability-lxml as a further voter lowered precision (see README) and is not used.
"""
from __future__ import annotations

import re
import sys

from bs4 import BeautifulSoup, NavigableString, Tag

from .html_clean import (APPEAL, BLOCK, BOILER_TEXT, BYLINE, DATE_LINE, STANDFIRST, attr_text, before, body_root, clean,
                         contains, gone, has_media, header_zone)
from .html_meta import PageMeta, dedupe, find_headline, split_byline
from .html_figures import figure_like, read_figure
from .html_agree import body_text  # noqa: F401 - re-exported: the body of a read page as plain text
from .html_agree import complete_from_article_body, drop_empty_sections, drop_unconfirmed_tail, fallback, second_opinion
from .html_vote import Votes
from ..model import Document
from .txt import contributors_of
from ..text import normalize_ws

MIN_BODY_CHARS = 200
BIO = re.compile(r"^\s+(?:is|was|has been|serves as)\s+(?:a|an|the|our)\b.{0,120}?\b(?:correspondent|reporter|editor|"
                 r"writer|journalist|columnist|contributor|fellow|author|critic|producer)s?\b")


def _inline(nodes) -> str:
    """Text of inline content. Two elements that touch (``<span>Washington</span><span>CNN
    </span>``) are separate words, as their styling shows them; an element touching plain
    text (``<b>T</b>BILISI``) is not."""
    out: list[str] = []
    prev_tag = False
    for n in nodes:
        if isinstance(n, NavigableString):
            if type(n) is NavigableString:
                out.append(str(n))
            prev_tag = False
        elif n.name == "br":
            out.append(" ")
            prev_tag = False
        else:
            text = _inline(n.children)
            if prev_tag and text and out and not out[-1][-1:].isspace() and not text[0].isspace():
                out.append(" ")
            out.append(text)
            prev_tag = bool(text)
    return "".join(out)


def _text(nodes) -> str:
    return normalize_ws(_inline(nodes))


def _link_density(nodes) -> float:
    total = len(_text(nodes)) or 1
    links = 0
    for n in nodes:
        if isinstance(n, Tag):
            for a in ([n] if n.name == "a" else n.find_all("a")):
                if len((a.get("href") or "").strip()) > 1 and (a.get("href") or "").strip().startswith("#"):
                    continue  # a link to a place in the same page (a table of contents, a subhead anchor)
                links += len(normalize_ws(a.get_text("")))
    return links / total


class _Walker:
    def __init__(self, doc: Document, h1: Tag | None, title: str, votes: Votes | None = None):
        self.doc = doc
        self.votes = votes
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
        if len(text) < 300 and APPEAL.search(text):
            return
        words = len(text.split())
        if _link_density(nodes) >= 0.6 and words < 40 and not self._linked_sentence(text, tag_name):
            return  # a list of links or a teaser, unless it is a sentence
        if self._author_bio(text):
            return
        if BYLINE.match(text) and words <= 12:
            self.doc.contributors = dedupe(self.doc.contributors + split_byline(text))
            return
        names = contributors_of(text) if words <= 40 else None
        if names:
            self.doc.contributors = dedupe(self.doc.contributors + names)
            return
        if tag_name in ("h2", "h3", "h4", "h5", "h6") and words <= 15 and not standfirst:
            if not text.endswith(":"):  # ("Related:", "More from us:" introduce lists)
                self.doc.add_heading(text)
                self.seen.add(text)
            return
        if not standfirst and words <= 4 and not re.search(r"[.!?…\"”’»)]$", text):
            return  # a label (kicker, section name, reading time), not running text
        self.seen.add(text)
        if standfirst and self.doc.standfirst is None and not self.doc.paragraphs:
            self.doc.standfirst = text
        self.doc.add_paragraph(text)

    def _author_bio(self, text: str) -> bool:
        """'Jane Roe is a correspondent for …' about one of the page's authors, however long."""
        return any(text.startswith(name + " ") and BIO.match(text[len(name):]) for name in self.doc.contributors)

    def _linked_sentence(self, text: str, tag_name: str) -> bool:
        """Running text that is mostly link text, yet a sentence: six words or more ending in
        a full stop (headlines and link labels do not; a question may be a teaser's headline),
        begun with a capital, or kept by other readers too."""
        if len(text.split()) < 6 or not re.search(r"[^.][.!…][\"”’]?$", text):
            return False
        if tag_name not in ("li", "h2", "h3", "h4", "h5", "h6") and re.match(r"[\"“‘'(]?[A-Z0-9]", text):
            return True
        return self.votes is not None and self.votes.confirmed(text, 0.9)

    def figure(self, el: Tag) -> None:
        fig = read_figure(el)
        if fig and fig.caption not in self.seen:
            self.seen.add(fig.caption)
            self.doc.add_figure(fig)

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
        if gone(el):
            return
        if not self.h1_done:
            if el is self.h1:
                self.h1_done = True
                return
            if contains(el, self.h1):
                self.walk(el, standfirst, header_zone)
            return
        if el.name == "h1":
            return
        if el.name in ("h2", "h3", "h4", "h5", "h6") and not header_zone:
            self.walk(el, False, False)  # in the body a "sub-title" class is a section heading
            return
        if el.name == "figure" and not has_media(el) and el.find("blockquote") is not None:
            self.walk(el, False, False)  # an embedded quote: its text is read, a short cite line is a label
            return
        if el.name == "figure" or figure_like(el):
            if has_media(el) or el.find("figcaption"):
                self.figure(el)
                return
        hint = STANDFIRST.search(attr_text(el)) is not None
        if header_zone and not (standfirst or hint):
            if el.name in ("p", "h2", "h3"):
                # between headline and body: a sentence-long paragraph or subheading is the dek
                text = _text(el.contents)
                if len(text) >= 40 and len(text.split()) >= 6 and not el.find("a"):
                    self.walk(el, True, header_zone)
                return
            self.walk(el, standfirst, header_zone)
            return
        self.walk(el, standfirst or hint, header_zone)


def parse_html(text: str, source: str) -> Document:
    soup = BeautifulSoup(text, "lxml")
    meta = PageMeta(soup)
    h1, title, suffix = find_headline(soup, meta)
    doc = Document(source=source, title=title)
    doc.publisher = meta.publisher or suffix
    if doc.publisher and suffix and re.search(r"\.(?:com|org|net|co\.uk|fr|de|eu)$", doc.publisher, re.I):
        doc.publisher = suffix  # "Bloomberg.com" is the site's address; the title says "Bloomberg"
    doc.url = meta.url
    doc.published = meta.published()
    doc.contributors = meta.authors()
    if doc.published is None:
        t = soup.find("time", attrs={"datetime": True})
        if t is not None and (h1 is None or before(h1, t)):
            from .md import normalize_date

            doc.published = normalize_date(t["datetime"])

    active = ""
    votes = Votes(text, meta.article.get("articleBody"))
    link_texts = {normalize_ws(a.get_text(" ")).casefold() for a in soup.find_all("a")}
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 12_000))  # pure-Python recursion over the tree, no C stack
    try:
        link_texts |= clean(soup, h1, votes, meta.descriptions())
        root = body_root(soup)
        walker = _Walker(doc, h1 if contains(root, h1) else None, title, votes)
        for el in _lead_figures(h1, root):
            walker.figure(el)
        for el in header_zone(h1, root):
            walker.visit(el, False, True)
        active = _active_content(root)
        walker.walk(root)
    except RecursionError:  # markup nested thousands deep: read what trafilatura can
        doc.blocks, doc.paragraphs, doc.sections, doc.figures = [], [], [], []
        walker = _Walker(doc, None, title, votes)
        doc.warnings.append("markup nested too deeply for the page rules (text taken by trafilatura)")
    finally:
        sys.setrecursionlimit(limit)
    drop_empty_sections(doc)
    if sum(len(p) for p in doc.paragraphs) < MIN_BODY_CHARS:
        complete_from_article_body(votes, walker)  # the publisher's own body first, with its paragraphs
        fallback(votes, walker, link_texts)
        if not doc.paragraphs and doc.warnings and "nested too deeply" in doc.warnings[-1]:
            raise ValueError("markup nested too deeply to read")
    else:
        drop_unconfirmed_tail(votes, doc)
        second_opinion(votes, walker, link_texts)
    complete_from_article_body(votes, walker)
    if active:
        doc.warnings.append(f"active content in the article ignored ({active})")
    if not doc.title:
        raise ValueError("no headline found in the page (<h1>, og:title or <title>)")
    return doc


def _lead_figures(h1: Tag | None, root: Tag) -> list[Tag]:
    """Figures of the article placed above its headline (a hero image), outside the body."""
    article = h1.find_parent(["article", "main"]) if h1 is not None else None
    if article is None or contains(root, h1):
        return []
    out: list[Tag] = []
    for el in h1.find_all_previous(["figure", "div"]):  # backwards from the headline
        if el is article or not contains(article, el):
            break
        if contains(el, h1) or contains(el, root) or any(contains(el, o) for o in out):
            continue
        if (el.name == "figure" or figure_like(el)) and (has_media(el) or el.find("figcaption")):
            out = [o for o in out if not contains(o, el)] + [el]  # keep the outermost figure
    return out[::-1]


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
