"""The render memo (render/memo.py): pages whose inputs did not change are copied from the
previous output — and the result is always byte-identical to a fresh build."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from briefing.build import run as build_mod
from briefing.render import memo

from conftest import ROOT, build, copy_site

pytestmark = pytest.mark.build


def contents(out: Path) -> dict[str, bytes | None]:
    return {p.relative_to(out).as_posix(): (None if p.is_dir() else p.read_bytes()) for p in sorted(out.rglob("*"))}


def corpus_site(path: Path, n: int, cache: Path) -> Path:
    """A site of n generated articles that share actors (related lists, co-actors, counts),
    with an extraction cache shared between sites (extraction is deterministic)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from corpus import make_corpus, write_corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    path.mkdir(parents=True)
    copy_site(path, seeds=[])
    write_corpus(make_corpus(n, seed=3), path / "seeds")
    conf = path / "pelican.conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + f"\nBRIEFING_CACHE_PATH = {str(cache)!r}\n"
                    "BRIEFING_SEARCH_SHARD_PAGES = 8\n",  # several search shards: most kept on an edit
                    encoding="utf-8")
    return path


def fresh_copy(site: Path, dest: Path) -> Path:
    """Same inputs as site, no previous output (so nothing can be memoized)."""
    dest.mkdir(parents=True)
    for name in ("pelican.conf.py",):
        shutil.copy(site / name, dest / name)
    for d in ("content", "theme", "seeds"):
        shutil.copytree(site / d, dest / d)
    (dest / "plugins").symlink_to(ROOT / "plugins")
    return dest


def assert_same_as_fresh(site: Path, dest: Path) -> dict:
    """A fresh build of site's inputs (no previous output) gives site's output, byte for byte;
    returns the output's contents."""
    fresh = fresh_copy(site, dest)
    build(fresh)
    assert build_mod.last_result["memo_reused"] == 0
    ci, cf = contents(site / "output"), contents(fresh / "output")
    assert sorted(ci) == sorted(cf)
    assert [k for k in ci if ci[k] != cf[k]] == []
    return ci


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("memo")
    site = corpus_site(base / "site", 8, base / "xcache")
    build(site)
    return base, site


def test_forced_rebuild_copies_every_memoized_page(corpus):
    base, site = corpus
    before = contents(site / "output")
    build(site, force=True)
    res = build_mod.last_result
    assert res["memo_reused"] > 8 and res["memo_rendered"] == 0, res
    assert contents(site / "output") == before


@pytest.mark.parametrize("edit", ["append", "retitle", "delete"])
def test_incremental_equals_fresh(corpus, tmp_path, edit):
    base, site = corpus
    seeds = sorted((site / "seeds").glob("*.md"))
    target = seeds[3]
    if edit == "append":  # new mentions: counts, quotes and salience change site-wide
        append(target, "Anna Novak said the ministry would publish the report on Monday.")
    elif edit == "retitle":  # the title shows on related lists and actor pages of other briefings
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace("title: ", "title: Update: ", 1), encoding="utf-8")
    else:  # actors may lose their last briefing; related lists change
        target.unlink()
    build(site)
    res = build_mod.last_result
    assert res["memo_reused"] > 0, res  # something was copied …
    ci = assert_same_as_fresh(site, tmp_path / "fresh")  # … and the output is what a fresh build gives
    assert len(json.loads(ci["pagefind/shards.json"])["shards"]) >= 2  # search bundles merged


def test_tampered_output_page_is_rendered_again(corpus):
    base, site = corpus
    out = site / "output"
    page = next((out / "briefings").glob("*/index.html"))
    good = page.read_bytes()
    page.write_bytes(good.replace(b"<main", b"<main data-x", 1))
    build(site, force=True)
    assert page.read_bytes() == good
    assert build_mod.last_result["memo_rendered"] >= 1


