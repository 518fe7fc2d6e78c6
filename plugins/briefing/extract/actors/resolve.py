"""Actor resolution by evidence over the whole article, after the clusters are built.

Every named actor is weighed on all its mentions in their sentences:

* things are dropped: products, shows, weapons, documents and events ("various Quillon models",
  "the Harbourside star", "the Oslo accord", "the Marlow Honors"), a company's product written
  after its name ("Vexmo Maps"), the pieces of such names ("Maps"), lists of channels
  ("via Telegram, text message and email"), abbreviations that qualify a place ("Springfield, Ill."),
  families named by a plural surname ("the Okonjos");
* one actor, one card: a first name alone, a surname, a title with a surname or a title alone
  ("Priya", "Raman", "Councillor Raman", "the Countess") join the one person of the article they
  name; the same name typed two ways is one actor; party members and initials join their
  party ("Republicans", "GOP"); an organisation with a place before it joins its short form;
* types from all mentions: a title of nobility, a generation ("Senior") or an initial makes a
  person; a place or an acronym-like word first, or an organisation word, an organisation;
  buildings are places unless they speak ("the Élysée said");
* a country known only by its demonym ("British players", "her Jamaican father") is dropped
  unless its state acts ("the Danish government").
"""
from __future__ import annotations

import re

from ...model import Actor
from ...text import slugify
from .gazetteer import DEMONYMS, NON_COUNTRY_DEMONYMS, city_of, country_of
from . import naming
from .evidence import CHAMBERS, org_mention
from .evidence import gazetteer_place as _gazetteer_place
from .newswords import _ORG_CLASS
from .evidence import ORGISH as _ORGISH
from .evidence import after as _after
from .evidence import before as _before
from .evidence import looks_personal as _looks_personal
from .evidence import next_word as _next_word
from .evidence import person_evidence as _person_evidence
from .evidence import org_evidence as _org_evidence
from .evidence import retype as _retype
from .kinds import BUILDING_HEADS, NOBLE_TITLES, PARTY_FORMS, SPEAK_VERBS, STATE_NOUNS, THING_HEADS, THING_NOUNS
from .titles import HONORIFICS, TITLE_HEADS

_THING_ACRONYM_FIRST = frozenset({"AI", "TV", "GPS", "SMS", "VR", "AR", "PC", "EV", "5G", "4G"})
_DOTTED_SHORT = re.compile(r"^(?:[A-Z]\.){1,2}$|^[A-Z][a-z]{0,4}\.$")


_NEXT_WORD = re.compile(r"^(?:['’]s?)?\s+(?P<noun>[a-z][\w-]*)\b")
_THING_BEFORE = re.compile(r"\b(?P<noun>[a-z][\w-]*)\s+(?:[A-Z][\w-]*\s+)?$")
_TERRITORY_BEFORE = re.compile(r"\b(?:Duke|Duchess|Earl|Countess|Prince|Princess|Marquess|Baron|Baroness|Viscount)"
                               r"(?:\s+(?:and|&)\s+(?:Duke|Duchess|Earl|Countess|Prince|Princess))?\s+of\s+$")
_TERM_BEFORE = re.compile(r"\b(?:next|last|previous|current|new|outgoing|incoming)\s+$", re.I)


def _thing_mention(doc, m) -> bool:
    """"the Northgate LNG pipeline", "various Quillon models", "the Harbourside star", "her blog The Nook",
    "the Countess of Wessex" (a title's territory), "the next Parliament" (a chamber's term)."""
    after = _NEXT_WORD.match(_after(doc, m, 30))
    if after and after.group("noun") in THING_NOUNS:
        return True
    before = _before(doc, m, 40)
    if _TERRITORY_BEFORE.search(before) or _TERM_BEFORE.search(before) and m.text in CHAMBERS:
        return True
    b = _THING_BEFORE.search(before[-30:])
    return bool(b) and b.group("noun") in THING_NOUNS and b.group("noun") not in (
        "star", "stars", "actor", "actress", "fans", "viewers", "cast", "character", "characters")


_OWNER = re.compile(r"\b(?P<owner>[A-Z][\w&-]*)['’]s\s+(?:(?:new|latest|own|flagship|upcoming)\s+)?$")


def _owned(doc, m, owners: set[str]) -> bool:
    """"Vexmo's new Smart Route Panel": a named thing of an organisation of the article."""
    o = _OWNER.search(_before(doc, m, 40))
    return bool(o) and o.group("owner") in owners


