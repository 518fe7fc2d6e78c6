"""Key points: three to five sentences of the article, chosen by an explainable score.

Extractive only: every key point is an exact substring of one paragraph (a sentence found by
the rule-based splitter below), with its paragraph index so the page can link to ``#p{n}``.

Score of a sentence (each term is kept in ``KeyPoint.reasons`` so the choice can be explained):

* ``lead``     — news puts what matters first: 1.0 for the first paragraph, decaying with the
  paragraph index, plus a bonus for the first sentence of a paragraph;
* ``headline`` — share of the headline's content words the sentence repeats;
* ``actors``   — salience of the named actors mentioned in the sentence (the extractor's
  ``Actor.salience``, else its share of mentions), discounted for actors that run through the
  whole article; when no actors were found, recurring capitalised words stand in for them;
* ``people``   — 0.25 per named person in the sentence (at most 0.5): news is who did what;
* ``quote``    — a bonus when the sentence carries a quotation with a known speaker;
* penalties   — a bare quotation with no attribution, very short or very long sentences, sentences that open with a pronoun or a
  connective ("But", "However", "He") and so lean on the sentence before, unbalanced quotes.

The best sentences are taken greedily, skipping near-duplicates, and returned in article order.
"""
from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field

# ---------------------------------------------------------------------------------------------
# Sentence splitting (rule-based; spaCy docs are not kept after extraction)

# abbreviations that end with a period but rarely end a sentence
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "govs", "gen", "lt",
    "col", "capt", "cpt", "sgt", "adm", "maj", "cmdr", "brig", "pres", "amb", "hon", "rev",
    "st", "jr", "sr", "mt", "ft", "atty", "supt", "insp", "det", "cpl", "pvt", "no", "nos",
    "vs", "v", "etc", "e.g", "i.e", "approx", "dept", "est", "fig", "inc", "ltd", "corp",
    "co", "bros", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "ave", "blvd", "rd", "op", "ed", "vol", "pp", "p", "cf", "al",
}
# words that may legitimately end a sentence even though they are in _ABBREV
_ABBREV_CAN_END = {"etc", "inc", "ltd", "corp", "co", "jr", "sr"}
# an uppercase word after a dotted acronym (U.S., U.K.) starts a new sentence only if it is
# one of these typical sentence openers; "U.S. President" is not a boundary
_OPENERS = {
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we",
    "i", "you", "there", "but", "and", "or", "so", "yet", "however", "still", "in", "on", "at",
    "for", "as", "if", "when", "while", "after", "before", "since", "meanwhile", "his", "her",
    "their", "our", "my", "what", "why", "how", "who", "some", "many", "most", "one", "both",
}
_CLOSERS = "”\"’'»)]"
_OPENERS_CH = "“\"‘'«(["
_BOUNDARY = re.compile(r"[.!?…]+(?:\s?[" + re.escape(_CLOSERS) + r"])*(?=\s+)")
_NEXT = re.compile(r"\s+([" + re.escape(_OPENERS_CH) + r"]\s?)?([^\s])(\S*)")


def _word_before(text: str, pos: int) -> str:
    m = re.search(r"([\w.\-]+)$", text[:pos])
    return m.group(1) if m else ""


