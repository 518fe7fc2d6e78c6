"""Evidence of what an actor is, from all its mentions in their sentences (used by resolve.py).

Person: a title of nobility or a courtesy title before a mention, a lower-case job title
("comedian X"), a generation after ("Senior"), an initial ("R. Okonjo"), he/she later in
the sentence, a coordination with a person ("X and Ines"). Organisation: an institution's
word in the name, capitals after lower case ("VexAI"), a place first ("Norland Roads"), a
company's class noun before. Place: every mention after "in"/"near". Seats of power and
buildings: organisations when they speak ("the Élysée said"), else places.
"""
from __future__ import annotations

import re

from ...model import Actor
from .gazetteer import BIG_CITIES, CONTINENTS, DEMONYMS, city_of, country_of
from .kinds import BUILDING_HEADS, GENERATION, NOBLE_TITLES, PARTY_FORMS, SEATS_OF_POWER, SPEAK_VERBS
from .mentions import _PERSON_MODIFIED, ORG_CANONICAL
from .newswords import _ORG_CLASS, ORG_HEADS
from .titles import HONORIFICS, TITLE_HEADS

ORG_CANONICAL_NAMES = frozenset(ORG_CANONICAL.values())
NEWS_HEADS = frozenset("Herald Tribune Gazette Chronicle Telegraph Observer Courier Examiner Inquirer".split())
ORGISH = ORG_HEADS | NEWS_HEADS | frozenset({"Ministry", "Department", "Government", "Administration",
                                            "Legislature", "Parliament", "Police", "Caucus", "Party"})
_INITIAL_NAME = re.compile(r"^(?:[A-Z]\.\s?){1,2}[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")
_WORD = re.compile(r"[\w’'-]+")
_ACRONYM_LIKE = re.compile(r"[a-z][A-Z]{2,}")  # "VexAI": capitals after lower case are no person's name
CHAMBERS = frozenset({"House", "Senate", "Congress", "Parliament", "Assembly", "Legislature", "Council"})
_IN_PLACE = re.compile(r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside|based in)\s+$")
_IN_THE = re.compile(r"\b(?:in|through|across|into|of|to) the\s+$")


def after(doc, m, n: int = 40) -> str:
    return doc.paragraphs[m.paragraph][m.end:m.end + n]


def before(doc, m, n: int = 40) -> str:
    p = doc.paragraphs[m.paragraph]
    return p[max(0, m.start - n):m.start]


def next_word(doc, m) -> str:
    w = _WORD.match(after(doc, m).lstrip(" "))
    return w.group(0) if w and after(doc, m)[:1] == " " else ""


def prev_word(doc, m) -> str:
    b = before(doc, m)
    if not b.endswith(" "):
        return ""
    w = re.search(r"([\w’'.-]+)\s$", b)
    return w.group(1) if w else ""


_PRONOUN_AFTER = re.compile(r"^[^.;:!?“”\"]{0,60}?\b(?P<p>he|his|him|she|her|hers|it|its)\b")


def looks_personal(name: str) -> bool:
    """Two or three capitalised words with nothing of an institution or a place: a person's name."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(w.isalpha() and w.istitle() and w not in ORGISH and not country_of(w)
                                        and not city_of(w) and w.lower() not in PARTY_FORMS and w not in CHAMBERS
                                        and w not in BUILDING_HEADS and w not in DEMONYMS for w in words)


def strong_org_evidence(a: Actor) -> bool:
    """An organisation's word in the name ("Party", "Gazette") or capitals after lower case ("VexAI")."""
    return any(w in ORGISH for w in a.name.split()) or bool(_ACRONYM_LIKE.search(a.name))


def org_evidence(a: Actor) -> bool:
    """An organisation's word in the name ("Party", "Gazette"), capitals after lower case
    ("VexAI"), or a place first ("Norland Roads", "Ohio Senate")."""
    words = a.name.split()
    if any(w in ORGISH for w in words) or _ACRONYM_LIKE.search(a.name):
        return True
    return len(words) > 1 and (country_of(words[0]) is not None and words[0] not in DEMONYMS
                               or city_of(words[0]) is not None)


def person_evidence(a: Actor, doc) -> int:
    """Points for a person against an organisation: titles of nobility, courtesy titles, a
    generation, an initial, a lower-case job title before ("comedian Dev Patelia"), he/she
    after in the sentence; an organisation's class noun before or "it/its" after counts against."""
    score = 0
    for m in a.mentions:
        prev = prev_word(doc, m)
        if prev in NOBLE_TITLES or prev.lower() in HONORIFICS:
            score += 2
        elif prev.islower() and prev in TITLE_HEADS:
            score += 1
        elif prev.islower() and prev in _ORG_CLASS:
            score -= 2
        if next_word(doc, m) in GENERATION:
            score += 2
        pro = _PRONOUN_AFTER.match(after(doc, m, 70)) if next_word(doc, m) not in _PERSON_MODIFIED else None
        if pro and not re.search(r"[A-Z]", after(doc, m, 70)[:pro.start("p")].lstrip(" ’'s")[1:] or ""):
            score += (-1 if " " not in a.name else 0) if pro.group("p") in ("it", "its") else 1
    for m in a.mentions:  # "Kemi Badenoch, the Tory leader,", "The Serbian, 38,"
        ap = _APPOS_PERSON.match(after(doc, m, 80))
        if ap and (ap.group("h") is None or ap.group("h") in TITLE_HEADS):
            score += 2
    words = a.name.split()
    if words[0] in NOBLE_TITLES or words[-1] in GENERATION or _INITIAL_NAME.match(a.name):
        score += 3
    return score


