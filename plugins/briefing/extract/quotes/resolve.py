"""Who a subject phrase is: an actor mention, a pronoun, a description ("the agency",
"the 36-year-old"), or a group of unnamed people ("prison officials").

Candidates are actor mentions of the paragraph and the paragraphs before it; each is scored by
explicit evidence (agreement in gender and number, being the subject of its sentence, a role,
alias or describing noun the article gives the actor, distance) and the best one wins when it
is clearly ahead; otherwise nobody (a guess is worse than null).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model import Actor, Mention, SpeakerCandidate
from ...text import slugify, unique_slug
from .speakers import M, fits
from .verbs import GROUP_NOUNS, description_class

LOOKBACK = 3  # paragraphs before the quote's that pronouns and descriptions may reach
_TYPES = {"org": ("organization", "anonymous", "country"), "person": ("person", "anonymous")}


@dataclass
class Pick:
    actor: str
    score: float
    reasons: list[str]
    candidates: list[SpeakerCandidate] = field(default_factory=list)
    confidence: float = 0.8


class Resolver:
    """Actor mentions of one article with their place in the parse."""

    def __init__(self, actors: list, index: dict[int, list[M]], parsed: list, paragraphs: list[str]):
        self.actors = actors
        self.by_id = {a.id: a for a in actors}
        self.index = index
        self.parsed = parsed
        self.paragraphs = paragraphs
        self.taken = {a.id for a in actors}
        self.created: list[str] = []  # group actors made here (kept only if they speak)
        self._descr: dict[str, set[str]] | None = None

    # --- mentions and the parse -------------------------------------------------------
    def mention_of(self, p: int, tok) -> M | None:
        """The actor mention covering token ``tok`` of paragraph ``p`` (longest first)."""
        a, b = tok.idx, tok.idx + len(tok.text)
        best = None
        for m in self.index.get(p, ()):
            if m.start <= a and b <= m.end and (best is None or m.end - m.start > best.end - best.start):
                best = m
        return best

    def _dep(self, p: int, m: M) -> str:
        doc = self.parsed[p] if p < len(self.parsed) else None
        if doc is None:
            return ""
        for t in doc:
            if m.start <= t.idx < m.end and not (m.start <= t.head.idx < m.end and t.head.i != t.i):
                return t.dep_
        return ""

    def _earlier(self, p: int, pos: int, masked_of) -> list[tuple[int, M]]:
        """Mentions before (p, pos), nearest first, outside quotations."""
        out = []
        for q in range(p, max(-1, p - LOOKBACK - 1), -1):
            masked = masked_of(q)
            ms = [m for m in self.index.get(q, ()) if (q < p or m.end <= pos)
                  and "\x01" not in masked[m.start:m.end]]
            out.extend((q, m) for m in sorted(ms, key=lambda m: -m.start))
        return out

    # --- what the article calls each actor --------------------------------------------
    def descriptors(self) -> dict[str, set[str]]:
        """Lowercase words the article describes each actor with: its name's words, its
        roles, and common nouns next to its mentions in the parse ("newspaper Morgen
        Kurier", "Raman, a surveyor")."""
        if self._descr is not None:
            return self._descr
        out: dict[str, set[str]] = {}
        for a in self.actors:
            words = set()
            for n in [a.name, *a.aliases, *[r.text for r in a.roles]]:
                words |= {w.lower() for w in re.findall(r"[\w-]+", n or "")}
            out[a.id] = words
        for p, doc in enumerate(self.parsed):
            if doc is None:
                continue
            for t in doc:
                if t.tag_ not in ("NN", "NNS"):
                    continue
                target = None
                if t.dep_ == "compound" and t.head.tag_.startswith("NNP"):
                    target = t.head
                elif t.dep_ == "appos":
                    target = t.head
                elif any(c.dep_ == "appos" and c.tag_.startswith("NNP") for c in t.children):
                    target = next(c for c in t.children if c.dep_ == "appos")
                if target is not None:
                    m = self.mention_of(p, target)
                    if m is not None:
                        out.setdefault(m.actor, set()).add(t.text.lower())
        self._descr = out
        return out

    # --- pronouns ---------------------------------------------------------------------
    def subject_weight(self, p: int, m: M) -> float:
        """1.0 for the subject of a main clause (or "it was X who"), 0.8 for another subject,
        0.55 for any other mention."""
        doc = self.parsed[p] if p < len(self.parsed) else None
        tok = None
        if doc is not None:
            for t in doc:
                if m.start <= t.idx < m.end and not (m.start <= t.head.idx < m.end and t.head.i != t.i):
                    tok = t
                    break
        if tok is None:
            return 0.55
        if tok.dep_ in ("conj", "appos") and tok.head.dep_ in ("nsubj", "nsubjpass"):
            tok = tok.head  # "Lopez and Ruiz met", "Its director, Ana Ruiz, said": the subject
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return 1.0 if tok.head.dep_ == "ROOT" else 0.8
        if tok.dep_ == "attr" and any(c.dep_ == "relcl" for c in tok.children):
            return 1.0  # "it was Priya Raman who set the plan in motion"
        return 0.55

    def pronoun(self, word: str, p: int, pos: int, masked_of, depth: int = 0) -> Pick | None:
        """The actor a pronoun refers to: fitting mentions before it (gender, number, type),
        the subject first, nearest first; an earlier pronoun of the same person passes on its
        own referent ("She said … In 2022, she withdrew … She said she «…»")."""
        word = word.lower()
        scored: dict[str, tuple[float, list[str]]] = {}
        for rank, (q, m) in enumerate(self._earlier(p, pos, masked_of)):
            if not fits(m, word):
                continue
            w = self.subject_weight(q, m)
            s = w - 0.12 * (p - q) - 0.02 * min(rank, 10)
            why = [f"'{word}' agrees with {m.type} '{m.text}'", "subject of its sentence" if w >= 0.8 else "mentioned before"]
            if q < p:
                why.append(f"{p - q} paragraph(s) before")
            if m.actor not in scored or scored[m.actor][0] < s:
                scored[m.actor] = (s, why)
        link = self._pronoun_link(word, p, pos, masked_of)
        if link is not None and depth < 5:
            q, tok, s = link
            best = max((v[0] for v in scored.values()), default=-1.0)
            if s > best:
                got = self.pronoun(word, q, tok.idx, masked_of, depth + 1)
                if got is not None and got.confidence >= 0.5:
                    got.reasons = [f"'{word}' continues the '{tok.text}' of the sentence before"] + got.reasons[:1]
                    return got
        if word == "they":
            grp = self._group_before(p, pos)
            if grp is not None:
                gq, gtok, gs = grp
                if gs > max((v[0] for v in scored.values()), default=-1.0):
                    got = self.group(gtok, gq)
                    if got is not None:
                        got.reasons = [f"'they' refers to the group before"] + got.reasons
                        return got
        return _best(scored, margin=0.15, base=0.8)

    _SAME = {"he": ("he", "his", "him"), "she": ("she", "her"), "they": ("they", "their", "them"), "it": ("it", "its")}

    def _pronoun_link(self, word: str, p: int, pos: int, masked_of):
        """The nearest earlier subject pronoun (or subject's possessive) of the same form."""
        forms = self._SAME.get(word, ())
        for q in range(p, max(-1, p - 2), -1):
            doc = self.parsed[q] if q < len(self.parsed) else None
            if doc is None:
                continue
            masked = masked_of(q)
            for t in reversed(doc):
                if q == p and t.idx >= pos:
                    continue
                if t.text.lower() not in forms or masked[t.idx:t.idx + 1] == "\x01":
                    continue
                if t.dep_ in ("nsubj", "nsubjpass"):
                    return q, t, (1.0 if t.head.dep_ == "ROOT" else 0.8) - 0.12 * (p - q) + 0.01
                if t.dep_ == "poss" and t.head.dep_ in ("nsubj", "nsubjpass"):
                    return q, t, 0.8 - 0.12 * (p - q) + 0.01
        return None

    def _group_before(self, p: int, pos: int):
        """The nearest earlier subject that is a group of unnamed people."""
        from .verbs import GROUP_NOUNS

        for q in range(p, max(-1, p - 2), -1):
            doc = self.parsed[q] if q < len(self.parsed) else None
            if doc is None:
                continue
            for t in reversed(doc):
                if (q == p and t.idx >= pos) or t.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                heads = [t] + [g for c in t.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
                if any(h.text.lower() in GROUP_NOUNS and h.tag_ == "NNS" for h in heads):
                    return q, t, 1.0 - 0.12 * (p - q) + 0.01
        return None

    # --- descriptions -----------------------------------------------------------------
    def description(self, tok, p: int, masked_of) -> Pick | None:
        """ "the agency", "the minister", "the 36-year-old": the actor it refers back to."""
        noun = tok.text.lower()
        age = re.search(r"\d{1,3}-year-old$", self.paragraphs[p][tok.left_edge.idx:tok.idx + len(tok.text)])
        if age:
            noun = age.group(0)
        cls = description_class(noun)
        if cls is None:
            return None
        descr = self.descriptors()
        scored: dict[str, tuple[float, list[str]]] = {}
        sent_start = tok.sent.start_char
        for rank, (q, m) in enumerate(self._earlier(p, tok.idx, masked_of)):
            named = noun in descr.get(m.actor, ())
            if (m.type not in _TYPES[cls] and not (named and m.type != "place")) \
                    or (m.type == "anonymous" and _plural(m.text)):
                continue
            if q == p and m.start >= sent_start and not self._appositive(p, m, tok) \
                    and not re.match(r"[\u2019']s?\b", self.paragraphs[p][m.end:m.end + 2]):
                continue  # "after a meeting with X, the president said": the president is not X
            subj = self.subject_weight(q, m) >= 0.8
            s = (1.0 if named else 0.3) + (0.25 if subj else 0.0) - (0.1 if named else 0.2) * (p - q) \
                - 0.02 * min(rank, 10)
            why = [f"the article calls '{m.text}' '{noun}'" if named else f"nearest {m.type} before '{noun}'"]
            if subj:
                why.append("subject of its sentence")
            if m.actor not in scored or scored[m.actor][0] < s:
                scored[m.actor] = (s, why)
        return _best(scored, margin=0.2, base=0.75)

    def statement_author(self, tok, p: int) -> Pick | None:
        """ "the story portrayed him as «…»": the actor who ran, published or issued the
        statement noun in an earlier sentence ("Ohio magazine printed an interview with him")."""
        from .verbs import COMMUNICATION

        for q in (p, p - 1):
            doc = self.parsed[q] if 0 <= q < len(self.parsed) else None
            if doc is None:
                continue
            for t in reversed(doc):
                if (q == p and t.idx >= tok.sent.start_char) or t.dep_ != "dobj" \
                        or t.text.lower() not in COMMUNICATION:
                    continue
                for s in t.head.children:
                    if s.dep_ == "nsubj":
                        m = self.mention_of(q, s)
                        if m is not None and m.type in ("organization", "person", "anonymous"):
                            why = [f"'{tok.text}' is the '{t.text}' that '{m.text}' {t.head.text}"]
                            return Pick(m.actor, 0.7, why, confidence=0.65)
                return None  # the nearest statement noun has no named author
        return None

    def _appositive(self, p: int, m: M, tok) -> bool:
        for t in tok.children:
            if t.dep_ == "appos" and m.start <= t.idx < m.end:
                return True
        return False

    # --- groups of unnamed people -----------------------------------------------------
    def group(self, tok, p: int) -> Pick | None:
        """ "prison officials wrote", "hundreds of protesters chanted", "critics": an
        anonymous actor named by the phrase (a new one when the article has none)."""
        head = tok
        if tok.text.lower() in ("hundreds", "dozens", "thousands", "scores", "some", "many", "all", "several"):
            pobj = [g for c in tok.children if c.dep_ == "prep" and c.text.lower() == "of"
                    for g in c.children if g.dep_ == "pobj"]
            if pobj:
                head = pobj[0]
        if head.text.lower() not in GROUP_NOUNS or head.tag_ != "NNS":
            return None
        words = [t for t in tok.subtree if t.dep_ not in ("relcl", "punct", "det", "appos", "acl")
                 and not any(a.dep_ in ("relcl", "appos", "acl") for a in t.ancestors if a.i >= tok.left_edge.i
                             and a in tok.subtree and a.i != tok.i)]
        words = [t for t in words if t.i <= max(tok.i, head.i)]
        if not words or len(words) > 5 or any(t.tag_ in ("PRP$", "POS") for t in words):
            return None
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        name = self.paragraphs[p][start:end]
        key = name.lower()
        for a in self.actors:
            if a.name.lower() == key or key in (x.lower() for x in a.aliases):
                return Pick(a.id, 0.7, [f"the group '{name}'"], confidence=0.75)
        actor = Actor(id=unique_slug(slugify(name, fallback="group"), self.taken), name=name, type="anonymous",
                      mentions=[Mention(p, start, end, name)], first_paragraph=p)
        self.actors.append(actor)
        self.created.append(actor.id)
        self.by_id[actor.id] = actor
        self.index.setdefault(p, []).append(M(start, end, actor.id, "anonymous", name, name))
        return Pick(actor.id, 0.7, [f"the group '{name}' (nobody named)"], confidence=0.75)


    def by_name_word(self, tok) -> Pick | None:
        """A capitalised word that is the last word of exactly one person actor's name."""
        w = tok.text
        hits = [a for a in self.actors if a.type == "person" and w in a.name.split()]
        if len(hits) == 1:
            return Pick(hits[0].id, 0.8, [f"'{w}' is the surname of '{hits[0].name}'"], confidence=0.8)
        return None

    def introduced_after(self, tok, p: int) -> Pick | None:
        """An unnamed "an expert" / "a royal correspondent" named in the next paragraphs: the
        first person introduced there (first mentioned there) as the subject of a main clause.
        Weak evidence: listed for an editor."""
        for q in (p + 1, p + 2):
            if q >= len(self.paragraphs):
                break
            for m in self.index.get(q, ()):
                a = self.by_id.get(m.actor)
                if a is None or a.type != "person" or a.first_paragraph != q:
                    continue
                if self.subject_weight(q, m) >= 1.0:
                    why = [f"'{tok.text}' is named in paragraph {q + 1}: '{m.text}', introduced there"]
                    return Pick(a.id, 0.5, why, confidence=0.55)
        return None

    def drop_unused(self, speakers: set[str]) -> None:
        """Group actors made while reading that no quote has as its speaker are removed."""
        gone = {a for a in self.created if a not in speakers}
        if gone:
            self.actors[:] = [a for a in self.actors if a.id not in gone]


def _plural(text: str) -> bool:
    w = text.split()[-1] if text.split() else ""
    return w.endswith("s") and not w.endswith("ss")


def _best(scored: dict[str, tuple[float, list[str]]], margin: float, base: float) -> Pick | None:
    if not scored:
        return None
    ranked = sorted(scored.items(), key=lambda kv: (-kv[1][0], kv[0]))
    (aid, (s, why)) = ranked[0]
    cands = [SpeakerCandidate(a, round(v[0], 4), list(v[1])) for a, v in ranked[:4]]
    if len(ranked) > 1 and s - ranked[1][1][0] < margin:
        conf = 0.45  # two candidates almost alike: weak
    else:
        conf = base if s >= 0.9 else base - 0.15
    return Pick(aid, s, why, cands if len(ranked) > 1 else [], conf)
