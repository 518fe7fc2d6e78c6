"""Static full-text search: Pagefind bundles over the built output, rebuilt only where the
indexed text changed.

Runs once at the end of the Pelican build (``finalized`` signal), over the whole output:
the pages written by this build and the pages the render memo kept from the previous output
(``memo.output_files``). Only pages marked ``data-pagefind-body`` (briefings and actor pages)
are indexed. They are split into shards (``shards.py``); each shard is one Pagefind bundle:
shard 0 in ``pagefind/`` with Pagefind's JS and WebAssembly, shard i in ``pagefind/s<i>/``,
listed in ``pagefind/shards.json``. theme/static/js/search.js loads the primary bundle when a
reader first types and merges the others (``mergeIndex``: they share the primary's
WebAssembly). A shard whose pages' indexed markup did not change (``pages.page_key``) is kept
from the previous output (``memo.keep``); the others are indexed again (one Pagefind process
each, in parallel, over the shard's folder of page views: ``views.py``). The result is the
same bytes as indexing everything afresh.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import settings as bsettings
from .pages import page_key, page_view
from .shards import shard_count, shard_dir, shard_key, split
from . import views as view_folders

log = logging.getLogger("briefing")

BUNDLE_DIR = "pagefind"
SHARDS_FILE = "shards.json"
_RUNTIME = ("pagefind.js", "pagefind-worker.js")  # + wasm.<lang>.pagefind, primary only
_INDEX_DIRS = ("index", "fragment", "filter")


def pagefind_executable() -> str | None:
    """The Pagefind binary, looked up as the pagefind package does (PAGEFIND_BINARY_PATH, the
    binary wheels, then PATH) without importing its asyncio service (~0.2 s, in a build
    that waits for the index)."""
    env = os.getenv("PAGEFIND_BINARY_PATH")
    if env:
        return env
    for name in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            return str(importlib.import_module(name).get_executable().resolve())
        except Exception:  # noqa: BLE001 - not installed, or no binary for this platform
            continue
    return shutil.which("pagefind_extended") or shutil.which("pagefind")


def pagefind_command(site_dir: str, output_path: str | None = None) -> list[str]:
    exe_path = pagefind_executable()
    exe = [exe_path] if exe_path else [sys.executable, "-m", "pagefind"]  # the module entry point
    out = ["--output-path", output_path] if output_path else ["--output-subdir", BUNDLE_DIR]
    return [*exe, "--site", site_dir, *out, "--force-language", "en", "--silent"]


def pagefind_version() -> str:
    from importlib import metadata

    for dist in ("pagefind_bin_extended", "pagefind_bin", "pagefind"):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return "unknown"


def _state_key() -> str:
    """Where this module keeps its state across builds (``memo.keep_value``): a key of the
    code that makes views and bundles (this package, Pagefind's version), not of the whole
    site's code — pages kept byte for byte after a code change keep their bundles too."""
    h = hashlib.sha256(f"search-state\0{pagefind_version()}\0".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.read_bytes())
    return "search:" + h.hexdigest()


def build_index(site_dir: str, per_shard: int | None = None, shards: int | None = None,
                files: dict | None = None, kept: dict | None = None) -> bool:
    """Index the output being built in ``site_dir``. Logs one warning line (not an error)
    when Pagefind fails: search is then missing but every page still reads.

    ``files``/``kept``: memo.output_files(site_dir) and memo.kept taken by the caller (a
    snapshot, when the index is built while other files are still being written)."""
    from ..render import memo

    if not Path(site_dir).is_dir():
        return False
    per_shard = per_shard or bsettings.DEFAULTS["BRIEFING_SEARCH_SHARD_PAGES"]
    state_fp = _state_key() if memo.active() else None
    prev = memo.cached_value(state_fp)
    prev = prev if isinstance(prev, dict) else {}
    if files is None:
        files = memo.output_files(site_dir)
    keys, page_state, views = _page_keys(files, memo.kept if kept is None else kept, prev.get("pages") or {})
    if not memo.active():  # writing over an old output folder: no stale bundle files
        shutil.rmtree(Path(site_dir, BUNDLE_DIR), ignore_errors=True)
    if not keys:  # no page is marked for search: no bundle (search.js says search is unavailable)
        memo.keep_value(state_fp, {"pages": page_state, "shards": {}})
        return True
    parts = split(keys, shard_count(len(keys), per_shard, shards))
    config = f"{pagefind_version()}\0en"
    prev_shards = prev.get("shards") or {}
    done: dict[str, list] = {}
    todo = []
    for i, pages in enumerate(parts):
        d, key = shard_dir(i), shard_key(pages, i, len(parts), config)
        old = prev_shards.get(d)
        if old and old[0] == key and _keep_all(memo, old[1]):
            done[d] = old
        else:
            todo.append((i, d, key, pages))
    ok = True
    root = view_folders.cache_root(memo)
    if root is not None:
        view_folders.remove_other_shards(root, len(parts))
    if todo:
        with tempfile.TemporaryDirectory(prefix=".search-", dir=site_dir) as tmp:
            where = Path(root or tmp)

            def index(job):
                return _index_shard(site_dir, tmp, where, files, views, *job)

            with ThreadPoolExecutor(max_workers=max(1, min(len(todo), os.cpu_count() or 1))) as pool:
                results = list(pool.map(index, todo))
        errors = [made for made in results if isinstance(made, str)]
        for (i, d, key, _), made in zip(todo, results):
            if not isinstance(made, str):
                done[d] = [key, made]
        if errors:
            ok = False
            more = f" ({len(errors)} of {len(parts)} parts)" if len(parts) > 1 else ""
            log.warning("briefing: search index not built: %s%s", errors[0], more)
    # tag: names this version of the index, so browsers may cache each bundle's entry file
    # (Pagefind's metaCacheTag; without it every search session refetches them)
    tag = hashlib.sha256(json.dumps([[d, done[d][0]] for d in sorted(done)]).encode()).hexdigest()[:16]
    listing = json.dumps({"shards": [shard_dir(i) for i in range(1, len(parts)) if shard_dir(i) in done], "tag": tag},
                         separators=(",", ":")) + "\n"
    memo.write_text(site_dir, f"{BUNDLE_DIR}/{SHARDS_FILE}", listing)
    memo.keep_value(state_fp, {"pages": page_state, "shards": {d: done[d] for d in sorted(done)}})
    return ok


def _page_keys(files: dict[str, Path], kept: dict, prev_pages: dict) -> tuple[dict, dict, dict]:
    """{rel: key} of the indexed pages, {rel: [size, key]} of every HTML page (kept pages:
    the key the previous build computed from the same bytes; others: read) and {rel: view}
    of the pages read."""
    keys: dict[str, str] = {}
    state: dict[str, list] = {}
    views: dict[str, bytes] = {}
    for rel, path in files.items():
        if not rel.endswith(".html") or rel.startswith(BUNDLE_DIR + "/"):
            continue
        st, old = kept.get(rel), prev_pages.get(rel)
        if st is not None and old is not None and old[0] == st[0]:
            size, key = old
        else:
            try:
                data = path.read_bytes()
            except OSError:
                continue
            view = page_view(data)
            size, key = len(data), page_key(rel, view)
            if view is not None:
                views[rel] = view
        state[rel] = [size, key]
        if key is not None:
            keys[rel] = key
    return keys, state, views


def _keep_all(memo, rels: list[str]) -> bool:
    for n, rel in enumerate(rels):
        if not memo.keep(rel):
            for r in rels[:n]:
                memo.kept.pop(r, None)
            return False
    return True


def _index_shard(site_dir: str, tmp: str, where: Path, files: dict[str, Path], views: dict[str, bytes],
                 i: int, d: str, key: str, pages: dict[str, str]) -> list[str] | str:
    """Run Pagefind over the views of one shard's pages (their folder in ``where``, brought
    up to date); move its bundle into the output. Returns the bundle's files (relative to
    the output), or what went wrong (one line)."""
    view, out = where / f"s{i}", os.path.join(tmp, f"out{i}")

    def view_of(rel: str) -> bytes:
        data = views.get(rel)
        return data if data is not None else (page_view(files[rel].read_bytes()) or b"")

    try:
        view_folders.prepare(view, pages, view_of)
    except OSError as exc:
        return f"{view}: {exc.strerror or exc}"
    error = _run(pagefind_command(str(view), out))
    if error is not None:
        return error
    dest = Path(site_dir, BUNDLE_DIR, d)
    dest.mkdir(parents=True, exist_ok=True)
    made = []
    runtime = set(_RUNTIME) if i == 0 else set()
    if i == 0:  # the WebAssembly of the languages indexed (not wasm.unknown.pagefind)
        try:
            entry = json.loads(Path(out, "pagefind-entry.json").read_text(encoding="utf-8"))
            runtime |= {f"wasm.{lang.get('wasm') or 'unknown'}.pagefind" for lang in entry["languages"].values()}
        except (OSError, ValueError, KeyError, AttributeError):
            runtime |= {n for n in os.listdir(out) if n.startswith("wasm.") and n.endswith(".pagefind")}
    for name in sorted(os.listdir(out)):
        if not (name in _INDEX_DIRS or name == "pagefind-entry.json" or name.endswith(".pf_meta") or name in runtime):
            continue  # Pagefind's UI scripts and styles: search.js does not use them
        os.replace(os.path.join(out, name), dest / name)
        if (dest / name).is_dir():
            made += [f"{BUNDLE_DIR}/{d}{name}/{n}" for n in os.listdir(dest / name)]
        else:
            made.append(f"{BUNDLE_DIR}/{d}{name}")
    return sorted(made)


def _run(cmd: list[str]) -> str | None:
    """Run Pagefind; None, or the last line of what went wrong."""
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if proc.returncode != 0:
        msg = (proc.stderr or proc.stdout or "").strip().splitlines()
        return msg[-1] if msg else f"exit {proc.returncode}"
    return None


# output folder → (thread, [result]) of an index started before the build's end
_pending: dict[str, tuple[threading.Thread, list]] = {}


def reset_build_state() -> None:
    for thread, _ in _pending.values():  # a build that failed after starting one
        thread.join()
    _pending.clear()


def start_index(settings: dict, site_dir: str) -> None:
    """Build the index in a thread from now on: the pages it indexes (briefings and actors)
    are all written, while the rest of the build (home, directory and review pages, cards,
    the timeline page, Pelican's pages and static files, which are not indexed) goes on. ``on_finalized`` waits for it."""
    from ..render import memo

    if not bsettings.get(settings, "BRIEFING_SEARCH") or not Path(site_dir).is_dir():
        return
    files, kept = memo.output_files(site_dir), dict(memo.kept)  # taken here: others write on
    result: list = []

    def run() -> None:
        try:
            result.append(build_index(site_dir, bsettings.get(settings, "BRIEFING_SEARCH_SHARD_PAGES"),
                                      bsettings.get(settings, "BRIEFING_SEARCH_SHARDS"), files=files, kept=kept))
        except BaseException as exc:  # re-raised in the build's thread by on_finalized
            result.append(exc)

    thread = threading.Thread(target=run, name="briefing-search", daemon=True)
    _pending[os.path.abspath(site_dir)] = (thread, result)
    thread.start()


def on_finalized(pelican) -> None:
    s = pelican.settings
    if not bsettings.get(s, "BRIEFING_SEARCH"):
        return
    pending = _pending.pop(os.path.abspath(pelican.output_path), None)
    if pending is None:
        build_index(pelican.output_path, bsettings.get(s, "BRIEFING_SEARCH_SHARD_PAGES"),
                    bsettings.get(s, "BRIEFING_SEARCH_SHARDS"))
        return
    thread, result = pending
    thread.join()
    if result and isinstance(result[0], BaseException):
        raise result[0]
