"""Render memo and editorial overrides: a rename, merge or hide in content/actors/ changes
pages that never mention the actor's briefings by name (co-actor lists, quotes moved to
another actor, related lists) — an incremental build must still equal a fresh one.

The actor overrides are not part of the memo's code key (an editor's correction re-renders
only the pages it changes), so the fingerprints that stand for data by a content key
(deps.extraction_deps — speakers attributed by an alias —, deps.actor_api_deps with
link.site.CoActors.signature, deps.actor_data_deps) must cover the change: this checks it."""
from __future__ import annotations

import json

import pytest

from conftest import build
from test_render_memo import assert_same_as_fresh, corpus  # noqa: F401 (corpus: a fixture, one per module)

pytestmark = pytest.mark.build


def _people(site) -> list[dict]:
    index = json.loads((site / "output" / "api" / "index.json").read_text(encoding="utf-8"))
    people = [a for a in index["actors"] if a["type"] == "person"]
    return sorted(people, key=lambda a: (-a["briefings"], -a["mentions"], a["id"]))


@pytest.mark.parametrize("kind", ["rename", "merge", "hide"])
def test_override_incremental_equals_fresh(corpus, tmp_path, kind):
    base, site = corpus
    people = _people(site)
    assert len(people) >= 3
    top, second, third = people[0]["id"], people[1]["id"], people[2]["id"]
    folder = site / "content" / "actors"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.md"):
        old.unlink()
    if kind == "rename":  # its name in every co-actor list and related list changes
        (folder / f"{top}.md").write_text("---\nname: Someone Renamed\n---\n", encoding="utf-8")
    elif kind == "merge":  # quotes, counts and co-actors move to another actor
        (folder / f"{second}.md").write_text(f"---\nmerge_into: {top}\n---\n", encoding="utf-8")
    else:  # gone from co-actor lists, related scores and the directory
        (folder / f"{third}.md").write_text("---\nhide: true\n---\n", encoding="utf-8")
    try:
        build(site)
        from briefing.build import run as build_mod

        assert build_mod.last_result["memo_reused"] > 0, build_mod.last_result  # not a full re-render
        assert_same_as_fresh(site, tmp_path / "fresh")
    finally:
        for old in folder.glob("*.md"):
            old.unlink()
        build(site)
