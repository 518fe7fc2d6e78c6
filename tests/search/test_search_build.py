"""Search in real builds: an edit indexes again only the shards whose pages' indexed text
changed (the rest is kept, and the result equals a fresh build: test_render_memo.py); the
merged shards answer one search in a browser."""
from __future__ import annotations

import json

import pytest

from briefing import search
from briefing.search.pages import page_view
from briefing.search.shards import shard_of

from conftest import build
from test_render_memo import append, corpus_site

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    base = tmp_path_factory.mktemp("search")
    site = corpus_site(base / "site", 10, base / "xcache")
    conf = site / "pelican.conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\nBRIEFING_SEARCH_SHARDS = 4\n", encoding="utf-8")
    return site


def _runs(monkeypatch) -> list[str]:
    """Folders Pagefind is run over, this build."""
    seen: list[str] = []
    real = search._run

    def run(cmd):
        seen.append(cmd[cmd.index("--site") + 1])
        return real(cmd)

    monkeypatch.setattr(search, "_run", run)
    return seen


def _shard(folder: str) -> int:
    return int(folder.rstrip("/").rsplit("/s", 1)[1])


def test_edit_indexes_only_the_changed_shards(sharded, monkeypatch):
    runs = _runs(monkeypatch)
    build(sharded)
    out = sharded / "output"
    assert len(runs) == 4 and json.loads((out / "pagefind" / "shards.json").read_text())["shards"] == [
        "s1/", "s2/", "s3/"]

    runs.clear()
    build(sharded, force=True)  # nothing changed: every bundle kept
    assert runs == []

    # a new title (and so a new page address): the pages that show the title in parts search
    # leaves out (related lists, "according to" under actor roles) change, their shards do not
    seed = sorted((sharded / "seeds").glob("*.md"))[2]
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.glob("*/*/index.html")}
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace('title: "', 'title: "Update: ', 1), encoding="utf-8")
    runs.clear()
    build(sharded)
    after = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.glob("*/*/index.html")}
    moved = set(after) ^ set(before)  # the briefing and its unnamed sources' pages
    rel = next(r for r in moved if r.startswith("briefings/update-"))
    common = set(before) & set(after)
    reindexed = moved | {r for r in common if page_view(before[r]) != page_view(after[r])}
    expected = {shard_of(r, 4) for r in reindexed}
    changed = {shard_of(r, 4) for r in common if before[r] != after[r]}
    assert changed - expected  # pages of other shards changed …
    assert sorted(_shard(r) for r in runs) == sorted(expected)  # … and were not indexed again

    runs.clear()
    append(seed, "Officials said the talks would resume in the spring.")
    build(sharded)
    assert [_shard(r) for r in runs] == [shard_of(rel, 4)]


@pytest.mark.browser
def test_search_merges_every_shard(sharded):
    from gatelib_browser import SiteBrowser, check_search_on_use

    out = sharded / "output"
    if not (out / "pagefind" / "shards.json").is_file():
        build(sharded)
    with SiteBrowser(out) as b:
        assert check_search_on_use(out, "search/index.html", "said", browser=b) == []
        ev: dict = {}
        with b.page("search/index.html", events=ev, fresh=True) as page:
            page.fill("#search-page-input", "said")
            page.wait_for_function("() => document.querySelectorAll('#search-page-results li a').length >= 10",
                                   timeout=60000)
            links = page.locator("#search-page-results li a").evaluate_all("els => els.map(a => a.pathname)")
        shards = {shard_of(p.lstrip("/") + "index.html", 4) for p in links}
        assert len(shards) >= 2, links  # results come from several merged bundles
        urls = [r.url for r in ev["requests"]]
        assert sum(u.endswith("wasm.en.pagefind") for u in urls) == 1  # one WebAssembly for all shards
        assert not ev["console"] and not ev["errors"] and not ev["failed"]


def test_index_is_built_while_the_rest_of_the_build_writes(sharded, monkeypatch):
    """The index starts as soon as every indexed page is written (in a thread, from a
    snapshot of the output's files) and the build waits for it before finishing; a failure
    in that thread fails the build like any other."""
    import threading

    from briefing.build.run import BuildError

    threads: list[str] = []
    real = search.build_index

    def spy(*a, **k):
        threads.append(threading.current_thread().name)
        assert k.get("files") is not None  # the snapshot, not a listing taken while others write
        return real(*a, **k)

    monkeypatch.setattr(search, "build_index", spy)
    build(sharded, force=True)
    assert threads == ["briefing-search"]
    assert not search._pending

    def broken(*a, **k):
        raise RuntimeError("index exploded")

    monkeypatch.setattr(search, "build_index", broken)
    with pytest.raises(BuildError, match="index exploded"):
        build(sharded, force=True)
    assert not search._pending
