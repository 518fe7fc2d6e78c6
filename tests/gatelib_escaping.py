"""Escaping gate: no text from a seed reaches a reader's browser (or feed reader) as code.

check_escaping(out) returns one problem per line: executable scripts the theme did not put
there (an inline script counts as the theme's only when its hash is in the page's CSP),
event-handler attributes, javascript:/data: URLs, JSON-LD that does not parse or could break
out of its element, unsafe oEmbed html, and feed entries whose HTML would run code.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from gatelib import (BAD_SCHEMES, JSON_SCRIPT_TYPES, SEARCH_BUNDLE, URL_ATTRS, _rel, csp_meta, html_pages,
                     local_target, parse_csp, script_hash, soup_of)

ATOM = "{http://www.w3.org/2005/Atom}"


def _bad_url(url: str, el_name: str, attr: str) -> bool:
    scheme = urlsplit(url.strip().lower().replace("\t", "").replace("\n", "")).scheme
    if scheme == "data" and el_name in ("img", "source") and attr in ("src", "srcset"):
        return not url.strip().lower().startswith("data:image/") or url.strip().lower().startswith("data:image/svg")
    return scheme in BAD_SCHEMES


def page_script_problems(out: Path, page: Path, siteurl: str = "") -> list[str]:
    rel = _rel(out, page)
    soup = soup_of(page)
    problems = []
    policy = " ".join(m.get("content", "") for m in csp_meta(soup))
    allowed_hashes = set(parse_csp(policy).get("script-src", parse_csp(policy).get("default-src", [])))
    for s in soup.find_all("script"):
        typ = (s.get("type") or "").strip().lower()
        text = s.string or ""
        if typ in JSON_SCRIPT_TYPES:
            try:
                json.loads(text)
            except ValueError as exc:
                problems.append(f"{rel}: <script type={typ}> is not valid JSON (broken out of?): {exc}")
            if re.search(r"<!--|<script|</script", text, re.I):
                problems.append(f"{rel}: <script type={typ}> contains '<!--' or '<script' (unsafe in script data)")
            continue
        if s.has_attr("src"):
            if local_target(out, page, s["src"], siteurl) is None:
                problems.append(f"{rel}: script from another origin or scheme: {s['src']!r}")
            elif text.strip():
                problems.append(f"{rel}: <script src> with inline content {text[:60]!r}")
        elif script_hash(text) not in allowed_hashes:
            problems.append(f"{rel}: inline <script> not from the theme (hash not in CSP): {text.strip()[:60]!r}")
    for el in soup.find_all(True):
        for attr in el.attrs:
            if attr.lower().startswith("on"):
                problems.append(f"{rel}: <{el.name} {attr}=…> event-handler attribute")
            elif attr.lower() == "srcdoc":
                problems.append(f"{rel}: <{el.name} srcdoc> embeds a document")
        for attr in URL_ATTRS + ("srcset", "xlink:href"):
            if el.has_attr(attr) and isinstance(el[attr], str) and _bad_url(el[attr], el.name, attr):
                problems.append(f"{rel}: <{el.name} {attr}={el[attr][:40]!r}> unsafe URL scheme")
        if el.name in ("object", "embed", "applet", "base"):
            problems.append(f"{rel}: <{el.name}> element")
        if el.name == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            problems.append(f"{rel}: <meta http-equiv=refresh>")
    return problems


def oembed_problems(out: Path, path: Path, siteurl: str = "") -> list[str]:
    rel = _rel(out, path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        return [f"{rel}: not JSON: {exc}"]
    html = data.get("html", "") if isinstance(data, dict) else ""
    problems = []
    frag = BeautifulSoup(html, "html.parser")
    for el in frag.find_all(True):
        for attr in el.attrs:
            if attr.lower().startswith("on") or attr.lower() == "srcdoc":
                problems.append(f"{rel}: oEmbed html has <{el.name} {attr}>")
        for attr in URL_ATTRS:
            if el.has_attr(attr) and isinstance(el[attr], str):
                if _bad_url(el[attr], el.name, attr):
                    problems.append(f"{rel}: oEmbed html has unsafe URL {el[attr][:40]!r}")
                elif el.name in ("iframe", "script") and not _is_site_url(el[attr], siteurl):
                    problems.append(f"{rel}: oEmbed <{el.name}> points outside the site: {el[attr][:60]!r}")
        if el.name == "script" and not el.has_attr("src"):
            problems.append(f"{rel}: oEmbed html has an inline <script>")
    return problems


def _is_site_url(url: str, siteurl: str) -> bool:
    parts = urlsplit(url)
    if siteurl and url.startswith(siteurl.rstrip("/") + "/"):
        return True
    return not parts.scheme and not parts.netloc


def check_escaping(out: Path, siteurl: str = "") -> list[str]:
    """No executable script that the theme did not put there, no event handlers, no
    javascript:/data: links, JSON-LD that parses and cannot break out, safe oEmbed html."""
    out = Path(out)
    problems = []
    for page in html_pages(out):
        problems += page_script_problems(out, page, siteurl)
    for path in sorted(out.glob("oembed/**/*.json")):
        problems += oembed_problems(out, path, siteurl)
    for feed in sorted(out.glob("feeds/*.xml")):
        problems += feed_problems(out, feed)
    for path in sorted(out.rglob("*.json")):
        if _rel(out, path).startswith(SEARCH_BUNDLE):
            continue
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            problems.append(f"{_rel(out, path)}: not valid JSON: {exc}")
    return problems


def html_fragment_problems(html: str) -> list[str]:
    """What in a fragment of HTML would run code when a reader renders it."""
    problems = []
    for el in BeautifulSoup(html, "html.parser").find_all(True):
        if el.name in ("script", "iframe", "object", "embed", "base", "meta", "link", "style", "form"):
            problems.append(f"<{el.name}> element")
        for attr in el.attrs:
            if attr.lower().startswith("on") or attr.lower() == "srcdoc":
                problems.append(f"<{el.name} {attr}>")
        for attr in URL_ATTRS:
            if el.has_attr(attr) and isinstance(el[attr], str) and _bad_url(el[attr], el.name, attr):
                problems.append(f"<{el.name} {attr}={el[attr][:40]!r}>")
    return problems


def feed_problems(out: Path, path: Path) -> list[str]:
    """Atom: an html/xhtml title, summary or content is rendered as HTML by feed readers."""
    from lxml import etree

    rel = _rel(out, path)
    try:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except etree.XMLSyntaxError as exc:
        return [f"{rel}: not well-formed XML: {exc}"]
    problems = []
    for el in root.iter(f"{ATOM}title", f"{ATOM}summary", f"{ATOM}content", f"{ATOM}subtitle", f"{ATOM}rights"):
        if el.get("type") in ("html", "xhtml"):
            html = (el.text or "") if el.get("type") == "html" else etree.tostring(el, encoding="unicode")
            problems += [f"{rel}: <{el.tag.removeprefix(ATOM)} type={el.get('type')}> renders {p}"
                         for p in html_fragment_problems(html)]
    return problems
