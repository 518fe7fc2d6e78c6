"""Scoring extracted actors against a hand annotation (the gold files' format).

Annotation: ``{"actors": [{"name", "type", "aliases", "roles", "required"}], "places": [...],
"not_actors": [...]}``. An extracted actor matches an annotated one when its name or one of
its aliases equals the annotated name or one of its aliases (case, a leading article and
dots ignored). Places typed ``place`` are neutral; optional actors count only when found.
"""
from __future__ import annotations

import re

_ART = re.compile(r"^(?:the|a|an)\s+", re.I)


def norm(s: str) -> str:
    s = s.replace("’", "'").replace(".", "").strip().lower()
    s = _ART.sub("", s)
    s = re.sub(r"'s$", "", s)
    return " ".join(s.split())


def _forms(name: str, aliases) -> set[str]:
    return {norm(name)} | {norm(a) for a in aliases or ()}


def role_matches(found: str, gold: str) -> bool:
    f, g = norm(found), norm(gold)
    return f == g or (len(g) > 3 and (g in f or f in g))


def match(actor, gold_actors: list[dict]) -> dict | None:
    names = _forms(actor.name, actor.aliases)
    primary = norm(actor.name)
    best = None
    for g in gold_actors:
        forms = _forms(g["name"], g.get("aliases"))
        if primary in forms:
            return g
        if best is None and names & forms:
            best = g
    return best


def score(actors, expected: dict) -> dict:
    """Counts for precision/recall/type accuracy, plus the problems found (for messages)."""
    gold = expected["actors"]
    places = {norm(p) for p in expected.get("places", ())}
    bad = {norm(x) for x in expected.get("not_actors", ())}
    tp = fp = type_ok = 0
    found: dict[str, object] = {}
    problems: list[str] = []
    for a in actors:
        if any(norm(x) in bad for x in [a.name, *a.aliases]):
            problems.append(f"not an actor: {a.name!r} ({a.type})")
        g = match(a, gold)
        if g is None:
            if a.type == "place" or norm(a.name) in places:
                continue
            fp += 1
            problems.append(f"unexpected actor: {a.name!r} ({a.type})")
            continue
        if g["name"] in found:
            continue  # a duplicate of an actor already matched: neither credit nor blame twice
        found[g["name"]] = a
        tp += 1
        if a.type == g["type"]:
            type_ok += 1
        else:
            problems.append(f"wrong type: {a.name!r} is {a.type}, expected {g['type']}")
    required = [g for g in gold if g.get("required", True)]
    missed = [g["name"] for g in required if g["name"] not in found]
    problems += [f"missed: {m!r}" for m in missed]
    role_missing = []
    for g in required:
        a = found.get(g["name"])
        if a is None or g["type"] != "person" or not g.get("roles"):
            continue
        if not any(role_matches(r.text, gr) for r in a.roles for gr in g["roles"]):
            role_missing.append(g["name"])
            problems.append(f"no gold role for {g['name']!r}: found {[r.text for r in a.roles]}")
    return {
        "tp": tp, "fp": fp, "required": len(required), "required_found": len(required) - len(missed),
        "type_ok": type_ok, "missed": missed, "role_missing": role_missing, "problems": problems,
        "not_actors": [p for p in problems if p.startswith("not an actor")],
    }
