"""The Pagefind index: only pages marked data-pagefind-body; split into shards merged by
search.js; a failure is one warning."""
from __future__ import annotations

import json
import logging

from briefing import search


def _page(path, body: bool, text: str, extra: str = ""):
    path.parent.mkdir(parents=True, exist_ok=True)
    attr = " data-pagefind-body" if body else ""
    path.write_text(f"<!doctype html><html lang=en><head><title>{text}</title></head>"
                    f"<body><main{attr}><h1>{text}</h1><p>{text} words here.</p>{extra}</main></body></html>",
                    encoding="utf-8")


def _page_count(bundle) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    return sum(lang["page_count"] for lang in entry["languages"].values())


def test_index_only_marked_pages(tmp_path):
    _page(tmp_path / "actors" / "a" / "index.html", True, "Olaf Scholz")
    _page(tmp_path / "briefings" / "b" / "index.html", True, "Security pledges")
    _page(tmp_path / "review" / "index.html", False, "Review")
    assert search.build_index(str(tmp_path))
    assert _page_count(tmp_path / "pagefind") == 2
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    assert json.loads((tmp_path / "pagefind" / "shards.json").read_text())["shards"] == []
    # Pagefind's own UI files are not shipped: search.js uses the JS API only
    assert not list((tmp_path / "pagefind").glob("pagefind-ui*"))
    assert [p.name for p in (tmp_path / "pagefind").glob("wasm.*")] == ["wasm.en.pagefind"]


def test_shards_cover_every_page_once(tmp_path):
    names = [f"Person {chr(65 + i)}{chr(65 + j)}" for i in range(6) for j in range(5)]
    for n in names:
        _page(tmp_path / "actors" / n.replace(" ", "-").lower() / "index.html", True, n)
    assert search.build_index(str(tmp_path), per_shard=8)  # 30 pages → 4 shards
    bundle = tmp_path / "pagefind"
    listing = json.loads((bundle / "shards.json").read_text())["shards"]
    tag = json.loads((bundle / "shards.json").read_text())["tag"]
    assert len(tag) == 16 and int(tag, 16) >= 0
    assert listing == ["s1/", "s2/", "s3/"]
    counts = [_page_count(bundle)] + [_page_count(bundle / d) for d in listing]
    assert sum(counts) == 30 and all(c > 0 for c in counts)
    # merged shards carry their index only: the primary bundle's JS and WebAssembly serve them
    assert not (bundle / "s1" / "pagefind.js").exists() and list(bundle.glob("wasm.*.pagefind"))
    assert (bundle / "s1" / "index").is_dir() and (bundle / "s1" / "fragment").is_dir()


def test_two_runs_are_byte_identical(tmp_path):
    def run(root):
        for i in range(12):
            _page(root / "briefings" / f"b{i}" / "index.html", True, f"Story {i} about harbour cranes")
        assert search.build_index(str(root), per_shard=4)
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    assert run(tmp_path / "one") == run(tmp_path / "two")


def test_failure_is_one_warning(tmp_path, monkeypatch, caplog):
    for i in range(6):
        _page(tmp_path / "actors" / f"a{i}" / "index.html", True, f"Name {i}")
    monkeypatch.setattr(search, "pagefind_command", lambda site, out=None: ["false"])
    with caplog.at_level(logging.WARNING, logger="briefing"):
        assert search.build_index(str(tmp_path), per_shard=2) is False  # 4 shards, all failing
    assert len(caplog.records) == 1 and "search index not built" in caplog.records[0].getMessage()


def test_missing_binary_is_one_warning(tmp_path, monkeypatch, caplog):
    _page(tmp_path / "actors" / "a" / "index.html", True, "Name")
    monkeypatch.setattr(search, "pagefind_command", lambda site, out=None: [str(tmp_path / "no-such-binary")])
    with caplog.at_level(logging.WARNING, logger="briefing"):
        assert search.build_index(str(tmp_path)) is False
    assert len(caplog.records) == 1


def test_no_indexed_page_no_bundle(tmp_path, caplog):
    _page(tmp_path / "review" / "index.html", False, "Review")
    with caplog.at_level(logging.WARNING, logger="briefing"):
        assert search.build_index(str(tmp_path))
    assert not (tmp_path / "pagefind").exists() and not caplog.records
