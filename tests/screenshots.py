"""Screenshots of the built site with headless Chromium, for looking at the design.

    .venv/bin/python tests/screenshots.py [OUTPUT_DIR] [--dark]

Serves OUTPUT_DIR (default: output/, built first with `briefing build` when missing) on a
local port and writes full-page PNGs into screenshots/ (git-ignored): home, a briefing, the
actor directory, an actor page, an actor card, the timeline — each at 390 px and 1280 px —
plus the print view of each briefing (print media emulated, PNG) and its PDF
(screenshots/briefingN-print.pdf, A4) with its page count printed.
"""
from __future__ import annotations

import functools
import http.server
import json
import re
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "screenshots"
WIDTHS = (390, 1280)
MAX_HEIGHT = 12000  # px: longer pages are shot down to here
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the console for results
        pass


def pick_pages(out: Path) -> dict[str, str]:
    """name → path of the pages to shoot (chosen from what the build wrote)."""
    pages = {"home": "/", "timeline": "/timeline/"}
    if (out / "briefings" / "index.html").exists():
        pages["all-briefings"] = "/briefings/"
    briefings = sorted(p.parent.name for p in (out / "briefings").glob("*/index.html"))
    for k, slug in enumerate(briefings[:4], 1):
        pages[f"briefing{k}"] = f"/briefings/{slug}/"
    if (out / "actors" / "index.html").exists():
        pages["actors"] = "/actors/"
    actors = sorted(p.parent.name for p in (out / "actors").glob("*/index.html")) if (out / "actors").exists() else []
    best = None
    for slug in actors:  # the actor with the most quotes makes the richest page
        api = out / "api" / "actors" / f"{slug}.json"
        n = len(json.loads(api.read_text()).get("quotes", [])) if api.exists() else 0
        if best is None or n > best[0]:
            best = (n, slug)
    if best:
        pages["actor"] = f"/actors/{best[1]}/"
        if (out / "actors" / best[1] / "card.html").exists():
            pages["card"] = f"/actors/{best[1]}/card.html"
    return pages


def pdf_pages(pdf: bytes) -> int:
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    return max(counts) if counts else len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def shoot(out: Path, dark: bool = False) -> dict:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    httpd, base = serve(out)
    pages = pick_pages(out)
    report: dict = {"pages": pages, "files": []}
    scheme = "dark" if dark else "light"
    suffix = "-dark" if dark else ""
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for width in WIDTHS:
                ctx = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                          device_scale_factor=1)
                page = ctx.new_page()
                for name, path in pages.items():
                    page.goto(base + path, wait_until="load")
                    f = SHOTS / f"{name}-{width}{suffix}.png"
                    height = page.evaluate("document.documentElement.scrollHeight")
                    if height > MAX_HEIGHT:  # a large site's list pages: their top is what a reader sees
                        page.screenshot(path=str(f), clip={"x": 0, "y": 0, "width": width, "height": MAX_HEIGHT},
                                        full_page=True)
                    else:
                        page.screenshot(path=str(f), full_page=True)
                    sw = page.evaluate("document.documentElement.scrollWidth")
                    report["files"].append((f.name, sw))
                ctx.close()
            ctx = browser.new_context(viewport={"width": 794, "height": 1123})
            page = ctx.new_page()
            report["print_pages"] = {}
            for name in [n for n in pages if n.startswith("briefing")]:
                page.goto(base + pages[name], wait_until="load")
                page.emulate_media(media="print")
                page.screenshot(path=str(SHOTS / f"{name}-print.png"), full_page=True)
                pdf = page.pdf(format="A4", print_background=False)
                (SHOTS / f"{name}-print.pdf").write_bytes(pdf)
                report["print_pages"][name] = pdf_pages(pdf)
                page.emulate_media(media="screen")
            ctx.close()
            browser.close()
    finally:
        httpd.shutdown()
    return report


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    out = Path(args[0]) if args else ROOT / "output"
    if not (out / "index.html").exists():
        subprocess.run([str(ROOT / ".venv" / "bin" / "briefing"), "build"], cwd=ROOT, check=True)
    report = shoot(out, dark="--dark" in argv)
    for name, sw in report["files"]:
        print(f"{name}: scrollWidth {sw}")
    for name, n in report.get("print_pages", {}).items():
        print(f"{name}-print.pdf: {n} A4 page(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
