"""Linking: actors merged across briefings, quotes and briefings per actor, co-actors,
related briefings, key actors — on hand-built extractions and on the gold annotations."""
from __future__ import annotations

import pytest

from briefing.link.site import link, related_score
from briefing.model import Actor, Document, Extraction, Mention, Quote, QuotePart, Role
from briefing.link.review import attribute_by_alias, similar_names, speaker_phrase


def make(slug, published, paragraphs, actors, quotes=()):
    """actors: (id, name, type, [(paragraph, start, end)], [roles], salience)"""
    doc = Document(source=f"{slug}.txt", title=slug.replace("-", " ").title(), published=published)
    for p in paragraphs:
        doc.add_paragraph(p)
    acts = []
    for aid, name, typ, spans, roles, sal in actors:
        ms = [Mention(p, s, e, paragraphs[p][s:e]) for p, s, e in spans]
        acts.append(Actor(aid, name, typ, [], [Role(r) for r in roles], ms, ms[0].paragraph if ms else -1, sal))
    qs = [Quote(qid, [QuotePart(p, s, e, paragraphs[p][s:e])], spk, "said") for qid, p, s, e, spk in quotes]
    return Extraction(document=doc, slug=slug, actors=acts, quotes=qs)


P_A = ["Olaf Scholz met NATO leaders.", "\u201cWe will help,\u201d Scholz said. A French official agreed."]
P_B = ["Olaf Scholz and Joe Biden spoke.", "\u201cNo,\u201d Biden said.", "\u201cYes,\u201d Scholz said."]
P_C = ["Joe Biden visited NATO.", "NATO and Biden agreed. \u201cFine,\u201d a French official said."]


@pytest.fixture
def site():
    a = make("alpha", "2023-07-01T00:00:00+00:00", P_A, [
        ("olaf-scholz", "Olaf Scholz", "person", [(0, 0, 11), (1, 20, 26)], ["German Chancellor"], 0.6),
        ("nato", "NATO", "organization", [(0, 16, 20)], [], 0.3),
        ("a-french-official", "a French official", "anonymous", [(1, 35, 52)], [], 0.1),
    ], [("q1", 1, 1, 13, "olaf-scholz")])
    b = make("beta", "2023-07-05T00:00:00+00:00", P_B, [
        ("olaf-scholz", "Olaf Scholz", "person", [(0, 0, 11), (2, 9, 15)], ["Chancellor"], 0.5),
        ("joe-biden", "Joe Biden", "person", [(0, 16, 25), (1, 7, 12)], ["US President"], 0.5),
    ], [("q1", 1, 1, 3, "joe-biden"), ("q2", 2, 1, 4, "olaf-scholz")])
    c = make("gamma", None, P_C, [
        ("joe-biden", "Joe Biden", "person", [(0, 0, 9), (1, 9, 14)], [], 0.5),
        ("nato", "NATO", "organization", [(0, 18, 22), (1, 0, 4)], [], 0.4),
        ("a-french-official", "a French official", "anonymous", [(1, 30, 47)], [], 0.1),
    ], [("q1", 1, 24, 28, "a-french-official")])
    return link([c, a, b])


def test_briefings_newest_first_undated_last(site):
    assert [b.slug for b in site.briefings] == ["beta", "alpha", "gamma"]


def test_actor_merged_across_briefings_with_roles_per_briefing(site):
    scholz = site.actors["olaf-scholz"]
    assert scholz.briefings == ["beta", "alpha"]
    assert scholz.roles == [("Chancellor", "beta"), ("German Chancellor", "alpha")]
    assert scholz.mentions == 4
    assert scholz.mentions_by_briefing == {"beta": 2, "alpha": 2}


def test_quotes_per_actor_newest_first(site):
    assert [(s, q.id) for s, q in site.actors["olaf-scholz"].quotes] == [("beta", "q2"), ("alpha", "q1")]
    assert [(s, q.id) for s, q in site.actors["joe-biden"].quotes] == [("beta", "q1")]


def test_anonymous_actors_never_merge(site):
    anon = sorted(i for i, a in site.actors.items() if a.type == "anonymous")
    assert anon == ["alpha--a-french-official", "gamma--a-french-official"]
    assert [s for s, _ in site.actors["gamma--a-french-official"].quotes] == ["gamma"]


