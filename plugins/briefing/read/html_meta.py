"""Metadata of a saved article page: headline, publisher, publication time, URL, authors.

Read from what publishers put in the page for machines — JSON-LD (``NewsArticle`` and its
kin, ``@graph`` references resolved), Open Graph / ``article:*`` meta tags, ``<time>`` —
and from the visible headline. Nothing is guessed: a page without a machine-readable or
``<time>`` date gets ``published = None``.
"""
from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup, Tag

from .md import normalize_date
from ..text import normalize_ws

ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Report|LiveBlogPosting)$")
TITLE_SEP = re.compile(r"\s+(?:[|–—]|-|::|»)\s+")
BY_PREFIX = re.compile(r"^\s*(?:written\s+)?by\s*[:\s]\s*", re.I)
DATE_META = (
    "article:published_time", "og:article:published_time", "datePublished", "datepublished",
    "pubdate", "publishdate", "publish-date", "publication_date", "date", "dc.date",
    "dc.date.issued", "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date",
    "cxenseparse:recs:publishtime", "og:published_time",
)


def meta_content(soup: BeautifulSoup, *names: str) -> str | None:
    """The content of the first <meta> whose property, name or itemprop is one of names."""
    wanted = {n.lower() for n in names}
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = tag.get("content")
        if not content or not content.strip():
            continue
        for attr in ("property", "name", "itemprop"):
            key = (tag.get(attr) or "").strip().lower()
            if key in wanted and key not in found:
                found[key] = content.strip()
    for n in names:
        if n.lower() in found:
            return found[n.lower()]
    return None


def _types(item: dict) -> list[str]:
    t = item.get("@type", [])
    return [str(x) for x in (t if isinstance(t, list) else [t])]


def jsonld_items(soup: BeautifulSoup) -> list[dict]:
    """Every JSON-LD object of the page (lists and @graph flattened)."""
    out: list[dict] = []

    def walk(data, depth=0):
        if depth > 4:
            return
        if isinstance(data, list):
            for d in data:
                walk(d, depth + 1)
        elif isinstance(data, dict):
            out.append(data)
            if "@graph" in data:
                walk(data["@graph"], depth + 1)
            if isinstance(data.get("mainEntity"), (dict, list)):  # a WebPage whose main entity is the article
                walk(data["mainEntity"], depth + 1)

    for s in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        raw = s.string or s.get_text() or ""
        try:
            walk(json.loads(raw.strip().rstrip(";")))
        except (ValueError, TypeError, RecursionError):
            continue
    return out


class PageMeta:
    """What the page says about itself, for machines."""

    def __init__(self, soup: BeautifulSoup):
        self.soup = soup
        self.items = jsonld_items(soup)
        self.by_id = {i["@id"]: i for i in self.items if isinstance(i.get("@id"), str)}
        self.article = next(
            (i for i in self.items if any(ARTICLE_TYPES.search(t) for t in _types(i))), {}
        )

    def resolve(self, value):
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in self.by_id:
            return self.by_id[value["@id"]]
        return value

    def _name(self, value) -> str | None:
        value = self.resolve(value)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, str) and value.strip():
            return normalize_ws(value)
        return None

    @property
    def headline(self) -> str | None:
        h = self.article.get("headline") or self.article.get("name")
        return normalize_ws(h) if isinstance(h, str) and h.strip() else None

    def descriptions(self) -> set[str]:
        """The summaries the page declares for machines (casefolded): a standfirst shown in
        the page has one of these texts."""
        out = {self.article.get("description"), self.article.get("alternativeHeadline"),
               meta_content(self.soup, "og:description"), meta_content(self.soup, "description"),
               meta_content(self.soup, "twitter:description")}
        return {normalize_ws(d).casefold() for d in out if isinstance(d, str) and len(d.split()) >= 5}

    @property
    def publisher(self) -> str | None:
        company = self._name(self.article.get("publisher"))
        site = normalize_ws(meta_content(self.soup, "og:site_name", "application-name") or "") or None
        if company and site and company.casefold().startswith(site.casefold() + " "):
            return site  # the masthead ("Nature"), not the company behind it ("Nature Publishing Group UK")
        return company or site

    @property
    def url(self) -> str | None:
        url = meta_content(self.soup, "og:url")
        if not url:
            link = self.soup.find("link", rel="canonical")
            url = link.get("href") if link else None
        if not url and isinstance(self.article.get("url"), str):
            url = self.article["url"]
        url = (url or "").strip()
        return url if re.match(r"^https?://[^\s<>\"']+$", url) else None

    def published(self) -> str | None:
        candidates = [self.article.get("datePublished"), self.article.get("dateCreated")]
        candidates.append(meta_content(self.soup, *DATE_META))
        for c in candidates:
            if isinstance(c, str) and (iso := normalize_date(c)):
                return iso
        return None

    def authors(self) -> list[str]:
        names: list[str] = []
        raw = self.article.get("author") or self.article.get("creator")
        raw = raw if isinstance(raw, list) else [raw] if raw else []
        publisher = (self.publisher or "").casefold()
        for a in raw:
            a = self.resolve(a)
            if isinstance(a, dict) and any("Organization" in t for t in _types(a)):
                continue
            name = self._name(a)
            if name and name.casefold() != publisher and not name.startswith("http"):
                names.extend(split_byline(name))
        if not names:
            for key in ("author", "byl", "article:author", "sailthru.author", "parsely-author"):
                value = meta_content(self.soup, key)
                if value and not re.match(r"^https?://", value):
                    names = split_byline(value)
                    break
        if not names:  # the visible byline: rel=author, itemprop=author, a "byline" element
            for el in self.soup.select('[rel~=author], [itemprop~=author], [class*=byline], [class*=author]'):
                # (affiliation markers in <sup> are not part of a name: "Jane Roe¹")
                text = normalize_ws(" ".join(t for t in el.find_all(string=True) if t.parent.name != "sup"))
                if 3 <= len(text) <= 80 and not re.search(r"\d{4}|[|@]", text):
                    names = split_byline(text)
                    if names:
                        break
        not_people = re.compile(r"\b(?:service|staff|desk|newsroom|agenc(?:y|ies)|wires?|editors?|team|"
                                r"reporters|correspondents|bureau)\b", re.I)
        pub = publisher or "\x00"
        return dedupe([n for n in names if not not_people.search(n) and pub not in n.casefold()])


