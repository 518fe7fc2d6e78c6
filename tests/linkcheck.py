"""A link checker over a built site: every internal link must reach a file, every
fragment an element id (or ``<a name>``) of the target page.

Reusable: ``check_links(output_dir, siteurl="")`` returns a list of problems, one line
each ("page: <tag attr=url> → what is wrong"); empty means no broken internal link.
Internal URLs are root-relative ("/x/"), page-relative ("../x/", "#frag") or start with
SITEURL (absolute, possibly with a sub-path: "https://example.org/briefing/x/").
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

LINK_ATTRS = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("form", "action"),
              ("iframe", "src"), ("source", "src"), ("blockquote", "cite"), ("q", "cite"))
ORIGIN = "http://site.invalid"


@lru_cache(maxsize=4096)
def _soup(path: str, mtime: float) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8", errors="replace"), "html.parser")


def soup_of(path: Path) -> BeautifulSoup:
    return _soup(str(path), path.stat().st_mtime)


def anchors_of(path: Path) -> set[str]:
    soup = soup_of(path)
    ids = {el["id"] for el in soup.find_all(id=True)}
    ids |= {el["name"] for el in soup.find_all("a", attrs={"name": True})}
    return ids


def _base_path(siteurl: str) -> str:
    return urlsplit(siteurl or "").path.rstrip("/")


def page_url(out: Path, page: Path, siteurl: str = "") -> str:
    rel = page.relative_to(out).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return f"{ORIGIN}{_base_path(siteurl)}/{rel}"


def resolve(out: Path, page: Path, url: str, siteurl: str = "") -> tuple[Path, str] | None:
    """(target file, fragment) for an internal URL, or None for an external one."""
    url = url.strip()
    if not url or url.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    site = urlsplit(siteurl) if siteurl else None
    if site and site.scheme and url.startswith(siteurl.rstrip("/")):
        url = url[len(siteurl.rstrip("/")):] or "/"
        url = _base_path(siteurl) + url
    parts = urlsplit(urljoin(page_url(out, page, siteurl), url))
    if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
        return None
    path = unquote(parts.path)
    base = _base_path(siteurl)
    if base:
        if not (path == base or path.startswith(base + "/")):
            return (out / "__outside_siteurl__" / path.lstrip("/"), parts.fragment)
        path = path[len(base):] or "/"
    target = out / path.lstrip("/")
    if path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def html_pages(out: Path) -> list[Path]:
    return sorted(p for p in Path(out).rglob("*.html") if "pagefind" not in p.relative_to(out).parts)


def check_links(out: Path, siteurl: str = "") -> list[str]:
    out = Path(out)
    problems: list[str] = []
    for page in html_pages(out):
        soup = soup_of(page)
        rel = page.relative_to(out).as_posix()
        for tag, attr in LINK_ATTRS:
            for el in soup.find_all(tag, attrs={attr: True}):
                found = resolve(out, page, el[attr], siteurl)
                if found is None:
                    continue
                target, frag = found
                if target.is_dir():
                    target = target / "index.html"
                if not target.is_file():
                    problems.append(f"{rel}: <{tag} {attr}={el[attr]!r}> → missing {target.relative_to(out).as_posix()}")
                    continue
                if frag and target.suffix == ".html" and frag not in anchors_of(target):
                    problems.append(f"{rel}: <{tag} {attr}={el[attr]!r}> → no #{frag} in {target.relative_to(out).as_posix()}")
    return problems