def test_co_actors_counted_by_shared_briefings(site):
    co = {a.id: n for a, n in site.actors["joe-biden"].co_actors}
    assert co == {"olaf-scholz": 1, "nato": 1, "gamma--a-french-official": 1}
    assert site.actors["olaf-scholz"].co_actors[0][0].id in ("joe-biden", "nato")


def test_related_ranked_by_salience_with_shared_names(site):
    alpha = site.briefing("alpha")
    # alpha shares Scholz (0.6 × 0.5) with beta and NATO (0.3 × 0.4) with gamma
    assert [r.briefing.slug for r in alpha.related] == ["beta", "gamma"]
    assert alpha.related[0].shared_names == ["Olaf Scholz"]
    assert alpha.related[1].shared_names == ["NATO"]
    assert alpha.related[0].score > alpha.related[1].score
    beta = site.briefing("beta")
    assert [r.briefing.slug for r in beta.related] == ["gamma", "alpha"] or beta.related[0].score >= beta.related[1].score


def test_related_is_symmetric_and_ignores_anonymous(site):
    a, g = site.briefing("alpha"), site.briefing("gamma")
    s1, shared1 = related_score(a, g, site)
    s2, shared2 = related_score(g, a, site)
    assert s1 == pytest.approx(s2) and [x.id for x in shared1] == [x.id for x in shared2] == ["nato"]


def test_related_limit():
    exs = [make(f"b{i}", f"2023-07-0{i}T00:00:00+00:00", ["Olaf Scholz."],
                [("olaf-scholz", "Olaf Scholz", "person", [(0, 0, 11)], [], 0.5)]) for i in range(1, 8)]
    s = link(exs, related_limit=3)
    assert all(len(b.related) == 3 for b in s.briefings)


def test_key_actors_and_top_actors(site):
    assert [a.id for a in site.briefing("alpha").key_actors] == ["olaf-scholz", "nato"]
    top = [a.id for a in site.top_actors]
    assert top[:2] == ["joe-biden", "olaf-scholz"] or top[:2] == ["olaf-scholz", "joe-biden"]
    assert not any("--" in i for i in top)


def test_no_actors_no_crash():
    s = link([make("empty", None, ["Nothing here."], [])])
    assert s.actors == {} and s.briefings[0].related == [] and s.top_actors == []


def test_duplicate_slugs_unique():
    s = link([make("same", None, ["x"], []), make("same", None, ["y"], [])])
    assert sorted(b.slug for b in s.briefings) == ["same", "same-2"]


def test_speaker_phrase_and_alias_attribution():
    para = "\u201cWe will see,\u201d the diplomat said on Monday."
    assert speaker_phrase(para, para.index("\u201d") , "said") == "the diplomat"
    assert speaker_phrase("\u201cNo,\u201d he said.", 4, "said") is None
    ex = make("delta", None, ["A senior diplomat spoke.", para], [
        ("a-senior-diplomat", "a senior diplomat", "anonymous", [(0, 0, 17)], [], 0.5)])
    ex.quotes = [Quote("q1", [QuotePart(1, 1, 12, para[1:12])], None, "said")]
    s = link([ex])
    assert ex.quotes[0].speaker is None
    s.actors["delta--a-senior-diplomat"].aliases.append("the diplomat")  # what an override adds
    assert attribute_by_alias(s) == 1 and ex.quotes[0].speaker == "a-senior-diplomat"


def test_similar_names():
    assert similar_names("Olaf Scholtz", "Olaf Scholz")
    assert similar_names("Volodymyr Zelensky", "Volodymyr Zelenskyy")
    assert not similar_names("Joe Biden", "Jill Biden")
    assert not similar_names("NATO", "NASA")
    assert similar_names("Scholz", "Olaf Scholz")
    assert similar_names("EU", "European Union") and similar_names("NATO", "North Atlantic Treaty Organization")
    assert not similar_names("Smith", "Julianne Smithers")


# ------------------------------------------------------------ editorial overrides

def overrides_dir(tmp_path, files: dict[str, str]):
    d = tmp_path / "content" / "actors"
    d.mkdir(parents=True)
    for slug, text in files.items():
        (d / f"{slug}.md").write_text(text, encoding="utf-8")
    return str(d)


