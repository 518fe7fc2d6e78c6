"""In a real browser: search from the search box to an actor page; follow a body link from
a briefing to an actor page and on to the other briefing."""
from __future__ import annotations

import functools
import http.server
import threading

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]

SLUG_000 = "western-powers-rush-to-carry-out-security-pledges-for-ukraine"
SLUG_003 = "u-s-and-allies-negotiating-security-guarantees-for-ukraine"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built_site):
    handler = functools.partial(_Quiet, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context()
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.errors = errors
    yield pg
    ctx.close()


def test_search_box_reaches_actor_page(server, page):
    page.goto(f"{server}/")
    box = page.locator("form.search-box input[name=q]")
    box.click()
    box.type("Julianne Smith", delay=20)
    result = page.locator("#site-search-results a[href*='/actors/julianne-smith/']").first
    result.wait_for(timeout=60000)  # a bound for a failure only; a busy machine only takes longer
    result.click()
    page.wait_for_url("**/actors/julianne-smith/")
    assert page.locator("h1").inner_text() == "Julianne Smith"
    assert not page.errors, page.errors


def test_search_page_without_dropdown(server, page):
    page.goto(f"{server}/search/?q=Zelenskyy")
    link = page.locator("#search-page-results a[href*='/actors/volodymyr-zelenskyy/']").first
    link.wait_for(timeout=60000)  # a bound for a failure only; a busy machine only takes longer
    assert not page.errors, page.errors


def test_body_link_to_actor_then_other_briefing(server, page):
    page.goto(f"{server}/briefings/{SLUG_000}/")
    page.locator(".body a.actor-link[href$='/actors/julianne-smith/']").first.click()
    page.wait_for_url("**/actors/julianne-smith/")
    page.locator(f".actor-briefings a[href$='/briefings/{SLUG_003}/']").click()
    page.wait_for_url(f"**/briefings/{SLUG_003}/")
    assert "security guarantees" in page.locator("h1").inner_text()


def test_search_from_a_sub_path(tmp_path, browser):
    """SITEURL with a sub-path: pages, the search bundle and result links stay under it."""
    from conftest import copy_site
    from gold_extraction import gold_build, set_siteurl

    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}/briefing"
    (tmp_path / "site").mkdir()
    site = copy_site(tmp_path / "site")
    set_siteurl(site, base)
    conf = site / "pelican.conf.py"  # the index in several bundles: merged ones load under the sub-path too
    conf.write_text(conf.read_text(encoding="utf-8") + "\nBRIEFING_SEARCH_SHARDS = 3\n", encoding="utf-8")
    (root / "briefing").symlink_to(gold_build(site), target_is_directory=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        ctx = browser.new_context()
        pg = ctx.new_page()
        errors: list[str] = []
        pg.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
        pg.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
        pg.goto(f"{base}/")
        pg.locator("form.search-box input[name=q]").type("Julianne", delay=20)
        link = pg.locator("#site-search-results a[href='/briefing/actors/julianne-smith/']").first
        link.wait_for(timeout=60000)  # a bound for a failure only; a busy machine only takes longer
        assert errors == []
        link.click()
        pg.wait_for_url(f"{base}/actors/julianne-smith/")
        pg.locator(".actor-briefings a").first.click()
        pg.wait_for_url(f"{base}/briefings/**")
        ctx.close()
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_search_box_without_javascript_goes_to_search_page(server, browser):
    ctx = browser.new_context(java_script_enabled=False)
    pg = ctx.new_page()
    pg.goto(f"{server}/actors/")
    pg.fill("form.search-box input[name=q]", "Scholz")
    pg.press("form.search-box input[name=q]", "Enter")
    pg.wait_for_url("**/search/?q=Scholz")
    assert pg.locator("h1").inner_text() == "Search"
    ctx.close()
