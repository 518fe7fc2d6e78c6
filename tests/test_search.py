"""The Pagefind index: only pages marked data-pagefind-body; a failure is one warning."""
from __future__ import annotations

import json
import logging

from briefing import search


def _page(path, body: bool, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    attr = " data-pagefind-body" if body else ""
    path.write_text(f"<!doctype html><html lang=en><head><title>{text}</title></head>"
                    f"<body><main{attr}><h1>{text}</h1><p>{text} words here.</p></main></body></html>", encoding="utf-8")


def test_index_only_marked_pages(tmp_path):
    _page(tmp_path / "actors" / "a" / "index.html", True, "Olaf Scholz")
    _page(tmp_path / "briefings" / "b" / "index.html", True, "Security pledges")
    _page(tmp_path / "review" / "index.html", False, "Review")
    assert search.build_index(str(tmp_path))
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == 2
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()


def test_failure_is_one_warning(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(search, "pagefind_command", lambda site: ["false"])
    with caplog.at_level(logging.WARNING, logger="briefing"):
        assert search.build_index(str(tmp_path)) is False
    assert len(caplog.records) == 1 and "search index not built" in caplog.records[0].getMessage()


def test_missing_binary_is_one_warning(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(search, "pagefind_command", lambda site: [str(tmp_path / "no-such-binary")])
    with caplog.at_level(logging.WARNING, logger="briefing"):
        assert search.build_index(str(tmp_path)) is False
    assert len(caplog.records) == 1
