"""Span repair of candidate names, before they are clustered (used by find_actors).

* a long name runs over "of", "for", "in the" and the particles of other languages ("do", "de",
  "dos") inside a proper-noun phrase, and over a gap of one space: "Universidade do Mar",
  "Centre for Euro-Pacific Studies", "National Institute for Polar Studies in the Arctic",
  "Coastal Workers Joint Negotiating Council", "Vila Nova do Sul";
* a name stops at a possessive: "Rees’ Lagos years" → "Rees"; "the National Marine
  Authority’s Tide Research Unit" → two organisations;
* a name stops at a lower-case word ("Raman to Davos" → "Raman");
* an acronym in parentheses after a name is that name ("… Negotiating Council (CWJNC)"); an
  acronym spelt out in lower case ("annual spending review (ASR)") is a common noun.
"""
from __future__ import annotations

import re

from .candidates import Cand
from .kinds import PEOPLE_ADJECTIVES
from .newswords import ORG_HEADS

# Institution heads of other languages met in English news ("Universidade do Mar").
FOREIGN_HEADS = frozenset("""Instituto Institut Observatório Observatorio Universidad Universidade Université Universität
Fundação Fundación Fondation Stiftung Ministerio Ministério Ministère Partido Parti Partei Banco Banque Centro Centre
Comité Comisión Comissão Consejo Conselho Conseil Asociación Associação Agência Agencia""".split())
HEADS = ORG_HEADS | FOREIGN_HEADS
_PARTICLES = r"(?:do|da|dos|das|de|du|des|del|della|di|von|van)"
_ENGLISH_LINK = r"(?:of|for|on|in the|of the|for the)"
_CONNECTOR = re.compile(rf"^\s(?:(?P<p>{_PARTICLES})|(?P<e>{_ENGLISH_LINK})|(?P<g>))\s?$")
_POSS_INSIDE = re.compile(r"['’]s?\s")
_LOWER_INSIDE = re.compile(r"\s(?!(?:of|for|and|on|the|in|de|do|da|dos|das|du|des|del|della|di|von|van|der|den|al|bin|la|le|y|e|&)\s)"
                           r"(?!(?:al|el|ad|as|ash|at|az|bin|ibn|abu|de|da|di|du|van|von|le|la|d)[-’'])[a-z][\w-]*")
_SENT_END = re.compile(r"(?<![A-Z])(?<!\b(?:St|Mr|Ms|Dr|Jr|Sr|Co|No|Mt|Ft))[a-z]{2,}\.\s+(?=[A-Z])")
_LEADING_MODIFIERS = frozenset({"Rival", "Fellow", "Veteran", "Embattled", "Opposition", "Outgoing", "Incoming",
                                "Beleaguered", "Ousted", "Jailed", "Disgraced"})
_MEMBERS = frozenset({"MPs", "MEPs", "MSPs", "MLAs", "TDs", "MPPs"})
_OUTLET_AFTER = re.compile(r" (?:magazine|newspaper)\b(?!s)")
_ORG_LINKS = frozenset({"to", "against", "without", "with", "at", "from", "by"})
_PAREN_ACR = re.compile(r"^\s*\((?P<acr>[A-Z][A-Za-z]{1,7})\)")
_LOWER_EXPANSION = re.compile(r"(?P<exp>\b[a-z][\w-]*(?:\s[a-z][\w-]*){1,5})\s\((?P<acr>[A-Z]{2,7})\)")


def _join_type(a: Cand, b: Cand | None, words: list[str]) -> str:
    if any(w in HEADS for w in words) or a.type == "organization" or (b is not None and b.type == "organization"):
        return "organization"
    if a.type == "place" or (b is not None and b.type == "place"):
        return "place"
    return a.type


def _joined(text: str, a: Cand, b: Cand | None, end: int) -> Cand:
    name = text[a.start:end]
    typ = _join_type(a, b, name.split())
    return Cand(a.paragraph, a.start, end, name, typ, name, a.tok_start, b.tok_end if b is not None else -1)


def _join(doc, cands: list[Cand]) -> list[Cand]:
    out: list[Cand] = []
    by_par: dict[int, list[Cand]] = {}
    for c in cands:
        by_par.setdefault(c.paragraph, []).append(c)
    for pi, cs in sorted(by_par.items()):
        text = doc.paragraphs[pi]
        cs.sort(key=lambda c: (c.start, -c.end))
        i = 0
        while i < len(cs):
            cur = cs[i]
            i += 1
            while True:
                nxt = cs[i] if i < len(cs) else None
                gap = text[cur.end:nxt.start] if nxt is not None and nxt.start >= cur.end else None
                m = _CONNECTOR.match(gap) if gap is not None else None
                words = cur.text.split()
                if m and cur.type != "country" and nxt.type != "country" and (
                        m.group("p") or (m.group("e") and (words[-1] in HEADS or any(w in HEADS for w in words)))
                        or (m.group("g") is not None and gap == " " and (cur.type == nxt.type == "organization"
                                                                         or nxt.text.split()[-1] in HEADS))):
                    cur = _joined(text, cur, nxt, nxt.end)
                    i += 1
                    continue
                # "Vila Nova" + " do Sul": particles and capitalised words the tagger left out
                tail = re.match(rf"\s{_PARTICLES}\s(?P<run>[A-ZÀ-Þ][\w’'-]*(?:\s[A-ZÀ-Þ][\w’'-]*)*)", text[cur.end:])
                if tail and not (nxt is not None and nxt.start < cur.end + tail.end()):
                    cur = _joined(text, cur, None, cur.end + tail.end())
                    continue
                break
            out.append(cur)
    return out


