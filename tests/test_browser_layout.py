"""Layout in a real browser: no sideways scrolling on a phone, a readable measure on a
desktop, a print view without navigation, both colour schemes, no layout shift."""
from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built_site):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    pw = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium not installed")
    with pw.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def site_pages(out: Path) -> list[str]:
    pages = []
    for p in sorted(out.rglob("*.html")):
        rel = p.relative_to(out).as_posix()
        if rel.startswith(("pagefind/", "theme/")):
            continue
        pages.append("/" + rel.removesuffix("index.html"))
    return pages


def briefing_paths(out: Path) -> list[str]:
    return [f"/briefings/{p.parent.name}/" for p in sorted((out / "briefings").glob("*/index.html"))]


def test_no_horizontal_scrolling_at_390(built_site, server, browser):
    pages = site_pages(built_site)
    assert any(p.startswith("/briefings/") for p in pages) and "/timeline/" in pages
    page = browser.new_page(viewport={"width": 390, "height": 844})
    wide = []
    for path in pages:
        page.goto(server + path, wait_until="load")
        sw, cw = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if sw > cw:
            wide.append(f"{path}: {sw}px > {cw}px")
    page.close()
    assert not wide, "pages scroll sideways at 390 px:\n" + "\n".join(wide)


def test_print_view_of_a_briefing_hides_navigation(built_site, server, browser):
    page = browser.new_page(viewport={"width": 794, "height": 1123})
    for path in briefing_paths(built_site):
        page.goto(server + path, wait_until="load")
        page.emulate_media(media="print")
        shown = page.evaluate("""() => {
            const vis = (sel) => [...document.querySelectorAll(sel)].some(e => {
                const r = e.getBoundingClientRect(); return getComputedStyle(e).display !== 'none' && r.width > 0 && r.height > 0; });
            return {nav: vis('nav'), header: vis('.site-header'), search: vis('form[role=search]'), footer: vis('.site-footer'),
                    h1: vis('main h1'), keypoints: vis('.key-points li'), body: vis('.body p'), links: vis('.print-links li')};
        }""")
        assert not shown["nav"] and not shown["header"] and not shown["search"] and not shown["footer"], (path, shown)
        assert shown["h1"] and shown["keypoints"] and shown["body"], (path, shown)
        has_links = page.evaluate("document.querySelectorAll('.body a[href]:not([href^=\"#\"])').length") > 0
        assert shown["links"] == has_links  # the links of the text are listed as notes
        page.emulate_media(media="screen")
        assert page.evaluate("getComputedStyle(document.querySelector('.print-links') || document.body).display") in (
            "none", "block")
    page.close()


def test_readable_measure_on_desktop(built_site, server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for path in briefing_paths(built_site):
        page.goto(server + path, wait_until="load")
        # characters per full line in the longest paragraphs of the text
        cpl = page.evaluate("""() => {
            const ps = [...document.querySelectorAll('.body p')].sort((a, b) => b.textContent.length - a.textContent.length).slice(0, 3);
            const out = [];
            for (const p of ps) {
                const range = document.createRange(); range.selectNodeContents(p);
                const lines = new Map();
                const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
                let n; while ((n = walker.nextNode())) {
                    for (let i = 0; i < n.length; i++) {
                        const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
                        const rect = r.getClientRects()[0]; if (!rect) continue;
                        const y = Math.round(rect.top); lines.set(y, (lines.get(y) || 0) + 1);
                    }
                }
                const counts = [...lines.values()]; counts.pop();  // last line is short
                if (counts.length) out.push(counts.reduce((a, b) => a + b, 0) / counts.length);
            }
            return out;
        }""")
        assert cpl, path
        for c in cpl:
            assert 60 <= c <= 75, f"{path}: {c:.0f} characters per line"
    page.close()


def test_light_and_dark_schemes_and_no_layout_shift(built_site, server, browser):
    path = briefing_paths(built_site)[0]
    colors = {}
    for scheme in ("light", "dark"):
        ctx = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
        page = ctx.new_page()
        page.add_init_script("""window.__cls = 0; new PerformanceObserver(l => { for (const e of l.getEntries())
            if (!e.hadRecentInput) window.__cls += e.value; }).observe({type: 'layout-shift', buffered: true});""")
        page.goto(server + path, wait_until="load")
        page.wait_for_timeout(300)
        colors[scheme] = page.evaluate("[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]")
        assert page.evaluate("window.__cls") < 0.01
        ctx.close()
    assert colors["light"] != colors["dark"]


def test_keyboard_focus_is_visible(built_site, server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + briefing_paths(built_site)[0], wait_until="load")
    page.keyboard.press("Tab")  # the skip link
    style = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
        const r = e.getBoundingClientRect(); return [e.className, s.outlineStyle, s.outlineWidth, r.top >= 0 && r.width > 0]; }""")
    assert style[0] == "skip" and style[3]
    page.keyboard.press("Tab")
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; })()")
    assert style[0] != "none" and style[1] != "0px"
    page.close()