def split_byline(text: str) -> list[str]:
    """'By Jane Roe and John Doe' → ['Jane Roe', 'John Doe']."""
    text = BY_PREFIX.sub("", normalize_ws(text))
    text = re.split(r"\s*[|·•]\s*|\s+in\s+[A-Z]", text)[0]
    parts = [p.strip(" .") for p in re.split(r"\s*(?:,|;|&|\band\b)\s*", text)]
    parts = [p.title() if p.isupper() else p for p in parts if p and len(p.split()) <= 5]
    if any(len(p.split()) >= 2 for p in parts):  # "By JANE ROE, REUTERS": the agency is not a name
        parts = [p for p in parts if len(p.split()) >= 2]
    return parts


def dedupe(names: list[str]) -> list[str]:
    out: list[str] = []
    seen = set()
    for n in names:
        key = n.casefold()
        if key not in seen:
            seen.add(key)
            out.append(n)
    return out


def strip_site_suffix(title: str, site: str | None) -> tuple[str, str | None]:
    """'Headline | Section | The Guardian' → ('Headline', 'The Guardian')."""
    title = normalize_ws(title)
    parts = TITLE_SEP.split(title)
    if len(parts) == 1:
        return title, None
    head, suffix = parts[0], parts[-1]
    # the site name is the last short segment; middle segments are sections
    if all(len(p.split()) <= 5 for p in parts[1:]) and len(head.split()) >= 2:
        return head, suffix
    if site and title.casefold().endswith(site.casefold()):
        cut = TITLE_SEP.split(title[: -len(site)].rstrip())
        return normalize_ws(" ".join(cut)).strip(" |–—-"), site
    return title, None


def _is_logo(h: Tag) -> bool:
    """A site-name heading (``<h1 class="logo"><a href="/">Daily News</a></h1>``)."""
    if h.find_parent("nav") is not None:
        return True
    near = [h, *list(h.parents)[:2]]
    attrs = " ".join(" ".join([t.get("id") or "", *(t.get("class") or [])]) for t in near if isinstance(t, Tag))
    if re.search(r"logo|brand|site-?(?:title|name)|masthead", attrs, re.I):
        return True
    link = h.find("a")
    return bool(link and link.get("href") in ("/", "#", "./") and len(h.get_text(" ").split()) <= 5)


def find_headline(soup: BeautifulSoup, meta: PageMeta) -> tuple[Tag | None, str, str | None]:
    """(the headline element or None, headline text, publisher suffix seen in a title).

    The element is the h1 (else h2, h3) whose text is the headline the page declares for
    machines (JSON-LD, og:title, <title> without its site suffix); failing that, the page's
    first h1 that is not a site logo; failing that, the declared headline without element.
    """
    site = meta.publisher
    declared = [c for c in (meta.headline, meta_content(soup, "og:title", "twitter:title"),
                            soup.title.get_text(" ") if soup.title else None) if c and normalize_ws(c)]
    stripped = [strip_site_suffix(c, site) for c in declared]
    suffix = next((sfx for _, sfx in stripped if sfx), None)
    reference = stripped[0][0] if stripped else None
    headings = [h for h in soup.find_all(["h1", "h2", "h3"]) if normalize_ws(h.get_text(" "))]
    if any("LiveBlog" in t for t in _types(meta.article)):
        # a live blog's on-page headline is its running banner ("… LIVE: …"), rewritten as
        # the day goes; the headline it is shared under (og:title) names the story
        shared = meta_content(soup, "og:title", "twitter:title")
        if shared and reference and normalize_ws(shared).casefold() != reference.casefold():
            h = next((h for h in headings if h.name == "h1" and not _is_logo(h)), None)
            return h, strip_site_suffix(shared, site)[0], suffix
    if reference:
        ref = reference.casefold()
        for level in ("h1", "h2", "h3"):
            for h in headings:
                text = normalize_ws(h.get_text(" "))
                t = text.casefold()
                if h.name == level and len(t) >= 0.4 * len(ref) and (t in ref or ref in t):
                    if ref in t and t != ref:
                        text = strip_site_suffix(text, site)[0]
                    return h, text, suffix
    h1s = [h for h in headings if h.name == "h1" and not _is_logo(h)]
    if h1s:
        best = next((h for h in h1s if h.find_parent(["article", "main"]) is not None), h1s[0])
        return best, normalize_ws(best.get_text(" ")), suffix
    return None, reference or "", suffix
