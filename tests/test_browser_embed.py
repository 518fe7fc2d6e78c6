"""Acceptance test of embeddable cards in Chromium: our site on one localhost port, a host
page (another site) on another port embeds two cards with the embed code of their actor
pages (blockquote + iframe + embed.js)."""
from __future__ import annotations

import functools
import json
import math
import os
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from embedlib import build_gold_site

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
ACTORS = ("olaf-scholz", "pentagon")  # a card with a quote and role, and a short one
HEIGHT_TOLERANCE = 3  # px


class _Quiet(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript",
                      ".json": "application/json"}

    def log_message(self, *args):
        pass


@contextmanager
def serve(directory: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def embed_code(out: Path, slug: str) -> str:
    """The embed code exactly as the actor page shows it."""
    page = BeautifulSoup((out / "actors" / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
    return page.find("textarea", class_="embed-code-text").get_text()


HOST = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A host site</title>
<link rel="icon" href="data:,">
<style>body{{font-family:serif;margin:2rem;max-width:60rem}} .col{{margin:1rem 0}}</style>
</head><body>
<h1>Someone else's article</h1>
<p>Text before the cards.</p>
<div class="col" id="c1">{one}</div>
<p>Text between the cards.</p>
<div class="col" id="c2">{two}</div>
<iframe id="foreign" src="{foreign}" title="foreign widget" width="200" height="60"></iframe>
<p>Text after the cards.</p>
</body></html>
"""

# A widget of another origin that tries to resize the host's card frames.
FOREIGN = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>foreign</title>
<link rel="icon" href="data:,"></head><body><p>foreign</p>
<script>
function spam() { parent.postMessage({type: "briefing:card-height", height: 999}, "*"); }
spam(); window.addEventListener("message", spam); setInterval(spam, 100);
</script></body></html>
"""


@pytest.fixture(scope="module")
def site_and_host(tmp_path_factory):
    """Our site built with SITEURL = its own server's origin, served; and a host page."""
    work = tmp_path_factory.mktemp("embed_site")
    out = work / "output"
    out.mkdir()
    host_dir = tmp_path_factory.mktemp("embed_host")
    with serve(out) as site_port, serve(host_dir) as host_port:
        siteurl = f"http://127.0.0.1:{site_port}"
        mp = pytest.MonkeyPatch()
        try:
            page = "---\ntitle: Cards\n---\nA card inside our own site:\n\n{{< actor olaf-scholz >}}\n"
            built = build_gold_site(work, mp, siteurl=siteurl, pages={"cards.md": page})
        finally:
            mp.undo()
        assert built == out
        # the foreign widget is served by the host server under another name: another origin
        foreign = f"http://localhost:{host_port}/foreign.html"
        (host_dir / "foreign.html").write_text(FOREIGN, encoding="utf-8")
        (host_dir / "index.html").write_text(
            HOST.format(one=embed_code(out, ACTORS[0]), two=embed_code(out, ACTORS[1]), foreign=foreign),
            encoding="utf-8")
        yield {"out": out, "siteurl": siteurl, "host": f"http://127.0.0.1:{host_port}/index.html",
               "origins": {siteurl, f"http://127.0.0.1:{host_port}", f"http://localhost:{host_port}"}}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def origin(url: str) -> str:
    u = urlsplit(url)
    return f"{u.scheme}://{u.netloc}"


def card_frames(page):
    return [page.locator(f'iframe[src$="/actors/{slug}/card.html"]') for slug in ACTORS]


def frame_state(page, count: int = len(ACTORS)) -> list[dict]:
    """Per card: the iframe's height on the host and its content's height inside."""
    out = []
    for loc in card_frames(page)[:count]:
        frame = loc.element_handle().content_frame()
        out.append({
            "outer": loc.evaluate("f => f.getBoundingClientRect().height"),
            "inner": frame.evaluate("() => document.documentElement.getBoundingClientRect().height"),
            "heading": frame.locator("h1").inner_text(),
        })
    return out


def fitted(states: list[dict]) -> bool:
    return all(abs(s["outer"] - s["inner"]) <= HEIGHT_TOLERANCE for s in states)


def wait_state(page, ok=fitted, timeout_s: float = 60) -> list[dict]:
    """The frames' state once ``ok`` holds for it (each card sized to its content by default).
    A condition, not a pause: on a busy machine the resize rounds take longer, never fewer;
    the bound only ends a test whose cards never get there."""
    import time

    deadline = time.monotonic() + timeout_s
    while True:
        states = frame_state(page)
        if ok(states) or time.monotonic() > deadline:
            return states
        page.wait_for_timeout(100)


def wait_sized(page, timeout=60_000):
    page.wait_for_function(
        """slugs => slugs.every(s => {
            const f = document.querySelector(`iframe[src$="/actors/${s}/card.html"]`);
            return f && f.style.height !== "";
        })""", arg=list(ACTORS), timeout=timeout)
    return wait_state(page)  # the last ResizeObserver round has settled


def test_two_cards_render_and_fit_their_content_on_another_origin(site_and_host, browser, tmp_path):
    env = site_and_host
    ctx = browser.new_context(viewport={"width": 900, "height": 1400})
    page = ctx.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.goto(env["host"])
    for loc in card_frames(page):
        loc.scroll_into_view_if_needed()
    states = wait_sized(page)
    assert [s["heading"] for s in states] == ["Olaf Scholz", "Pentagon"]
    for s in states:
        assert abs(s["outer"] - s["inner"]) <= HEIGHT_TOLERANCE, states
    assert states[0]["inner"] != states[1]["inner"], "two different cards, two different heights"
    for s, loc in zip(states, card_frames(page)):
        # sized by the card's own message (embed.js sets its ceil'd height) ...
        assert loc.evaluate("f => f.style.height") == f"{math.ceil(s['inner'])}px"
        # ... and the build's fallback height was close, erring on the tall side
        assert s["inner"] - HEIGHT_TOLERANCE <= int(loc.get_attribute("height")) <= s["inner"] + 80, s
    # the plain-link fallback gives way to the loaded card
    assert page.locator("blockquote.briefing-embed").evaluate_all("qs => qs.map(q => q.hidden)") == [True, True]

    shots = Path(os.environ.get("EMBED_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "embed-host-light.png"), full_page=True)

    # narrow host: the cards reflow and are resized again (280 px wide frames)
    page.set_viewport_size({"width": 344, "height": 1400})
    narrow = wait_state(page, lambda st: st[0]["inner"] > states[0]["inner"] and fitted(st))
    assert narrow[0]["inner"] > states[0]["inner"]
    for s, loc in zip(narrow, card_frames(page)):
        assert abs(s["outer"] - s["inner"]) <= HEIGHT_TOLERANCE, narrow
        assert 270 <= loc.evaluate("f => f.getBoundingClientRect().width") <= 300
        overflow = loc.element_handle().content_frame().evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow == 0, "the card fits 280 px without horizontal scrolling"
    page.screenshot(path=str(shots / "embed-host-narrow.png"), full_page=True)
    page.set_viewport_size({"width": 900, "height": 1400})
    states = wait_state(page, lambda st: st[0]["inner"] < narrow[0]["inner"] and fitted(st))

    # a foreign origin keeps posting "height: 999": nothing moves
    page.wait_for_timeout(600)
    assert [round(s["outer"]) for s in frame_state(page)] == [round(s["outer"]) for s in states]
    # nor does a message from the host page itself (same window, not a card frame)
    page.evaluate("""() => window.postMessage({type: "briefing:card-height", height: 777}, "*")""")
    # nor a foreign page loaded *inside* a card frame (right event.source, wrong origin)
    foreign = next(u for u in requests if u.endswith("/foreign.html"))
    page.locator("iframe#foreign").evaluate("f => f.remove()")
    card2 = card_frames(page)[1]
    before = card2.evaluate("f => f.getBoundingClientRect().height")
    card2.evaluate("(f, url) => { f.contentWindow.location = url; }", foreign)
    page.wait_for_timeout(800)
    assert card2.evaluate("f => f.getBoundingClientRect().height") == before
    assert card_frames(page)[0].evaluate("f => f.getBoundingClientRect().height") == states[0]["outer"]

    assert not errors, errors
    outside = sorted({u for u in requests if origin(u) not in env["origins"]})
    assert not outside, outside
    assert any(u.endswith("/embed.js") for u in requests)
    assert ctx.cookies() == [], "cards set no cookies"
    ctx.close()


def test_card_follows_dark_preference_and_link_opens_the_actor_page_on_top(site_and_host, browser, tmp_path):
    env = site_and_host
    ctx = browser.new_context(viewport={"width": 900, "height": 1400}, color_scheme="dark")
    page = ctx.new_page()
    page.goto(env["host"])
    for loc in card_frames(page):
        loc.scroll_into_view_if_needed()
    wait_sized(page)
    frame = card_frames(page)[0].element_handle().content_frame()
    bg = frame.evaluate("() => getComputedStyle(document.documentElement).backgroundColor")
    assert bg == "rgb(23, 25, 29)"
    shots = Path(os.environ.get("EMBED_SCREENSHOTS", tmp_path))
    page.screenshot(path=str(shots / "embed-host-dark.png"), full_page=True)
    link = frame.locator("a")
    link.focus()
    assert frame.evaluate("() => document.activeElement.tagName") == "A"
    with page.expect_navigation():
        link.click()
    assert page.url == env["siteurl"] + "/actors/olaf-scholz/"
    ctx.close()


def test_oembed_discovery_link_resolves(site_and_host, browser):
    env = site_and_host
    ctx = browser.new_context()
    page = ctx.new_page()
    for slug in ACTORS:
        page.goto(f"{env['siteurl']}/actors/{slug}/")
        href = page.locator('link[rel="alternate"][type="application/json+oembed"]').get_attribute("href")
        assert href == f"{env['siteurl']}/oembed/actors/{slug}.json"
        resp = page.request.get(href)
        assert resp.ok
        data = json.loads(resp.text())
        assert data["version"] == "1.0" and data["type"] == "rich"
        assert f'src="{env["siteurl"]}/actors/{slug}/card.html"' in data["html"]
        assert page.request.get(f"{env['siteurl']}/actors/{slug}/card.html").ok
    ctx.close()


def test_copy_button_copies_the_embed_code(site_and_host, browser):
    ctx = browser.new_context()
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    page = ctx.new_page()
    page.goto(f"{site_and_host['siteurl']}/actors/olaf-scholz/")
    button = page.locator("button[data-copy]")
    button.click()
    page.wait_for_function("() => document.querySelector('.copy-status').textContent !== ''")
    assert page.locator(".copy-status").inner_text() == "Copied."
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("textarea.embed-code-text").input_value()
    ctx.close()


def test_in_site_shortcode_card_is_sized_on_our_own_pages(site_and_host, browser):
    """The same-origin card (sandboxed without allow-same-origin, so its messages come from
    the opaque origin "null") is sized by embed.js on our own page."""
    ctx = browser.new_context(viewport={"width": 900, "height": 1400})
    page = ctx.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.goto(f"{site_and_host['siteurl']}/cards/")
    frame = page.locator('iframe[src$="/actors/olaf-scholz/card.html"]')
    page.wait_for_function("() => document.querySelector('iframe.briefing-card').style.height !== ''")
    outer = frame.evaluate("f => f.getBoundingClientRect().height")
    inner = frame.element_handle().content_frame().evaluate("() => document.documentElement.getBoundingClientRect().height")
    assert abs(outer - inner) <= HEIGHT_TOLERANCE and outer != 320
    assert not [e for e in errors if "sandbox" in e.lower() or "card" in e.lower()], errors
    ctx.close()


def test_card_is_valid_html_and_accessible(site_and_host, browser):
    """The quality gates over two cards: the W3C checker, and axe (WCAG 2.x A/AA) both on the
    card page itself and on the host page with the cards inside their frames."""
    from axe_playwright_python.sync_playwright import Axe

    gatelib = pytest.importorskip("gatelib")
    out = site_and_host["out"]
    assert gatelib.check_html_validity(out, [out / "actors" / slug / "card.html" for slug in ACTORS]) == []
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
    ctx = browser.new_context()
    page = ctx.new_page()
    problems = []
    for url in [f"{site_and_host['siteurl']}/actors/{slug}/card.html" for slug in ACTORS] + [site_and_host["host"]]:
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            page.goto(url)
            if url == site_and_host["host"]:
                for loc in card_frames(page):
                    loc.scroll_into_view_if_needed()
                wait_sized(page)
            result = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]})
            problems += [f"{url} ({scheme}): {v['id']}: {[n['target'] for n in v['nodes']]}"
                         for v in result.response.get("violations", [])]
    ctx.close()
    assert problems == []
