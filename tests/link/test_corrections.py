"""Per-briefing corrections (content/briefings/<slug>.md): read, checked, applied to the
extractions before linking — each kind of correction, each bad input, stale corrections."""
from __future__ import annotations

import pytest

from briefing.link.corrections import CorrectionError, article_version, load_corrections, parse_corrections
from briefing.link.site import link
from briefing.model import Actor, Document, Extraction, Mention, Quote, QuotePart, Role, SpeakerCandidate

P1 = ["Ana Lind met the mayor. Lind and Ana spoke.",
      "\u201cWe will rebuild the bridge before winter,\u201d she said. The town was \u201cdelighted\u201d.",
      "Lind, Berg, Holm and Dahl signed a letter."]
P2 = ["Omar Quinn visited the port.", "\u201cThe port stays open for every ship,\u201d Quinn said."]


def _span(paras, p, text):
    s = paras[p].index(text)
    return Mention(p, s, s + len(text), text)


def _quote(qid, paras, p, text, speaker=None, **kw):
    s = paras[p].index(text)
    return Quote(qid, [QuotePart(p, s, s + len(text), text)], speaker, "said", **kw)


def extractions():
    d1 = Document(source="a.txt", title="Bridge Talks", published="2024-05-02T00:00:00+00:00")
    for p in P1:
        d1.add_paragraph(p)
    a1 = [
        Actor("ana-lind", "Ana Lind", "person", ["Lind"], [], [_span(P1, 0, "Ana Lind"), _span(P1, 0, "Lind and")], 0, 0.6),
        Actor("ana", "Ana", "person", [], [], [Mention(0, P1[0].index("Ana spoke"), P1[0].index("Ana spoke") + 3, "Ana")], 0, 0.2),
        Actor("lind-berg-holm-dahl", "Lind, Berg, Holm and Dahl", "organization", [], [],
              [_span(P1, 2, "Lind, Berg, Holm and Dahl")], 2, 0.1),
    ]
    q1 = [_quote("q-aaaa0001", P1, 1, "We will rebuild the bridge before winter,",
                 candidates=[SpeakerCandidate("ana-lind", 0.5), SpeakerCandidate("ana", 0.4)]),
          _quote("q-aaaa0002", P1, 1, "delighted")]
    q1[1].partial = True
    d2 = Document(source="b.txt", title="Port Open", published="2024-05-01T00:00:00+00:00")
    for p in P2:
        d2.add_paragraph(p)
    a2 = [Actor("omar-quinn", "Omar Quinn", "person", ["Quinn"], [Role("harbour master")],
                [_span(P2, 0, "Omar Quinn"), _span(P2, 1, "Quinn")], 0, 0.8)]
    q2 = [_quote("q-bbbb0001", P2, 1, "The port stays open for every ship,", "omar-quinn")]
    return [Extraction(d1, "bridge-talks", a1, q1), Extraction(d2, "port-open", a2, q2)]


def write(tmp_path, files: dict[str, str]):
    folder = tmp_path / "content" / "briefings"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.md"):
        old.unlink()
    for slug, text in files.items():
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
    return str(folder)


def corrected(tmp_path, text: str, slug="bridge-talks", **kw):
    return link(extractions(), corrections_path=write(tmp_path, {slug: text}), **kw)


def quote(site, slug, qid):
    return next((q for q in site.briefing(slug).extraction.quotes if q.id == qid), None)


def test_no_folder_no_corrections(tmp_path):
    assert load_corrections(tmp_path / "nope") == {}
    site = link(extractions(), corrections_path=str(tmp_path / "nope"))
    assert site.briefing("bridge-talks").corrected is None and site.stale == []


def test_speaker_of_this_briefing(tmp_path):
    site = corrected(tmp_path, "---\nquotes:\n  q-aaaa0001: {speaker: ana-lind}\n---\n")
    q = quote(site, "bridge-talks", "q-aaaa0001")
    assert q.speaker == "ana-lind" and q.confidence == 1.0 and "editor" in q.evidence[0]
    assert [x.id for _, x in site.actors["ana-lind"].quotes] == ["q-aaaa0001"]
    assert q.to_json()["speaker"] == "ana-lind"  # the API's JSON is the extraction's