def _acting_mention(doc, m) -> bool:
    """"Nvidia said", "Nvidia’s chips", "the chipmaker Nvidia": the name acts or owns, whatever else it modifies."""
    prev = _before(doc, m, 30).split()[-1:]
    return _next_word(doc, m) in SPEAK_VERBS or _after(doc, m, 2).startswith(("'s", "’s")) \
        or bool(prev) and prev[0] in _ORG_CLASS


_TITLE_AFTER = re.compile(r"^\s+(?:[A-Z][a-z]+\s+){0,2}?(?P<head>[A-Z][a-z]+)\s+[A-Z][a-z]+")


def _modifier_mention(doc, m) -> bool:
    """"a Wessex spokesperson", "Senate races", "House Minority Leader Ann Roe": the name only
    modifies a noun or a title after it."""
    t = _TITLE_AFTER.match(_after(doc, m, 50))
    if t and t.group("head").lower() in TITLE_HEADS:
        return True
    after = _NEXT_WORD.match(_after(doc, m, 30))
    return bool(after) and not _after(doc, m, 2).startswith(("'", "’")) and after.group("noun") not in SPEAK_VERBS \
        and (after.group("noun") in TITLE_HEADS or after.group("noun").endswith("s") and after.group("noun")
             in ("races", "seats", "votes", "elections", "candidates", "hearings"))


_LIST_AFTER = re.compile(r"^(?:,\s*[\w -]{1,25}?)*(?:,\s*|\s+)(?:and|or)\s+[\w -]{1,25}")
_NOT_COMMON = frozenset("the a an his her their its other others many several some all more most few".split())
_LIST_BEFORE = re.compile(r"(?:[\w -]{1,25},\s*)+$")


def _in_list_of_things(doc, m) -> bool:
    """"by Telegram, text message, post and online forums": an item of a list of common nouns."""
    after = _after(doc, m, 90)
    before = _before(doc, m, 60)
    lst = _LIST_AFTER.match(after)
    region = (lst.group(0) if lst else "") + ("," + _LIST_BEFORE.search(before).group(0) if _LIST_BEFORE.search(before) else "")
    items = [x.strip() for x in re.split(r",|\s+(?:and|or)\s+", region) if x.strip()]
    common = [x for x in items if x[:1].islower() and len(x.split()) <= 3 and x.split()[0] not in _NOT_COMMON]
    return bool(lst) and len(items) >= 2 and len(common) * 2 >= len(items)


def _head(words: list[str]) -> str:
    """The head of a name: the word before its first "of"/"for" ("Award" of "the X Award for Service")."""
    for i, w in enumerate(words[1:], 1):
        if w in ("of", "for", "on"):
            return words[i - 1]
    return words[-1]


def _is_thing(a: Actor, doc, products: set[str]) -> bool:
    words = a.name.split()
    if words[0] in _THING_ACRONYM_FIRST and len(words) > 1:
        return True  # "AI Answers", "AI Lens"
    if _head(words) in THING_HEADS:
        return True
    if a.type in ("person", "organization") and len(words) > 1 and words[0] in products and words[0] not in CHAMBERS \
            and _person_evidence(a, doc) <= 0 \
            and not any(w in _ORGISH or w.lower() in PARTY_FORMS or country_of(w) or city_of(w) for w in words[1:]) \
            and not any(_acting_mention(doc, m) for m in a.mentions):
        return True  # "Vexmo Maps": the product of an organisation of the article
    if a.type in ("place", "organization") and words[-1] in BUILDING_HEADS or a.type == "place" and (
            a.name in NON_COUNTRY_DEMONYMS or words[-1] in BUILDING_HEADS):
        return not any(_next_word(doc, m) in SPEAK_VERBS for m in a.mentions)  # "Lindqvist Cottage", "Adriatic"
    if a.type == "country":
        return False
    if any(_acting_mention(doc, m) for m in a.mentions):
        return False
    things = sum(1 for m in a.mentions if _thing_mention(doc, m) or a.type == "organization"
                 and not any(w in _ORGISH for w in words) and _owned(doc, m, products))
    mods = sum(1 for m in a.mentions if _modifier_mention(doc, m))
    if things and (things * 2 >= len(a.mentions) or things + mods == len(a.mentions)):
        return True
    if mods == len(a.mentions) and a.name in CHAMBERS:
        return True  # "Senate races", "House Minority Leader …": a chamber only modifying, never acting
    if a.type in ("organization", "person") and len(words) == 1 and a.mentions \
            and all(_in_list_of_things(doc, m) for m in a.mentions):
        return True
    return False


