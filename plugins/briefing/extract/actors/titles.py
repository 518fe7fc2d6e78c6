"""Roles of people in news English: titles before names, appositives after them, party-state tags.

* "German Chancellor Olaf Scholz", "alliance head Jens Stoltenberg", "Sen. Chris Coons"
* "Julianne Smith, the U.S. ambassador to NATO, told …"
* "Sen. Thom Tillis (R-N.C.)" → "Senator (R-N.C.)"

Everything works on the spaCy Doc of one paragraph (token offsets are paragraph offsets).
"""
from __future__ import annotations

import re

from .gazetteer import country_of

# Head nouns of job titles (lower case). A title before a name must contain one of them.
TITLE_HEADS = frozenset("""
president vice-president president-elect premier chancellor minister secretary secretary-general
ambassador envoy emissary head chief leader senator sen. representative rep. congressman
congresswoman governor gov. mayor king queen prince princess pope cardinal archbishop bishop
spokesperson spokesman spokeswoman director chair chairman chairwoman chairperson co-chair
ceo cfo cto coo founder co-founder executive officer commissioner commander general gen.
admiral adm. colonel col. lieutenant lt. major maj. sergeant sgt. captain capt. adviser advisor
economist researcher professor prof. scientist astronomer physicist biologist chemist engineer
lawyer attorney judge justice speaker lawmaker candidate nominee treasurer deputy undersecretary
administrator manager partner analyst strategist negotiator diplomat correspondent editor
coach striker investigator author co-author rapporteur prosecutor marshal councillor councilor
geologist geophysicist astrophysicist ecologist epidemiologist virologist neuroscientist historian
sociologist psychologist climatologist oceanographer glaciologist meteorologist mathematician statistician
archaeologist anthropologist geographer demographer pollster
goalkeeper keeper defender midfielder striker winger referee umpire
critic fellow brigadier counterpart councilman councilwoman councilmember alderman alderwoman assemblyman assemblywoman selectman
chief-of-staff superintendent inspector sheriff dean provost rector principal ombudsman regulator
governor-general viceroy monarch emir sultan ayatollah rabbi imam
magistrate coroner registrar pastor priest reverend rev. chaplain
""".split())
# Offices written capitalised before a name ("US Ambassador", "German Chancellor").
FORMAL_TITLES = frozenset("""president vice-president premier chancellor minister secretary secretary-general
ambassador envoy senator representative governor mayor king queen prince pope commissioner
attorney general admiral prime""".split())
# Abbreviated titles spelt out in roles.
_EXPAND = {"sen.": "Senator", "rep.": "Representative", "gov.": "Governor", "gen.": "General",
           "lt.": "Lieutenant", "col.": "Colonel", "maj.": "Major", "sgt.": "Sergeant",
           "adm.": "Admiral", "capt.": "Captain", "prof.": "Professor", "pres.": "President",
           "lt": "Lieutenant", "sen": "Senator", "rep": "Representative", "gov": "Governor"}
# Courtesy titles are dropped, not roles.
HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr.", "dr", "sir", "dame", "lord", "lady"})
_LINK_PREPS = frozenset({"to", "of", "for", "at", "on"})
# lower-case words that belong to a capitalised title after them ("former President")
_TITLE_LEFT_OK = frozenset({"former", "then", "late", "acting", "interim", "outgoing", "incoming", "current",
                            "deputy", "newly", "elected", "disgraced", "embattled", "veteran", "longtime"})
