"""Self-tests of the quality gates: a copy of the built site is broken on purpose, and each
gate function must report the breakage (proving that every gate can fail)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from gatelib import check_csp, check_html_validity, check_links, check_weight, html_pages, is_briefing
from gatelib_escaping import check_escaping


def _briefing(out: Path) -> Path:
    pages = [p for p in html_pages(out) if is_briefing(out, p)]
    assert pages, "the built site has no briefing page to break"
    return pages[0]


def _rel(out: Path, p: Path) -> str:
    return p.relative_to(out).as_posix()


def inject(page: Path, html: str, before: str = "</main>") -> None:
    text = page.read_text(encoding="utf-8")
    assert before in text, f"{page.name} has no {before}"
    page.write_text(text.replace(before, html + before, 1), encoding="utf-8")


def clone(out: Path, name: str) -> str:
    """A copy of a briefing page at selftest/<name>/index.html; returns its path in out."""
    dest = out / "selftest" / name / "index.html"
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(_briefing(out), dest)
    return _rel(out, dest)


def _mentions(problems: list[str], rel: str, *words: str) -> bool:
    return any(p.startswith(rel) and all(w in p for w in words) for p in problems)


@pytest.fixture
def broken(built_site, tmp_path) -> Path:
    out = tmp_path / "output"
    shutil.copytree(built_site, out)
    return out


def test_escaping_gate_reports_unescaped_script_and_handlers(broken):
    page = _briefing(broken)
    rel = _rel(broken, page)
    before = set(check_escaping(broken))  # the real site's own problems (its gate test reports them)
    inject(page, '<p>Hi <script>alert(1)</script><img src="x" alt="" onerror="alert(2)">'
                 '<a href="javascript:alert(3)">x</a></p>'
                 '<script type="application/ld+json">{"a": "</script><script>alert(4)</script>"}</script>')
    problems = [p for p in check_escaping(broken) if p not in before]
    assert _mentions(problems, rel, "inline <script>", "alert(1)")
    assert _mentions(problems, rel, "onerror")
    assert _mentions(problems, rel, "javascript:")
    assert _mentions(problems, rel, "ld+json", "not valid JSON")
    assert _mentions(problems, rel, "alert(4)")


def test_escaping_gate_reports_unsafe_oembed_html(broken):
    path = broken / "oembed" / "actors" / "selftest.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"type": "rich", "html": "<iframe src=\\"https://evil.example/\\" onload=\\"x()\\"></iframe>"}')
    problems = check_escaping(broken)
    assert _mentions(problems, "oembed/actors/selftest.json", "onload")
    assert _mentions(problems, "oembed/actors/selftest.json", "outside the site")


def test_escaping_gate_reports_feed_html_that_would_run(broken):
    feed = broken / "feeds" / "selftest.atom.xml"
    feed.parent.mkdir(exist_ok=True)
    feed.write_text('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                    '<title>t</title><entry><title>&lt;b&gt;text title&lt;/b&gt;</title>'
                    '<summary type="html">Hi &lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;</summary>'
                    '</entry></feed>', encoding="utf-8")
    problems = check_escaping(broken)
    assert _mentions(problems, "feeds/selftest.atom.xml", "onerror")
    assert _mentions(problems, "feeds/selftest.atom.xml", "<script>")
    assert not _mentions(problems, "feeds/selftest.atom.xml", "<title"), "a text title is safe"


def test_link_gate_reports_broken_links_and_anchors(broken):
    page = _briefing(broken)
    rel = _rel(broken, page)
    before = set(check_links(broken))  # the real site's own problems (its gate test reports them)
    inject(page, '<p><a href="/no-such-page/">a</a> <a href="../nowhere.html">b</a> '
                 '<a href="#no-such-anchor">c</a> <a href="/#nope">d</a> <img src="/theme/missing.png" alt="m">'
                 '<img src="/theme/css/site.css" srcset="/theme/css/site.css 1x, /gone.png 2x" alt="s"> <a href="">e</a></p>')
    (broken / "theme" / "css" / "site.css").open("a").write("\n.x{background:url(../img/missing.svg)}\n")
    problems = [p for p in check_links(broken) if p not in before]
    assert _mentions(problems, rel, "/no-such-page/")
    assert _mentions(problems, rel, "nowhere.html")
    assert _mentions(problems, rel, "#no-such-anchor")
    assert _mentions(problems, rel, "/#nope")
    assert _mentions(problems, rel, "missing.png")
    assert _mentions(problems, rel, "srcset", "gone.png")
    assert _mentions(problems, rel, "<a href=''>")
    assert _mentions(problems, "theme/css/site.css", "missing.svg")


def test_csp_gate_reports_foreign_origin_missing_and_late_policy(broken):
    pages = html_pages(broken)
    before = set(check_csp(broken))  # the real site's own problems (its gate test reports them)
    assert len(pages) >= 3
    foreign, missing, late = pages[0], pages[1], pages[2]
    text = foreign.read_text(encoding="utf-8")
    foreign.write_text(re.sub(r"default-src 'self'", "default-src 'self' https://evil.example", text, count=1))
    text = missing.read_text(encoding="utf-8")
    missing.write_text(re.sub(r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "", text))
    text = late.read_text(encoding="utf-8")
    late.write_text(text.replace("<meta charset=\"utf-8\">", '<meta charset="utf-8"><script src="/x.js"></script>', 1))
    problems = [p for p in check_csp(broken) if p not in before]
    assert _mentions(problems, _rel(broken, foreign), "https://evil.example")
    assert _mentions(problems, _rel(broken, missing), "0 Content-Security-Policy")
    assert _mentions(problems, _rel(broken, late), "before the CSP")


def test_weight_gate_reports_oversized_page_big_js_and_eager_search(broken):
    page = _briefing(broken)
    rel = _rel(broken, page)
    before = set(check_weight(broken))  # the real site's own problems (its gate test reports them)
    (broken / "theme" / "js").mkdir(parents=True, exist_ok=True)
    (broken / "theme" / "js" / "big.js").write_text("// padding\n" * 2500)
    (broken / "pagefind").mkdir(exist_ok=True)
    (broken / "pagefind" / "pagefind-ui.js").write_text("// search\n")
    inject(page, "<p>" + "Lorem ipsum dolor sit amet. " * 2600 + "</p>"
                 '<script src="/theme/js/big.js"></script><script src="/pagefind/pagefind-ui.js"></script>')
    problems = [p for p in check_weight(broken) if p not in before]
    assert _mentions(problems, rel, "HTML + CSS", "budget")
    assert _mentions(problems, rel, "bytes of JavaScript", "budget")
    assert _mentions(problems, rel, "search bundle loaded eagerly")


@pytest.mark.skipif(shutil.which("java") is None, reason="java is needed by the Nu HTML checker")
def test_html_gate_reports_invalid_markup(broken):
    page = _briefing(broken)
    inject(page, '<p id="dup">a<div>block in p</div></p><span id="dup"><li>stray</li></span>')
    problems = check_html_validity(broken, files=[page])  # one file: keep the JVM run short
    rel = _rel(broken, page)
    assert len([p for p in problems if p.startswith(rel)]) >= 2, problems
    assert any("Duplicate ID" in p for p in problems)


# ------------------------------------------------------------------ browser gates
# One broken copy, one Chromium: each breakage lives on its own clone of a briefing page.

@pytest.fixture(scope="module")
def broken_browser(built_site, tmp_path_factory):
    from gatelib_browser import SiteBrowser

    out = tmp_path_factory.mktemp("broken-browser") / "output"
    shutil.copytree(built_site, out)
    pages = {}
    pages["a11y"] = clone(out, "a11y")
    inject(out / pages["a11y"], '<p><img src="/theme/css/site.css"> <button></button></p>')
    pages["nojs"] = clone(out, "nojs")
    text = (out / pages["nojs"]).read_text(encoding="utf-8")
    (out / pages["nojs"]).write_text(text.replace('<main id="main"', '<main id="main" hidden', 1))
    pages["runtime"] = clone(out, "runtime")
    (out / "pagefind").mkdir(exist_ok=True)
    (out / "pagefind" / "selftest-eager.js").write_text("// stands for the search bundle\n")
    (out / "theme" / "js").mkdir(parents=True, exist_ok=True)
    (out / "theme" / "js" / "big.js").write_text("// padding\n" * 2500)
    inject(out / pages["runtime"], '<script src="/pagefind/selftest-eager.js"></script>'
                                   '<script src="/theme/js/big.js"></script><script>console.log(1)</script>'
                                   '<img src="https://evil.example/pixel.png" alt="">')
    pages["search"] = clone(out, "search")  # a policy that forbids what search needs
    text = (out / pages["search"]).read_text(encoding="utf-8")
    (out / pages["search"]).write_text(text.replace("default-src 'self'", "default-src 'self'; connect-src 'none'; worker-src 'none'", 1))
    pages["inject"] = clone(out, "inject")
    inject(out / pages["inject"], '<p><img src="/nope.png" alt="" onerror="alert(7)"></p><script>alert(8)</script>')
    with SiteBrowser(out) as b:
        yield out, b, pages


@pytest.mark.browser
def test_a11y_gate_reports_axe_violations(broken_browser):
    from gatelib_browser import check_a11y

    out, b, pages = broken_browser
    problems = check_a11y(out, [pages["a11y"]], browser=b)
    assert _mentions(problems, pages["a11y"], "image-alt")
    assert _mentions(problems, pages["a11y"], "button-name")


@pytest.mark.browser
def test_no_js_gate_reports_hidden_content(broken_browser):
    from gatelib_browser import check_no_js

    out, b, pages = broken_browser
    assert check_no_js(out, [pages["a11y"]], browser=b) == []
    problems = check_no_js(out, [pages["nojs"]], browser=b)
    assert _mentions(problems, pages["nojs"], "not visible without JavaScript")


@pytest.mark.browser
def test_runtime_gate_reports_eager_search_big_js_and_csp_refusals(broken_browser):
    from gatelib_browser import check_runtime

    out, b, pages = broken_browser
    problems = check_runtime(out, [pages["runtime"]], browser=b)
    assert _mentions(problems, pages["runtime"], "search bundle fetched before use")
    assert _mentions(problems, pages["runtime"], "bytes of JavaScript fetched")
    assert _mentions(problems, pages["runtime"], "console:")


@pytest.mark.browser
def test_injection_gate_reports_script_that_would_run(broken_browser):
    from gatelib_browser import check_injection

    out, b, pages = broken_browser
    problems = check_injection(out, [pages["inject"]], browser=b)
    assert _mentions(problems, pages["inject"], "onerror")
    assert _mentions(problems, pages["inject"], "inline <script>")
    assert _mentions(problems, pages["inject"], "dialog opened")


@pytest.mark.browser
def test_search_gate_reports_search_broken_by_policy(broken_browser):
    from gatelib_browser import check_search_on_use

    out, b, pages = broken_browser
    assert check_search_on_use(out, pages["a11y"], "NATO", browser=b) == []
    problems = check_search_on_use(out, pages["search"], "NATO", browser=b, timeout_ms=6000)
    assert _mentions(problems, pages["search"], "no search result")
