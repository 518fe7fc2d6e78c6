"""spaCy's entity spans re-cut by rules of news English before they become candidates.

A title inside a tagged name is cut out ("Harbor Freightways Chief Executive Annelies
Vermeer" → an organisation and a person), a name the tagger stopped short of is extended
("Ursula von der" + "Leyen", "Eastern" + "Grid Holdings"), "X of Y" and "Y's Z" are split into
their two actors, and organisations mistagged for persons are relabelled. Used by
mentions.collect.
"""
from __future__ import annotations

from .exclusions import TIME_WORDS
from .gazetteer import country_of
from .newswords import ORG_HEADS, _name_of_org, _person_tagged_org
from .titles import TITLE_HEADS

_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "del", "della", "du", "la", "le", "bin", "ibn", "al"})
_TITLE_MODIFIERS = frozenset("""Majority Minority Deputy Vice Assistant Acting Associate Executive Senior General
Managing Principal Permanent Foreign Interior Defence Defense Energy Finance Health Trade Justice Home""".split())


def split_titles(pdoc):
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
