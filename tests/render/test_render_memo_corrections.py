"""Briefing corrections (content/briefings/<slug>.md) in real builds: applied everywhere the
data goes, without re-extracting; an incremental build equals a fresh one and re-renders
only what they change; a bad file fails with one line and leaves output/ alone; a file the
article no longer matches after an edit is reported on /review/, not fatal."""
from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from conftest import build
from test_render_memo import assert_same_as_fresh, contents, corpus  # noqa: F401 (corpus: a fixture, one per module)

pytestmark = pytest.mark.build


def _api(site, slug: str) -> dict:
    return json.loads((site / "output" / "api" / "briefings" / f"{slug}.json").read_text(encoding="utf-8"))


def _pick(site) -> tuple[str, str, str, str, str]:
    """A briefing with a quote whose speaker can change and at least three named actors:
    (slug, quote id, new speaker, actor to hide, actor to merge into the new speaker)."""
    index = json.loads((site / "output" / "api" / "index.json").read_text(encoding="utf-8"))
    for b in index["briefings"]:
        data = _api(site, b["slug"])
        people = [a["id"] for a in data["actors"] if a["type"] == "person"]
        named = [a["id"] for a in data["actors"] if a["type"] != "anonymous"]
        for q in data["quotes"]:
            others = [p for p in people if p != q["speaker"]]
            rest = [a for a in named if a not in others[:1] and a != q["speaker"]]
            if others and len(rest) >= 2:
                return b["slug"], q["id"], others[0], rest[0], rest[1]
    pytest.fail("no briefing of the corpus has a quote and three actors")


def _write(site, slug: str, text: str):
    folder = site / "content" / "briefings"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{slug}.md").write_text(text, encoding="utf-8")
    return folder


def _clear(site) -> None:
    for f in (site / "content" / "briefings").glob("*.md"):
        f.unlink()


def test_correction_shows_everywhere_and_incremental_equals_fresh(corpus, tmp_path):
    from briefing.build import pipeline, run as build_mod

    base, site = corpus
    slug, qid, speaker, hide, merge = _pick(site)
    text = (f"---\nquotes:\n  {qid}: {{speaker: {speaker}}}\nactors:\n  {hide}: {{hide: true}}\n"
            f"  {merge}: {{merge_into: {speaker}}}\n---\nCorrected by the desk.\n")
    _write(site, slug, text)
    try:
        build(site)
        res = build_mod.last_result
        assert pipeline.last_stats.extracted == [] and pipeline.last_stats.misses == 0  # no re-extraction
        assert res["memo_reused"] > 0 and res["memo_rendered"] < res["memo_reused"], res  # not a full re-render
        data = _api(site, slug)
        ids = [a["id"] for a in data["actors"]]
        assert hide not in ids and merge not in ids and speaker in ids
        assert next(q for q in data["quotes"] if q["id"] == qid)["speaker"] == speaker
        page = BeautifulSoup((site / "output" / "briefings" / slug / "index.html").read_text(encoding="utf-8"), "lxml")
        box = page.find(id=qid)
        if box is not None:  # a quote box or an inline quote
            assert box.select_one(".quote-speaker")["href"].endswith(f"/actors/{speaker}/")
        cards = [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in page.select(".whos-who-name a")]
        assert hide not in cards and merge not in cards
        assert "Corrected by the desk." in page.select_one(".editor-note").get_text()
        actor = json.loads((site / "output" / "api" / "actors" / f"{speaker}.json").read_text(encoding="utf-8"))
        assert (slug, qid) in [(q["briefing"], q["id"]) for q in actor["quotes"]]  # on the speaker's page too
        assert_same_as_fresh(site, tmp_path / "fresh")
    finally:
        _clear(site)
        build(site)


def test_bad_corrections_file_fails_with_one_line_and_keeps_output(corpus):
    from briefing.build.run import BuildError

    base, site = corpus
    slug = _pick(site)[0]
    before = contents(site / "output")
    _write(site, slug, "---\nquotes:\n  q-00000000: {hide: true}\n---\n")
    try:
        with pytest.raises(BuildError) as e:
            build(site)
        msg = str(e.value)
        assert f"content/briefings/{slug}.md:3: quote id 'q-00000000' is not in this briefing" in msg
        assert "\n" not in msg
        assert contents(site / "output") == before
        assert not list(site.glob(".build-*"))
    finally:
        _clear(site)


def test_article_edit_makes_a_pinned_correction_stale_not_fatal(corpus):
    from briefing.link.corrections import article_version
    from briefing.model import Document

    base, site = corpus
    slug, qid, speaker, hide, _ = _pick(site)
    d = _api(site, slug)  # the API has what the version is made of: headline and paragraphs
    version = article_version(Document(source=d["source"], title=d["title"], paragraphs=d["paragraphs"]))
    snippets = [pre.get_text() for pre in _soup(site, f"review/{slug}/index.html").select("pre.fix")]
    assert all(f'article: "{version}"' in t for t in snippets if "article:" in t)  # what /review/ offers
    _write(site, slug, f'---\narticle: "{version}"\nquotes:\n  {qid}: {{speaker: {speaker}}}\n---\n')
    seed = site / "seeds" / d["source"]
    original = seed.read_text(encoding="utf-8")
    quote_text = next(q for q in _api(site, slug)["quotes"] if q["id"] == qid)["text"].split(" … ")[0]
    try:
        build(site)  # pinned to the current article: applied
        assert next(q for q in _api(site, slug)["quotes"] if q["id"] == qid)["speaker"] == speaker
        at = next(i for i in (original.find(o + quote_text) for o in "\"\u201c") if i >= 0) + 1
        seed.write_text(original[:at] + "Indeed, " + original[at:], encoding="utf-8")  # the quote's words change
        build(site)  # the quote changed: the correction is stale, the build goes on
        stale = _soup(site, "review/index.html").select("li.review-stale")
        assert stale and f"content/briefings/{slug}.md" in stale[0].get_text() and "Line 4" in stale[0].get_text()
        assert qid not in [q["id"] for q in _api(site, slug)["quotes"]]
    finally:
        seed.write_text(original, encoding="utf-8")
        _clear(site)
        build(site)


def _soup(site, rel: str) -> BeautifulSoup:
    path = site / "output" / rel
    return BeautifulSoup(path.read_text(encoding="utf-8") if path.exists() else "", "lxml")