def test_speaker_from_another_briefing_joins_this_one(tmp_path):
    site = corrected(tmp_path, "---\nquotes:\n  q-aaaa0001: {speaker: omar-quinn}\n---\n")
    b = site.briefing("bridge-talks")
    assert quote(site, "bridge-talks", "q-aaaa0001").speaker == "omar-quinn"
    assert "omar-quinn" in [a.id for a in site.briefing_actors(b)]
    quinn = site.actors["omar-quinn"]
    assert quinn.briefings == ["bridge-talks", "port-open"]
    assert [x.id for _, x in quinn.quotes] == ["q-aaaa0001", "q-bbbb0001"]
    assert b.extraction.actor("omar-quinn").mentions == []  # quoted, never named here


def test_speaker_null_stays_null_with_an_alias_override(tmp_path):
    actors = tmp_path / "content" / "actors"
    actors.mkdir(parents=True)
    (actors / "ana-lind.md").write_text("---\naliases: [she]\n---\n", encoding="utf-8")
    text = "---\nquotes:\n  q-bbbb0001: {speaker: null}\n---\n"
    site = link(extractions(), corrections_path=write(tmp_path, {"port-open": text}), overrides_path=str(actors.parent))
    assert quote(site, "port-open", "q-bbbb0001").speaker is None
    assert site.actors["omar-quinn"].quotes == []


def test_hide_quote(tmp_path):
    site = corrected(tmp_path, "---\nquotes:\n  q-bbbb0001: {hide: true}\n---\n", slug="port-open")
    assert quote(site, "port-open", "q-bbbb0001") is None
    assert site.actors["omar-quinn"].quotes == []


def test_merge_two_actors_of_the_page(tmp_path):
    site = corrected(tmp_path, "---\nquotes:\n  q-aaaa0001: {speaker: ana}\nactors:\n  ana: {merge_into: ana-lind}\n---\n")
    ex = site.briefing("bridge-talks").extraction
    assert ex.actor("ana") is None and "ana" not in site.actors
    lind = ex.actor("ana-lind")
    assert len(lind.mentions) == 3 and "Ana" in lind.aliases
    assert [m.start for m in lind.mentions] == sorted(m.start for m in lind.mentions)
    assert quote(site, "bridge-talks", "q-aaaa0001").speaker == "ana-lind"  # the speaker follows the merge
    assert [c.actor for c in quote(site, "bridge-talks", "q-aaaa0001").candidates] == ["ana-lind"]
    assert site.actors["ana-lind"].mentions == 3


def test_merge_into_an_actor_of_another_briefing(tmp_path):
    site = corrected(tmp_path, "---\nactors:\n  ana: {merge_into: omar-quinn}\n---\n")
    assert site.actors["omar-quinn"].mentions_by_briefing == {"bridge-talks": 1, "port-open": 2}


def test_hide_actor_in_one_briefing(tmp_path):
    text = "---\nquotes:\n  q-aaaa0001: {speaker: ana}\nactors:\n  lind-berg-holm-dahl: {hide: true}\n---\n"
    site = corrected(tmp_path, text)
    assert "lind-berg-holm-dahl" not in site.actors
    assert site.briefing("bridge-talks").extraction.actor("lind-berg-holm-dahl") is None
    site = corrected(tmp_path, "---\nactors:\n  ana: {hide: true}\n---\n")
    assert quote(site, "bridge-talks", "q-aaaa0001").candidates[0].actor == "ana-lind"
    assert [c.actor for c in quote(site, "bridge-talks", "q-aaaa0001").candidates] == ["ana-lind"]