_AND_LEFT = re.compile(r"\b[Tt]he\s+(?P<left>[A-Z][\w-]*(?:\s[A-Z][\w-]*){0,2})\s+(?:and|&)\s+$")


def _and_left(doc, c: Cand, cands: list[Cand]) -> Cand:
    """"the Ethics and Anti-Corruption Commission": capitalised words and "and" before an
    institution after "the" belong to its name (unless they are an actor of their own)."""
    if c.type != "organization" or c.text.split()[-1] not in HEADS:
        return c
    text = doc.paragraphs[c.paragraph]
    m = _AND_LEFT.search(text[max(0, c.start - 60):c.start])
    if not m:
        return c
    start = c.start - (len(text[max(0, c.start - 60):c.start]) - m.start("left"))
    if any(o.paragraph == c.paragraph and o.start < c.start and start < o.end for o in cands if o is not c):
        return c  # "the EFF and MK Party": two parties
    return Cand(c.paragraph, start, c.end, text[start:c.end], "organization", text[start:c.end], -1, c.tok_end)


def _cut(doc, c: Cand) -> list[Cand]:
    """A name stops at a possessive, a lower-case word or a sentence end; members ("Labour MPs")
    are their party."""
    text = c.text
    end = _SENT_END.search(text)
    if end:  # "Bernstein. Raman said": two sentences
        left = text[:text.index(".", end.start())]
        return [Cand(c.paragraph, c.start, c.start + len(left), left, c.type, left)] if left else []
    words = text.split()
    if len(words) >= 2 and words[0] in _LEADING_MODIFIERS:  # "Rival Samsung launched …"
        k = len(words[0]) + 1
        return _cut(doc, Cand(c.paragraph, c.start + k, c.end, text[k:], c.type, text[k:] if c.key == text else c.key,
                              c.tok_start + 1 if c.tok_start >= 0 else -1, c.tok_end))
    if len(words) >= 2 and words[-1] in _MEMBERS:
        left = text[:text.rfind(" ")]
        return [Cand(c.paragraph, c.start, c.start + len(left), left, "organization", left)]
    pm = _POSS_INSIDE.search(text)
    if pm and not (_LOWER_INSIDE.search(" " + text[pm.end():]) or (
            any(w in HEADS for w in text[:pm.start()].split()) and any(w in HEADS for w in text[pm.end():].split()))):
        pm = None  # "the Alzheimer's Association", "King's College": the possessive is inside the name
    if pm:
        left = text[:pm.start()]
        rest = text[pm.end():]
        out = [Cand(c.paragraph, c.start, c.start + len(left), left, "person" if c.type != "organization" else
                    c.type, left)] if left and left[:1].isupper() else []
        if rest and rest[:1].isupper() and rest.split()[-1] in HEADS and not _LOWER_INSIDE.search(" " + rest):
            s = c.start + pm.end()
            out.append(Cand(c.paragraph, s, c.end, rest, "organization", rest))
        if out and out[0].type == "organization" and left.split()[-1] not in HEADS and len(out) == 1:
            out[0].type = "person"  # "Rees’ Lagos years": the owner of the rest is a person here
        return out
    lm = _LOWER_INSIDE.search(text)
    if lm and lm.group(0).strip() in _ORG_LINKS and any(w in HEADS for w in text[:lm.start()].split()):
        lm = None  # "the Committee to Protect Journalists", "Campaign Against …": a link inside an institution's name
    if lm and c.type != "place":
        left = text[:lm.start()]
        return [Cand(c.paragraph, c.start, c.start + len(left), left, c.type, left)] if left[:1].isupper() else []
    return [c]


def repair(doc, cands: list[Cand]) -> list[Cand]:
    """The candidates with their spans repaired (see the module doc)."""
    cut: list[Cand] = []
    for c in cands:
        cut.extend(_cut(doc, c) if c.type != "country" else [c])
    for c in cut:  # "Ohio magazine printed an interview": an outlet named after its place
        m = _OUTLET_AFTER.match(doc.paragraphs[c.paragraph], c.end)
        if m and c.type in ("place", "country", "organization") and len(c.text.split()) <= 3:
            c.end, c.text, c.type = m.end(), c.text + m.group(0), "organization"
            c.key = c.text
    joined = _join(doc, cut)
    out = [_and_left(doc, c, joined) for c in joined]
    for c in out:  # "the largely Black Millbrook": a people's adjective after an adverb is no part of the name
        words = c.text.split()
        adverb = re.search(r"\b[a-z]+ly\s$", doc.paragraphs[c.paragraph][max(0, c.start - 20):c.start])
        if len(words) >= 2 and words[0] in PEOPLE_ADJECTIVES and adverb:
            k = len(words[0]) + 1
            c.start, c.text, c.key = c.start + k, c.text[k:], " ".join(words[1:]) if c.key == c.text else c.key
    common = {m.group("acr") for p in doc.paragraphs for m in _LOWER_EXPANSION.finditer(p)
              if "".join(w[0] for w in re.split(r"[\s-]+", m.group("exp"))[-len(m.group("acr")):]).upper() == m.group("acr")}
    acr: dict[str, Cand] = {}
    for c in out:
        if c.type == "organization" and len(c.text.split()) >= 2:
            m = _PAREN_ACR.match(doc.paragraphs[c.paragraph][c.end:])
            if m:
                acr.setdefault(m.group("acr"), c)
    res = []
    for c in out:
        if c.text in common:
            continue  # "the ASR period": a common noun spelt in capitals
        if c.text in acr and acr[c.text] is not c:
            c.type, c.key = "organization", acr[c.text].key
        res.append(c)
    return res