_STOP_POS = frozenset({"VERB", "AUX", "DET", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM", "ADV", "PART", "ADP", "SYM", "INTJ"})
_DOTTED = re.compile(r"\b([A-Z])\.([A-Z])\.(?:([A-Z])\.)?")
_PARTY_TAG = re.compile(r"\s*\(\s*([RDI])\s*[-–]\s*([A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)\s*\)")
# an appositive: ", the U.S. ambassador to NATO," up to the next comma / end of sentence / cue
_APPOS = re.compile(r",\s+((?:the|a|an)\s+)?([^,;:“”\"«»()\[\]]{2,110}?)(?=\s*(?:,|;|:|(?<!\b[A-Z])\.(?:\s|$|”|\")|$|\s+(?:said|says|told|tells|added|noted|wrote|who|which|that|whose)\b))")
_APPOS_BAD_START = frozenset({"who", "whose", "which", "that", "and", "but", "or", "said", "says", "told",
                              "he", "she", "they", "it", "we", "i", "according", "as", "when", "while",
                              "if", "because", "although", "though", "where", "after", "before",
                              "in", "on", "at", "for", "with", "by", "from", "not", "also", "then", "so"})
_DETS_AND_NUMS = re.compile(r"^\d")
_PLAIN_GAP = re.compile(r"^(?:the|a|an)?\s*(?:[\w-]+['’]s)?$", re.I)


def normalize_role(text: str) -> str:
    """Tidy a role: spell out "Sen.", "U.S." → "US", capitalise the title after a nationality."""
    words = text.strip().strip(",").split()
    if words and words[0].lower() in ("the",):
        words = words[1:]
    out = []
    for w in words:
        exp = _EXPAND.get(w.lower())
        out.append(exp if exp and (w[0].isupper()) else w)
    s = " ".join(out)
    s = _DOTTED.sub(lambda m: "".join(g for g in m.groups() if g), s)
    parts = s.split(" ")
    # "US ambassador to NATO" → "US Ambassador to NATO" (a title after a nationality or country)
    if len(parts) >= 2 and (country_of(parts[0]) or parts[0].isupper()) and parts[1].lower() in FORMAL_TITLES \
            and parts[1].islower():
        parts[1] = parts[1][:1].upper() + parts[1][1:]
    return " ".join(parts)


def title_before(pdoc, first: int) -> tuple[str, int] | None:
    """The job title right before the name starting at token index ``first``.

    Returns (title text as written, start char) or None. Walks left over title words,
    capitalised words and modifiers; "to/of/for" only inside a title ("Ambassador to NATO").
    """
    i = first - 1
    start = None
    has_head = False
    while i >= 0 and first - i <= 8:
        tok = pdoc[i]
        low = tok.lower_
        if low in HONORIFICS:
            i -= 1
            continue
        if low in TITLE_HEADS:
            has_head = True
            start = i
        elif low in _LINK_PREPS:
            # only between a title word on its left and a capitalised word on its right
            if i - 1 >= 0 and start is not None and pdoc[i - 1].lower_ in TITLE_HEADS and pdoc[i + 1].text[:1].isupper():
                start = i
            else:
                break
        elif low in ("and", "&") and start is not None and i > 0 and pdoc[i - 1].text[:1].isupper() \
                and pdoc[i + 1].text[:1].isupper() and pdoc[i - 1].lower_ not in TITLE_HEADS \
                and pdoc[i - 1].ent_type_ not in ("PERSON", "ORG"):
            start = i  # "Climate and Energy Minister"
        elif tok.text == "-" and start is not None and i > 0 and pdoc[i - 1].text[:1].isupper() \
                and tok.whitespace_ == "" and pdoc[i - 1].whitespace_ == "":
            start = i  # "Secretary-General"
        elif tok.pos_ in _STOP_POS or tok.is_punct or tok.like_num:
            break
        elif tok.text[:1].isupper() or tok.pos_ in ("NOUN", "ADJ", "PROPN"):
            if tok.ent_type_ in ("PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL"):
                break
            if tok.text.islower() and start is not None and pdoc[start].text[:1].isupper() \
                    and tok.lower_ not in _TITLE_LEFT_OK:
                break  # "the only person Prince Edmund": lower-case words before a capitalised title are not the title's
            start = i
        else:
            break
        i -= 1
    if start is None or not has_head:
        return None
    # drop leading words before the title proper that are not part of it (capitalised sentence openers)
    while start < first and (pdoc[start].lower_ in _LINK_PREPS or pdoc[start].lower_ in ("and", "&")):
        start += 1
    span = pdoc[start:first]
    words = [t for t in span if t.lower_ not in HONORIFICS]
    if not words:
        return None
    text = pdoc.text[words[0].idx: words[-1].idx + len(words[-1].text)]
    return text, words[0].idx


def title_before_comma(pdoc, first: int) -> str | None:
    """"Its chief executive, Christophe Fouquet, said" / "The IMF's chief economist, X," → the title."""
    i = first - 1
    while i > 1 and (pdoc[i].lower_ in HONORIFICS or (pdoc[i].lower_ in TITLE_HEADS and pdoc[i].text[:1].isupper())):
        i -= 1  # "Its national medical director, Professor Sir Julian Maddox,"
        first -= 1
    if i < 1 or pdoc[i].text != ",":
        return None
    end_tok = i - 1
    if pdoc[end_tok].lower_ not in TITLE_HEADS:
        # "A spokesman for the Kremlin, Dmitry Peskov": head followed by a short prepositional phrase
        j = end_tok
        while j > 0 and first - j < 9 and pdoc[j].lower_ not in _LINK_PREPS:
            j -= 1
        if j <= 0 or pdoc[j - 1].lower_ not in TITLE_HEADS:
            return None
    j = end_tok
    while j > 0 and first - j < 12 and not pdoc[j].is_sent_start:
        t = pdoc[j - 1]
        if t.text == "-" and not t.whitespace_ and j >= 2 and not pdoc[j - 2].whitespace_:
            j -= 2  # "secretary-general"
            continue
        if t.is_punct or t.is_quote or t.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ"):
            break
        j -= 1
    if pdoc[j].pos_ in ("VERB", "AUX"):
        return None
    if not (pdoc[j].is_sent_start or (j > 0 and (pdoc[j - 1].is_punct or pdoc[j - 1].is_quote
                                                or pdoc[j - 1].pos_ in ("VERB", "ADP")))):
        return None
    words = [t for t in pdoc[j:end_tok + 1]]
    if words and words[0].lower_ in ("the", "its", "his", "her", "their"):
        words = words[1:]
    if not words or not any(t.lower_ in TITLE_HEADS for t in words):
        return None
    s = pdoc.text[words[0].idx:words[-1].idx + len(words[-1].text)]
    return s[:1].lower() + s[1:] if words[0].lower_ in ("a", "an") else s


_WHO_LEADS = re.compile(r",\s+who\s+((?:leads|heads|runs|chairs|co-chairs|directs|oversees|founded|co-founded|manages|"
                        r"represents|coaches|edits|owns)\s+[^,;:.“”\"]{3,80}?)(?=\s*(?:[,;:]|\.(?:\s|$)|$))")


def relative_role(text: str, end: int) -> str | None:
    """", who leads the Glacier Monitoring network" → "leads the Glacier Monitoring network"."""
    m = _WHO_LEADS.match(text, end)
    return m.group(1).strip() if m else None


def party_tag(text: str, end: int) -> tuple[str, int] | None:
    """"(R-N.C.)" right after a name → ("R-N.C.", end of the tag)."""
    m = _PARTY_TAG.match(text, end)
    if not m:
        return None
    return f"{m.group(1)}-{m.group(2)}", m.end()


def appositive(pdoc, end: int) -> str | None:
    """The appositive after a name ending at char ``end``: ", policy director at Defense Priorities"."""
    text = pdoc.text
    m = _APPOS.match(text, end)
    if not m:
        return None
    body = m.group(2).strip()
    words = body.split()
    if not words or len(words) > 16:
        return None
    first = words[0].lower()
    if first in _APPOS_BAD_START or _DETS_AND_NUMS.match(first) or first.startswith(("“", '"', "'", "‘", "«")):
        return None
    start_char = m.start(2)
    end_char = m.end(2)
    toks = [t for t in pdoc if start_char <= t.idx < end_char]
    if not toks:
        return None
    participle_title = toks[0].tag_ in ("VBG", "VBN") and len(toks) > 1 and toks[1].lower_ in TITLE_HEADS
    if toks[0].ent_type_ == "PERSON" or (toks[0].pos_ in ("VERB", "AUX", "PRON", "ADV", "ADP") and not participle_title):
        return None  # a list of names or a clause, not an appositive ("founding director" is a title)
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBN", "VBG") for t in toks):
        return None
    if toks[0].lower_ in ("latter", "former") and (len(toks) == 1 or toks[1].pos_ not in ("NOUN", "PROPN")):
        return None  # "the latter also beating the top seed": a clause about someone, not a role
    if any(t.tag_ in ("VBG", "VBN") and t.i > 0 and pdoc[t.i - 1].pos_ == "ADV" for t in toks):
        return None  # "… also winning …": a participle clause
    heads = [t for t in toks if t.lower_ in TITLE_HEADS]
    has_det = bool(m.group(1))
    nouns = [t for t in toks if t.pos_ in ("NOUN", "PROPN")]
    if not heads and not (has_det and nouns):
        return None
    # "policy director at the restraint-oriented Defense Priorities think tank" → "… at Defense Priorities"
    ents = [e for e in pdoc.ents if e.label_ in ("ORG", "GPE", "NORP") and e.start_char >= start_char and e.end_char <= end_char]
    if ents:
        first_ent = ents[0]
        preps = [t for t in toks if t.lower_ in ("at", "of", "for", "with", "to") and t.idx < first_ent.start_char]
        if preps:
            prep = preps[-1]
            chain = [first_ent]  # "China's Foreign Ministry"; stop before "in Tokyo"
            for e in ents[1:]:
                if text[chain[-1].end_char:e.start_char].strip() in ("", "'s", "’s"):
                    chain.append(e)
                else:
                    break
            gap = text[prep.idx + len(prep.text):first_ent.start_char].strip()
            keep = gap + " " if gap and _PLAIN_GAP.match(gap) else ""  # "the agency's" stays, "the restraint-oriented" goes
            body = (text[start_char:prep.idx + len(prep.text)] + " " + keep
                    + text[first_ent.start_char:chain[-1].end_char])
    prefix = m.group(1) or ""
    if prefix.strip().lower() in ("a", "an"):
        body = prefix + body
    return normalize_role(body)


def role_from_title(title: str, tag: str | None) -> str:
    role = normalize_role(title)
    if tag:
        return f"{role} ({tag})" if role else f"Lawmaker ({tag})"
    return role
