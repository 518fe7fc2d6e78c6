"""Static full-text search: the Pagefind index over the built output.

Runs once at the end of the Pelican build (``finalized`` signal), over the whole output.
Only pages marked ``data-pagefind-body`` (briefings and actor pages) are indexed; the
bundle goes to ``pagefind/`` and is loaded by theme/static/js/search.js only when a
reader uses the search box.
"""
from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from . import settings as bsettings

log = logging.getLogger("briefing")

BUNDLE_DIR = "pagefind"


def pagefind_command(site_dir: str) -> list[str]:
    try:
        from pagefind.service import _must_get_executable

        exe = [str(_must_get_executable().resolve())]
    except Exception:  # fall back to the module entry point
        exe = [sys.executable, "-m", "pagefind"]
    return [*exe, "--site", site_dir, "--output-subdir", BUNDLE_DIR, "--force-language", "en", "--silent"]


def build_index(site_dir: str) -> bool:
    """Index site_dir in place. Logs one warning line (not an error) when Pagefind fails:
    search is then missing but every page still reads."""
    if not Path(site_dir).is_dir():
        return False
    try:
        proc = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, timeout=300)
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
