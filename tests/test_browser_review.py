"""The editors' review page in a real browser: its first screen (1280 px) holds only items
that change what a reader sees, the copy buttons work, each briefing's items are a link
away, and nothing overflows on a phone. A screenshot of the first screen is written to
tmp (look at it with `pytest --basetemp=DIR`)."""
from __future__ import annotations

import functools
import http.server
import threading

import pytest

from conftest import SEEDS, build, copy_site
from test_browser_site import _Quiet, browser  # noqa: F401 (browser: a fixture, one per module)

pytestmark = [pytest.mark.browser, pytest.mark.build]

READER_KINDS = {"review-stale", "review-statements", "review-duplicates", "review-not-actors", "review-no-role",
                "review-across"}
ARTICLE = """---
title: "Harbour Authority Keeps Port Open Through Storm Season"
date: "2024-03-01"
publisher: "The Test Gazette"
---

FAIRPORT \u2014 Mara Olsen, the harbour master, met Jon Berg of the shipping council on Monday to plan for the storm season.

"We will not close the port for a single day this winter. Our crews are ready for every storm."

Berg said the council backed the plan. "We have enough tugs for every ship that needs one," Berg said.

Olsen, Berg, Lund and Falk signed the plan on Tuesday. Olsen thanked the crews for their work.
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    site = copy_site(tmp_path_factory.mktemp("review-site"), seeds=sorted(SEEDS.iterdir()))
    (site / "seeds" / "harbour.md").write_text(ARTICLE, encoding="utf-8")
    out = build(site)
    handler = functools.partial(_Quiet, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _page(browser, width: int):
    ctx = browser.new_context(viewport={"width": width, "height": 800})
    pg = ctx.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    return ctx, pg


def test_first_screen_shows_only_what_readers_see(server, browser, tmp_path):
    ctx, pg = _page(browser, 1280)
    try:
        pg.goto(f"{server}/review/")
        shot = tmp_path / "review-1280.png"
        pg.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000  # a rendered page, not a blank one
        on_screen = pg.evaluate("""() => [...document.querySelectorAll('li.review-item')]
            .filter(li => li.getBoundingClientRect().top < window.innerHeight)
            .map(li => li.className)""")
        assert on_screen, "no review item on the first screen"
        for cls in on_screen:
            assert set(cls.split()) & READER_KINDS, cls
        assert "review-statements" in on_screen[0]  # statements come first
        assert pg.locator("li.review-named-once").count() == 0  # named once: a count and a link
        link = pg.locator("nav.review-summary a", has_text="Named once")
        assert link.get_attribute("href") == "/review/named-once/"
        assert pg.errors == []
    finally:
        ctx.close()


def test_copy_button_and_per_briefing_page(server, browser):
    ctx, pg = _page(browser, 1280)
    try:
        pg.goto(f"{server}/review/")
        button = pg.locator("li.review-statements button.copy-button").first
        assert button.is_visible()  # shown once the script runs
        button.click()
        status = button.locator("xpath=..").locator(".copy-status")
        pg.wait_for_function("s => s.textContent.length > 0", arg=status.element_handle(), timeout=5000)
        assert status.text_content() in ("Copied.", "Press Ctrl+C to copy.")
        pg.locator("li.review-statements a", has_text="its review").first.click()
        pg.wait_for_load_state()
        assert pg.url.startswith(f"{server}/review/") and pg.url != f"{server}/review/"
        assert pg.locator("h1").text_content().startswith("Review: ")
        text = pg.locator("li.review-statements pre.fix").first.text_content()
        assert "content/briefings/" in pg.locator("p.lead code").text_content() and "quotes:" in text
        assert pg.errors == []
    finally:
        ctx.close()


def test_review_page_fits_a_phone(server, browser):
    ctx, pg = _page(browser, 390)
    try:
        for path in ("/review/", "/review/named-once/"):
            pg.goto(f"{server}{path}")
            assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    finally:
        ctx.close()
