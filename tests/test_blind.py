"""Blind evaluation: six articles written (with their gold annotations) before the extractor
was run on them, in styles the other fixtures do not cover — a Reuters-style wire story with
a dateline and an editing credit, a UK paper with ‘single quotes’ and Mr/Ms/Sir honorifics,
an earnings story (Inc./Ltd., CEO/CFO, "wrote in a note"), a science story (lead author,
journal, universities), a court story (judge, prosecutors, defendant) and an AP local story
(mayor, council, club). tests/fixtures/blind/<name>.md + <name>.json (the gold format).

Further batches b2-… to b7-… were each written (text and gold) after the previous round of
fixes and scored once before any change, so every batch was unseen when first measured:

  batch (first sight)        actor P / R / type      quote R / P / speaker   e2e speaker
  1 (6 articles, no fix)     0.881 / 0.895 / 0.989   0.987 / 0.987 / 0.973   0.893
  b2 after round 1           0.985 / 0.930 / 0.985   1.000 / 1.000 / 0.927   0.854
  b3 after round 2           0.949 / 0.943 / 0.946   1.000 / 1.000 / 1.000   0.957
  b4 after round 3           0.925 / 0.970 / 0.892   1.000 / 0.962*/ 1.000   0.833
  b5 after round 4           0.846 / 0.950 / 0.955   1.000 / 0.947*/ 1.000   0.941
  b6 after round 5           0.955 / 0.947 / 0.952   1.000 / 1.000 / 1.000   1.000
  b7 after round 6           1.000 / 1.000 / 1.000   1.000 / 1.000 / 1.000   1.000
  b8 after round 6           0.880 / 0.950 / 1.000   1.000 / 1.000 / 1.000   1.000
  b9 after round 7           0.857 / 0.923 / 1.000   1.000 / 1.000 / 1.000   1.000
  b10 after round 8          0.857 / 1.000 / 1.000   1.000 / 1.000 / 1.000   1.000
  b11 after round 9          0.957 / 1.000 / 0.909   1.000 / 1.000 / 1.000   1.000
  b12 after round 10         1.000 / 1.000 / 1.000   1.000 / 1.000 / 1.000   1.000
  b13 after round 10         0.900 / 0.875 / 1.000   1.000 / 0.600*/ 1.000   1.000
  (* quotations the annotation had left out — the second ‘…’ after an attribution; added to
  the gold afterwards, in four files; the quote precision without those gold errors is 1.0)

Once fixed, the batches stay here as regression tests; the numbers above are the honest ones.

Targets: actor precision/recall ≥ 0.90, type accuracy ≥ 0.95; quote recall ≥ 0.95,
precision ≥ 0.90, speaker accuracy ≥ 0.95 (quotes measured with the gold actors, like
test_quotes_unseen, so the number is the quotes stage's own; the report also gives the
end-to-end speaker accuracy with the extracted actors)."""
from __future__ import annotations

import json

import pytest

from briefing.extract.actors import find_actors
from briefing.extract.actors.scoring import match as match_actor, score
from briefing.read.dispatch import parse_file
from briefing.extract.quotes import find_quotes
from conftest import FIXTURES
from quotes_gold import gold_actors, match

BLIND = FIXTURES / "blind"
NAMES = sorted(p.stem for p in BLIND.glob("*.md"))


def _gold(name):
    return json.loads((BLIND / f"{name}.json").read_text(encoding="utf-8"))


def actor_scores(nlp):
    out = {}
    for name in NAMES:
        doc = parse_file(str(BLIND / f"{name}.md"))
        actors = find_actors(doc, list(nlp.pipe(doc.paragraphs)))
        out[name] = score(actors, _gold(name))
    return out