def coordinated_with_person(a: Actor, doc, persons: set[str]) -> bool:
    """"Milo and Ines", "Ines and Milo": a lone name joined to a person's is a person's too
    (with the names of places: "in Paiporta and Catarroja", a place's)."""
    for m in a.mentions:
        nxt = re.match(r"^\s+(?:and|&)\s+([A-Z][\w’'-]+)", after(doc, m, 40))
        prv = re.search(r"([A-Z][\w’'-]+)\s+(?:and|&)\s+$", before(doc, m, 40))
        if nxt and nxt.group(1) in persons or prv and prv.group(1) in persons:
            return True
    return False


_ORG_NEXT = frozenset("shares stock stocks investors shareholders customers subscribers employees staff".split())
_APPOS_PERSON = re.compile(r"^,\s+(?:(?:the|a|an|his|her|its|their)\s+)?(?:[\w’'-]+\s+){0,4}?(?P<h>[a-z][\w-]*)\s*,"
                           r"|^,\s+\d{1,3},")


def gazetteer_place(name: str) -> bool:
    return bool(country_of(name) or city_of(name) or name in BIG_CITIES or name in CONTINENTS)


def org_mention(doc, m) -> bool:
    """"Nvidia shares", "told Eurosport", "the chipmaker Nvidia", "Nvidia said" (a place does not speak)."""
    prev = prev_word(doc, m)
    return next_word(doc, m) in _ORG_NEXT or next_word(doc, m) in SPEAK_VERBS or prev in ("told",) \
        or prev in _ORG_CLASS


def retype(actors: list[Actor], doc, places: set[str]) -> None:
    persons = {w for a in actors if a.type == "person" for w in a.name.split()[-1:] + a.aliases}
    for a in actors:
        words = a.name.split()
        if a.type == "organization" and len(words) == 1 and not org_evidence(a) and not a.name.isupper() \
                and coordinated_with_person(a, doc, persons):
            a.type = "person"
        elif a.type == "organization" and len(words) == 1 and not strong_org_evidence(a) and not a.name.isupper() \
                and not any(org_mention(doc, m) for m in a.mentions) \
                and coordinated_with_person(a, doc, {p for p in places if " " not in p}):
            a.type = "place"  # "shelters in Paiporta and Catarroja"
        if a.type in ("organization", "place") and person_evidence(a, doc) >= (2 if a.type == "place" else 1) \
                and not org_evidence(a) and not (country_of(a.name) or city_of(a.name)):
            a.type = "person"
        elif a.type == "person" and (strong_org_evidence(a) or person_evidence(a, doc) <= (-1 if len(words) == 1 else -2) or (
                (org_evidence(a) or len(words) > 1 and words[0] in places) and not a.roles
                and person_evidence(a, doc) <= 0)):
            a.type = "organization"
        elif a.type == "place" and (len(words) > 1 and words[-1] in NEWS_HEADS or not gazetteer_place(a.name)
                                    and any(org_mention(doc, m) for m in a.mentions)):
            a.type = "organization"  # "Nvidia shares rose", "the chipmaker said", "told Eurosport"
        if a.type in ("organization", "place", "person") and (words[-1] in BUILDING_HEADS or a.name in SEATS_OF_POWER):
            if any(next_word(doc, m) in SPEAK_VERBS for m in a.mentions):
                a.type = "organization"  # "the Élysée said", "the Kremlin said"
            elif a.name not in SEATS_OF_POWER:
                a.type = "place"
        elif a.type == "person" and not person_evidence(a, doc) > 0 and a.mentions and all(
                _IN_PLACE.search(before(doc, m, 14)) and not after(doc, m, 2).startswith(("'", "’"))
                for m in a.mentions):
            a.type = "place"  # "who works near Vila Nova do Sul"
        if a.type == "organization" and len(words) == 1 and not strong_org_evidence(a) and not a.name.isupper() \
                and a.name not in CHAMBERS and a.name not in SEATS_OF_POWER and a.name not in ORG_CANONICAL_NAMES \
                and not any(org_mention(doc, m) or after(doc, m, 2).startswith(("'", "’")) for m in a.mentions) \
                and 2 * sum(1 for m in a.mentions if _IN_THE.search(before(doc, m, 20))) >= len(a.mentions):
            a.type = "place"  # "home to the Pantanal", "a railway running across the Pantanal"
        if a.type == "place" and country_of(a.name) and not city_of(a.name):
            a.type = "country"