def test_override_merge_and_hide_flow_through(tmp_path):
    pytest.importorskip("briefing.link.overrides")
    a = make("alpha", "2023-07-01T00:00:00+00:00", P_A, [
        ("olaf-scholz", "Olaf Scholz", "person", [(0, 0, 11)], [], 0.6),
        ("nato", "NATO", "organization", [(0, 16, 20)], [], 0.3),
    ])
    b = make("beta", "2023-07-05T00:00:00+00:00", ["Olaf Scholtz and NATO."], [
        ("olaf-scholtz", "Olaf Scholtz", "person", [(0, 0, 12)], [], 0.6),
        ("nato", "NATO", "organization", [(0, 17, 21)], [], 0.3),
    ], [("q1", 0, 0, 5, "olaf-scholtz")])
    path = overrides_dir(tmp_path, {"olaf-scholtz": "---\nmerge_into: olaf-scholz\n---\n", "nato": "---\nhide: true\n---\n"})
    s = link([a, b], overrides_path=path)
    assert "olaf-scholtz" not in s.actors
    assert "nato" not in s.actors or s.actors["nato"].hidden
    assert "nato" not in [a.id for a in s.visible_actors()]
    scholz = s.actors["olaf-scholz"]
    assert scholz.briefings == ["beta", "alpha"] and scholz.mentions_by_briefing == {"beta": 1, "alpha": 1}
    assert [q.id for _, q in scholz.quotes] == ["q1"]
    assert [r.shared_names for r in s.briefing("alpha").related] == [["Olaf Scholz"]]


def test_alias_override_attributes_speakerless_quote(tmp_path):
    """An alias an editor gives an actor (content/actors/) names the speaker of a quote whose
    speech verb has that phrase beside it ("…," the diplomat said)."""
    pytest.importorskip("briefing.link.overrides")
    para = "\u201cWe will see,\u201d the diplomat said on Monday."
    ex = make("delta", None, ["A senior diplomat spoke.", para], [
        ("a-senior-diplomat", "a senior diplomat", "anonymous", [(0, 0, 17)], [], 0.5)])
    ex.quotes = [Quote("q1", [QuotePart(1, 1, 12, para[1:12])], None, "said")]
    assert link([ex]).actors["delta--a-senior-diplomat"].quotes == []
    fix = "---\naliases:\n- the diplomat\n---\n"
    s = link([ex], overrides_path=overrides_dir(tmp_path, {"delta--a-senior-diplomat": fix}))
    assert [q.id for _, q in s.actors["delta--a-senior-diplomat"].quotes] == ["q1"]


def test_duplicate_candidates_scale(site):
    """Blocking keeps the pairwise comparison small on a large site: counted in pairs (all
    pairs of 3,002 actors would be 4.5 million), not in seconds, which depend on the machine's load."""
    from briefing.link.site import SiteActor
    from briefing.link.review import candidate_pairs

    actors = [SiteActor(f"p{i}", f"Person{i:04d} Surname{i * 7919 % 10007:05d}", "person") for i in range(3000)]
    actors += [SiteActor("olaf-scholz", "Olaf Scholz", "person"), SiteActor("olaf-scholtz", "Olaf Scholtz", "person")]
    pairs = candidate_pairs(actors)
    assert len(pairs) < 200_000
    assert any({a.id, b.id} == {"olaf-scholz", "olaf-scholtz"} for a, b in pairs)


def test_related_index_equals_all_pairs():
    """The inverted-index ranking is the same as scoring every pair (ties, hidden, anonymous)."""
    import random

    rng = random.Random(7)
    names = [(f"p{i}", f"Person {i}", "person") for i in range(12)] + \
            [(f"o{i}", f"Org {i}", "organization") for i in range(5)] + [("anon", "an official", "anonymous")]
    exs = []
    for n in range(40):
        picked = rng.sample(names, rng.randint(0, 6))
        sal = [rng.choice([0.0, 0.1, 0.25, 0.5, 0.5, 1 / 3]) for _ in picked]
        exs.append(make(f"b{n:02d}", f"2023-07-{1 + n % 28:02d}T00:00:00+00:00", ["Text."],
                        [(aid, nm, t, [], [], s) for (aid, nm, t), s in zip(picked, sal)]))
    for limit in (0, 1, 3, 5, 100):
        s = link(exs, related_limit=limit)
        s.actors["p3"].hidden = True
        from briefing.link.site import _related

        _related(s, limit)
        order = {b.slug: i for i, b in enumerate(s.briefings)}
        for b in s.briefings:
            brute = []
            for o in s.briefings:
                if o is not b:
                    score, shared = related_score(b, o, s)
                    if shared:
                        brute.append((round(score, 6), o.slug, [a.id for a in shared]))
            brute.sort(key=lambda r: (-r[0], order[r[1]]))
            assert [(r.score, r.briefing.slug, [a.id for a in r.shared]) for r in b.related] == brute[:limit]


