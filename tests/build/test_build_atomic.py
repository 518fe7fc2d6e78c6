"""The atomic, incremental build: failures keep the old output byte-identical, rebuilds leave
no stale files and keep the mtime of unchanged files, cold builds are reproducible."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.build import run as build_mod
from briefing.build import pipeline
from briefing.build.run import BuildError
from briefing.build.sync import sync_tree

from conftest import SEEDS, build, copy_site

pytestmark = pytest.mark.build

SEED_000 = "000_6cbe2b0db47753c0.txt"
SEED_003 = "003_24b412df9d0e1fe6.txt"
SLUG_003 = "u-s-and-allies-negotiating-security-guarantees-for-ukraine"


def snapshot(out: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every path under out with its bytes (None for folders) and mtime."""
    snap = {}
    for p in sorted(out.rglob("*")):
        rel = p.relative_to(out).as_posix()
        snap[rel] = (None if p.is_dir() else p.read_bytes(), p.stat().st_mtime_ns)
    return snap


def new_site(path: Path, seeds=None) -> Path:
    path.mkdir(parents=True)
    return copy_site(path, seeds=seeds)


def contents(out: Path) -> dict[str, bytes | None]:
    return {k: v[0] for k, v in snapshot(out).items()}


@pytest.fixture
def site(tmp_path):
    s = new_site(tmp_path / "site")
    return s


@pytest.fixture
def built(site):
    build(site)
    return site


def _edit(path: Path, sentence: str) -> None:
    text = path.read_text(encoding="utf-8").rstrip("\n")
    # a new paragraph before the closing contributor line keeps the article's shape
    lines = text.split("\n")
    lines.insert(len(lines) - 1, sentence + "\n")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _assert_untouched(site: Path, before, fn) -> str:
    with pytest.raises(BuildError) as err:
        fn()
    assert snapshot(site / "output") == before
    assert not list(site.glob(".build-*")), "temporary build folder left behind"
    return str(err.value)


def test_broken_template_keeps_old_output(built):
    before = snapshot(built / "output")
    (built / "theme" / "templates" / "home.html").write_text("{% if %}broken", encoding="utf-8")
    msg = _assert_untouched(built, before, lambda: build(built))
    assert "TemplateSyntaxError" in msg


def test_bad_override_file_keeps_old_output(built):
    before = snapshot(built / "output")
    actors = built / "content" / "actors"
    actors.mkdir(parents=True, exist_ok=True)
    (actors / "olaf-scholz.md").write_text("---\nname: [unclosed\n---\nA bio.\n", encoding="utf-8")
    msg = _assert_untouched(built, before, lambda: build(built))
    assert "olaf-scholz.md" in msg


def test_error_log_record_fails_the_build(built):
    before = snapshot(built / "output")
    conf = built / "pelican.conf.py"
    conf.write_text(conf.read_text() + '\nPLUGINS = ["briefing", "no_such_plugin_here"]\n')
    msg = _assert_untouched(built, before, lambda: build(built))
    assert "no_such_plugin_here" in msg


def test_broken_settings_file_keeps_old_output(built):
    before = snapshot(built / "output")
    conf = built / "pelican.conf.py"
    conf.write_text(conf.read_text() + "\nTHIS IS NOT PYTHON\n")
    msg = _assert_untouched(built, before, lambda: build(built))
    assert "pelican.conf.py" in msg


def test_failed_extraction_does_not_break_the_site(built, monkeypatch, caplog):
    """A rule that crashes on one article: that article is published without actors and
    quotes, with one warning naming it; every other page is built as before."""
    import json
    import logging

    from briefing.extract import article as extract

    real = extract.extract_document

    def boom(doc, nlp=None):
        if doc.source == SEED_003:
            raise RuntimeError("rule crashed")
        return real(doc, nlp)

    monkeypatch.setattr(extract, "extract_document", boom)
    out = built / "output"
    other = sorted((out / "briefings").iterdir())
    _edit(built / "seeds" / SEED_003, "A spokesperson said the talks would continue next week.")
    with caplog.at_level(logging.WARNING):
        build(built)
    assert f"{SEED_003}: extraction failed: RuntimeError: rule crashed" in caplog.text
    data = json.loads((out / "api" / "briefings" / f"{SLUG_003}.json").read_text(encoding="utf-8"))
    assert data["actors"] == [] and data["quotes"] == []
    assert "talks would continue next week" in (out / "briefings" / SLUG_003 / "index.html").read_text(encoding="utf-8")
    assert sorted((out / "briefings").iterdir()) == other


