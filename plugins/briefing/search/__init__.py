"""Static full-text search: the Pagefind index over the built output.

Runs once at the end of the Pelican build (``finalized`` signal), over the whole output:
the pages written by this build and the pages the render memo kept from the previous
output (``memo.output_files``). Only pages marked ``data-pagefind-body`` (briefings and
actor pages) are indexed; the bundle goes to ``pagefind/`` and is loaded by
theme/static/js/search.js only when a reader uses the search box.
"""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import settings as bsettings

log = logging.getLogger("briefing")

BUNDLE_DIR = "pagefind"


def pagefind_command(site_dir: str, output_path: str | None = None) -> list[str]:
    try:
        from pagefind.service import _must_get_executable

        exe = [str(_must_get_executable().resolve())]
    except Exception:  # fall back to the module entry point
        exe = [sys.executable, "-m", "pagefind"]
    out = ["--output-path", output_path] if output_path else ["--output-subdir", BUNDLE_DIR]
    return [*exe, "--site", site_dir, *out, "--force-language", "en", "--silent"]


def _pages_view(site_dir: str, into: str) -> None:
    """A folder holding every HTML page of this build's output (links, not copies): pages
    kept from the previous output live in it, not in the build folder."""
    from .render import memo

    for rel, src in memo.output_files(site_dir).items():
        if not rel.endswith(".html") or rel.startswith(BUNDLE_DIR + "/"):
            continue
        dst = os.path.join(into, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        try:
            os.link(src, dst)
        except OSError:  # another file system
            shutil.copyfile(src, dst)


def build_index(site_dir: str) -> bool:
    """Index site_dir in place. Logs one warning line (not an error) when Pagefind fails:
    search is then missing but every page still reads."""
    from .render import memo

    if not Path(site_dir).is_dir():
        return False
    if memo.kept:  # some pages are in the previous output: index a view of the whole site
        with tempfile.TemporaryDirectory(prefix=".pages-", dir=site_dir) as view:
            _pages_view(site_dir, view)
            return _run(pagefind_command(view, os.path.join(site_dir, BUNDLE_DIR)))
    return _run(pagefind_command(site_dir))


def _run(cmd: list[str]) -> bool:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("briefing: search index not built: %s", exc)
        return False
    if proc.returncode != 0:
        msg = (proc.stderr or proc.stdout or "").strip().splitlines()
        log.warning("briefing: search index not built: %s", msg[-1] if msg else f"exit {proc.returncode}")
        return False
    return True


def on_finalized(pelican) -> None:
    if bsettings.get(pelican.settings, "BRIEFING_SEARCH"):
        build_index(pelican.output_path)
