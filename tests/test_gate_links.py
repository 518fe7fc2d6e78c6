"""Gate: zero broken internal links or anchors in the built site (pages, cards, CSS)."""
from __future__ import annotations

import pytest
from gatelib import check_links, html_pages, local_target

pytestmark = pytest.mark.build


def test_no_broken_internal_links_or_anchors(built_site):
    problems = check_links(built_site)
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems)


def test_every_page_is_reachable_from_home(built_site):
    """No orphan pages: every HTML page is linked, directly or not, from the home page —
    except embeddable cards and pages kept out of search engines (robots noindex)."""
    from gatelib import soup_of

    def unlisted(p):
        robots = soup_of(p).find("meta", attrs={"name": "robots"})
        return p.name == "card.html" or (robots is not None and "noindex" in robots.get("content", ""))

    pages = {p for p in html_pages(built_site) if not unlisted(p)}
    seen, todo = set(), [built_site / "index.html"]

    while todo:
        page = todo.pop()
        if page in seen or not page.is_file():
            continue
        seen.add(page)
        for a in soup_of(page).find_all("a", href=True):
            tgt = local_target(built_site, page, a["href"])
            if tgt and tgt[0].suffix == ".html":
                todo.append(tgt[0])
    orphans = sorted(p.relative_to(built_site).as_posix() for p in pages - seen)
    assert not orphans, "pages not linked from the home page: " + ", ".join(orphans)
