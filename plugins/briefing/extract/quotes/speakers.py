"""Speaker phrases → actor mentions, and pronoun resolution.

Only mentions the actors stage found can become speakers: a phrase next to a cue with no
actor mention in it gives ``None`` (never an invented actor, never a guess).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import ANY_CUE_RE

TYPE_RANK = {"person": 0, "anonymous": 1, "organization": 2, "country": 3, "place": 4}

_PREPS = set("""
of to for at in on with from by about against over under between among like than into onto
toward towards without within via per including behind beside near after before during
""".split())
# words that may precede a name inside its noun phrase: "of President Joe Biden"
_TITLES = set("""
president prime minister chancellor sen. senator rep. representative gov. governor secretary
general gen. ambassador dr. mr. mrs. ms. leader head chief spokesperson spokesman spokeswoman
director chair chairman chairwoman ceo founder judge justice king queen prince princess pope
foreign defense defence state deputy vice former acting policy premier mayor commissioner
minister's us u.s. uk u.k. eu un nato's lt. col. adm. capt. sgt. maj. prof. sir lord lady
""".split())
_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those"}
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:an|ian|ish|ese|ch|i)$")
# lowercase words that may follow a head noun phrase (it is not a modifier of a noun then)
_AFTER_HEAD = set("""
who which that whose and or but in on at of for with from by to during after before as
is was are were has have had will would could should may might can did does do also later
then again previously once further still recently earlier now too repeatedly reportedly
yesterday today separately initially told he she they it we i not nonetheless however
""".split())
_IRREGULAR_PAST = set("""
made gave took went came saw met sent put set kept held left brought thought became began won
lost spoke found got paid led ran sought struck chose drew fought felt heard knew meant read
""".split())
# nouns a person's name modifies: "the Biden administration said" is not Biden speaking
_PERSON_MOD = set("""
administration campaign government regime team aide aides spokesman spokeswoman spokesperson
family camp allies ally era doctrine official officials adviser advisers advisor advisors
office staff loyalists supporters critics lawyer lawyers attorney attorneys foundation
""".split())

FEMALE = set("""
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
margaret sandra ashley kimberly emily donna michelle carol amanda melissa deborah stephanie
rebecca laura helen sharon cynthia kathleen amy angela anna ursula kamala hillary nancy
julianne ruth marine giorgia angela theresa jacinda liz kaja annalena christine kristalina
victoria olena marina natalia maria ana sofia yulia iryna tatiana olga svetlana nadia
gina karine raquel priya hannah jana claire ingrid rachel elena giorgia lucia carole catherine
katherine kate julia sara rosa carmen isabel sophie marie anne camille emma olivia ava mia
charlotte amelia grace chloe lucy alice ella zoe ruth esther rebecca leah hana yuki mei
""".split())
MALE = set("""
james john robert michael william david richard joseph thomas charles christopher daniel
matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george edward
ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
scott brandon benjamin samuel frank gregory raymond alexander patrick jack dennis jerry
joe barack bill jens olaf emmanuel rishi boris vladimir volodymyr dmytro sergei sergey
xi antony lloyd jake colin thom bob chris ben mitch chuck kevin ted rand lindsey recep
viktor mark pedro justin keir charles jean pierre friedrich tom tommy jim mike bernie
sam nick alex max peter hans karl klaus emmanuel francois sergio mario luis carlos jose ali
ahmed mohammed muhammad omar hassan benjamin yair naftali ron josh tim ted jd greg felipe
samuel ray gareth marek dmitry kenji janusz hugo felix karim tomas pavel jonas luca marco
giorgio franz wolfgang henri louis antoine
""".split())


@dataclass(frozen=True)
class M:
    """A mention of an actor in one paragraph."""

    start: int
    end: int
    actor: str
    type: str
    text: str
    name: str = ""


def build_index(actors, paragraphs: list[str]) -> dict[int, list[M]]:
    index: dict[int, list[M]] = {}
    for a in actors or []:
        for m in getattr(a, "mentions", None) or []:
            p = getattr(m, "paragraph", -1)
            if not isinstance(p, int) or not 0 <= p < len(paragraphs):
                continue
            if not (0 <= m.start < m.end <= len(paragraphs[p])):
                continue
            index.setdefault(p, []).append(M(m.start, m.end, a.id, a.type, paragraphs[p][m.start:m.end],
                                             str(getattr(a, "name", "") or "")))
    for p in index:
        index[p] = sorted(set(index[p]), key=lambda x: (x.start, -x.end, x.actor))
    return index


def _prev_word(text: str, i: int) -> tuple[str, int]:
    j = i
    while j > 0 and text[j - 1] == " ":
        j -= 1
    k = j
    while k > 0 and not text[k - 1].isspace() and text[k - 1] not in ",;:(\x01":
        k -= 1
    return text[k:j], k


def _modifies_noun(m: M, w: str) -> bool:
    if w in _AFTER_HEAD or w.endswith(("ly", "ed")) or w in _IRREGULAR_PAST or ANY_CUE_RE.fullmatch(w):
        return False
    if m.type == "person":
        return w in _PERSON_MOD
    return True


def is_head(m: M, text: str, floor: int = 0) -> bool:
    """The mention heads its noun phrase: not possessive, not a noun modifier
    ("NATO diplomat"), not the object of a preposition ("a confidante of Joe Biden");
    words before `floor` (e.g. "according to") are not looked at."""
    after = text[m.end:m.end + 30]
    if re.match(r"[\u2019']s?\b", after):
        return False
    nxt = re.match(r" ([a-z][\w-]*)", after)
    if nxt and _modifies_noun(m, nxt.group(1)):
        return False
    i = m.start
    for _ in range(6):
        w, k = _prev_word(text, i)
        if not w or k < floor:
            return True
        lw = w.lower()
        if lw in _PREPS:
            return False
        if lw in _TITLES or lw in _DETERMINERS or _DEMONYM.match(w):
            i = k
            continue
        return True
    return True


def pick(cands: list[M]) -> M | None:
    if not cands:
        return None
    return min(cands, key=lambda m: (TYPE_RANK.get(m.type, 5), m.start, -m.end))


def heads_in(mentions: list[M], text: str, start: int, end: int, floor: int = 0) -> list[M]:
    """Head mentions wholly inside text[start:end]; longest of overlapping ones."""
    inside = [m for m in mentions if start <= m.start and m.end <= end and "\x01" not in text[m.start:m.end]]
    out = []
    for m in inside:
        if any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
               and TYPE_RANK.get(o.type, 5) <= TYPE_RANK.get(m.type, 5) for o in inside):
            continue
        if is_head(m, text, floor):
            out.append(m)
    return out


def fits(m: M, pronoun: str) -> bool:
    plural = m.type == "anonymous" and re.search(r"(?<!s)s$", m.text.split()[-1] if m.text.split() else "")
    if pronoun in ("he", "she"):
        if m.type == "person":
            words = (m.name or m.text).split()
            first = words[0].lower().strip(".") if words else ""
            if pronoun == "he" and first in FEMALE:
                return False
            if pronoun == "she" and first in MALE:
                return False
            return True
        return m.type == "anonymous" and not plural
    if pronoun == "they":
        return m.type == "organization" or (m.type == "anonymous" and bool(plural))
    if pronoun == "it":
        return m.type in ("organization", "country")
    return False


def resolve_pronoun(pronoun: str, para: int, pos: int, ctx) -> M | None:
    """Nearest preceding fitting actor: the current sentence up to the pronoun, then earlier
    sentences, then up to two earlier paragraphs. In a sentence, its subject comes first."""
    pronoun = pronoun.lower()
    for p in range(para, max(-1, para - 3), -1):
        info = ctx.paras[p]
        sents = [(s, e) for s, e in info.sentences if s < (pos if p == para else len(info.text) + 1)]
        for s, e in reversed(sents):
            stop = min(e, pos) if p == para else e
            cands = [m for m in heads_in(info.mentions, info.masked, s, stop) if fits(m, pronoun)]
            if cands:
                return min(cands, key=lambda m: m.start)
    return None