def test_edit_one_seed_reextracts_it_alone_and_keeps_mtimes(built):
    out = built / "output"
    before = snapshot(out)
    build(built)  # nothing changed: nothing is rendered
    assert build_mod.last_result["skipped"] is True
    assert snapshot(out) == before, "a no-change rebuild rewrote files"
    build(built, force=True)  # rendered again: every extraction from the cache
    assert build_mod.last_result["skipped"] is False
    assert pipeline.last_stats.hits == 2 and pipeline.last_stats.extracted == []
    assert snapshot(out) == before, "a no-change rebuild rewrote files"

    _edit(built / "seeds" / SEED_003, "Officials said the negotiations were entering a decisive phase.")
    build(built)
    assert pipeline.last_stats.extracted == [SEED_003]
    assert pipeline.last_stats.hits == 1
    after = snapshot(out)
    page = f"briefings/{SLUG_003}/index.html"
    assert b"decisive phase" in after[page][0]
    unchanged = [k for k in before if k in after and before[k][0] is not None and before[k][0] == after[k][0]]
    assert unchanged, "some files should be unchanged"
    for k in unchanged:
        assert after[k][1] == before[k][1], f"{k} is unchanged but was rewritten"


def _actor_ids(out: Path, slug: str) -> set[str]:
    import json

    data = json.loads((out / "api" / "briefings" / f"{slug}.json").read_text(encoding="utf-8"))
    return {a["id"] for a in data["actors"] if a["type"] != "anonymous"}


def test_delete_seed_leaves_no_stale_files(built, tmp_path):
    out = built / "output"
    slug_000 = next(p.stem for p in (out / "api" / "briefings").glob("*.json") if p.stem != SLUG_003)
    assert (out / "briefings" / SLUG_003 / "index.html").exists()
    orphans = _actor_ids(out, SLUG_003) - _actor_ids(out, slug_000)
    orphan_pages = [a for a in orphans if (out / "actors" / a).is_dir()]
    (built / "seeds" / SEED_003).unlink()
    build(built)
    assert not (out / "briefings" / SLUG_003).exists()
    assert not (out / "api" / "briefings" / f"{SLUG_003}.json").exists()
    for a in orphan_pages:  # actor pages that lost their last briefing are gone
        assert not (out / "actors" / a).exists(), a
    # the incremental output is exactly what a fresh build of the remaining seed gives
    fresh = new_site(tmp_path / "fresh", seeds=[SEEDS / SEED_000])
    build(fresh)
    ci, cf = contents(out), contents(fresh / "output")
    assert sorted(ci) == sorted(cf)
    assert [k for k in ci if ci[k] != cf[k]] == []


def test_add_seed_back_restores_its_pages(built, tmp_path):
    out = built / "output"
    full = contents(out)
    moved = tmp_path / SEED_003
    shutil.move(built / "seeds" / SEED_003, moved)
    build(built)
    shutil.move(moved, built / "seeds" / SEED_003)
    build(built)
    assert pipeline.last_stats.extracted == []  # both came from the cache
    assert contents(out) == full


def test_two_cold_builds_are_byte_identical(tmp_path):
    a = new_site(tmp_path / "a")
    b = new_site(tmp_path / "b")
    build(a)
    build(b)
    assert pipeline.last_stats.misses == 2  # b was cold too
    ca, cb = contents(a / "output"), contents(b / "output")
    assert ca.keys() == cb.keys()
    diff = [k for k in ca if ca[k] != cb[k]]
    assert not diff, f"differ: {diff[:5]}"


def test_no_change_build_renders_nothing_unless_output_was_touched(built):
    out = built / "output"
    build(built)
    assert build_mod.last_result["skipped"] is True
    page = next((out / "briefings").glob("*/index.html"))
    good = page.read_bytes()
    page.write_bytes(b"tampered")  # output/ no longer what the last build wrote
    build(built)
    assert build_mod.last_result["skipped"] is False
    assert page.read_bytes() == good
    (built / "content" / "pages" / "about.md").write_text("---\ntitle: About\n---\nChanged.\n")
    build(built)
    assert build_mod.last_result["skipped"] is False
    shutil.rmtree(built / ".cache")  # deleting the cache is always safe
    build(built)
    assert build_mod.last_result["skipped"] is False
    assert pipeline.last_stats.misses == 2


def test_stale_temp_dirs_are_removed(built):
    stale = built / ".build-output-killed"
    (stale / "briefings").mkdir(parents=True)
    (stale / "briefings" / "x.html").write_text("half-written")
    build(built)
    assert not stale.exists()