def test_template_change_renders_everything(corpus):
    base, site = corpus
    tpl = site / "theme" / "templates" / "briefing.html"
    original = tpl.read_text(encoding="utf-8")
    tpl.write_text(original.replace('<article class="briefing">', '<article class="briefing" data-v="2">'), encoding="utf-8")
    try:
        build(site)
        assert build_mod.last_result["memo_reused"] == 0
        assert all(b'data-v="2"' in p.read_bytes() for p in (site / "output" / "briefings").glob("*/index.html"))
    finally:
        tpl.write_text(original, encoding="utf-8")
        build(site)


def test_memo_is_off_outside_build_site(corpus):
    assert not memo.active()
    assert memo.fingerprint("x") is None


def test_failed_build_after_reuse_keeps_output(corpus, monkeypatch):
    """Reused pages are hard links into output/: a build that fails afterwards (here, a
    later writer rewriting a reused page) must still leave output/ byte-identical."""
    from briefing.build.run import BuildError
    from briefing.pelican_layer import generator

    base, site = corpus
    out = site / "output"
    snap = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    page = next(p for p in sorted((out / "briefings").glob("*/index.html")))
    rel = page.relative_to(out).as_posix()
    real = generator.write_text

    def write_twice(output_path, name, text):
        real(output_path, name, text)
        gen_writer = pelican_writer[0]
        gen_writer.write_file(rel, generator_template[0], {}, override=False)

    pelican_writer, generator_template = [], []
    orig = generator.BriefingGenerator.generate_output

    def capture(self, writer):
        pelican_writer.append(writer)
        generator_template.append(self.get_template("page"))
        return orig(self, writer)

    monkeypatch.setattr(generator.BriefingGenerator, "generate_output", capture)
    monkeypatch.setattr(generator, "write_text", write_twice)
    with pytest.raises(BuildError):
        build(site, force=True)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()} == snap


def test_rerender_with_same_bytes_writes_nothing(corpus):
    """A change that invalidates every memo entry but changes no byte (here a template
    comment) renders every page again and rewrites none: mtimes are kept."""
    base, site = corpus
    out = site / "output"
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    tpl = site / "theme" / "templates" / "briefing.html"
    original = tpl.read_text(encoding="utf-8")
    tpl.write_text(original + "{# a comment changes no output #}\n", encoding="utf-8")
    try:
        build(site)
        res = build_mod.last_result
        assert res["memo_same_bytes"] > 8 and res["memo_reused"] == 0, res
        assert res["written"] == 0 and res["removed"] == 0, res
        assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before
    finally:
        tpl.write_text(original, encoding="utf-8")
        build(site)


def test_first_build_output_is_readable_by_others(tmp_path):
    """The first build moves its build folder into place: output/ keeps normal permissions."""
    import os
    import stat

    site = corpus_site(tmp_path / "s", 2, tmp_path / "xcache")
    build(site)
    mode = stat.S_IMODE(os.stat(site / "output").st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o777 & ~umask


def test_a_failed_file_write_fails_the_build_and_keeps_output(corpus, monkeypatch):
    """Files are written in a thread: a write that fails there (disk full, permissions) is
    a failed build like any other, and output/ is left as it was."""
    from briefing.build.run import BuildError

    base, site = corpus
    out = site / "output"
    snap = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    real_open = open

    def failing_open(path, *a, **k):
        if str(path).endswith(".json") and "api" in str(path):
            raise OSError(28, "No space left on device")
        return real_open(path, *a, **k)

    monkeypatch.setattr(memo, "open", failing_open, raising=False)
    seed = sorted((site / "seeds").glob("*.md"))[2]
    original = seed.read_text(encoding="utf-8")
    append(seed, "Anna Novak said the vote would be held in May.")  # its API JSON changes
    try:
        with pytest.raises(BuildError, match="No space left"):
            build(site)
    finally:
        seed.write_text(original, encoding="utf-8")
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()} == snap
    monkeypatch.undo()
    build(site)
