"""Reader for saved article pages (`*.html`).

The page's own article markup is read with BeautifulSoup: headline from ``og:title`` /
``h1``, date from ``article:published_time`` / ``<time datetime>`` / JSON-LD, body from the
``<article>`` (or the densest text container), keeping figure captions and credits, and
dropping navigation, ads, promos and newsletter boxes.
"""
from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup, Tag

from .model import Document, Figure
from .parse_md import normalize_date
from .parse_txt import contributors_of, split_headline
from .text import normalize_ws

DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form",
             "iframe", "svg", "button", "template", "input", "select", "object", "embed"]
BOILERPLATE = re.compile(
    r"(^|[-_ ])(ad|ads|advert|advertisement|promo|newsletter|subscribe|signup|sign-up|"
    r"related|share|social|nav|menu|breadcrumb|cookie|paywall|comments?|sidebar|recirc|"
    r"more-stories|read-more|outbrain|taboola|sponsored)([-_ ]|$)",
    re.I,
)


def _meta(soup, *names):
    for n in names:
        tag = soup.find("meta", attrs={"property": n}) or soup.find("meta", attrs={"name": n})
        if tag and tag.get("content"):
            return tag["content"].strip()
    return None


def _jsonld(soup) -> dict:
    for s in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(s.string or "")
        except (ValueError, TypeError):
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if isinstance(item, dict) and "Article" in str(item.get("@type", "")):
                return item
    return {}


def _is_boilerplate(tag: Tag) -> bool:
    attrs = " ".join([tag.get("id") or ""] + list(tag.get("class") or []))
    if tag.get("role") in ("navigation", "banner", "complementary", "contentinfo"):
        return True
    if tag.get("aria-hidden") == "true" or tag.has_attr("hidden"):
        return True
    return bool(attrs.strip()) and bool(BOILERPLATE.search(attrs))


def _body_root(soup) -> Tag:
    for sel in ("article", "[itemprop=articleBody]", "main", "[role=main]"):
        found = soup.select(sel)
        if found:
            return max(found, key=lambda t: len(t.get_text(" ", strip=True)))
    return soup.body or soup


def parse_html(text: str, source: str) -> Document:
    soup = BeautifulSoup(text, "lxml")
    ld = _jsonld(soup)
    h1 = soup.find("h1")
    raw_title = (
        (h1.get_text(" ", strip=True) if h1 else None)
        or _meta(soup, "og:title", "twitter:title")
        or ld.get("headline")
        or (soup.title.get_text(" ", strip=True) if soup.title else "")
    )
    title, pub_suffix = split_headline(raw_title or "")
    doc = Document(source=source, title=normalize_ws(title))
    site = _meta(soup, "og:site_name")
    publisher = ld.get("publisher", {}).get("name") if isinstance(ld.get("publisher"), dict) else None
    doc.publisher = normalize_ws(site or publisher or pub_suffix or "") or None
    date = _meta(soup, "article:published_time", "datePublished", "pubdate", "date") or ld.get("datePublished")
    if not date:
        t = soup.find("time", attrs={"datetime": True})
        date = t["datetime"] if t else None
    doc.published = normalize_date(date) if date else None
    url = _meta(soup, "og:url")
    canonical = soup.find("link", rel="canonical")
    doc.url = url or (canonical.get("href") if canonical else None)
    if doc.url and not re.match(r"^https?://", doc.url):
        doc.url = None
    authors = ld.get("author")
    if isinstance(authors, dict):
        authors = [authors]
    if isinstance(authors, list):
        doc.contributors = [normalize_ws(a.get("name", "")) for a in authors if isinstance(a, dict) and a.get("name")]
    elif _meta(soup, "author"):
        doc.contributors = [normalize_ws(_meta(soup, "author"))]

    root = _body_root(soup)
    for tag in root.find_all(DROP_TAGS):
        if tag.name == "header" and tag.find("h1"):
            tag.decompose()
            continue
        tag.decompose()
    for tag in list(root.find_all(True)):
        if tag.decomposed:
            continue
        if tag.name not in ("figure", "figcaption") and _is_boilerplate(tag):
            tag.decompose()

    for el in root.find_all(["p", "h2", "h3", "h4", "figure", "blockquote", "li"]):
        if el.decomposed:
            continue
        if el.name == "figure":
            cap = el.find("figcaption")
            if cap:
                credit_el = cap.find(class_=re.compile("credit|source|byline|copyright", re.I))
                credit = normalize_ws(credit_el.get_text(" ", strip=True)) if credit_el else None
                if credit_el:
                    credit_el.extract()
                caption = normalize_ws(cap.get_text(" ", strip=True))
                if caption or credit:
                    doc.add_figure(Figure(caption=caption, credit=credit))
            el.decompose()
            continue
        if el.find_parent("figure") or el.find_parent("blockquote") and el.name == "p":
            continue
        txt = normalize_ws(el.get_text(" ", strip=True))
        if not txt:
            continue
        if el.name in ("h2", "h3", "h4"):
            doc.add_heading(txt)
            continue
        if el.name == "li" and el.find_parent(["p"]):
            continue
        names = contributors_of(txt)
        if names:
            doc.contributors.extend(n for n in names if n not in doc.contributors)
            continue
        doc.add_paragraph(txt)
    if not doc.title:
        raise ValueError("no headline found in the page (<h1> or og:title)")
    return doc