def test_sync_tree_replaces_types_and_honours_retention(tmp_path):
    src, dst = tmp_path / "src", tmp_path / "dst"
    (src / "a").mkdir(parents=True)
    (src / "a" / "f.txt").write_text("one")
    (src / "b").write_text("now a file")
    (dst / "b").mkdir(parents=True)
    (dst / "b" / "old.txt").write_text("old")
    (dst / "a").mkdir()
    (dst / "a" / "f.txt").write_text("one")
    (dst / "gone.txt").write_text("stale")
    (dst / ".git").mkdir()
    (dst / ".git" / "HEAD").write_text("ref")
    counts, state = sync_tree(src, dst, keep=(".git",))
    assert (dst / "b").read_text() == "now a file"
    assert not (dst / "gone.txt").exists()
    assert (dst / ".git" / "HEAD").exists()
    assert counts["unchanged"] == 1 and counts["written"] == 1
    assert sorted(state) == ["a/f.txt", "b"]


@pytest.mark.parametrize("known", [False, True])
def test_sync_tree_leaves_kept_files_alone_and_removes_the_rest(tmp_path, known):
    """Kept files (the render memo's unchanged pages) stay as they are, mtime included,
    without being in the build folder; whatever else the new output lacks is removed, with
    folders left empty — whether dst is walked or its listing is given."""
    from briefing.render.memo import output_state

    src, dst = tmp_path / "src", tmp_path / "dst"
    (src / "x").mkdir(parents=True)
    (src / "x" / "new.html").write_text("new")
    for rel, text in {"x/kept.html": "kept", "y/z/kept.json": "{}", "old/gone.html": "gone",
                      "y/gone.txt": "gone", "x/new.html": "stale"}.items():
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        (dst / rel).write_text(text)
    before = output_state(dst)
    kept = {r: before[r] for r in ("x/kept.html", "y/z/kept.json")}
    counts, state = sync_tree(src, dst, kept=kept, previous=before if known else None)
    assert output_state(dst) == state
    assert sorted(state) == ["x/kept.html", "x/new.html", "y/z/kept.json"]
    assert {r: state[r] for r in kept} == kept  # not rewritten
    assert (dst / "x" / "new.html").read_text() == "new"
    assert not (dst / "old").exists()
    assert counts == {"written": 1, "unchanged": 0, "removed": 2}


def test_input_fingerprint_sees_same_size_edits_with_the_old_mtime(built, tmp_path):
    """File digests are reused while a file's stat is unchanged: an edit that keeps the
    size and puts the old mtime back still changes the fingerprint (ctime), as does an
    edit within the file system's timestamp granularity (racy files are read again)."""
    import os

    from pelican.settings import read_settings

    from briefing.build.inputs import input_fingerprints

    conf = built / "pelican.conf.py"
    settings = read_settings(str(conf))
    seed = built / "seeds" / SEED_003
    first = input_fingerprints(settings, conf.resolve())
    assert input_fingerprints(settings, conf.resolve()) == first
    st = os.stat(seed)
    data = seed.read_bytes()
    seed.write_bytes(data.replace(b"a", b"e", 1))
    os.utime(seed, ns=(st.st_atime_ns, st.st_mtime_ns))
    try:
        changed = input_fingerprints(settings, conf.resolve())
        assert changed[0] != first[0] and changed[1] == first[1]  # seeds are not the memo's code
    finally:
        seed.write_bytes(data)
    assert input_fingerprints(settings, conf.resolve()) == first


def test_command_line_build_exit_codes(built):
    """`briefing build` as editors run it (the console script, which skips interpreter
    teardown): 0 and a complete site on success, 1 and one clear line on failure."""
    import subprocess
    import sys

    cmd = [sys.executable, "-c", "import sys; from briefing.cli import main; sys.argv = ['briefing', 'build']; main()"]
    ok = subprocess.run(cmd, cwd=built, capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr
    assert (built / "output" / "index.html").is_file()
    assert "up to date" in ok.stderr  # nothing changed since the fixture's build
    _edit(built / "seeds" / SEED_003, "A spokesperson said the talks would continue next week.")
    edited = subprocess.run(cmd, cwd=built, capture_output=True, text=True, timeout=300)
    assert edited.returncode == 0, edited.stderr
    line = [ln for ln in edited.stderr.splitlines() if ln.startswith("briefing: built output/")]
    assert line and "1 article extracted, 1 from cache" in line[0] and "file(s) written" in line[0], edited.stderr
    bad = built / "content" / "actors" / "zz-broken.md"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("---\nmerge_into: [unclosed\n---\n", encoding="utf-8")
    try:
        fail = subprocess.run(cmd, cwd=built, capture_output=True, text=True, timeout=300)
    finally:
        bad.unlink()
    assert fail.returncode == 1
    assert "build failed" in fail.stderr and "Traceback" not in fail.stderr
