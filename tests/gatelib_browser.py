"""Browser quality gates: axe-core accessibility, reading without JavaScript, JavaScript on
the wire, CSP violations at run time. One local HTTP server and one Chromium per SiteBrowser.

Like gatelib, each gate takes the output directory (and optionally an open SiteBrowser to
share one Chromium between gates) and returns a list of problems.
"""
from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from gatelib import JS_BUDGET, SEARCH_BUNDLE, html_pages

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
KINDS = ("home", "briefing", "actor", "directory", "card")


class _Quiet(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json"}

    def log_message(self, *args):  # keep test output clean
        pass


def key_pages(out: Path) -> dict[str, str | None]:
    """One page of each kind (the largest, for coverage), as paths relative to out."""
    out = Path(out)

    def largest(pattern: str, exclude: tuple[str, ...] = ()) -> str | None:
        files = [p for p in out.glob(pattern) if p.relative_to(out).as_posix() not in exclude]
        if not files:
            return None
        best = max(files, key=lambda p: (p.stat().st_size, p.as_posix()))
        return best.relative_to(out).as_posix()

    return {
        "home": "index.html" if (out / "index.html").is_file() else None,
        "briefing": largest("briefings/*/index.html"),
        "actor": largest("actors/*/index.html"),
        "directory": "actors/index.html" if (out / "actors/index.html").is_file() else None,
        "card": largest("actors/*/card.html"),
    }


def sample_pages(out: Path, per_group: int = 5) -> list[str]:
    """All top-level pages, but at most per_group of each deeper kind (same top folder and
    file name: actor pages, cards, briefings), so
    browser gates stay fast on a big site; the largest page of each kind is always in."""
    out = Path(out)
    groups: dict[tuple[str, str], list[Path]] = {}
    for p in html_pages(out):
        parts = p.relative_to(out).parts
        key = (parts[0], "*", p.name) if len(parts) > 2 else parts  # top-level pages: all of them
        groups.setdefault(key, []).append(p)
    chosen = []
    for files in groups.values():
        largest = max(files, key=lambda p: (p.stat().st_size, p.as_posix()))
        chosen += sorted(set(files[: per_group - 1]) | {largest})
    return sorted(p.relative_to(out).as_posix() for p in chosen)


class SiteBrowser:
    """Serves out over http://127.0.0.1:<port>/ and drives one headless Chromium."""

    def __init__(self, out: Path):
        self.out = Path(out)

    def __enter__(self) -> "SiteBrowser":
        from playwright.sync_api import sync_playwright

        handler = functools.partial(_Quiet, directory=str(self.out))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        self._contexts: dict = {}
        return self

    def __exit__(self, *exc) -> None:
        self.browser.close()
        self._pw.stop()
        self.server.shutdown()
        self.server.server_close()

    def url(self, rel: str) -> str:
        return self.base + rel.removesuffix("index.html")

    @contextmanager
    def page(self, rel: str, js: bool = True, events: dict | None = None, bypass_csp: bool = False,
             fresh: bool = False, mobile: bool = False):
        """An open page; events (if given) collects console errors, page errors, requests and
        dialogs. Pages share one context per mode (faster) unless fresh (empty cache).
        mobile: a 375 px wide viewport in dark mode."""
        key = (js, bypass_csp, mobile)
        extra = {"viewport": {"width": 375, "height": 740}, "color_scheme": "dark"} if mobile else {}
        if fresh or key not in self._contexts:
            ctx = self.browser.new_context(java_script_enabled=js, bypass_csp=bypass_csp, **extra)
            if not fresh:
                self._contexts[key] = ctx
        else:
            ctx = self._contexts[key]
        page = ctx.new_page()
        if events is not None:
            for k in ("console", "errors", "requests", "failed", "dialogs"):
                events.setdefault(k, [])
            page.on("console", lambda m: m.type in ("error", "warning") and events["console"].append(m.text))
            page.on("pageerror", lambda e: events["errors"].append(str(e)))
            page.on("request", lambda r: events["requests"].append(r))
            page.on("response", lambda r: r.status >= 400 and events["failed"].append(f"{r.status} {r.url}"))
            page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
        try:
            page.goto(self.url(rel), wait_until="load")
            yield page
        finally:
            page.close()
            if fresh:
                ctx.close()


@contextmanager
def _browser(out: Path, browser: SiteBrowser | None):
    if browser is not None:
        yield browser
    else:
        with SiteBrowser(out) as b:
            yield b


def check_a11y(out: Path, pages: list[str], browser: SiteBrowser | None = None, mobile: bool = False) -> list[str]:
    """axe-core with the WCAG 2.0/2.1/2.2 A and AA tags: every violation is a problem.
    mobile: on a 375 px wide viewport in dark mode instead of the desktop light default."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    problems = []
    with _browser(out, browser) as b:
        for rel in pages:
            with b.page(rel, mobile=mobile) as page:
                results = axe.run(page, options=options)
            for v in results.response.get("violations", []):
                targets = [" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])]
                problems.append(f"{rel}{' (mobile, dark)' if mobile else ''}: axe {v['id']} ({v.get('impact')}): {v.get('help')} — "
                                f"{len(targets)} node(s): {'; '.join(targets[:3])}")
    return problems


def check_no_js(out: Path, pages: list[str] | None = None, browser: SiteBrowser | None = None) -> list[str]:
    """With JavaScript disabled, every page shows its headline and its main content."""
    out = Path(out)
    pages = pages if pages is not None else sample_pages(out)
    problems = []
    with _browser(out, browser) as b:
        for rel in pages:
            with b.page(rel, js=False) as page:
                main = page.locator("main").first if page.locator("main").count() else page.locator("body")
                if not main.is_visible():
                    problems.append(f"{rel}: main content is not visible without JavaScript")
                    continue
                if not main.inner_text().strip():
                    problems.append(f"{rel}: main content is empty without JavaScript")
                heads = page.locator("h1")
                if heads.count() and not heads.first.is_visible():
                    problems.append(f"{rel}: the headline (h1) is not visible without JavaScript")
                if not heads.count() and not page.locator("h2, h3, [role=heading]").count() and "card" not in rel:
                    problems.append(f"{rel}: no headline")
    return problems


def check_runtime(out: Path, pages: list[str], browser: SiteBrowser | None = None, js_budget: int = JS_BUDGET) -> list[str]:
    """Loaded with JavaScript on: JS bytes fetched (search bundle excluded) ≤ js_budget, the
    search bundle not fetched before use, no CSP violation, no script error, no 404."""
    problems = []
    with _browser(out, browser) as b:
        for rel in pages:
            ev: dict = {}
            with b.page(rel, events=ev, fresh=True) as page:
                page.wait_for_load_state("networkidle")
                js = 0
                for req in ev["requests"]:
                    path = req.url.removeprefix(b.base).split("?")[0]
                    if req.url.startswith(b.base) and path.startswith(SEARCH_BUNDLE):
                        problems.append(f"{rel}: search bundle fetched before use: {path}")
                    elif req.resource_type == "script":
                        resp = req.response()
                        js += len(resp.body()) if resp else 0
                    if not req.url.startswith((b.base, "data:", "about:")):
                        problems.append(f"{rel}: request to another origin: {req.url[:80]}")
            if js > js_budget:
                problems.append(f"{rel}: {js} bytes of JavaScript fetched > {js_budget} budget")
            problems += [f"{rel}: console: {m[:160]}" for m in ev["console"]
                         if "Content Security Policy" in m or "Refused to" in m]
            problems += [f"{rel}: script error: {e[:160]}" for e in ev["errors"]]
            problems += [f"{rel}: failed request {f}" for f in ev["failed"]]
    return problems


_INJECTED_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.getAttributeNames()) {
      if (a.toLowerCase().startsWith('on')) out.push('<' + el.localName + ' ' + a + '>');
    }
  }
  for (const s of document.querySelectorAll('script')) {
    const t = (s.type || '').toLowerCase();
    if (t === 'application/ld+json' || t === 'application/json') continue;
    if (!s.src && s.textContent.includes(MARKER)) out.push('inline <script> with ' + MARKER);
  }
  for (const a of document.querySelectorAll('a[href], iframe[src], form[action]')) {
    const u = (a.getAttribute('href') || a.getAttribute('src') || a.getAttribute('action') || '').trim().toLowerCase();
    if (u.startsWith('javascript:') || u.startsWith('data:')) out.push('<' + a.localName + '> to ' + u.slice(0, 40));
  }
  return out;
}"""


def check_injection(out: Path, pages: list[str], browser: SiteBrowser | None = None, marker: str = "alert(") -> list[str]:
    """Escaping checked by the browser's own HTML parser, with the CSP switched off so that
    it does not hide an escaping bug: no dialog opens, no element has an event-handler
    attribute, no executable inline script contains marker, no javascript:/data: link."""
    problems = []
    with _browser(out, browser) as b:
        for rel in pages:
            ev: dict = {}
            with b.page(rel, events=ev, bypass_csp=True) as page:  # "load" waits for img errors
                found = page.evaluate(_INJECTED_JS.replace("MARKER", repr(marker)))
            problems += [f"{rel}: {f}" for f in found]
            problems += [f"{rel}: a dialog opened: {m!r}" for m in ev["dialogs"]]
    return problems


def check_search_on_use(out: Path, rel: str, query: str, browser: SiteBrowser | None = None,
                        input_selector: str = "input[type=search]", timeout_ms: int = 60000) -> list[str]:
    """The search bundle is fetched only once the reader types, then it works under the
    page's CSP: results appear, no CSP refusal, no script error."""
    problems = []
    with _browser(out, browser) as b:
        ev: dict = {}
        with b.page(rel, events=ev, fresh=True) as page:
            page.wait_for_load_state("networkidle")
            if any(req.url.startswith(b.base + SEARCH_BUNDLE[0]) for req in ev["requests"]):
                problems.append(f"{rel}: search bundle fetched before the reader typed")
            box = page.locator(input_selector).first
            if not box.count():
                return [f"{rel}: no search input ({input_selector})"]
            box.fill(query)
            try:
                page.wait_for_function(
                    """() => [...document.querySelectorAll('.search-results, [role=region][aria-live]')]
                           .some(el => !el.hidden && el.querySelector("a[href]"))""", timeout=timeout_ms)
            except Exception:  # noqa: BLE001 - playwright's TimeoutError
                problems.append(f"{rel}: no search result links appeared for {query!r}")
            if not any(req.url.startswith(b.base + SEARCH_BUNDLE[0]) for req in ev["requests"]):
                problems.append(f"{rel}: typing a query did not load the search bundle")
        problems += [f"{rel}: console: {m[:160]}" for m in ev["console"]]
        problems += [f"{rel}: script error: {e[:160]}" for e in ev["errors"]]
        problems += [f"{rel}: failed request {f}" for f in ev["failed"]]
    return problems
