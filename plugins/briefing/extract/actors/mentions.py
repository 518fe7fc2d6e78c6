"""Named mentions from spaCy entities, corrected by the gazetteer and rules of news English.

One candidate per entity span, typed person / organization / country / place, with a
canonical key for countries, places and organizations (persons are clustered in merge.py).
``collect`` gathers them paragraph by paragraph: the dateline's place, listed organisations,
the tagged entities (re-cut by entity_spans.py, then typed and filtered here), titled names
the tagger missed, untagged organisations (untagged_orgs.py), chambers of a legislature and
well-known organisations; then it drops countries named only inside titles and splits
"X and Y" organisations.
"""
from __future__ import annotations

import re

from .candidates import Cand
from .exclusions import Exclusions, TIME_WORDS
from .gazetteer import BIG_CITIES, CONTINENTS, city_of, country_of
from .titles import HONORIFICS, TITLE_HEADS
from .newswords import (
    _LISTED_ORG_RX, _ORG_NOUN_AFTER, ORG_HEADS, _CHAMBER_RX, _CLUB_HEADS, _LEGISLATURE_RX, _ORG_CLASS,
    _PROGRAMME_AFTER, _ROLE_AFTER, _THING_AFTER, _TITLE_AFTER,
    _employer_before_title, _is_demonym, _party, _portfolio,
)
from .entity_spans import split_titles
from .untagged_orgs import ORG_APPOS_RX, untagged_orgs

# Organisations whose name news English writes in several ways; canonical names are the
# ones a reader searches for, so that every article links to the same actor page.
ORG_CANONICAL = {
    "eu": "European Union", "e.u.": "European Union", "european union": "European Union",
    "un": "United Nations", "u.n.": "United Nations", "united nations": "United Nations",
    "north atlantic treaty organization": "NATO", "nato": "NATO",
    "who": "World Health Organization", "world health organization": "World Health Organization",
    "imf": "International Monetary Fund", "international monetary fund": "International Monetary Fund",
    "g7": "G7", "g-7": "G7", "group of seven": "G7", "g20": "G20", "g-20": "G20", "group of 20": "G20",
    "fbi": "FBI", "federal bureau of investigation": "FBI",
    "cia": "CIA", "central intelligence agency": "CIA",
    "nasa": "NASA", "national aeronautics and space administration": "NASA",
    "fed": "Federal Reserve", "federal reserve": "Federal Reserve", "the fed": "Federal Reserve",
    "ecb": "European Central Bank", "european central bank": "European Central Bank",
    "opec": "OPEC", "wto": "World Trade Organization", "world trade organization": "World Trade Organization",
    "nsc": "National Security Council", "national security council": "National Security Council",
    "politico": "POLITICO", "ft": "Financial Times",
}
# Spellings of well-known organisations found even where the tagger misses them ("the G7").
_KNOWN_SURFACES = ("NATO", "EU", "E.U.", "European Union", "UN", "U.N.", "United Nations", "G7", "G-7", "G20",
                   "G-20", "Group of Seven", "IMF", "International Monetary Fund", "World Health Organization",
                   "FBI", "CIA", "NASA", "OPEC", "ECB", "European Central Bank", "World Trade Organization",
                   "WTO", "Federal Reserve", "National Security Council")
_KNOWN_RX = re.compile(r"(?<![\w.-])(?:" + "|".join(re.escape(s) for s in sorted(_KNOWN_SURFACES, key=len, reverse=True))
                       + r")(?![\w-])")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_JUNK = re.compile(r"[“”\"«»|@#/\\<>]")
_ALPHA = re.compile(r"[A-Za-z]")
# "the constellation Draco", "the tanker Ever Given": a class noun before a name makes it a thing or place
_PLACE_CLASS = frozenset("""constellation planet star galaxy comet asteroid moon ship vessel tanker river lake
mountain island region province city town village volcano crater""".split())
# A capitalised title followed by a capitalised name the tagger missed ("Chief Executive Annelies Vermeer").
_TITLED_NAME = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(t.capitalize()) for t in TITLE_HEADS), key=len, reverse=True)) + r")"
    r"\s+(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2})\b(?![-.]\w)")
# "VILNIUS, Lithuania (AP) —": the dateline names a place
_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z.'-]+(?:\s[A-Z][A-Z.'-]+){0,2})(?:,\s+[A-Z][\w.]+(?:\s[A-Z][\w.]+)?(?:\s\d{1,2})?)?"
                       r"\s*(?:\([^)]{1,30}\)\s*)?[—–-]\s")
_GEO_CLASS = ("region", "province", "territory", "enclave", "city", "town", "village", "river", "lake", "island",
              "republic", "district", "county", "state", "country", "capital", "port", "peninsula")