def _is_boundary(text: str, end_punct: int, after: int) -> bool:
    """end_punct: index of the first terminal punctuation char; after: index after closers."""
    m = _NEXT.match(text, after)
    if not m:
        return False
    first = m.group(2)
    if not (first.isupper() or first.isdigit() or m.group(1)):
        return False
    if text[end_punct] != ".":
        return True
    word = _word_before(text, end_punct)
    bare = word.lower().strip(".")
    following = (m.group(2) + m.group(3)).lower().strip(".,;:!?")
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):  # dotted acronym: U.S / D.C / e.g
        return following in _OPENERS
    if re.fullmatch(r"[A-Z]", word):  # an initial: George W. Bush
        return False
    if bare in _ABBREV and bare not in _ABBREV_CAN_END:
        return False
    if bare in _ABBREV_CAN_END:
        return following in _OPENERS
    return True


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of one paragraph; text[start:end] is stripped."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        if _is_boundary(paragraph, m.start(), m.end()):
            spans.append((start, m.end()))
            start = m.end()
    spans.append((start, len(paragraph)))
    out = []
    for s, e in spans:
        while s < e and paragraph[s].isspace():
            s += 1
        while e > s and paragraph[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


@dataclass
class Sentence:
    paragraph: int
    start: int
    end: int
    text: str
    index_in_paragraph: int


def sentences_of(paragraphs: list[str]) -> list[Sentence]:
    out = []
    for pi, para in enumerate(paragraphs):
        for si, (s, e) in enumerate(split_sentences(para)):
            out.append(Sentence(pi, s, e, para[s:e], si))
    return out


# ---------------------------------------------------------------------------------------------
# Scoring

_STOP = set(
    """a an the and or but so of to in on at for from by with as is are was were be been being
    it its this that these those he she they we i you his her their our not no will would can
    could should may might must has have had do does did than then there here about over after
    before into out up down more most some any all also just only very such what which who whom
    whose when where why how said says say told according""".split()
)
_DANGLING = re.compile(
    r"^(?:[“\"‘«(]\s?)?(?:but|and|or|so|yet|however|still|also|this|that|these|those|it|he|she|"
    r"they|his|her|their|its|meanwhile|nonetheless|instead|then|there)\b",
    re.I,
)
_QUOTE_CHARS = {"“": "”", "«": "»"}  # ‘’ are left out: ’ is also the apostrophe


@dataclass
class KeyPoint:
    text: str
    paragraph: int
    start: int
    end: int
    score: float
    reasons: dict = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        return f"p{self.paragraph + 1}"

    def to_json(self) -> dict:
        return {"text": self.text, "paragraph": self.paragraph, "start": self.start, "end": self.end,
                "score": round(self.score, 4), "reasons": {k: round(v, 4) for k, v in sorted(self.reasons.items())}}


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 2}


def _unbalanced(text: str) -> bool:
    for o, c in _QUOTE_CHARS.items():
        if text.count(o) != text.count(c):
            return True
    return text.count('"') % 2 == 1


def _actor_weights(extraction, sents: list[Sentence]) -> tuple[list[tuple[float, bool, int]], list[list[int]]]:
    """(weight, is_person, actor index) per named actor, and per sentence the indices of the
    actors it mentions.

    weight = salience relative to the most salient actor (or share of mentions), discounted
    by the share of sentences that mention the actor: the article's ubiquitous topic ("NATO")
    does not single out a sentence, a salient actor of a few sentences does.
    """
    actors = [a for a in getattr(extraction, "actors", []) or [] if a.type != "anonymous" and a.mentions]
    if not actors or not sents:
        return [], []
    top_sal = max((a.salience for a in actors), default=0.0)
    top_cnt = max(len(a.mentions) for a in actors)
    in_sentences = [0] * len(actors)
    present_in = _present(actors, sents)
    for present in present_in:
        for ai in present:
            in_sentences[ai] += 1
    out = []
    for ai, a in enumerate(actors):
        w = a.salience / top_sal if top_sal > 0 else len(a.mentions) / top_cnt
        spread = in_sentences[ai] / len(sents)
        out.append((w * (1.0 - spread), a.type == "person", ai))
    return out, present_in


def _by_paragraph(spans) -> dict[int, list[tuple[int, int, object]]]:
    """(paragraph, start, end, value) spans grouped by paragraph: a sentence is compared
    with the spans of its own paragraph only (linear in the length of a long article)."""
    out: dict[int, list[tuple[int, int, object]]] = {}
    for para, start, end, value in spans:
        out.setdefault(para, []).append((start, end, value))
    return out


def _present(actors: list, sents: list[Sentence]) -> list[list[int]]:
    """Per sentence: the indices (into actors, ascending) of the actors mentioned in it."""
    index = _by_paragraph((m.paragraph, m.start, m.end, ai) for ai, a in enumerate(actors) for m in a.mentions)
    out = []
    for s in sents:
        found = {ai for a0, b0, ai in index.get(s.paragraph, ()) if a0 < s.end and b0 > s.start}
        out.append(sorted(found))
    return out


def _fallback_names(paragraphs: list[str], sents: list[Sentence]) -> dict[str, float]:
    """Without actors: capitalised words (not sentence-initial) that recur in the article."""
    counts: dict[str, int] = {}
    for s in sents:
        for m in re.finditer(r"(?<=\s)[A-Z][a-z]+(?:\s[A-Z][a-z]+)*", s.text):
            counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    rec = {k: v for k, v in counts.items() if v >= 2 and k.lower() not in _STOP}
    top = max(rec.values(), default=0)
    return {k: v / top for k, v in rec.items()} if top else {}


