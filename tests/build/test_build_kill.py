"""Faults: a real `briefing build` killed with SIGKILL (the OOM killer, a power cut of the
process) at a few points of its work. Each kill leaves output/ byte-identical (same files,
same bytes, same mtimes), and the next build gives the same tree as a clean build.

The build runs as the console command does (`briefing.cli.main()` with sys.argv set, in a
new process session); a small wrapper patches one function of the build so that, at the
chosen point, the build sends SIGKILL to its whole process group (extraction and render
workers included). The points are reached by the code itself, not by a timer, so the test
kills at the same place on an idle and on a busy machine.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS, build, copy_site

pytestmark = pytest.mark.build

SEED_000 = "000_6cbe2b0db47753c0.txt"
SEED_003 = "003_24b412df9d0e1fe6.txt"
NEW_SEED = "zz-new-article.md"
NEW_TEXT = """---
title: Port authority approves a new ferry terminal
date: 2026-03-02
publisher: The Harbour Gazette
---

The port authority approved a new ferry terminal on Monday after a two-year review,
its chair, Miriam Holloway, told reporters.

"This terminal will carry twice the passengers of the old one," Holloway said at the
meeting. Construction is to begin in the spring.

Residents of the waterfront district had asked for a noise study, and the authority's
engineer, Tobias Renner, said one would be published before work starts.
"""

# The wrapper: run `briefing build` as the console script does, killing the process group
# at POINT. Each point wraps one function of the build and kills when it is reached.
WRAPPER = r'''
import os, signal, sys

point = sys.argv[1]


def kill():
    sys.stderr.flush()
    os.killpg(os.getpgid(0), signal.SIGKILL)


if point == "extract":  # the first of two new extractions was stored, the second is pending
    from briefing.build import cache

    real_put = cache.ExtractionCache.put

    def put(self, key, value):
        real_put(self, key, value)
        if type(self) is cache.ExtractionCache:
            kill()

    cache.ExtractionCache.put = put
elif point == "render":  # some pages of the new site are written into the build folder
    from briefing.render import memo

    real_write_page = memo.write_page
    calls = [0]

    def write_page(*args, **kwargs):
        real_write_page(*args, **kwargs)
        calls[0] += 1
        if calls[0] == 3:
            kill()

    memo.write_page = write_page
elif point == "sync":  # the whole new site is rendered; output/ is about to be updated
    from briefing.build import run as build

    def sync_tree(*args, **kwargs):
        kill()

    build.sync_tree = sync_tree
elif point == "mid-sync":  # the sync has moved one changed file into output/, not the others
    import types

    from briefing.build import sync

    real_replace = os.replace

    def replace(*args, **kwargs):
        real_replace(*args, **kwargs)
        kill()

    sync.os = types.SimpleNamespace(**{n: getattr(os, n) for n in dir(os) if not n.startswith("__")})
    sync.os.replace = replace
elif point == "manifest":  # output/ is synced; the build's manifest and memo are not yet saved
    from briefing.build import run as build

    def write_manifest(*args, **kwargs):
        kill()

    build._write_manifest = write_manifest
else:
    raise SystemExit(f"unknown point {point}")

from briefing.cli import main

sys.argv = ["briefing", "build"]
main()
'''


def tree(out: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every path under out: its bytes (None for a folder) and its mtime."""
    snap = {}
    for p in sorted(out.rglob("*")):
        snap[p.relative_to(out).as_posix()] = (None if p.is_dir() else p.read_bytes(), p.stat().st_mtime_ns)
    return snap


def contents(out: Path) -> dict[str, bytes | None]:
    return {k: v[0] for k, v in tree(out).items()}


def run_killed(site: Path, point: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(site / "plugins"))
    return subprocess.run([sys.executable, "-c", WRAPPER, point], cwd=site, env=env, capture_output=True,
                          text=True, timeout=600, start_new_session=True)


def _edit(site: Path) -> None:
    """Changes that reach every stage: an edited seed (one extraction, its pages rendered),
    a new seed (a second extraction, new pages), a deleted seed (pages removed by the sync)."""
    seed = site / "seeds" / SEED_003
    lines = seed.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines.insert(len(lines) - 1, "A spokesperson said the talks would resume in Geneva next week.\n")
    seed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (site / "seeds" / NEW_SEED).write_text(NEW_TEXT, encoding="utf-8")
    (site / "seeds" / SEED_000).unlink()


def test_a_build_killed_at_any_stage_leaves_output_as_it_was(tmp_path):
    site = copy_site(_mkdir(tmp_path / "site"), seeds=[SEEDS / SEED_000, SEEDS / SEED_003])
    out = build(site)
    _edit(site)
    before = tree(out)
    assert before

    for point in ("extract", "render", "sync"):
        killed = run_killed(site, point)
        assert killed.returncode == -signal.SIGKILL, (point, killed.returncode, killed.stderr[-2000:])
        assert tree(out) == before, f"output/ changed by a build killed at {point}"
        leftovers = [p.name for p in site.iterdir() if p.name.startswith(".build-")]
        assert leftovers, f"killed at {point}: the build folder is left behind (removed by the next build)"

    # Killed inside the sync, between two file moves: output/ is then part old, part new
    # (the sync moves files one by one; it is not one atomic swap of the folder) ...
    killed = run_killed(site, "mid-sync")
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert tree(out) != before
    # ... and killed after the sync: output/ is the new site, its manifest and memo the old ones
    killed = run_killed(site, "manifest")
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]

    after = build(site)  # the next build, after five killed ones
    assert not [p.name for p in site.iterdir() if p.name.startswith(".build-")]
    clean_site = copy_site(_mkdir(tmp_path / "clean"), seeds=sorted((site / "seeds").iterdir()))
    clean = build(clean_site)
    assert contents(after) == contents(clean)


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path