def quote_scores(nlp=None):
    """Per article: gold, found, predicted, matched (distinct), attributed, right, errors.
    With nlp, speakers are checked end to end (extracted actors mapped to gold by name)."""
    out = {}
    for name in NAMES:
        doc = parse_file(str(BLIND / f"{name}.md"))
        gold = _gold(name)
        if nlp is None:
            actors = gold_actors(doc, gold)
            names = {a.id: a.name for a in actors}
            quotes = find_quotes(doc, actors)
        else:
            parsed = list(nlp.pipe(doc.paragraphs))
            actors = find_actors(doc, parsed)
            names = {}
            for a in actors:
                g = match_actor(a, gold["actors"])
                names[a.id] = g["name"] if g else a.name
            quotes = find_quotes(doc, actors, parsed)
        s = dict(gold=len(gold["quotes"]), found=0, predicted=len(quotes), attributed=0, right=0, errors=[])
        matched = set()
        for g in gold["quotes"]:
            q = match(quotes, g["starts"])
            if q is None:
                s["errors"].append(f"missing {g['starts']!r}")
                continue
            s["found"] += 1
            matched.add(q.id)
            if g["speaker"] == "*":
                continue
            if g["speaker"] is not None:
                s["attributed"] += 1
                if names.get(q.speaker) == g["speaker"]:
                    s["right"] += 1
                else:
                    s["errors"].append(f"{g['starts']!r}: {names.get(q.speaker)!r} ≠ {g['speaker']!r}")
            elif q.speaker is not None:
                s["errors"].append(f"{g['starts']!r}: should have no speaker, got {names.get(q.speaker)!r}")
        s["matched"] = len(matched)
        s["extra"] = [q.text for q in quotes if q.id not in matched]
        out[name] = s
    return out


def totals(actor, quote):
    a = {k: sum(s[k] for s in actor.values()) for k in ("tp", "fp", "required", "required_found", "type_ok")}
    q = {k: sum(s[k] for s in quote.values()) for k in ("gold", "found", "predicted", "matched", "attributed", "right")}
    return {
        "actor_precision": a["tp"] / max(1, a["tp"] + a["fp"]),
        "actor_recall": a["required_found"] / max(1, a["required"]),
        "type_accuracy": a["type_ok"] / max(1, a["tp"]),
        "quote_recall": q["found"] / max(1, q["gold"]),
        "quote_precision": q["matched"] / max(1, q["predicted"]),
        "speaker_accuracy": q["right"] / max(1, q["attributed"]),
    }


@pytest.fixture(scope="module")
def nlp():
    from briefing.extract.nlp import get_nlp

    return get_nlp()


def test_blind_set_is_complete():
    assert len(NAMES) >= 6
    for name in NAMES:
        g = _gold(name)
        assert g["actors"] and g["quotes"] and g["not_actors"], name


def test_blind_actor_targets(nlp):
    s = actor_scores(nlp)
    t = totals(s, quote_scores())
    problems = {n: v["problems"] for n, v in s.items() if v["problems"]}
    assert t["actor_precision"] >= 0.90 and t["actor_recall"] >= 0.90, (t, problems)
    assert t["type_accuracy"] >= 0.95, (t, problems)
    # a product named like a company ("its Navigo web browser", then "a sale of Navigo") is a known miss
    assert sum(len(v["not_actors"]) for v in s.values()) <= 1, problems


def test_blind_quote_targets():
    s = quote_scores()
    t = totals({"-": dict(tp=0, fp=0, required=0, required_found=0, type_ok=0)}, s)
    detail = {n: (v["errors"], v["extra"]) for n, v in s.items() if v["errors"] or v["extra"]}
    assert t["quote_recall"] >= 0.95 and t["quote_precision"] >= 0.90, (t, detail)
    assert t["speaker_accuracy"] >= 0.95, (t, detail)


if __name__ == "__main__":  # a report: .venv/bin/python tests/test_blind.py
    import sys

    from briefing.extract.nlp import get_nlp

    _nlp = get_nlp()
    acts, qs, qe = actor_scores(_nlp), quote_scores(), quote_scores(_nlp)
    for n in NAMES:
        print(f"== {n}")
        for p in acts[n]["problems"]:
            print("  actor:", p)
        for e in qs[n]["errors"]:
            print("  quote:", e)
        for x in qs[n]["extra"]:
            print("  extra quote:", x[:80])
        for e in qe[n]["errors"]:
            print("  e2e quote:", e)
    print(json.dumps(totals(acts, qs), indent=1))
    print("end-to-end speaker accuracy:", round(totals(acts, qe)["speaker_accuracy"], 3))
    sys.exit(0)
