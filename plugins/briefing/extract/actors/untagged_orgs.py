"""Organisations the tagger missed, found from how the sentence speaks of them.

A name described as a company in an appositive ("ASML, the Dutch company whose …"),
coordinated with a tagged organisation ("Samsung Electronics and SK Hynix said"), an employer
before a job title ("Jefferies analyst Owen Castellano") or after "at" ("an analyst at Davy
Stockbrokers"), a name after a class noun ("the payments firm Vexa"), or one ending in an
institution noun ("the Alzheimer's Association"). Used by mentions.collect.
"""
from __future__ import annotations

import re

from .candidates import Cand
from .exclusions import TIME_WORDS
from .gazetteer import city_of, country_of
from .newswords import _ORG_CLASS, _ORG_NAME_RX, _employer_before_title
from .titles import TITLE_HEADS

# an appositive that describes a company: ", the Dutch company whose …", ", Switzerland's largest electricity producer"
_ORG_APPOS = (r",\s+(?:the|a|an|[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?['’]s)\s+"
              r"(?:(?!(?:with|of|at|for|from|in|to|on|by)\b)[\w-]+\s+){0,3}?"
              r"(?:company|firm|group|maker|manufacturer|producer|bank|insurer|lender|carrier|airline|retailer|"
              r"start-?up|conglomerate|chipmaker|automaker|giant|operator|union|network|broadcaster|publisher|"
              r"charity|think tank|nonprofit|fund|investor|supplier|developer|utility|agency|regulator|alliance|coalition|"
              r"federation|association|club|side|movement|foundation|institute|watchdog|body)"
              r"(?=[,.;]|\s+(?:whose|that|which|based|with|in|of|known|founded|owned|and)\b)")
ORG_APPOS_RX = re.compile(_ORG_APPOS)
# An untagged name described as a company ("ASML, the Dutch company whose …")
_DESCRIBED_ORG = re.compile(
    r"(?<![\w.])(?P<name>[A-Z][A-Za-z0-9&-]+(?:\s+[A-Z][A-Za-z0-9&-]+){0,2})" + _ORG_APPOS)


def _acronym(t) -> bool:
    return t.text.isupper() and t.text.isalpha() and 2 <= len(t.text) <= 6


def untagged_orgs(pdoc, text: str, cands: list[Cand], pi: int):
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
        k = c.tok_start - 1 if c.tok_start >= 2 and pdoc[c.tok_start - 1].lower_ == "and" else (
            c.tok_start - 2 if c.tok_start >= 3 and pdoc[c.tok_start - 1].lower_ == "the"
            and pdoc[c.tok_start - 2].lower_ == "and" else -1)  # "the DA and the EFF"
        if k > 0:
            j = k
            while j > 0 and k - j < 3 and (pdoc[j - 1].pos_ == "PROPN" or _acronym(pdoc[j - 1])) \
                    and not pdoc[j - 1].ent_type_:
                j -= 1  # an acronym coordinated with an organisation is one too, whatever its tag
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
        if span is None or any((t.pos_ != "PROPN" and not _acronym(t)) or t.ent_type_ in ("PERSON", "GPE", "NORP")
                               for t in span):
            continue
        if not described and span[0].is_sent_start and len(span) == 1 and not span.text.isupper():
            continue
        if country_of(span.text) or city_of(span.text) or span.text in TIME_WORDS:
            continue
        out.append((a, b))
    return out