def test_co_actors_ranked_like_the_plain_sort():
    """Co-actors: briefings shared, then mentions, name (case-folded) and id; hidden actors
    never listed (though a hidden actor has co-actors of its own)."""
    import random
    from collections import Counter

    from briefing.link.site import _co_actors

    rng = random.Random(3)
    names = [(f"p{i}", rng.choice(["Ann", "ann", "Bo", "Cy"]) + f" {i % 4}", "person") for i in range(15)]
    exs = []
    for n in range(30):
        picked = rng.sample(names, rng.randint(0, 7))
        exs.append(make(f"b{n:02d}", None, ["Text " * 20],
                        [(aid, nm, t, [(0, 0, 4)] * rng.randint(1, 3), [], 0.5) for aid, nm, t in picked]))
    s = link(exs)
    for hidden in ("p2", "p7"):
        s.actors[hidden].hidden = True
    _co_actors(s)
    for sa in s.actors.values():
        counts = Counter()
        for slug in sa.briefings:
            counts.update(set(s.briefing(slug).actor_ids.values()))
        counts.pop(sa.id, None)
        want = sorted((i for i in counts if not s.actors[i].hidden),
                      key=lambda i: (-counts[i], -s.actors[i].mentions, s.actors[i].name.lower(), i))
        assert [(a.id, n) for a, n in sa.co_actors] == [(i, counts[i]) for i in want]


def test_ratio_bound_equals_sequence_matcher():
    """The review's similarity test (counts shared characters before building a matcher)
    decides exactly as SequenceMatcher's three ratios."""
    import random
    from difflib import SequenceMatcher

    from briefing.link.review import _ratio_at_least

    rng = random.Random(5)
    for _ in range(3000):
        a = "".join(rng.choice("abcde ") for _ in range(rng.randint(1, 12)))
        b = "".join(rng.choice("abcde ") for _ in range(rng.randint(1, 12)))
        for t in (0.85, 0.8, 0.5):
            m = SequenceMatcher(None, a, b, autojunk=False)
            want = m.real_quick_ratio() >= t and m.quick_ratio() >= t and m.ratio() >= t
            assert _ratio_at_least(a, b, t) == want, (a, b, t)


def test_co_actors_read_like_a_list_and_signed_by_content(site):
    from briefing.link.site import CoActors

    co = site.actors["joe-biden"].co_actors
    assert isinstance(co, CoActors) and len(co) == 3
    assert list(co)[:2] == co[:2] and co[0] == list(co)[0] and co == list(co)
    assert [n for _, n in co] == [1, 1, 1]
    again = link([make(s.slug, s.published, list(s.document.paragraphs),
                       [(a.id, a.name, a.type, [(m.paragraph, m.start, m.end) for m in a.mentions],
                         [r.text for r in a.roles], a.salience) for a in s.extraction.actors],
                       [(q.id, q.parts[0].paragraph, q.parts[0].start, q.parts[0].end, q.speaker)
                        for q in s.extraction.quotes])
                  for s in site.briefings])
    assert again.actors["joe-biden"].co_actors.signature() == co.signature()  # same content, new objects
    again.actors["nato"].name = "NATO alliance"
    again.actors["joe-biden"].co_actors._table._tokens = None
    assert again.actors["joe-biden"].co_actors.signature() != co.signature()
    # a site-wide rank change among actors the list does not hold leaves it alone
    table = again.actors["joe-biden"].co_actors._table
    members = {o.id for o, _ in again.actors["joe-biden"].co_actors}
    others = [i for i, a in enumerate(table.actors) if a.id not in members]
    before = again.actors["joe-biden"].co_actors.signature()
    assert len(others) >= 2, others
    i, j = others[:2]
    table.actors[i], table.actors[j] = table.actors[j], table.actors[i]
    table._tokens = None
    assert again.actors["joe-biden"].co_actors.signature() == before
