"""What the editors' review (``review_queue``) and the linker share: names that may be one
actor (``similar_names``, ``candidate_pairs``: blocked so large sites compare few pairs),
the override text of ``content/actors/<slug>.md`` (``front_matter``), and speakerless
quotes attributed by an editor's alias (``attribute_by_alias``: the words beside the speech
verb, "…," *the diplomat* said, are an alias of exactly one actor of the briefing).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

import yaml

SIMILAR = 0.85  # name similarity above which two actors of one type may be one


def front_matter(data: dict) -> str:
    return _front_matter(json.dumps(data, ensure_ascii=False))


@lru_cache(maxsize=1024)
def _front_matter(data_json: str) -> str:
    data = json.loads(data_json)
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000) + "---\n"


def override_path(actor_id: str) -> str:
    return f"content/actors/{actor_id}.md"


_WHO = r"(?P<who>(?:[A-Za-z][\w'’.-]*\s+){0,5}?[A-Za-z][\w'’.-]*)"
_TAIL_STRIP = "\u201d\u201c\"'’»« ,.;:—–-"


def speaker_phrase(paragraph: str, quote_end: int, cue: str | None) -> str | None:
    """The words naming the speaker between a quote's end and its speech verb, or None."""
    if not cue:
        return None
    tail = paragraph[quote_end:quote_end + 120].lstrip(_TAIL_STRIP)
    m = re.match(_WHO + r"\s+" + re.escape(cue) + r"\b", tail, re.I)
    if not m:
        return None
    who = m.group("who").strip()
    return who if who and who.lower() not in {"he", "she", "they", "it", "we", "i"} else None


def attribute_by_alias(site) -> int:
    """Give speakerless quotes the actor whose alias is the phrase beside their speech verb
    (aliases added by editors on the review page). Returns how many were attributed."""
    n = 0
    for b in site.briefings:
        local = {}
        for a in b.extraction.actors:
            sa = site.actor(b.site_actor_id(a.id))
            if sa is not None and not sa.hidden:
                for form in (sa.name, *sa.aliases):
                    local.setdefault(form.lower(), set()).add(a.id)
        decided = b.corrected.quotes if b.corrected is not None else ()  # an editor's null stays null
        for q in b.extraction.quotes:
            if q.speaker or not q.parts or q.id in decided:
                continue
            last = q.parts[-1]
            para = b.document.paragraphs[last.paragraph]
            phrase = speaker_phrase(para, last.end, q.cue)
            ids = local.get(phrase.lower(), set()) if phrase else set()
            if len(ids) == 1:
                q.speaker = next(iter(ids))
                n += 1
    return n


@lru_cache(maxsize=16384)
def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", name.lower())


_MINOR = {"of", "the", "and", "for", "de", "la"}


@lru_cache(maxsize=65536)
def similar_names(a: str, b: str) -> bool:
    na, nb = _norm(a), _norm(b)
    if not na or not nb or na == nb:
        return na == nb and bool(na)
    ta, tb = na.split(), nb.split()
    if len(ta) > 1 and len(tb) > 1 and ta[0] == tb[0] and _ratio_at_least(ta[-1], tb[-1], 0.8):
        return True
    short, long_ = sorted((ta, tb), key=len)
    if len(short) == 1 and len(long_) > 1:
        word = short[0]
        if word == long_[-1] and len(word) > 2:  # a surname left unmerged: "Scholz" / "Olaf Scholz"
            return True
        if len(word) > 1 and word == "".join(t[0] for t in long_ if t not in _MINOR):  # "eu" / "european union"
            return True
    return _ratio_at_least(na, nb, SIMILAR)


@lru_cache(maxsize=16384)
def _chars(text: str) -> Counter:
    return Counter(text)


def _ratio_at_least(a: str, b: str, threshold: float) -> bool:
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < threshold:  # the best ratio lengths allow
        return False
    # SequenceMatcher.quick_ratio (the characters both share, as multisets), from per-name
    # counts kept across pairs; the matcher is built only for the pairs that pass it
    ca, cb = _chars(a), _chars(b)
    if len(ca) > len(cb):
        ca, cb = cb, ca
    matches = sum(min(n, cb[c]) for c, n in ca.items() if c in cb)
    if 2.0 * matches / (len(a) + len(b)) < threshold:
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= threshold


@lru_cache(maxsize=16384)
def _block_keys(name: str) -> frozenset[str]:
    """Keys two similar names share (so large sites compare few pairs): each word's first
    four letters, and the initials of a multi-word name."""
    words = _norm(name).split()
    keys = {w[:4] for w in words if len(w) > 1}
    if len(words) > 1:
        keys.add("".join(w[0] for w in words if w not in _MINOR))
    return frozenset(keys)


MAX_BLOCK = 200  # a key shared by more names than this says nothing ("united", "national")


@lru_cache(maxsize=65536)
def name_similarity(a: str, b: str) -> float:
    """How alike two names are, 0..1 (difflib's ratio of the normalised names)."""
    return SequenceMatcher(None, _norm(a), _norm(b), autojunk=False).ratio()


def candidate_pairs(actors: list) -> list[tuple]:
    blocks: dict[str, list[int]] = {}
    for i, a in enumerate(actors):
        for k in _block_keys(a.name):
            blocks.setdefault(k, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) <= MAX_BLOCK:
            pairs.update((x, y) for n, x in enumerate(members) for y in members[n + 1:])
    return [(actors[x], actors[y]) for x, y in sorted(pairs)]
