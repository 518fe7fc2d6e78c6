"""The editors' review list: where the machine is unsure, and the override that fixes it.

Four kinds of item, each with the exact ``content/actors/<slug>.md`` text to write:

* quotes without a speaker — the words beside the speech verb ("…," *the diplomat* said)
  are proposed as an alias of the nearest person or anonymous source named before the
  quote; with that alias the linker attributes the quote (see ``attribute_by_alias``);
* two actors that may be one person under two spellings — ``merge_into`` the one with
  more mentions;
* people with no role — a ``roles`` entry to fill in;
* actors named once, with no role and no quote — often a false positive: ``hide``.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

import yaml

SIMILAR = 0.85  # name similarity above which two actors of one type may be one


@dataclass
class Fix:
    path: str
    text: str


@dataclass
class ReviewItem:
    kind: str  # null-speaker | duplicate | no-role | single-mention
    title: str
    detail: str = ""
    briefing: object = None
    anchor: str = ""
    actors: list = field(default_factory=list)
    fixes: list[Fix] = field(default_factory=list)


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


def _speaker_mentions(b, site) -> tuple[list[tuple[int, int]], list]:
    """The mentions of a briefing's people and anonymous sources, sorted by position (then
    by actor order), with their site actors: looked up by bisection for each quote (a long
    transcript has thousands of quotes and tens of thousands of mentions)."""
    entries = []
    for order, a in enumerate(b.extraction.actors):
        sa = site.actor(b.site_actor_id(a.id))
        if sa is None or sa.hidden or sa.type not in ("person", "anonymous"):
            continue
        entries.extend((m.paragraph, m.start, order, sa) for m in a.mentions)
    entries.sort(key=lambda e: e[:3])
    return [e[:2] for e in entries], [e[3] for e in entries]


def _nearest_speaker(mentions: tuple[list, list], paragraph: int, start: int):
    """The person or source mentioned last before (paragraph, start), at most two paragraphs
    back; of two mentions at one position, the actor listed first."""
    keys, actors = mentions
    i = bisect_left(keys, (paragraph, start)) - 1
    if i < 0 or keys[i][0] < paragraph - 2:
        return None
    return actors[bisect_left(keys, keys[i])]


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
        for q in b.extraction.quotes:
            if q.speaker or not q.parts:
                continue
            last = q.parts[-1]
            para = b.document.paragraphs[last.paragraph]
            phrase = speaker_phrase(para, last.end, q.cue)
            ids = local.get(phrase.lower(), set()) if phrase else set()
            if len(ids) == 1:
                q.speaker = next(iter(ids))
                n += 1
    return n


def _null_speaker_items(site) -> list[ReviewItem]:
    items = []
    for b in site.briefings:
        mentions = None
        for q in b.extraction.quotes:
            if q.speaker and site.actor(b.site_actor_id(q.speaker)) is not None:
                continue
            if not q.parts:
                continue
            first, last = q.parts[0], q.parts[-1]
            phrase = speaker_phrase(b.document.paragraphs[last.paragraph], last.end, q.cue)
            if mentions is None:
                mentions = _speaker_mentions(b, site)
            cand = _nearest_speaker(mentions, first.paragraph, first.start)
            item = ReviewItem("null-speaker", q.text, briefing=b, anchor=f"p{first.paragraph + 1}")
            if phrase and cand is not None:
                item.actors = [cand]
                item.detail = f"The text says \u201c{phrase}\u201d {q.cue}. If that is {cand.name}, add the alias:"
                item.fixes = [Fix(override_path(cand.id), front_matter({"aliases": [phrase]}))]
            else:
                item.detail = ("No speaker is named near this quote. If it is a title or scare quote, "
                               "nothing needs fixing.")
            items.append(item)
    return items


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", name.lower())


_MINOR = {"of", "the", "and", "for", "de", "la"}


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


def _block_keys(name: str) -> set[str]:
    """Keys two similar names share (so large sites compare few pairs): each word's first
    four letters, and the initials of a multi-word name."""
    words = _norm(name).split()
    keys = {w[:4] for w in words if len(w) > 1}
    if len(words) > 1:
        keys.add("".join(w[0] for w in words if w not in _MINOR))
    return keys


MAX_ITEMS = 300  # per review section: an editor's afternoon, not a dump
MAX_BLOCK = 200  # a key shared by more names than this says nothing ("united", "national")


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


def _duplicate_items(site) -> list[ReviewItem]:
    actors = [a for a in site.visible_actors() if a.type in ("person", "organization")]
    best: dict[str, tuple[float, object, object]] = {}  # drop id → its closest match
    for a, b in candidate_pairs(actors):
        if a.type != b.type or not similar_names(a.name, b.name):
            continue
        keep, drop = sorted((a, b), key=lambda x: (-x.mentions, -x.briefing_count, x.id))
        score = SequenceMatcher(None, _norm(drop.name), _norm(keep.name), autojunk=False).ratio()
        if drop.id not in best or (-score, keep.id) < (-best[drop.id][0], best[drop.id][1].id):
            best[drop.id] = (score, keep, drop)
    ranked = sorted(best.values(), key=lambda t: (-t[0], t[2].name.lower(), t[2].id))[:MAX_ITEMS]
    items = []
    for _, keep, drop in ranked:
        items.append(ReviewItem(
            "duplicate", f"{drop.name} / {keep.name}",
            detail=f"\u201c{drop.name}\u201d ({drop.mentions}) may be \u201c{keep.name}\u201d ({keep.mentions}). "
                   f"If they are one {keep.type}, merge:",
            actors=[drop, keep],
            fixes=[Fix(override_path(drop.id), front_matter({"merge_into": keep.id}))],
        ))
    return items


def _no_role_items(site) -> list[ReviewItem]:
    return [
        ReviewItem("no-role", a.name, detail="No role was found. Write the role the articles give:",
                   actors=[a], fixes=[Fix(override_path(a.id), front_matter({"roles": ["ROLE"]}))])
        for a in site.visible_actors()
        if a.type == "person" and not a.roles
    ]


def _single_mention_items(site) -> list[ReviewItem]:
    return [
        ReviewItem("single-mention", a.name,
                   detail=f"Named once ({a.type}). If it is not an actor, hide it:",
                   actors=[a], fixes=[Fix(override_path(a.id), front_matter({"hide": True}))])
        for a in site.visible_actors()
        if a.mentions <= 1 and not a.quotes and not a.roles  # a role or a quote is evidence enough
    ]


SECTIONS = (
    ("null-speaker", "Quotes without a speaker"),
    ("duplicate", "Possibly one actor under two spellings"),
    ("no-role", "People with no role"),
    ("single-mention", "Actors named once"),
)


def _over_bound_items(site) -> list[ReviewItem]:
    """Articles longer than the extraction bound: every paragraph is published, actors and
    quotes are found in the first extract.MAX_EXTRACT_CHARS characters only."""
    from ..extract.article import MAX_EXTRACT_CHARS, extracted_paragraphs

    items = []
    for b in site.briefings:
        k = extracted_paragraphs(b.document)
        if k < len(b.document.paragraphs):
            chars = sum(len(p) for p in b.document.paragraphs)
            items.append(ReviewItem(
                "over-bound", b.title, briefing=b, anchor=f"p{k + 1}",
                detail=f"{chars:,} characters, over the extraction bound of {MAX_EXTRACT_CHARS:,}: actors and quotes "
                       f"were looked for in paragraphs 1–{k} only; paragraphs {k + 1}–{len(b.document.paragraphs)} "
                       f"are published without them."))
    return items


def review_items(site) -> dict[str, list[ReviewItem]]:
    return {
        "null-speaker": _null_speaker_items(site),
        "duplicate": _duplicate_items(site),
        "no-role": _no_role_items(site),
        "single-mention": _single_mention_items(site),
        "over-bound": _over_bound_items(site),  # shown above the sections, only when there are any
    }