def _drop_things(actors: list[Actor], doc) -> list[Actor]:
    orgs = {a.name for a in actors if a.type == "organization" and len(a.name.split()) == 1
            and _person_evidence(a, doc) <= 0}
    keep, dropped = [], []
    for a in actors:
        (dropped if _is_thing(a, doc, orgs) else keep).append(a)
    pieces = {w for a in dropped for w in a.name.split()[1:]}
    pieces |= {w for a in dropped if a.name.split()[-1] in BUILDING_HEADS for w in a.name.split()}
    lower_words = {w for p in doc.paragraphs for w in re.findall(r"(?<![.!?]\s)(?<!^)\b[a-z][a-z-]+\b", p)}
    out = []
    for a in keep:
        if a.type in ("organization", "person", "place") and len(a.name.split()) == 1 and a.name in pieces:
            continue  # "Maps" after "Vexmo Maps" was a product; "Lindqvist" of "Lindqvist Cottage"
        if len(a.name.split()) == 1 and a.name.lower() in lower_words and a.name[1:].islower() \
                and not (country_of(a.name) or city_of(a.name)) \
                and all(re.search(r"(?:^|[.!?:;“”\"]\s*)$", _before(doc, m, 6)) for m in a.mentions):
            continue  # "Rainfall is vital …" where the article also writes "rainfall": a common noun
        if a.type == "place" and _DOTTED_SHORT.match(a.name) and all(
                re.search(r"[A-Z][\w.]*,\s$", _before(doc, m, 30)) for m in a.mentions):
            continue  # "Kansas City, Mo.": the state qualifies the city
        if _DOTTED_SHORT.match(a.name) and re.match(r"^(?:[A-Z]\.){1,2}$", a.name) and not country_of(a.name) \
                and a.type != "organization":
            continue  # "A.M.": a fragment
        if a.type in ("organization", "person") and len(a.name.split()) == 1 and a.name.endswith("es") and any(
                b is not a and b.name.split()[-1] in (a.name[:-2], a.name[:-1]) for b in actors):
            continue  # "the Okonjos", "the Wessexes": a family or a couple, not one of them
        parts = [x for x in re.split(r",\s*|\s+(?:and|&)\s+", a.name) if x]
        if len(parts) >= 2 and a.type in ("organization", "person") and all(
                any(b is not a and (x == b.name or x in b.name.split() or _core(x) == b.name.split()[-1:])
                    for b in actors) for x in parts):
            continue  # "Raman, Okonjo, Lindqvist, Vale": a list of actors, each with a card
        a.aliases = [x for x in a.aliases if not any(
            a.type == "person" and x == a.name.split()[-1] + s for s in ("es", "s"))]
        a.mentions = [m for m in a.mentions if not (a.type == "person" and m.text in (
            a.name.split()[-1] + "es", a.name.split()[-1] + "s") and len(a.name.split()) > 1)]
        if a.mentions:
            out.append(a)
    return out


def _core(name: str) -> list[str]:
    """The name without titles in front ("Prince Edmund" → ["Edmund"], "Councillor Raman" → ["Raman"])."""
    words = name.split()
    while len(words) > 1 and (words[0] in NOBLE_TITLES or words[0].lower() in TITLE_HEADS
                              or words[0].lower() in HONORIFICS or (words[0].isupper() and len(words[0]) <= 5)):
        words = words[1:]
    return words


def _absorb(target: Actor, a: Actor) -> None:
    target.mentions = sorted(target.mentions + a.mentions, key=lambda m: (m.paragraph, m.start, m.end))
    for x in [a.name, *a.aliases]:
        if x != target.name and x not in target.aliases:
            target.aliases.append(x)
    target.roles += [r for r in a.roles if r.text not in {p.text for p in target.roles}]
    target.first_paragraph = target.mentions[0].paragraph


_LOCATIVE_ANY = re.compile(r"\b(?:in|at|from|to|across|near|throughout|around|outside|inside|on|into|towards|via)"
                           r"\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?$")
_LOCATIVE = re.compile(r"\b(?:in|at|from|to|across|near|throughout|around|outside|inside)\s+$")