def test_type_name_roles_aliases(tmp_path):
    text = ("---\nactors:\n  lind-berg-holm-dahl: {type: person, name: Lind Group, roles: [signatories],"
            " aliases: [the four]}\n---\n")
    site = corrected(tmp_path, text)
    sa = site.actors["lind-berg-holm-dahl"]
    assert (sa.type, sa.name) == ("person", "Lind Group")
    assert ("signatories", "bridge-talks") in sa.roles
    assert {"the four", "Lind, Berg, Holm and Dahl"} <= set(sa.aliases)


def test_reviewed_changes_no_data(tmp_path):
    plain = link(extractions())
    site = corrected(tmp_path, "---\nactors:\n  ana: {reviewed: true}\n---\n")
    assert site.briefing("bridge-talks").extraction.to_json() == plain.briefing("bridge-talks").extraction.to_json()
    assert site.briefing("bridge-talks").corrected.actors == {"ana"}


def test_note_is_markdown_with_html_escaped(tmp_path):
    site = corrected(tmp_path, "---\nquotes:\n  q-aaaa0001: {speaker: ana-lind}\n---\nCorrected on *Monday*. <b>x</b>\n")
    html = site.briefing("bridge-talks").note_html
    assert "<em>Monday</em>" in html and "<b>" not in html and "&lt;b&gt;" in html


def test_cached_extraction_is_not_the_one_corrected(tmp_path):
    """Corrections edit the linked copy only: the list handed to link() by the pipeline is
    rebuilt from the cache every build, and the correction is applied to each build afresh."""
    exs = extractions()
    before = exs[1].to_json()
    link(exs, corrections_path=write(tmp_path, {"port-open": "---\nquotes:\n  q-bbbb0001: {hide: true}\n---\n"}))
    assert before["quotes"] and exs[1].to_json() != before  # applied to what it was given …
    assert extractions()[1].to_json() == before  # … which the next build makes anew


BAD = [
    ("nope", "---\nquotes:\n  q-aaaa0001: {hide: true}\n---\n", 1, "no briefing has the slug 'nope'"),
    ("bridge-talks", "---\nquotes:\n  q-ffff0000: {hide: true}\n---\n", 3, "quote id 'q-ffff0000' is not in this briefing"),
    ("bridge-talks", "---\nactors:\n  nobody: {hide: true}\n---\n", 3, "actor 'nobody' is not in this briefing"),
    ("bridge-talks", "---\nquotes:\n  q-aaaa0001: {speaker: nobody}\n---\n", 3, "speaker 'nobody' is no actor"),
    ("bridge-talks", "---\nactors:\n  ana: {merge_into: nobody}\n---\n", 3, "merge_into target 'nobody' is no actor"),
    ("bridge-talks", "---\nquotes:\n  q-aaaa0001: {speakr: ana}\n---\n", 3, "unknown field 'speakr'"),
    ("bridge-talks", "---\nactors:\n  ana:\n    hide: true\n    colour: red\n---\n", 5, "unknown field 'colour'"),
    ("bridge-talks", "---\narticle: \"12345678\"\nnotes: x\n---\n", 3, "unknown field 'notes'"),
    ("bridge-talks", "---\nquotes:\n  q-aaaa0001: {speaker: [\n---\n", 3, "bad YAML"),
    ("bridge-talks", "---\nactors:\n  ana: {type: robot}\n---\n", 3, "unknown type 'robot'"),
    ("bridge-talks", "---\nactors:\n  ana: {hide: yes please}\n---\n", 3, "'hide' must be true or false"),
    ("bridge-talks", "---\nactors:\n  ana: {hide: true, merge_into: ana-lind}\n---\n", 3, "cannot be combined"),
    ("bridge-talks", "---\nquotes:\n  q-aaaa0001: {hide: true, speaker: ana}\n---\n", 3, "cannot be combined"),
    ("bridge-talks", "---\nquotes:\n  q-aaaa0001: {hide: true}\n  q-aaaa0001: {speaker: ana}\n---\n", 4, "given twice"),
    ("bridge-talks", "---\nquotes:\n  q-aaaa0001: {speaker: ana}\nactors:\n  ana: {hide: true}\n---\n", 3,
     "hidden by this file"),
    ("bridge-talks", "---\nactors:\n  ana: {merge_into: ana-lind}\n  ana-lind: {merge_into: ana}\n---\n", 3, "cycle"),
    ("bridge-talks", "---\nactors:\n  ana: {roles: [ROLE]}\n---\n", 3, "replace ROLE"),
    ("bridge-talks", "---\nactors:\n  ana: {type: anonymous}\n---\n", 3, "unnamed source"),
    ("bridge-talks", "---\nquotes:\n  q-aaaa0001: {speaker: Ana Lind}\n---\n", 3, "must be an actor slug"),
    ("bridge-talks", "---\nquotes:\n  q-aaaa0001: {}\n---\n", 3, "nothing to do"),
    ("bridge-talks", "---\nquotes: [q-aaaa0001]\n---\n", 2, "must be a mapping"),
    ("bridge-talks", "---\narticle: 1234\n---\n", 2, "'article' must be"),
    ("bridge-talks", "---\nactors:\n  ana: {hide: true}\n---\nA note.\n\nquotes:\n  q-aaaa0001: {hide: true}\n", 7,
     "below the front matter"),
    ("bridge-talks", "---\nactors:\n  ana: {hide: true}\n", 1, "not closed"),
    ("Bridge_Talks", "A note.\n", 1, "file name must be a briefing slug"),
]