def score_sentences(extraction) -> list[KeyPoint]:
    doc = extraction.document
    sents = sentences_of(doc.paragraphs)
    head = _content_words(doc.title)
    weights, present_in = _actor_weights(extraction, sents)
    fallback = {} if weights else _fallback_names(doc.paragraphs, sents)
    quoted = _by_paragraph((p.paragraph, p.start, p.end, None)  # quote parts with a speaker
                           for q in getattr(extraction, "quotes", []) or [] if q.speaker for p in q.parts)
    out = []
    for n_sent, s in enumerate(sents):
        r: dict[str, float] = {}
        r["lead"] = 1.0 / (1.0 + 0.2 * s.paragraph) + (0.25 if s.index_in_paragraph == 0 else 0.0)
        words = _content_words(s.text)
        if head:
            r["headline"] = len(words & head) / len(head)
        if weights:
            present = [(weights[ai][0], weights[ai][1]) for ai in present_in[n_sent]]
            r["actors"] = min(sum(w for w, _ in present), 1.0)
            people = sum(1 for _, person in present if person)
            if people:
                r["people"] = min(0.25 * people, 0.5)
        elif fallback:
            r["actors"] = min(sum(v for k, v in fallback.items() if k in s.text), 1.5) / 1.5
        if any(a < s.end and b > s.start for a, b, _ in quoted.get(s.paragraph, ())):
            r["quote"] = 0.3
        n = len(s.text.split())
        if n < 8:
            r["short"] = -0.6
        elif n > 55:
            r["long"] = -0.4
        if _DANGLING.match(s.text):
            r["dangling"] = -0.5
        if re.fullmatch(r"[“\"«].*[”\"»][.!?]?", s.text) and not re.search(r"[”\"»]\s*,?\s+\w+.*[”\"»]", s.text):
            r["bare_quote"] = -0.5  # a quotation without its speaker says little out of context
        if _unbalanced(s.text):
            r["unbalanced_quote"] = -0.5
        if not re.search(r"[.!?…][" + re.escape(_CLOSERS) + r"\s]*$", s.text):
            r["unfinished"] = -0.4
        score = 1.0 * r["lead"] + 0.8 * r.get("headline", 0) + 1.0 * r.get("actors", 0) + sum(
            v for k, v in r.items() if k not in ("lead", "headline", "actors"))
        out.append(KeyPoint(s.text, s.paragraph, s.start, s.end, score, r))
    return out


SPREAD_PENALTY = 0.35


def how_many(n_sentences: int) -> int:
    return max(3, min(5, round(n_sentences / 8))) if n_sentences >= 3 else n_sentences


def key_points(extraction, k: int | None = None) -> list[KeyPoint]:
    """3–5 sentences of the article (fewer only if it has fewer), in article order."""
    cands = score_sentences(extraction)
    k = how_many(len(cands)) if k is None else k
    ranked = sorted(cands, key=lambda c: (-c.score, c.paragraph, c.start))
    chosen: list[KeyPoint] = []

    # spread: a sentence next to one already chosen tells less that is new
    def gain(c):
        near = any(abs(c.paragraph - x.paragraph) <= 1 for x in chosen)
        return c.score - (SPREAD_PENALTY if near else 0.0)

    # the candidate of greatest gain (then the earliest), taken from a heap: a gain only ever
    # drops (when a neighbour is chosen), so an entry whose gain is still the one it was
    # pushed with is the best; linear-logarithmic in the sentences of a long, repetitive text
    heap = [(-c.score, c.paragraph, c.start, n, c) for n, c in enumerate(ranked)]
    heapq.heapify(heap)
    while heap and len(chosen) < k:
        neg, para, start, n, best = heapq.heappop(heap)
        g = gain(best)
        if g != -neg:
            heapq.heappush(heap, (-g, para, start, n, best))
            continue
        cw = _content_words(best.text)
        if any(_overlap(cw, _content_words(x.text)) > 0.5 for x in chosen):
            continue
        if gain(best) != best.score:
            best.reasons["spread"] = -SPREAD_PENALTY
        chosen.append(best)
    for c in ranked:  # too many near-duplicates: fill up anyway
        if len(chosen) >= k:
            break
        if c not in chosen:
            chosen.append(c)
    return sorted(chosen, key=lambda c: (c.paragraph, c.start))


def _overlap(a: set, b: set) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