def _merge(actors: list[Actor], places: set[str], doc) -> list[Actor]:
    out = list(actors)
    full = [a for a in out if (a.type == "person" or a.type == "organization" and _looks_personal(a.name))
            and len(_core(a.name)) >= 2]
    gone: set[int] = set()

    def take(target: Actor, a: Actor) -> None:
        _absorb(target, a)
        gone.add(id(a))

    # the same name typed two ways is one actor; the person reading wins when evidence says so
    by_name: dict[str, list[Actor]] = {}
    for a in out:
        if a.type in ("person", "organization", "place"):
            by_name.setdefault(a.name.lower(), []).append(a)
    for same in by_name.values():
        if len(same) > 1:
            same.sort(key=lambda x: (-len(x.mentions), x.type != "person"))
            types = {x.type for x in same}
            for b in same[1:]:
                take(same[0], b)
            if "place" in types and same[0].type == "person" and not same[0].roles and _person_evidence(same[0], doc) <= 0:
                same[0].type = "place"  # the dateline's "FLUSHING MEADOWS" and a tagged person of that name
            if same[0].type == "person" and _org_evidence(same[0]) or _person_evidence(same[0], doc) < 0:
                same[0].type = "organization"
    full = [a for a in full if id(a) not in gone]
    for a in out:
        if id(a) in gone or a.type not in ("person", "organization", "place"):
            continue
        core = _core(a.name)
        if len(core) != 1 and a in full:
            continue
        if len(core) >= 2:  # "Prince Edmund" beside "Edmund": one person
            hits = [p for p in full if p is not a and p.name.split()[-len(core):] == core]
        else:
            w = core[0]
            if country_of(w) or city_of(w) or a.name.isupper() and a.type == "organization" and len(a.name) > 3:
                continue
            hits = [p for p in full if p is not a and p.name.split()[-1] == w]  # a surname
            qualifier = any(b is not a and len(b.name.split()) > 1 and b.name.split()[0] == w and b.type != "person"
                            and not _looks_personal(b.name) for b in out)  # "Norland" of "Norland Provincial Government"
            if not hits and not qualifier and not (
                    a.type == "place" and any(_LOCATIVE.search(_before(doc, m, 12)) for m in a.mentions)):
                hits = [p for p in full if p is not a and w in p.name.split()[:-1]]  # "Priya", "Tomas", "Ines"
        if len(hits) == 1:
            take(hits[0], a)
            continue
        if len(core) == 1 and a.name != core[0] and (a.type == "person" or a.name.split()[0] in NOBLE_TITLES):
            singles = [p for p in out if p is not a and id(p) not in gone and p.type == "person" and p.name == core[0]]
            if len(singles) == 1:
                take(singles[0], a)
                if a.name.split()[0] in NOBLE_TITLES:  # "Prince Edmund" is the name a reader knows
                    singles[0].aliases.append(singles[0].name)
                    singles[0].name = a.name
                continue
        if len(core) == 1 and len(a.name.split()) == 1:  # "Councillor" as in "Councillor Raman": a title of one person
            titled = [p for p in full if id(p) not in gone and any(
                f"{a.name} {p.name.split()[-1]}" in par or f"{a.name} {p.name}" in par for par in doc.paragraphs)]
            if len(titled) == 1 and titled[0] is not a:
                take(titled[0], a)
                if all(re.search(r"\bof\s+$", _before(doc, m, 6)) for m in a.mentions):
                    titled[0].mentions = [m for m in titled[0].mentions if m not in a.mentions]
                    titled[0].aliases = [x for x in titled[0].aliases if x != a.name]  # "Secretary of State X"
    out = [a for a in out if id(a) not in gone]
    # a title of nobility alone ("the Duchess") is the one person of the article given it
    for a in list(out):
        if a.name in NOBLE_TITLES:
            titled = [p for p in out if p.type == "person" and p is not a and (
                any(r.text.split()[0] == a.name for r in p.roles if r.text)
                or any(x.split()[0] == a.name for x in p.aliases))]
            if len(titled) == 1:
                _absorb(titled[0], a)
            out.remove(a)
    # party members and initials join the party ("Republicans", "GOP", "Idaho Republicans")
    parties: dict[str, list[Actor]] = {}
    for a in out:
        if a.type != "organization":
            continue
        words = a.name.split()
        key = PARTY_FORMS.get(a.name.lower()) or (PARTY_FORMS.get(words[-1].lower()) if len(words) == 2
                                                   and (country_of(words[0]) or city_of(words[0])
                                                        or words[0] in places or words[0] in CHAMBERS) else None)
        if key is None and a.name in PARTY_FORMS.values():
            key = a.name
        if key is not None:
            parties.setdefault(key, []).append(a)
    for key, group in parties.items():
        if len(group) < 2:
            continue
        target = next((a for a in group if a.name == key), max(group, key=lambda a: len(a.mentions)))
        for a in group:
            if a is not target:
                _absorb(target, a)
                out.remove(a)
    # "Liberty Caucus" and "Idaho Liberty Caucus": the short form of a name with a place in front
    orgs = [a for a in out if a.type == "organization"]
    for a in orgs:
        words = a.name.split()
        longer = [b for b in orgs if b is not a and len(b.name.split()) > len(words) and b.name.split()[-len(words):] == words
                  and all(w in places or country_of(w) or city_of(w) for w in b.name.split()[:-len(words)])]
        if len(words) >= 2 and len(longer) == 1 and a in out:
            _absorb(longer[0], a)
            out.remove(a)
    return out


