"""Unnamed sources: "a French official", "a senior NATO diplomat", "four officials familiar with
the talks", and their later references ("the senior diplomat", "the official").

An indefinite description of an official-like person opens an anonymous actor; a definite one
("the diplomat") refers back to the most recently mentioned compatible one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model import Mention

_HEADS = ("officials?|diplomats?|spokes(?:person|man|woman)s?|sources?|aides?|advis[eo]rs?|people|"
          "persons?|insiders?|officers?|negotiators?|staffers?|representatives?|envoys?|"
          "lawyers?|executives?|employees?|investors?|bankers?|traders?|researchers?|"
          "scientists?|doctors?|analysts?|residents?|witnesses?|members?|lawmakers?|ministers?|"
          "commanders?|soldiers?|engineers?|MPs?|MEPs?")
# sources that speak for an institution; the other heads need a "familiar with" tail or
# an institution modifier to be a source rather than a crowd ("some analysts")
_SOURCE_HEADS = frozenset({"executive", "official", "diplomat", "spokesperson", "spokesman", "spokeswoman", "source",
                           "aide", "adviser", "advisor", "insider", "negotiator", "staffer", "envoy",
                           "representative", "officer", "mp", "mep"})
_GENERIC_REF = frozenset({"official", "source", "spokesperson", "spokesman", "spokeswoman"})
_NUMS = r"(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|several|some|another|his|her|its|their|\d+)"
_POSSESSIVES = frozenset({"his", "her", "its", "their"})
_SPOKES = frozenset({"spokesperson", "spokesman", "spokeswoman"})
# "a Vexmo representative" … "a Vexmo spokesperson": one source speaking for the same body
_SPEAKS_FOR = _SPOKES | {"representative"}
_MOD = r"(?:[A-Z][\w.&’'-]*|(?i:senior|junior|top|official|chief|press|deputy|high-ranking|high-level|second|third|fourth|former|current|" \
       r"administration|government|ministry|military|defen[cs]e|intelligence|security|foreign|trade|" \
       r"industry|company|party|campaign|congressional|western|eastern|regional|local|" \
       r"federal|state|police|army|navy|health|treasury|finance|energy|union|bank|fund|agency))"
_TAIL_WORD = r"(?:\s+(?!(?:said|says|say|told|tells|tell|who|which|that|and|but|or|on|in|as|at|added|noted|to)\b)(?:[\w’'-]+|&))"
_TAIL = (r"(?:\s+(?:(?:familiar with|close to|with (?:direct )?knowledge of|briefed on|involved in)"
         rf"(?:\s+(?:the|a|an|its|their|his|her))?{_TAIL_WORD}{{1,3}}|for(?:\s+(?:the|a|an|its|their|his|her))?{_TAIL_WORD}{{1,6}}))")
_ANON = re.compile(rf"\b(?P<det>{_NUMS})\s+(?P<mods>(?:{_MOD}\s+){{0,5}})(?P<head>(?i:{_HEADS}))\b(?P<tail>{_TAIL})?")
# a bare plural with a knowledge tail: "according to people familiar with the matter"
_BARE = re.compile(rf"(?:(?<=according to )|(?<=\. )|^)(?P<det>)(?P<mods>(?:{_MOD}\s+){{0,2}})"
                   rf"(?P<head>(?i:people|officials|sources|diplomats|executives|bankers|analysts|aides|insiders))"
                   r"(?P<tail>\s+(?:familiar with|close to|with (?:direct )?knowledge of|briefed on|involved in)"
                   rf"(?:\s+(?:the|a|an|its|their|his|her))?{_TAIL_WORD}{{1,3}})")
# a member of the public quoted in passing: "a teacher in the city told …", "a nurse, 34, said"
_VOX = re.compile(r"\b(?P<det>[Aa]n?|[Oo]ne)\s+(?P<mods>(?:[a-z][\w-]*\s+){0,2}?)"
                  r"(?P<head>teacher|nurse|farmer|student|driver|worker|shopkeeper|mother|father|woman|man|voter|"
                  r"protester|survivor|volunteer|resident|fisherman|miner|pensioner|retiree|shopper|parent|"
                  r"taxi driver|lorry driver|truck driver|business owner|trader|vendor)"
                  r"(?P<tail>\s+(?:in|from|at|of|near)\s+(?:the\s+)?[\w-]+(?:\s+[A-Z][\w-]+)?)?"
                  r"(?=(?:,[^,.;“”\"]{1,40},)?\s+(?:said|told|says|tells|added)\b)")
_REF = re.compile(rf"\b(?P<det>[Tt]he|[Tt]hat|[Tt]his|[Tt]hese|[Tt]hose)\s+(?P<mods>(?:{_MOD}\s+){{0,4}})"
                  rf"(?P<head>(?i:{_HEADS}))\b")
# "one of the diplomats": a member of a group of unnamed sources already introduced
_ONE_OF_REF = re.compile(rf"\b(?P<det>[Oo]ne of (?:the|these|those))\s+(?P<mods>(?:{_MOD}\s+){{0,3}})"
                         rf"(?P<head>(?i:{_HEADS}))\b")
_DET_WORDS = frozenset({"a", "an", "one", "another"})
_FOLLOWING_NAME = re.compile(r"\s+[A-Z][a-z]+\s+[A-Z][a-z]+")
_AFTER_NAME = re.compile(r"(?:\s*\([^)]{1,20}\))?\s*,\s*$")


@dataclass
class AnonActor:
    name: str
    head: str
    plural: bool
    mods: frozenset
    mentions: list[Mention] = field(default_factory=list)
    last: tuple[int, int] = (-1, -1)
    person: tuple[int, int] | None = None  # (paragraph, start) of the named person it describes


def _singular(head: str) -> str:
    h = head.lower()
    if h == "people":
        return "person"
    if h.endswith("s") and h not in ("witness",):
        return h[:-1] if not h.endswith("sses") else h[:-2]
    return h


def _mods(s: str) -> frozenset:
    return frozenset(w.lower().rstrip(".").replace(".", "") for w in s.split())


def find_anonymous(doc, parsed, person_spans: dict[int, list[tuple[int, int]]]) -> list[AnonActor]:
    """Anonymous actors with every mention (first mention and back-references), in order.

    Descriptions of named people are returned too, with ``person`` set and an empty name:
    their ``mentions`` are the later references ("the official") that belong to that person.
    """
    actors: list[AnonActor] = []
    for pi, text in enumerate(doc.paragraphs):
        events = []
        for m in _ANON.finditer(text):
            events.append((m.start(), "new", m))
        for m in _REF.finditer(text):
            events.append((m.start(), "ref", m))
        for m in _ONE_OF_REF.finditer(text):
            events.append((m.start(), "member", m))
        for m in _BARE.finditer(text):
            events.append((m.start(), "new", m))
        for m in _VOX.finditer(text):
            events.append((m.start(), "vox", m))
        events.sort(key=lambda e: (e[0], e[1]))
        pdoc = parsed[pi] if parsed is not None and pi < len(parsed) else None
        taken_until = -1
        for start, kind, m in events:
            if start < taken_until:
                continue
            head = m.group("head")
            if head[0].isupper() and not head.rstrip("s").isupper():
                continue  # "Defense Ministers" inside a name
            spans = person_spans.get(pi, ())
            if _inside(spans, m.start(), m.end("head")):
                continue
            if _FOLLOWING_NAME.match(text, m.end("head")):
                continue  # "spokesperson John Kirby": a title, not an anonymous source
            sing = _singular(head)
            plural = sing != head.lower()
            mods = _mods(m.group("mods"))
            if kind == "vox":
                surface = text[m.start():m.end("tail") if m.group("tail") else m.end("head")]
                name = surface[0].lower() + surface[1:]
                act = AnonActor(name=name, head=m.group("head"), plural=False, mods=_mods(m.group("mods")))
                act.mentions.append(Mention(pi, m.start(), m.start() + len(surface), surface))
                act.last = (pi, m.start())
                actors.append(act)
                taken_until = m.start() + len(surface)
                continue
            if kind == "new":
                if _AS_BEFORE.search(text, 0, m.start()):
                    continue  # "stay on as an adviser": a predicate, not a source
                named = _before_person(text, spans, m.end()) or _after_person(text, spans, m.start())
                if named is not None:
                    # "Jane Doe, a Treasury official, said" / "A spokesman for the Kremlin, Dmitry Peskov,":
                    # a named person's description; "the official" later refers to that person
                    actors.append(AnonActor(name="", head=sing, plural=plural, mods=mods, last=(pi, m.start()),
                                            person=(pi, named)))
                    taken_until = m.end("head")
                    continue
                det = m.group("det").lower()
                if det in _POSSESSIVES and (sing not in _SPOKES or plural):
                    continue  # "her spokesman" speaks for someone; "his aides" is a crowd
                if det and det not in _POSSESSIVES and plural == (det in _DET_WORDS):
                    continue  # "a officials" / "one official's": not a description of a source
                tail = m.group("tail") or ""
                if sing not in _SOURCE_HEADS and not tail:
                    continue  # "some analysts" is a crowd, "analysts familiar with the deal" a source
                if pdoc is not None and not _is_noun(pdoc, m.start("head")):
                    continue
                # the tail names the source only when the description is otherwise bare
                generic = not mods or mods <= {"senior", "top", "second", "third", "former"}
                end = m.end("tail") if (tail and generic) or tail.lstrip().startswith("for ") else m.end("head")
                if pdoc is not None and end > m.end("head"):
                    end = _cut_tail(pdoc, m.end("head"), end)
                surface = text[m.start():end]
                name = surface[0].lower() + surface[1:] if not surface[1:2].isupper() else surface
                existing = next((a for a in actors if a.person is None and (a.name.lower() == name.lower() or (
                    not plural and not a.plural and a.mods == mods and mods and {a.head, sing} <= _SPEAKS_FOR))), None)
                act = existing or AnonActor(name=name, head=sing, plural=plural, mods=mods)
                if existing is None:
                    actors.append(act)
                act.mentions.append(Mention(pi, m.start(), end, surface))
                act.last = (pi, m.start())
                taken_until = end
            else:
                if kind == "member" and not plural:
                    continue
                target = _resolve(actors, sing, plural, mods)
                if target is None:
                    continue
                end = m.end("head")
                target.mentions.append(Mention(pi, m.start(), end, text[m.start():end]))
                target.last = (pi, m.start())
                taken_until = end
    return actors


def _is_noun(pdoc, char: int) -> bool:
    for t in pdoc:
        if t.idx == char:
            return t.pos_ in ("NOUN", "PROPN")
        if t.idx > char:
            break
    return True


_AS_BEFORE = re.compile(r"\b(?:as|was|is|be|been|became|become|named|appointed)\s+$")


def _cut_tail(pdoc, start: int, end: int) -> int:
    """Stop a "familiar with …" tail at its first verb ("… the matter said")."""
    last = start
    for t in pdoc:
        if t.idx < start:
            continue
        if t.idx >= end:
            break
        if t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBN",) and t.idx > start + 1:
            break
        last = t.idx + len(t.text)
    return last


_TO_NAME = re.compile(r"(?:\s+(?:for|of|at|with|to)\s+[^,;.“”\"]{1,40})?\s*,\s*(?:[A-Z][a-z]+\.?\s+){0,2}$")


def _before_person(text: str, spans, end: int) -> int | None:
    """"A spokesman for the ministry, Paul Dumas, said": the description is a named person's title."""
    return next((a for a, b in spans if a > end and a - end <= 48 and _TO_NAME.match(text[end:a])), None)


def _after_person(text: str, spans, start: int) -> int | None:
    for a, b in spans:
        if b <= start and start - b <= 24 and _AFTER_NAME.match(text[b:start]):
            return a
    return None


def _inside(spans, start: int, end: int) -> bool:
    return any(a <= start < b or a < end <= b for a, b in spans)


def _resolve(actors: list[AnonActor], head: str, plural: bool, mods: frozenset) -> AnonActor | None:
    best = None
    for a in actors:
        if a.plural != plural:
            continue
        if a.head != head and not (head in _GENERIC_REF and a.head in _SOURCE_HEADS):
            continue
        if not mods <= a.mods:
            continue
        if best is None or a.last > best.last:
            best = a
    return best
