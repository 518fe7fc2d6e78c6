"""What Pagefind is given of a page (search/pages.py) and how pages go to shards
(search/shards.py): the view makes the same index as the whole page; keys change exactly
when the indexed markup does."""
from __future__ import annotations

import subprocess

import pytest

from briefing import search
from briefing.search.pages import indexed_region, page_key, page_view
from briefing.search.shards import shard_count, shard_of, split

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kaja Kallas — Briefing</title>
<script type="application/ld+json">{{"name": "\\u003cmain data-pagefind-body\\u003e"}}</script></head>
<body><form class="search-box" data-pagefind-ignore="all"><input name="q"></form>
<main id="main" data-pagefind-body data-pagefind-meta="kind:actor">
<article class="actor-page"><header><h1>Kaja Kallas</h1>
<p class="actor-type meta">Person<span data-pagefind-ignore> · {n} mentions in 2 briefings</span></p>
<p class="aliases">Also written: <span class="alias">Kallas</span></p>
<h2 id="roles">Roles</h2><ul class="roles"><li><span class="role">{role}</span>
<span class="meta" data-pagefind-ignore>according to <a href="/b/x/">{title}</a></span></li></ul>
<img src="/theme/a.png" alt=""><br/></header>
<div class="actor-more" data-pagefind-ignore="all"><section><h2 id="q">What she said</h2>
<div><div><p>{quote}</p></div></div><section><p>nested</p></section></section></div>
<p>Text mentioning data-pagefind-ignore in prose stays.</p>
</article></main><footer>Footer text</footer></body></html>
"""


def page(n=3, role="Prime Minister", title="A story", quote="We will act."):
    return PAGE.format(n=n, role=role, title=title, quote=quote)


def test_region_cuts_ignored_content_and_keeps_structure():
    region = indexed_region(page())
    assert region.startswith('<main id="main" data-pagefind-body') and region.endswith("</main>")
    assert "Prime Minister" in region and "Kallas" in region and "in prose stays" in region
    for gone in ("mentions", "according to", "We will act.", "nested", "Footer", "search-box"):
        assert gone not in region
    # ignored elements stay, empty, so the rest nests as before
    assert '<div class="actor-more" data-pagefind-ignore="all"></div>' in region
    assert indexed_region("<html><body><p>no marker</p></body></html>") is None


def test_key_changes_with_indexed_text_only():
    k = page_key("actors/kaja-kallas/index.html", page_view(page().encode()))
    assert k == page_key("actors/kaja-kallas/index.html", page_view(page(n=9, title="B", quote="No.").encode()))
    assert k != page_key("actors/kaja-kallas/index.html", page_view(page(role="Foreign Minister").encode()))
    assert k != page_key("actors/kaja-kallas-2/index.html", page_view(page().encode()))
    assert page_key("x/index.html", page_view(b"<html><body>plain</body></html>")) is None


@pytest.mark.parametrize("variant", [{}, {"n": 12, "title": "Other", "quote": "Different words entirely."}])
def test_view_gives_pagefind_the_same_index_as_the_page(tmp_path, variant):
    """The bundle made from views equals the bundle made from the whole pages."""
    whole, views = tmp_path / "whole", tmp_path / "views"
    pages = {"actors/kaja-kallas/index.html": page(),
             "actors/olaf-scholz/index.html": page(role="Chancellor").replace("Kaja Kallas", "Olaf Scholz"),
             "briefings/b/index.html": page(**variant).replace("Kallas", "Kallas and Costa")}
    for rel, html in pages.items():
        for root, data in ((whole, html.encode()), (views, page_view(html.encode()))):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
    bundles = []
    for root in (whole, views):
        out = tmp_path / (root.name + "-bundle")
        subprocess.run(search.pagefind_command(str(root), str(out)), check=True, capture_output=True)
        bundles.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert bundles[0] == bundles[1]


def test_shard_count_is_a_power_of_two_by_page_count():
    assert [shard_count(n, 500) for n in (0, 1, 500, 501, 1000, 1001, 3220, 5000)] == [1, 1, 1, 2, 2, 4, 8, 16]
    assert shard_count(3220, 500, forced=3) == 3
    assert shard_count(10**9, 1) == 64


def test_split_is_stable_and_never_leaves_a_shard_empty():
    keys = {f"actors/a{i}/index.html": str(i) for i in range(40)}
    parts = split(keys, 4)
    assert sum(len(p) for p in parts) == 40 and all(parts)
    assert all(shard_of(rel, 4) == i for i, p in enumerate(parts) for rel in p)
    # adding a page moves no other page
    more = split({**keys, "actors/new/index.html": "x"}, 4)
    assert all(set(p) <= set(m) for p, m in zip(parts, more))
    assert len(split({"a": "1", "b": "2"}, 64)) < 64 and all(split({"a": "1", "b": "2"}, 64))


def test_view_folder_is_updated_in_place(tmp_path):
    from briefing.search.views import prepare, remove_other_shards

    folder = tmp_path / "s1"
    made = []

    def view_of(rel):
        made.append(rel)
        return f"<main data-pagefind-body>{rel}</main>".encode()

    pages = {f"actors/a{i}/index.html": f"k{i}" for i in range(5)}
    assert prepare(folder, pages, view_of) == 5
    assert prepare(folder, pages, view_of) == 0  # nothing changed: nothing written
    pages2 = {**{r: k for r, k in pages.items() if r != "actors/a0/index.html"}, "actors/a1/index.html": "new",
              "actors/b/index.html": "kb"}
    made.clear()
    assert prepare(folder, pages2, view_of) == 2 and sorted(made) == ["actors/a1/index.html", "actors/b/index.html"]
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html")) == sorted(pages2)
    assert not (folder / "actors" / "a0").exists()
    # a folder left half updated (no listing) is rebuilt whole, stray files gone
    (folder / "stray.html").write_text("x")
    (tmp_path / "s1.json").unlink()
    assert prepare(folder, pages2, view_of) == len(pages2) and not (folder / "stray.html").exists()
    (tmp_path / "s3").mkdir()
    remove_other_shards(tmp_path, 2)
    assert folder.is_dir() and not (tmp_path / "s3").exists()