@pytest.mark.parametrize("slug, text, line, problem", BAD, ids=[b[3][:30] for b in BAD])
def test_bad_file_is_one_line_naming_file_and_line(tmp_path, slug, text, line, problem):
    with pytest.raises(CorrectionError) as e:
        corrected(tmp_path, text, slug=slug)
    msg = str(e.value)
    assert msg.startswith(f"content/briefings/{slug}.md:{line}: "), msg
    assert problem in msg and "\n" not in msg


def test_stale_after_the_article_changed(tmp_path):
    """Pinned to another version of the article: what matches nothing is reported, not
    fatal; what still matches is applied."""
    text = ("---\narticle: \"00000000\"\nquotes:\n  q-ffff0000: {hide: true}\n  q-aaaa0001: {speaker: ana-lind}\n"
            "actors:\n  gone: {hide: true}\n---\n")
    site = corrected(tmp_path, text)
    assert [(s.line, s.slug) for s in site.stale] == [(4, "bridge-talks"), (7, "bridge-talks")]
    assert "q-ffff0000" in site.stale[0].problem and "'gone'" in site.stale[1].problem
    assert site.stale[0].article == article_version(site.briefing("bridge-talks").document)
    assert quote(site, "bridge-talks", "q-aaaa0001").speaker == "ana-lind"


def test_pinned_to_the_current_article_an_unknown_id_is_an_error(tmp_path):
    version = article_version(extractions()[0].document)
    with pytest.raises(CorrectionError, match=r"bridge-talks\.md:4: quote id 'q-ffff0000'"):
        corrected(tmp_path, f"---\narticle: \"{version}\"\nquotes:\n  q-ffff0000: {{hide: true}}\n---\n")


def test_pinned_file_of_a_gone_briefing_is_stale(tmp_path):
    site = corrected(tmp_path, "---\narticle: \"00000000\"\nactors:\n  ana: {hide: true}\n---\n", slug="old-slug")
    assert [(s.slug, s.line, s.briefing) for s in site.stale] == [("old-slug", 1, None)]


def test_article_version_follows_the_text():
    d = extractions()[0].document
    v = article_version(d)
    assert len(v) == 8 and v == article_version(extractions()[0].document)
    d.paragraphs[1] = d.paragraphs[1].replace("winter", "spring")
    assert article_version(d) != v


def test_article_version_may_be_all_digits():
    c = parse_corrections("---\narticle: 12345678\n---\n", "x", "content/briefings/x.md")
    assert c.article == "12345678"