def _drop_demonym_countries(actors: list[Actor], doc) -> list[Actor]:
    out = []
    for a in actors:
        if a.type == "country" and a.mentions and all(
                (m.text in DEMONYMS or "-" in m.text and m.text.split("-")[0] in DEMONYMS) for m in a.mentions) \
                and not any(_next_word(doc, m).lower() in STATE_NOUNS for m in a.mentions):
            continue  # "British players", "her Jamaican father": a nationality, not the state acting
        out.append(a)
    return out


_COMPANY_WORDS = frozenset("""Inc Inc. Corp Corp. Corporation Co Co. Ltd Ltd. LLC plc PLC AG SA NV Group Holdings
Electronics Motors Airlines Airways Energy Bank Technologies Systems Industries Pharmaceuticals Logistics Labs
Capital Partners Ventures Media Entertainment Networks Communications Telecom Foods Brands Insurance""".split())


def _split_products(actors: list[Actor], doc) -> None:
    """"Microsoft said …" and "… would power Microsoft Atlas": the longer name joined to the
    company by its first word is the company's product when it is used as a thing or only the
    short name acts; the card is the company's, under its own name."""
    for a in actors:
        words = a.name.split()
        if a.type != "organization" or len(words) < 2 or any(w in _COMPANY_WORDS or w in _ORGISH for w in words[1:]):
            continue
        short = next((x for x in a.aliases if a.name.startswith(x + " ")), None)
        if short is None or _person_evidence(a, doc) > 0:
            continue  # "Marcus Ellery" … "Marcus said … him": a person, whatever the tagger said
        longs = [m for m in a.mentions if m.text == a.name]
        shorts = [m for m in a.mentions if m.text == short]
        if not longs or not shorts:
            continue
        thing = any(_thing_mention(doc, m) or _owned(doc, m, {short}) for m in longs)
        acts = any(_acting_mention(doc, m) for m in shorts) and not any(_acting_mention(doc, m) for m in longs)
        if thing or acts:
            a.mentions = [m for m in a.mentions if m.text != a.name]
            a.aliases = [x for x in a.aliases if x != short]
            a.name = short


def _lone_place(a: Actor, doc) -> bool:
    """"the acquisition of Mellanox": a name the tagger called a place, with nothing of a place
    (after the merge, so that a first name tagged as a place has joined its person first)."""
    return a.type == "place" and len(a.name.split()) == 1 and len(a.mentions) == 1 and not _gazetteer_place(a.name) \
        and not _LOCATIVE_ANY.search(_before(doc, a.mentions[0], 20)) and not org_mention(doc, a.mentions[0]) \
        and not re.match(r"^,\s+[A-Z]", _after(doc, a.mentions[0], 4))


def resolve(actors: list[Actor], doc) -> list[Actor]:
    """The named actors of an article after weighing all their mentions (see the module doc)."""
    _split_products(actors, doc)
    actors = _drop_things(actors, doc)
    actors = _merge(actors, {a.name for a in actors if a.type == "place"}, doc)
    actors = [a for a in actors if not _lone_place(a, doc)]
    for _ in range(2):  # a second pass sees the types the first one gave ("Milo and Ines")
        _retype(actors, doc, {a.name for a in actors if a.type == "place"})
    actors = _drop_demonym_countries(actors, doc)
    actors = naming.firm_pairs(actors, doc)
    naming.royal_names(actors, doc)
    for a in actors:
        a.id = slugify(a.name)
        a.aliases = [x for x in a.aliases if x.lower() != a.name.lower()]
        a.mentions.sort(key=lambda m: (m.paragraph, m.start, m.end))
        a.first_paragraph = a.mentions[0].paragraph
    return actors