_APPOS_CLASS = re.compile(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:" + "|".join(_GEO_CLASS) + r")"
                          r"(?=[,.;]|\s+(?:of|on|in|near|that|which|where|along|between|bordering)\b)")
_GENERIC_ORGS = frozenset("""Army Navy Government Ministry Council Committee Party Court Police Cabinet Assembly
Military Administration Commission Agency Department Company Group Union Alliance Board Office""".split())
# nouns a person's name modifies and stays a person ("the Biden administration", "the Sunak government")
_PERSON_MODIFIED = frozenset("""administration government campaign team family camp aides allies era presidency
cabinet spokesperson spokesman spokeswoman office supporters loyalists foundation doctrine wing""".split())
_QUOTE_CHARS = "“”„«»\"‘’"
_CODE = re.compile(r"^[A-Z]+-\d+[A-Za-z]?$")
_DETS = frozenset({"a", "an", "the", "one", "another"})
_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "gpe", "LOC": "place", "NORP": "norp", "FAC": "place",
           "WORK_OF_ART": "split"}


def _trim(ent, text: str) -> tuple[int, int, int, int] | None:
    """Char/token bounds of an entity without a leading "the", honorifics or a trailing "'s"."""
    ts, te = ent.start, ent.end
    doc = ent.doc
    while ts < te and (doc[ts].lower_ == "the" or doc[ts].is_punct):
        ts += 1
    while te > ts and (doc[te - 1].is_punct or doc[te - 1].text in ("'s", "’s", "'", "’")):
        te -= 1
    if ts >= te:
        return None
    start = doc[ts].idx
    end = doc[te - 1].idx + len(doc[te - 1].text)
    s = text[start:end]
    m = _POSSESSIVE.search(s)
    if m and len(s) - len(m.group(0)) > 1:
        end -= len(m.group(0))
    return start, end, ts, te


def _org_key(name: str) -> str:
    return ORG_CANONICAL.get(name.lower(), name)


