"""The editors' review queue: ordered by what readers see, scare quotes and titles left out,
named-once actors a count, and every snippet, pasted into its file, fixes what it says."""
from __future__ import annotations

from pathlib import Path

from briefing.link.corrections import PLACEHOLDER, article_version
from briefing.link.site import link
from briefing.model import Actor, Document, Extraction, Mention, Quote, QuotePart, SpeakerCandidate
from briefing.link.review_queue import SECTIONS, by_briefing, named_once, named_once_items, review_queue
from briefing.link.review_signals import is_statement, sentence_around

PARAS = [
    "FAIRPORT \u2014 Mara Olsen, the harbour master, met Jon Berg and Jon on Monday. Berg agreed.",
    "\u201cThe harbour will stay open through the storm season,\u201d the statement said. The plan was called "
    "\u201crobust\u201d by some.",
    "\u201cWe have enough tugs for every ship that needs one,\u201d Olsen said, according to Berg.",
    "Olsen, Berg, Lund and Falk signed the plan. Lena Dahl watched. Dahl left early.",
    "Wind was a worry, and the wind rose at night. Pia Holm wrote about it once.",
]


def _m(p, text, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = PARAS[p].index(text, start + 1)
    return Mention(p, start, start + len(text), text)


def _q(qid, p, text, speaker=None, **kw):
    s = PARAS[p].index(text)
    return Quote(qid, [QuotePart(p, s, s + len(text), text)], speaker, "said", **kw)


def extraction(**quote_kw) -> Extraction:
    doc = Document(source="harbour.txt", title="Harbour Stays Open", published="2024-03-01T00:00:00+00:00")
    for p in PARAS:
        doc.add_paragraph(p)
    actors = [
        Actor("mara-olsen", "Mara Olsen", "person", ["Olsen"], [], [_m(0, "Mara Olsen"), _m(2, "Olsen"), _m(3, "Olsen")], 0, .5),
        Actor("jon-berg", "Jon Berg", "person", ["Berg"], [], [_m(0, "Jon Berg"), _m(0, "Berg", 1), _m(2, "Berg")], 0, .4),
        Actor("jon", "Jon", "person", [], [], [_m(0, "Jon", 1)], 0, .1),
        Actor("olsen-berg-lund-falk", "Olsen, Berg, Lund and Falk", "organization", [], [],
              [_m(3, "Olsen, Berg, Lund and Falk")], 3, .1),
        Actor("fairport", "Fairport", "place", [], [], [_m(0, "FAIRPORT")], 0, .1),
        Actor("lena-dahl", "Lena Dahl", "person", ["Dahl"], [], [_m(3, "Lena Dahl"), _m(3, "Dahl", 1)], 3, .2),
        Actor("wind", "Wind", "person", [], [], [_m(4, "Wind")], 4, .05),
        Actor("pia-holm", "Pia Holm", "person", [], [], [_m(4, "Pia Holm")], 4, .05),
    ]
    quotes = [
        _q("q-11111111", 1, "The harbour will stay open through the storm season,", **quote_kw),  # no speaker
        _q("q-22222222", 1, "robust"),  # scare quote
        _q("q-33333333", 2, "We have enough tugs for every ship that needs one,", "mara-olsen", confidence=0.3,
           evidence=["nearest name"], candidates=[SpeakerCandidate("mara-olsen", 0.3, ["before the verb"]),
                                                  SpeakerCandidate("jon-berg", 0.25, ["according to"])]),
    ]
    quotes[1].partial = True
    return Extraction(doc, "harbour-stays-open", actors, quotes)


def test_sections_in_reader_order():
    assert [k for k, _ in SECTIONS] == ["over-bound", "stale", "statements", "duplicates", "not-actors", "no-role", "across"]


def test_queue_lists_what_readers_see_and_nothing_else():
    q = review_queue(link([extraction()]))
    assert [i.anchor for i in q["statements"]] == ["p2", "p3"]  # the speakerless one, the weak one
    assert "robust" not in [i.title for i in q["statements"]]  # scare quotes are not listed
    assert [i.title for i in q["duplicates"]] == ["Jon / Jon Berg"]
    assert {i.title: i.detail for i in q["not-actors"]} == {
        "Olsen, Berg, Lund and Falk": "Organization: the name is a list of 4 names.",
        "Fairport": "Place: only ever written in capitals (a dateline or heading?).",
        "Wind": "Person: \u201cwind\u201d is also an ordinary word of the article."}
    assert {i.title for i in q["no-role"]} == {"Mara Olsen", "Jon Berg", "Lena Dahl"}
    once = {a.name for a in named_once(link([extraction()]))}  # a count on /review/, not items
    assert "Pia Holm" in once and "Mara Olsen" not in once
    assert all("Pia Holm" not in i.title for items in q.values() for i in items)


def test_statement_item_shows_sentence_candidates_and_snippets():
    site = link([extraction()])
    weak = review_queue(site)["statements"][1]
    assert weak.context == ("", "\u201cWe have enough tugs for every ship that needs one,\u201d", " Olsen said, according to Berg.")
    assert "weak evidence" in weak.detail and "0.30" in weak.detail
    assert [(c.name, c.score) for c in weak.candidates] == [("Mara Olsen", 0.3), ("Jon Berg", 0.25)]
    version = article_version(site.briefing("harbour-stays-open").document)
    assert weak.candidates[1].fix.text == f'---\narticle: "{version}"\nquotes:\n  q-33333333: {{speaker: jon-berg}}\n---\n'
    assert weak.candidates[1].fix.path == "content/briefings/harbour-stays-open.md"
    assert [f.text.splitlines()[3] for f in weak.fixes] == [
        "  q-33333333: {speaker: mara-olsen}", "  q-33333333: {speaker: null}", "  q-33333333: {hide: true}"]


def test_fallback_kind_none_long_full_quotes_are_statements():
    ex = extraction()
    assert [is_statement(q) for q in ex.quotes] == [True, False, True]
    short = Quote("q-x", [QuotePart(0, 0, 4, "Mara")])
    assert not is_statement(short)
    for kind, listed in (("statement", True), ("fragment", False), ("scare", False)):
        assert is_statement(Quote("q-y", ex.quotes[0].parts, kind=kind)) is listed


def test_kind_from_the_extractor_decides():
    q = review_queue(link([extraction(kind="scare")]))
    assert [i.anchor for i in q["statements"]] == ["p3"]


def _paste(tmp_path: Path, fixes) -> str:
    """Write fixes into their files the way an editor pastes them; return the corrections dir."""
    for fix in fixes:
        f = tmp_path / fix.path
        f.parent.mkdir(parents=True, exist_ok=True)
        if not f.exists():
            f.write_text(fix.text, encoding="utf-8")
        elif fix.where.startswith("under "):
            section = fix.where.split()[1]
            text = f.read_text(encoding="utf-8").replace(section + "\n", section + "\n" + fix.text, 1)
            f.write_text(text, encoding="utf-8")
        else:  # between the --- lines
            text = f.read_text(encoding="utf-8").rstrip("\n")
            assert text.endswith("---")
            f.write_text(text[:-3] + fix.text + "---\n", encoding="utf-8")
    return str(tmp_path / "content" / "briefings")


def test_editor_loop_each_snippet_fixes_its_item(tmp_path):
    """Look at the queue, paste, rebuild (link again), see it fixed — and the item gone."""
    path = None
    for step in ("statement", "duplicate", "not-actor", "role"):
        site = link([extraction()], corrections_path=path)
        q = review_queue(site)
        if step == "statement":
            fix = q["statements"][0].candidates[0].fix  # the nearest name before the quote
            assert fix.where == "a new file"
        elif step == "duplicate":
            fix = q["duplicates"][0].fixes[0]
            assert fix.text == "actors:\n  jon: {merge_into: jon-berg}\n" and fix.where == "between the --- lines"
        elif step == "not-actor":
            fix = next(i for i in q["not-actors"] if i.title.startswith("Olsen,")).fixes[0]
            assert fix.where == "under actors:"
        else:
            fix = next(i for i in q["no-role"] if i.title == "Lena Dahl").fixes[0]
            fix.text = fix.text.replace(PLACEHOLDER, "coastguard")
        path = _paste(tmp_path, [fix])
    site = link([extraction()], corrections_path=path)
    b = site.briefing("harbour-stays-open")
    q = review_queue(site)
    assert next(x for x in b.extraction.quotes if x.id == "q-11111111").speaker in {"mara-olsen", "jon-berg"}
    assert [i.anchor for i in q["statements"]] == ["p3"]
    assert "jon" not in site.actors and q["duplicates"] == []
    assert "olsen-berg-lund-falk" not in site.actors
    assert sorted(i.title for i in q["not-actors"]) == ["Fairport", "Wind"]
    assert ("coastguard", "harbour-stays-open") in site.actors["lena-dahl"].roles
    assert "Lena Dahl" not in [i.title for i in q["no-role"]]


def test_null_speaker_and_reviewed_take_items_off_the_queue(tmp_path):
    folder = tmp_path / "content" / "briefings"
    folder.mkdir(parents=True)
    (folder / "harbour-stays-open.md").write_text(
        "---\nquotes:\n  q-11111111: {speaker: null}\n  q-33333333: {speaker: mara-olsen}\n"
        "actors:\n  wind: {reviewed: true}\n  jon: {reviewed: true}\n---\n", encoding="utf-8")
    q = review_queue(link([extraction()], corrections_path=str(folder)))
    assert q["statements"] == [] and q["duplicates"] == []
    assert "Wind" not in [i.title for i in q["not-actors"]]


def test_stale_corrections_come_first(tmp_path):
    folder = tmp_path / "content" / "briefings"
    folder.mkdir(parents=True)
    (folder / "harbour-stays-open.md").write_text('---\narticle: "00000000"\nquotes:\n  q-99999999: {hide: true}\n---\n',
                                                encoding="utf-8")
    q = review_queue(link([extraction()], corrections_path=str(folder)))
    assert next(k for k, items in q.items() if items) == "stale"
    (item,) = q["stale"]
    assert item.title == "content/briefings/harbour-stays-open.md" and "Line 4" in item.detail
    assert item.fixes[0].text.startswith('article: "') and item.fixes[0].text != 'article: "00000000"\n'


def test_items_per_briefing_and_named_once_list():
    site = link([extraction()])
    per = by_briefing(review_queue(site))
    assert list(per) == ["harbour-stays-open"]
    kinds = [i.kind for i in per["harbour-stays-open"]]
    assert kinds == sorted(kinds, key=[k for k, _ in SECTIONS].index)
    once = next(i for i in named_once_items(site) if i.title == "Pia Holm")
    assert once.fixes[0].text.endswith("  pia-holm: {hide: true}\n---\n")


def test_sentence_around_cuts_at_sentence_ends():
    text = "First one. Second part \u201cquoted words\u201d here. Third."
    start = text.index("\u201c")
    end = text.index("\u201d") + 1
    assert sentence_around(text, start, end) == ("Second part ", "\u201cquoted words\u201d", " here.")
    long = "word " * 100 + "X" + " more" * 100
    before, mark, after = sentence_around(long, 500, 501)
    assert mark == "X" and before.startswith("\u2026") and after.endswith("\u2026") and len(before) < 230
