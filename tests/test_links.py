"""Link checker over the built site: zero broken internal links, zero missing anchors —
and proof that the checker finds both kinds of breakage."""
from __future__ import annotations

import shutil

import pytest
from linkcheck import check_links

pytestmark = pytest.mark.build


def test_no_broken_links_or_anchors(built_site):
    problems = check_links(built_site)
    assert problems == [], f"{len(problems)} broken:\n" + "\n".join(problems[:30])


def test_checker_finds_missing_page_and_missing_anchor(built_site, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built_site, out, ignore=shutil.ignore_patterns("pagefind"))
    page = out / "index.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace("</main>", '<a href="/actors/nobody-at-all/">x</a> <a href="/about/#no-such-anchor">y</a>'
                                   ' <a href="../actors/">ok</a> <a href="https://example.com/x">ext</a></main>')
    page.write_text(html, encoding="utf-8")
    problems = check_links(out)
    assert len(problems) == 2
    assert "missing actors/nobody-at-all/index.html" in problems[0]
    assert "no #no-such-anchor" in problems[1]


def test_checker_with_sub_path_siteurl(tmp_path):
    out = tmp_path
    (out / "a").mkdir()
    (out / "a" / "index.html").write_text('<p id="x">x</p><a href="https://ex.org/sub/b/">b</a>', encoding="utf-8")
    (out / "index.html").write_text(
        '<a href="https://ex.org/sub/a/#x">a</a><a href="https://ex.org/sub/a/#y">a</a><a href="/a/">outside</a>',
        encoding="utf-8")
    problems = check_links(out, "https://ex.org/sub")
    assert len(problems) == 3
    assert any("b/index.html" in p for p in problems) and any("#y" in p for p in problems)
