"""Named mentions from spaCy entities, corrected by the gazetteer and rules of news English.

One candidate per entity span, typed person / organization / country / place, with a
canonical key for countries, places and organizations (persons are clustered in merge.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .exclusions import Exclusions, TIME_WORDS
from .gazetteer import CONTINENTS, city_of, country_of
from .titles import HONORIFICS, TITLE_HEADS

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
_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_JUNK = re.compile(r"[“”\"«»|@#/\\<>]")
_ALPHA = re.compile(r"[A-Za-z]")
_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "gpe", "LOC": "place", "NORP": "norp", "FAC": "place"}


@dataclass
class Cand:
    paragraph: int
    start: int
    end: int
    text: str
    type: str  # person | organization | country | place
    key: str  # canonical name (persons: the cleaned name as written)
    tok_start: int = -1
    tok_end: int = -1


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
    out: list[Cand] = []
    for pi, pdoc in enumerate(parsed):
        text = pdoc.text
        for ent in pdoc.ents:
            kind = _LABELS.get(ent.label_)
            if kind is None:
                continue
            b = _trim(ent, text)
            if b is None:
                continue
            start, end, ts, te = b
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
            single = te - ts == 1
            cand = _classify(kind, surface, single, pdoc[ts] if single else None)
            if cand is None:
                continue
            typ, key = cand
            out.append(Cand(pi, start, end, surface, typ, key, ts, te))
        spans = [(c.start, c.end) for c in out if c.paragraph == pi]
        for m in _KNOWN_RX.finditer(text):
            a, b = m.span()
            if not any(x < b and a < y for x, y in spans) and not excl.blocked(m.group(0), pi, a, b):
                out.append(Cand(pi, a, b, m.group(0), "organization", _org_key(m.group(0))))
    return out


def _classify(kind: str, surface: str, single: bool, tok) -> tuple[str, str] | None:
    if kind == "norp":
        c = country_of(surface)
        return ("country", c) if c else None
    country = country_of(surface)
    if country and (kind != "person" or single):
        return "country", country
    city = city_of(surface)
    if city and (kind in ("gpe", "place") or single):
        # a capital is never a person, even as the subject ("Kiev wants to join NATO")
        return "place", city
    if single and tok is not None:
        if surface in TIME_WORDS:
            return None
        # a capitalised common word at the start of a sentence ("Still", "Aside") is no name
        if tok.pos_ != "PROPN" and not surface.isupper() and surface.lower() not in ORG_CANONICAL:
            return None
    if kind == "gpe":
        return "place", surface
    if kind == "place":
        if surface in CONTINENTS or single or len(surface.split()) <= 4:
            return "place", surface
        return None
    if kind == "organization":
        return "organization", _org_key(surface)
    return "person", surface