def collect(doc, parsed, excl: Exclusions) -> list[Cand]:
    """Candidates of every paragraph: tagged entities (corrected), titled names, untagged
    organisations, well-known organisations the tagger missed."""
    out: list[Cand] = []
    datelines: set[int] = set()
    legislature = any(_LEGISLATURE_RX.search(p) for p in doc.paragraphs)
    for pi, pdoc in enumerate(parsed):
        text = pdoc.text
        dl = _DATELINE.match(text)
        dl_end = dl.end() if dl else -1  # the dateline and its agency credit "(AP)" are no actors
        if dl:
            datelines.add(pi)
            name = dl.group("place")
            out.append(Cand(pi, dl.start("place"), dl.end("place"), name, "place", city_of(name.title()) or name.title()))
        listed = [m.span() for m in _LISTED_ORG_RX.finditer(text)]
        for a, b in listed:
            if not excl.blocked(text[a:b], pi, a, b):
                span = pdoc.char_span(a, b)
                out.append(Cand(pi, a, b, text[a:b], "organization", text[a:b],
                                span.start if span is not None else -1, span.end if span is not None else -1))
        for ent in split_titles(pdoc):
            if any(a < ent.end_char and ent.start_char < b for a, b in listed):
                continue  # a piece of "the Ministry of Health, Labour and Welfare"
            kind = _LABELS.get(ent.label_)
            if kind is None or kind == "split":
                continue
            if kind == "norp" and _party(pdoc, ent):
                kind = "organization"  # "the Conservatives", "the Liberal Democrats": a party
                ent = pdoc[max(0, _party(pdoc, ent)):ent.end]
            b = _trim(ent, text)
            if b is None:
                continue
            start, end, ts, te = b
            if start < dl_end:
                continue  # inside the dateline
            if kind == "person":
                # "President Joe Biden" tagged whole: keep the name, the title goes to titles.py
                while ts < te - 1 and (pdoc[ts].lower_ in TITLE_HEADS or pdoc[ts].lower_ in HONORIFICS):
                    ts += 1
                start = pdoc[ts].idx
            surface = text[start:end]
            if not _ALPHA.search(surface) or _JUNK.search(surface) or not surface[:1].isupper():
                continue
            if excl.blocked(surface, pi, start, end):
                continue
            if kind in ("organization", "place", "person") and _PROGRAMME_AFTER.match(text, end) \
                    and pdoc[te - 1].text not in ORG_HEADS and not surface.isupper():
                continue  # "the Mars Sample Return program", "the Perseverance rover"
            single = te - ts == 1
            if _CODE.match(surface) or re.match(r"-[A-Za-z]*\d", text[end:end + 6]):
                continue  # "TOI-1452", "F-16", "MoM-z14": designations, not actors
            if kind == "organization" and _scare_quoted(text, start, end):
                continue  # the "Park Tax", a “Council”: a label in quotation marks, not an actor
            if kind == "person" and surface.split()[-1] in ORG_HEADS:
                kind = "organization"
            if kind in ("gpe", "place") and not single and surface.split()[-1] in _CLUB_HEADS:
                kind = "organization"  # "Northbridge United" tagged GPE: a club
            if single and kind in ("person", "organization") and (
                    (ts > 0 and pdoc[ts - 1].lower_ in _PLACE_CLASS) or (te < len(pdoc) and pdoc[te].lower_ in _PLACE_CLASS)
                    or _appositive_class(text, end)):
                kind = "place"  # "the constellation Draco", "the Dniester river", "Transnistria, the … region"
            if kind in ("person", "place", "gpe") and ts > 0 and pdoc[ts - 1].lower_ in _ORG_CLASS \
                    and (single or pdoc[ts - 1].text.islower()):
                kind = "organization"  # "the privacy-focused search engine Kestrel", "the chipmaker Arvex"
            if kind in ("person", "place", "gpe") and _ORG_NOUN_AFTER.match(text, end) and not country_of(surface):
                kind = "organization"  # "the Bruegel think tank"
            if kind == "person" and ORG_APPOS_RX.match(text, end):
                kind = "organization"  # "Axpo, Switzerland's largest electricity producer"
            if kind in ("organization", "person") and _portfolio(text, surface, end):
                continue  # "Dutch Climate and Energy Minister": a ministry's brief inside a title
            if kind == "organization" and not single and pdoc[te - 1].lower_ in TITLE_HEADS \
                    and ts > 0 and pdoc[ts - 1].lower_ in ("a", "an"):
                continue  # "a NASA Hubble Fellow": a title, not an institution
            if single and kind == "organization" and surface in _GENERIC_ORGS:
                continue  # "Army and RSF delegations": a common noun, not a named actor
            if kind == "person" and (surface.isupper() or (single and pi in datelines)):
                continue  # "ATACMS": persons are not written in capitals
            if single and kind == "person" and te < len(pdoc) and pdoc[te].lower_ in TITLE_HEADS \
                    and ts > 0 and pdoc[ts - 1].lower_ in _DETS:
                kind = "organization"  # "a Verdi negotiator", "a Vexmo engineer"
            employer = single and (kind == "person" or kind in ("gpe", "place") and not country_of(surface)
                                   and not city_of(surface)) and _employer_before_title(pdoc, ts, te)
            if employer:
                kind = "organization"  # "Morningstar analyst Grace Liu": the employer, not a person
            if single and kind == "person" and (surface in BIG_CITIES or text.startswith("-based", end)):
                kind = "gpe"
            cand = _classify(kind, surface, single, pdoc[ts] if single and not employer else None)
            if cand is None:
                continue
            typ, key = cand
            nxt = pdoc[te] if te < len(pdoc) else None
            weak = bool(single and typ == "person" and nxt is not None and nxt.lower_ not in _PERSON_MODIFIED and (
                (pdoc[ts].dep_ == "compound" and pdoc[ts].head.pos_ == "NOUN" and pdoc[ts].head.i > ts)
                or (nxt.pos_ == "NOUN" and nxt.text.islower())))
            if single and typ == "organization" and surface.isupper() and surface.lower() not in ORG_CANONICAL \
                    and nxt is not None and nxt.pos_ == "NOUN" and nxt.text.islower() and pdoc[ts].dep_ == "compound":
                weak = True  # "the TTF hub", "LNG cargoes": an acronym modifying a noun
            out.append(Cand(pi, start, end, surface, typ, key, ts, te, weak))
        spans = [(c.start, c.end) for c in out if c.paragraph == pi]
        for m in _TITLED_NAME.finditer(text):
            a, b = m.span("name")
            words = m.group("name").split()
            while len(words) > 2 and words[0].lower() in TITLE_HEADS:  # "Chief Executive Annelies Vermeer"
                a = text.index(words[1], a + len(words[0]))
                words = words[1:]
            name = text[a:b]
            if any(x < b and a < y for x, y in spans) or excl.blocked(name, pi, a, b):
                continue
            if any(w.lower() in TITLE_HEADS or w in ORG_HEADS or w in TIME_WORDS or country_of(w) for w in words):
                continue
            span = pdoc.char_span(a, b)
            if span is None or any(t.pos_ != "PROPN" for t in span):
                continue
            out.append(Cand(pi, a, b, name, "person", name, span.start, span.end))
            spans.append((a, b))
        for a, b in untagged_orgs(pdoc, text, out, pi):
            if not any(x < b and a < y for x, y in spans) and not excl.blocked(text[a:b], pi, a, b):
                span = pdoc.char_span(a, b)
                out.append(Cand(pi, a, b, text[a:b], "organization", _org_key(text[a:b]), span.start, span.end))
                spans.append((a, b))
        if legislature:
            for m in _CHAMBER_RX.finditer(text):  # "sending the bill to the House"
                a, b = m.span("name")
                if not any(x < b and a < y for x, y in spans) and not excl.blocked(m.group("name"), pi, a, b):
                    out.append(Cand(pi, a, b, m.group("name"), "organization", m.group("name")))
                    spans.append((a, b))
        for m in _KNOWN_RX.finditer(text):
            a, b = m.span()
            if not any(x < b and a < y for x, y in spans) and not excl.blocked(m.group(0), pi, a, b):
                out.append(Cand(pi, a, b, m.group(0), "organization", _org_key(m.group(0))))
    # a country named only inside the titles of people ("U.S. District Judge Harriet Coleman",
    # "Assistant U.S. Attorney Kevin Marsh") is the seat of an office, not an actor of the story
    in_title = {id(c) for c in out if c.type == "country" and c.text.lower() != c.key.lower()
                and not _is_demonym(c.text) and (_TITLE_AFTER.match(doc.paragraphs[c.paragraph], c.end)
                                                 or _ROLE_AFTER.match(doc.paragraphs[c.paragraph], c.end))}
    # "the Danish drugmaker", "its French initials": a nationality of a company or a word
    in_title |= {id(c) for c in out if c.type == "country" and _is_demonym(c.text)
                 and _THING_AFTER.match(doc.paragraphs[c.paragraph], c.end)}
    free = {c.key for c in out if c.type == "country" and id(c) not in in_title}
    out = [c for c in out if id(c) not in in_title or c.key in free]
    # an acronym only ever seen modifying a noun names a thing, not an actor
    strong = {c.text for c in out if not (c.weak and c.type == "organization")}
    out = [c for c in out if not (c.weak and c.type == "organization" and c.text not in strong)]
    for c in out:
        if c.type == "organization":
            c.weak = False
    return _split_pairs(doc, out)


