"""Named mentions from spaCy entities, corrected by the gazetteer and rules of news English.

One candidate per entity span, typed person / organization / country / place, with a
canonical key for countries, places and organizations (persons are clustered in merge.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .exclusions import Exclusions, TIME_WORDS
from .gazetteer import BIG_CITIES, CONTINENTS, city_of, country_of
from .titles import HONORIFICS, TITLE_HEADS
from .newswords import (
    _LISTED_ORG_RX, _ORG_NOUN_AFTER, ORG_HEADS, _CHAMBER_RX, _CLUB_HEADS, _LEGISLATURE_RX, _ORG_CLASS,
    _ORG_NAME_RX, _PROGRAMME_AFTER, _ROLE_AFTER, _THING_AFTER, _TITLE_AFTER,
    _employer_before_title, _is_demonym, _name_of_org, _party, _person_tagged_org,
    _portfolio,
)

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
# an appositive that describes a company: ", the Dutch company whose …", ", Switzerland's largest electricity producer"
_ORG_APPOS = (r",\s+(?:the|a|an|[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?['’]s)\s+"
              r"(?:(?!(?:with|of|at|for|from|in|to|on|by)\b)[\w-]+\s+){0,3}?"
              r"(?:company|firm|group|maker|manufacturer|producer|bank|insurer|lender|carrier|airline|retailer|"
              r"start-?up|conglomerate|chipmaker|automaker|giant|operator|union|network|broadcaster|publisher|"
              r"charity|think tank|nonprofit|fund|investor|supplier|developer|utility|agency|regulator|alliance|coalition|"
              r"federation|association|club|side|movement|foundation|institute|watchdog|body)"
              r"(?=[,.;]|\s+(?:whose|that|which|based|with|in|of|known|founded|owned|and)\b)")
_ORG_APPOS_RX = re.compile(_ORG_APPOS)
# An untagged name described as a company ("ASML, the Dutch company whose …")
_DESCRIBED_ORG = re.compile(
    r"(?<![\w.])(?P<name>[A-Z][A-Za-z0-9&-]+(?:\s+[A-Z][A-Za-z0-9&-]+){0,2})" + _ORG_APPOS)
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
_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "del", "della", "du", "la", "le", "bin", "ibn", "al"})
_QUOTE_CHARS = "“”„«»\"‘’"
_CODE = re.compile(r"^[A-Z]+-\d+[A-Za-z]?$")
_DETS = frozenset({"a", "an", "the", "one", "another"})
_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "gpe", "LOC": "place", "NORP": "norp", "FAC": "place",
           "WORK_OF_ART": "split"}


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
    weak: bool = False  # a lone capitalised modifier ("Patriot batteries"): a person only if a full name backs it


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
        for ent in _split_titles(pdoc):
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
            if _CODE.match(surface):
                continue  # "TOI-1452", "F-16": designations, not actors
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
            if kind == "person" and _ORG_APPOS_RX.match(text, end):
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
                kind = "organization"  # "a Verdi negotiator", "a Google engineer"
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
        for a, b in _untagged_orgs(pdoc, text, out, pi):
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
    for c in cands:
        m = _PAIR.match(c.text) if c.type == "organization" else None
        if m:
            # each name standing alone, not as a part of the pair ("Harbor & Pine" is one company)
            pair = re.escape(m.group(0))
            alone = [sum(len(re.findall(rf"(?<![\w-]){re.escape(w)}(?![\w-])", re.sub(pair, " ", p))) for p in doc.paragraphs)
                     for w in m.groups()]
            if all(n >= 1 for n in alone):
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


def _untagged_orgs(pdoc, text: str, cands: list[Cand], pi: int):
    """Names the tagger missed that the sentence shows to be organisations: described as a
    company ("ASML, the Dutch company …"), or coordinated with one ("Samsung Electronics and
    SK Hynix said")."""
    found = []
    for m in _DESCRIBED_ORG.finditer(text):
        found.append((*m.span("name"), True))
    orgs = [c for c in cands if c.paragraph == pi and c.type == "organization" and c.tok_start >= 0]
    for c in orgs:
        # "ORG and X" / "X and ORG" where X is a run of proper nouns
        if c.tok_end + 1 < len(pdoc) and pdoc[c.tok_end].lower_ == "and":
            j = c.tok_end + 1
            k = j
            while k < len(pdoc) and k - j < 3 and pdoc[k].pos_ == "PROPN" and not pdoc[k].ent_type_:
                k += 1
            if k > j:
                found.append((pdoc[j].idx, pdoc[k - 1].idx + len(pdoc[k - 1].text), False))
        if c.tok_start >= 2 and pdoc[c.tok_start - 1].lower_ == "and":
            k = c.tok_start - 1
            j = k
            while j > 0 and k - j < 3 and pdoc[j - 1].pos_ == "PROPN" and not pdoc[j - 1].ent_type_:
                j -= 1
            if j < k and (j == 0 or not pdoc[j - 1].text[:1].isupper()):
                found.append((pdoc[j].idx, pdoc[k - 1].idx + len(pdoc[k - 1].text), False))
    for t in pdoc:  # "Jefferies analyst Owen Castellano" where the tagger saw nothing
        if not t.ent_type_ and t.text[:1].isupper() and t.text.isalpha() and t.lower_ not in TITLE_HEADS \
                and _employer_before_title(pdoc, t.i, t.i + 1) \
                and (t.pos_ == "PROPN" or any(c.text.split()[0] == t.text and c.text != t.text for c in cands)):
            found.append((t.idx, t.idx + len(t.text), "named"))
    for t in pdoc:  # "an analyst at Davy Stockbrokers, X, said": the employer after a job noun and "at"
        if t.lower_ == "at" and t.i > 0 and pdoc[t.i - 1].lower_ in TITLE_HEADS and t.i + 1 < len(pdoc):
            k = t.i + 1
            while k < len(pdoc) and k - t.i <= 4 and pdoc[k].pos_ == "PROPN" and pdoc[k].text.istitle() \
                    and not pdoc[k].ent_type_:
                k += 1
            if k > t.i + 1 and not country_of(pdoc[t.i + 1:k].text) and not city_of(pdoc[t.i + 1:k].text) \
                    and not any(pdoc[j].text in TIME_WORDS for j in range(t.i + 1, k)):
                found.append((pdoc[t.i + 1].idx, pdoc[k - 1].idx + len(pdoc[k - 1].text), "named"))
    for t in pdoc[1:]:  # "the payments firm Vexa" where the tagger saw nothing
        prev = pdoc[t.i - 1]
        if prev.lower_ in _ORG_CLASS and prev.text.islower() and t.pos_ == "PROPN" and t.text.istitle() \
                and t.text.isalpha() and not t.ent_type_ and (t.i + 1 >= len(pdoc) or not pdoc[t.i + 1].text.istitle()):
            found.append((t.idx, t.idx + len(t.text), "named"))
    for m in _ORG_NAME_RX.finditer(text):  # "the Alzheimer's Association": a name ending in an institution noun
        found.append((*m.span("name"), "named"))
    out = []
    for a, b, described in found:
        if described == "named":
            span = pdoc.char_span(a, b)
            if span is not None and not any(t.ent_type_ in ("PERSON", "GPE", "NORP") for t in span) \
                    and not any(c.paragraph == pi and c.start < b and a < c.end for c in cands):
                out.append((a, b))
            continue
        span = pdoc.char_span(a, b)
        if span is None or any(t.pos_ != "PROPN" or t.ent_type_ in ("PERSON", "GPE", "NORP") for t in span):
            continue
        if not described and span[0].is_sent_start and len(span) == 1 and not span.text.isupper():
            continue
        if country_of(span.text) or city_of(span.text) or span.text in TIME_WORDS:
            continue
        out.append((a, b))
    return out


_TITLE_MODIFIERS = frozenset("""Majority Minority Deputy Vice Assistant Acting Associate Executive Senior General
Managing Principal Permanent Foreign Interior Defence Defense Energy Finance Health Trade Justice Home""".split())


def _split_titles(pdoc):
    """Entities as tagged, except that a title inside one is cut out: "Harbor Freightways Chief
    Executive Annelies Vermeer" (one WORK_OF_ART) → ORG "Harbor Freightways" + PERSON "Annelies Vermeer"."""
    from spacy.tokens import Span

    out = []
    ents = list(pdoc.ents)
    n = len(pdoc)
    skip_until = -1
    merged = []
    for idx, ent in enumerate(ents):
        if ent.start < skip_until:
            continue
        poss = [t.i for t in ent[1:-1] if t.text in ("'", "’", "'s", "’s") and t.i + 1 < ent.end
                and pdoc[t.i + 1].text[:1].isupper() and any(x.text in ORG_HEADS for x in pdoc[ent.start:t.i])
                and any(x.text in ORG_HEADS for x in pdoc[t.i + 1:ent.end])] if ent.label_ == "ORG" else []
        if poss:  # "the Chinese Academy of Sciences' Institute of Atmospheric Physics": two institutions
            merged.append(Span(pdoc, ent.start, poss[0], label="ORG"))
            ent = Span(pdoc, poss[0] + 1, ent.end, label="ORG")
        if ent.label_ == "ORG":
            end = ent.end  # "Eastern" + "Grid Holdings": the tagger stopped inside the name
            while end < n and end - ent.end < 3 and pdoc[end].pos_ == "PROPN" and pdoc[end].text.istitle() \
                    and not pdoc[end].ent_type_ and pdoc[end].lower_ not in TITLE_HEADS:
                end += 1
            if end > ent.end and end < n and pdoc[end].lower_ in TITLE_HEADS and pdoc[end].text.istitle() \
                    and pdoc[end - 1].text in _TITLE_MODIFIERS:
                end = ent.end  # "Senate" + "Majority Leader Tom Whitaker": the words are the title's
            cut = end
            while cut > ent.start + 1 and pdoc[cut - 1].lower_ in TITLE_HEADS and pdoc[cut - 1].text.istitle():
                cut -= 1  # "Bluewater Chief Executive" + "Tomás Ferrer": the title is not the company
            if cut < end and not (end < n and pdoc[end].ent_type_ == "PERSON"):
                cut = end
            if (end, cut) != (ent.end, ent.end):
                ent = Span(pdoc, ent.start, cut, label="ORG")
                skip_until = max(skip_until, end)
        if ent.label_ in ("ORG", "PERSON") and _name_of_org(pdoc, ent):
            k = _name_of_org(pdoc, ent)  # "Ashwin Raghavan of Brown University": a person and an org
            merged.append(Span(pdoc, ent.start, k, label="PERSON"))
            ent = Span(pdoc, k + 1, ent.end, label="ORG")
        if ent.label_ == "PERSON":
            # "Ursula von der" + "Leyen": a name with particles runs to the next capitalised word
            end = ent.end
            while end < n and pdoc[end].lower_ in _PARTICLES:
                end += 1
            if pdoc[end - 1].lower_ in _PARTICLES and end < n and pdoc[end].text[:1].isupper():
                end += 1
            if end > ent.end:
                ent = Span(pdoc, ent.start, end, label="PERSON")
                skip_until = end
        elif ent.label_ in ("ORG", "GPE", "NORP") and 2 <= len(ent) <= 3 and ent.start > 0 \
                and pdoc[ent.start - 1].lower_ in TITLE_HEADS and pdoc[ent.start - 1].text[:1].isupper() \
                and all(t.pos_ == "PROPN" and t.text not in ORG_HEADS and not country_of(t.text) for t in ent):
            ent = Span(pdoc, ent.start, ent.end, label="PERSON")  # "Chancellor Olaf Scholz" tagged ORG
        elif ent.label_ == "ORG" and 2 <= len(ent) <= 3 and ent.start >= 2 and pdoc[ent.start - 1].text == "," \
                and pdoc[ent.start - 2].lower_ in TITLE_HEADS and pdoc[ent.start - 2].text.islower() \
                and ent.end < n and pdoc[ent.end].text == "," \
                and all(t.pos_ == "PROPN" and t.text.istitle() and t.text not in ORG_HEADS and not country_of(t.text)
                        for t in ent):
            ent = Span(pdoc, ent.start, ent.end, label="PERSON")  # "Its executive director, Fatih Birol, has …"
        elif ent.label_ == "ORG" and _person_tagged_org(pdoc, ent):
            ent = Span(pdoc, ent.start, ent.end, label="PERSON")  # "External member Priti Anand" tagged ORG

        elif ent.label_ == "ORG" and ent.start >= 2:
            # "the Proceedings of the National Academy of Sciences": the longer name is the actor
            k = ent.start - 1
            if pdoc[k].lower_ == "the" and k >= 2:
                k -= 1
            head = pdoc[k - 1] if pdoc[k].lower_ == "of" and k >= 1 else None
            if head is not None and head.pos_ == "PROPN" and head.text[:1].isupper() and not head.is_sent_start \
                    and head.lower_ not in TITLE_HEADS and head.text not in TIME_WORDS and not head.ent_type_:
                ent = Span(pdoc, head.i, ent.end, label="ORG")
        merged.append(ent)
    for ent in merged:
        if ent.label_ not in ("PERSON", "ORG", "WORK_OF_ART", "FAC") or len(ent) < 3:
            out.append(ent)
            continue
        heads = [t.i for t in ent if t.lower_ in TITLE_HEADS and t.text[:1].isupper()]
        if not heads or heads[-1] >= ent.end - 1:
            out.append(ent)
            continue
        after = pdoc[heads[-1] + 1:ent.end]
        if not (1 <= len(after) <= 3 and all(t.text[:1].isupper() for t in after)) or any(t.text in ORG_HEADS for t in after):
            out.append(ent)
            continue
        first_head = heads[0]
        while first_head > ent.start and pdoc[first_head - 1].lower_ in TITLE_HEADS:
            first_head -= 1
        if first_head > ent.start:
            out.append(Span(pdoc, ent.start, first_head, label="ORG"))
        out.append(Span(pdoc, after.start, after.end, label="PERSON"))
    return out


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
