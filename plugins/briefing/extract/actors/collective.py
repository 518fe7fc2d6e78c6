"""Collective and institutional actors that act or speak without a name of their own.

* a plural of an acting group as the subject of a verb: "prosecutors said", "prison officials
  wrote", "federal prosecutors in Ohio reopened …" → one anonymous actor per kind
  ("prosecutors", "prison officials"), the modified forms as aliases;
* a crowd counted: "hundreds of protesters converged …";
* a police force with its country or place: "Danish police", "the harbour police";
* an administration named after its leader: "the Reagan administration";
* a government department written in lower case: "the department of defence";
* a seat of power (kinds.SEATS_OF_POWER) that speaks: "the Kremlin said", "the Élysée said".

Works on the spaCy Doc of each paragraph (subjects from the dependency parse).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model import Mention
from .gazetteer import DEMONYMS, country_of
from .kinds import COLLECTIVE_HEADS, CROWD_QUANT, SEATS_OF_POWER, SPEAK_VERBS

_HEADS = frozenset(COLLECTIVE_HEADS.split("|"))
_CROWD = re.compile(rf"\b(?P<name>{CROWD_QUANT}\s+of\s+(?P<head>{COLLECTIVE_HEADS}))\b")
_POLICE = re.compile(r"\b(?P<name>(?P<mod>[A-Z][\w-]+)\s+police)\b")
_ADMIN = re.compile(r"\b[Tt]he\s+(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+administration)\b")
_DEPT = re.compile(r"\b[Tt]he\s+(?P<name>(?:department|ministry)\s+of\s+[a-z]+(?:\s+and\s+[a-z]+)?)\b")


def _seat_pattern(name: str) -> str:
    """A seat of power as written: any run of spaces between its words, either apostrophe."""
    return r"\s+".join(re.escape(w).replace("'", "['’]") for w in name.split())


# A seat of power (kinds.SEATS_OF_POWER) followed by its verb; the longest name first.
_SEAT = re.compile(r"\b(?P<name>" + "|".join(_seat_pattern(n) for n in sorted(SEATS_OF_POWER, key=lambda n: (-len(n), n)))
                   + r")(?=\s+(?:has\s+|had\s+)?(?P<verb>[a-z]+)\b)")


@dataclass
class Collective:
    name: str
    type: str  # anonymous | organization
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


def _subject_groups(pdoc):
    """(start, end, name, full form) of plural acting groups that are subjects of a verb."""
    for t in pdoc:
        if t.lower_ not in _HEADS or t.tag_ != "NNS" or t.dep_ not in ("nsubj", "nsubjpass") \
                or not (t.text.islower() or t.is_sent_start and t.text[1:].islower()):
            continue
        left = [c for c in t.lefts if c.dep_ in ("compound", "amod") and c.i == t.i - 1
                and (c.text.islower() or c.is_sent_start and c.text[1:].islower() or c.text in DEMONYMS)]
        comp = [c for c in left if c.dep_ == "compound" and c.pos_ == "NOUN"]
        start = (left[0] if left else t).idx
        if any(c.dep_ == "det" or c.dep_ == "poss" or c.dep_ == "nummod" for c in t.lefts):
            continue  # "his lawyers", "the officials", "two officers": described, not a kind
        if not comp and t.lower_ in ("officials", "authorities"):
            continue  # "officials said": whose officials the sentence must say
        demonym = [c for c in left if c.dep_ == "amod" and c.text in DEMONYMS]
        name = (comp[0].lower_ + " " if comp else demonym[0].text + " " if demonym else "") + t.lower_
        yield start, t.idx + len(t.text), name, pdoc.text[start:t.idx + len(t.text)]


def find_collective(doc, parsed, taken: dict[int, list[tuple[int, int]]]) -> list[Collective]:
    """The article's collective actors; ``taken``: spans already mentions of other actors."""
    out: dict[tuple[str, str], Collective] = {}

    def add(name: str, typ: str, pi: int, a: int, b: int, form: str) -> None:
        if typ == "anonymous" and any(x < b and a < y for x, y in taken.get(pi, ())):
            return  # already a mention of a described source
        key = (typ, name.lower())
        c = out.get(key)
        if c is None:
            c = out[key] = Collective(name=name, type=typ)
        c.mentions.append(Mention(pi, a, b, doc.paragraphs[pi][a:b]))
        if form != name and form not in c.aliases:
            c.aliases.append(form)

    for pi, text in enumerate(doc.paragraphs):
        pdoc = parsed[pi] if parsed is not None and pi < len(parsed) else None
        if pdoc is not None:  # "the police said", "what the police are taking": the force of the story
            for t in pdoc:
                if t.lower_ == "police" and t.dep_ in ("nsubj", "nsubjpass") and t.i > 0 and pdoc[t.i - 1].lower_ == "the":
                    add("police", "organization", pi, t.idx, t.idx + len(t.text), "the police")
        crowds = [(m.start(), m.end()) for m in _CROWD.finditer(text)]
        for m in _CROWD.finditer(text):
            add(m.group("name"), "anonymous", pi, m.start(), m.end(), m.group("name"))
        if pdoc is not None:
            for a, b, name, form in _subject_groups(pdoc):
                if not any(x <= a < y for x, y in crowds):
                    add(name, "anonymous", pi, a, b, form)
        for m in _POLICE.finditer(text):
            mod = m.group("mod")
            if mod in DEMONYMS or country_of(mod) or text[max(0, m.start() - 4):m.start()].lower() == "the ":
                add(m.group("name"), "organization", pi, m.start(), m.end(), m.group("name"))
        for rx in (_ADMIN, _DEPT):
            for m in rx.finditer(text):
                add(m.group("name"), "organization", pi, m.start("name"), m.end("name"), m.group("name"))
        for m in _SEAT.finditer(text):
            if m.group("verb") in SPEAK_VERBS:
                add(m.group("name"), "organization", pi, m.start("name"), m.end("name"), m.group("name"))
    return list(out.values())