_PAIR = re.compile(r"^([A-Z][\w'’-]+) (?:and|&) ([A-Z][\w'’-]+)$")


def _split_pairs(doc, cands: list[Cand]) -> list[Cand]:
    """"Kroger and Albertsons" tagged as one organisation: two, when each name also stands alone
    elsewhere in the article ("Procter and Gamble" does not)."""
    out = []
    stands_alone: dict[str, bool] = {}  # per pair text: the article is searched once, not once per mention
    for c in cands:
        m = _PAIR.match(c.text) if c.type == "organization" else None
        if m and m.group(0) not in stands_alone:
            # each name standing alone, not as a part of the pair ("Harbor & Pine" is one company)
            pair = re.escape(m.group(0))
            alone = [sum(len(re.findall(rf"(?<![\w-]){re.escape(w)}(?![\w-])", re.sub(pair, " ", p))) for p in doc.paragraphs)
                     for w in m.groups()]
            stands_alone[m.group(0)] = all(n >= 1 for n in alone)
        if m:
            if stands_alone[m.group(0)]:
                for i in (1, 2):
                    x, y = m.span(i)
                    out.append(Cand(c.paragraph, c.start + x, c.start + y, m.group(i), "organization",
                                    _org_key(m.group(i))))
                continue
        out.append(c)
    return out


def _appositive_class(text: str, end: int) -> bool:
    return bool(_APPOS_CLASS.match(text, end))


def _scare_quoted(text: str, start: int, end: int) -> bool:
    before = text[start - 1:start] if start > 0 else ""
    after = text[end:end + 2].lstrip(",.")[:1] if end < len(text) else ""
    return bool(before) and before in _QUOTE_CHARS and bool(after) and after in _QUOTE_CHARS


def _classify(kind: str, surface: str, single: bool, tok) -> tuple[str, str] | None:
    if kind == "norp":
        c = country_of(surface)
        return ("country", c) if c else None
    country = country_of(surface)
    if country:
        return "country", country
    city = city_of(surface)
    if city and (kind in ("gpe", "place") or single):
        # a capital is never a person, even as the subject ("Kiev wants to join NATO")
        return "place", city
    if single and tok is not None:
        if surface in TIME_WORDS:
            return None
        # a capitalised common word at the start of a sentence ("Still", "Aside") is no name
        if tok.pos_ != "PROPN" and not surface.isupper() and surface.lower() not in ORG_CANONICAL \
                and (kind != "organization" or tok.is_sent_start or tok.i == 0 or tok.doc[tok.i - 1].is_punct):
            return None  # a tagged organisation inside a sentence is a name even when parsed as a noun
    if kind == "gpe":
        return "place", surface
    if kind == "place":
        if surface in CONTINENTS or single or len(surface.split()) <= 4:
            return "place", surface
        return None
    if kind == "organization":
        return "organization", _org_key(surface)
    return "person", surface
