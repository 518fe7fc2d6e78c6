"""Who said it: the cue and speaker of each quotation span.

Order of evidence for one quotation (first that applies wins):
1. an attribution right after it ("…," the official said / said Smith / Smith, the envoy, told);
2. an attribution before it in its sentence (Smith said that «…» / The plan, he said, «…» /
   …, saying «…» / according to X);
3. no cue in its sentence: a full quotation keeps the speaker of the previous quotation or
   cue sentence of its paragraph, or of the quotation that ends the previous paragraph
   (continuation); otherwise the speaker is unknown (None).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import cues
from .speakers import M, heads_in, pick, resolve_pronoun
from .spans import Span

_SEG_STOP = re.compile(r"[,;:.?!\x01()\u2014]|\b(?:who|which|that|whose|after|when|because|while|as)\b")


_ONE_OF = re.compile(r"\b[Oo]ne of (?:them|those|the (?:officials|people|diplomats|sources|lawmakers))\b")


def _one_of(pos: int, info, ctx):
    """ "one of them said": a member of the nearest group of unnamed sources."""
    got = resolve_pronoun("they", info.index, pos, ctx)
    return got if got is not None and got.type == "anonymous" else "?"


@dataclass
class ParaInfo:
    index: int
    text: str
    spans: list[Span]
    masked: str
    sentences: list[tuple[int, int]]
    mentions: list[M]
    cue_speaker: dict[int, str] = field(default_factory=dict)  # sentence idx → speaker of a quote-less cue


@dataclass
class Ctx:
    paras: list[ParaInfo]


@dataclass
class Found:
    speaker: str | None
    cue: str | None
    how: str  # after | before | sentence | previous | continuation | none


def sentence_of(info: ParaInfo, pos: int) -> int:
    for k, (s, e) in enumerate(info.sentences):
        if s <= pos < e:
            return k
    return len(info.sentences) - 1


def _strip_parens(text: str) -> str:
    return re.sub(r"\([^()\x01]*\)", lambda m: " " * len(m.group(0)), text)


def _words_before(masked: str, verb_start: int, lo: int) -> tuple[int, str]:
    """Skip aux/adverbs back from the verb; return (position, previous word)."""
    j = verb_start
    while True:
        k = j
        while k > lo and masked[k - 1] == " ":
            k -= 1
        w0 = k
        while w0 > lo and (masked[w0 - 1].isalnum() or masked[w0 - 1] in "\u2019'-"):
            w0 -= 1
        word = masked[w0:k]
        if word.lower() in cues._BETWEEN or (word.endswith("ly") and word.islower() and len(word) > 3):
            j = w0
            continue
        return w0, word


def subject_of(verb_start: int, lo: int, info: ParaInfo, ctx: Ctx) -> M | None | str:
    """Speaker of a verb from the words before it (lo: where the clause may start).

    Returns a mention, None (nothing there) or "?" (a phrase without an actor mention)."""
    masked = _strip_parens(info.masked)
    w0, word = _words_before(masked, verb_start, lo)
    if word.lower() in cues.PRONOUNS:
        return resolve_pronoun(word.lower(), info.index, w0, ctx)
    floor = lo
    if word.lower() in ("who", "that"):  # "X, who said …": the antecedent speaks
        w0, word = w0, ""
        seg_end = w0
        while seg_end > lo and masked[seg_end - 1] in " ,":
            seg_end -= 1
        acc = list(cues.ACCORDING_RE.finditer(masked, lo, seg_end))
        if acc:
            floor = acc[-1].end()
        got = pick(heads_in(info.mentions, info.masked, max(lo, masked.rfind(",", lo, seg_end) + 1, floor),
                            seg_end, floor=floor))
        return got if got else "?"
    seg_end = w0 + len(word)
    one_of = _ONE_OF.search(masked, lo, seg_end)
    if one_of and one_of.end() == seg_end:
        return _one_of(one_of.start(), info, ctx)
    text = masked[lo:seg_end]
    pieces = [(m.start() + lo, m.end() + lo) for m in re.finditer(r"[^,;\x01]+", text)]
    pieces = [(a, b) for a, b in pieces if masked[a:b].strip()]
    if not pieces:
        return None
    trailing_comma = masked[lo:seg_end].rstrip().endswith(",")
    # "X, R-Texas, a member of the caucus, told": the subject is before its appositives
    order = [pieces[-2], pieces[-1]] + list(reversed(pieces[-4:-2])) if trailing_comma and len(pieces) >= 2 \
        else [pieces[-1]]
    for a, b in order:
        heads = heads_in(info.mentions, info.masked, a, b)
        got = _nearest_subject(heads, masked, verb_start) or pick(heads)
        if got:
            return got
    return "?"


_CLAUSE = re.compile(r"\b(?:and|but|while|whereas|which|where|when|after|because|as)\b")


def _nearest_subject(heads: list[M], masked: str, verb_start: int) -> M | None:
    """"… in which Democrats demanded X and Republicans insisted «…»": the actor right before
    the verb, when a new clause separates it from the earlier ones."""
    if len(heads) < 2:
        return None
    near = max(heads, key=lambda m: m.end)
    gap = masked[near.end:verb_start].split()
    if any(w.lower() not in cues._BETWEEN and not w.endswith("ly") for w in gap):
        return None
    first = min(heads, key=lambda m: m.start)
    between = masked[first.end:near.start]
    if len(between.split()) <= 3 or not _CLAUSE.search(between):
        return None  # "Smith and Jones said": both; the first is the one named
    return near


def object_speaker(start: int, info: ParaInfo, ctx: Ctx) -> M | None | str:
    """Speaker after an inverted verb: "said the European official, …"."""
    masked = info.masked
    end = len(masked)
    for m in _SEG_STOP.finditer(masked, start):
        if m.group(0) == "." and cues._is_abbrev(masked, m.start()) and masked[m.end():m.end() + 2] != " \x01":
            continue  # "said Dr. Lucia Ferraro"
        end = m.start()
        break
    seg = masked[start:end]
    if _ONE_OF.match(seg.strip()):
        return _one_of(start, info, ctx)
    w = seg.strip().split(" ")[0].lower() if seg.strip() else ""
    if w in cues.PRONOUNS:
        return resolve_pronoun(w, info.index, start + seg.index(seg.strip()[0]), ctx)
    got = pick(heads_in(info.mentions, masked, start, end, floor=start))
    if got is None and end < len(masked) and masked[end] == ",":
        # "said Smith’s spokesman, John Doe": the appositive names the speaker
        nxt = re.search(r"[,;.\x01]|$", masked[end + 1:])
        stop = end + 1 + nxt.start()
        got = pick([m for m in heads_in(info.mentions, masked, end + 1, stop, floor=end + 1) if m.type == "person"])
    return got if got else ("?" if seg.strip() else None)


def _as_found(res, cue: str, how: str) -> Found | None:
    if isinstance(res, M):
        return Found(res.actor, cue, how)
    if res == "?":
        return Found(None, cue, how)  # a cue with a speaker we cannot name: stop there
    return None


def after_cue(span: Span, info: ParaInfo, ctx: Ctx, limit: int) -> Found | None:
    """Attribution following the closing mark, within the sentence (up to `limit`)."""
    masked = info.masked
    a = span.close + 1
    seg = masked[a:limit]
    nxt = seg.find("\x01")
    if nxt >= 0:
        seg = seg[:nxt]
    lead = len(seg) - len(seg.lstrip(" ,\u2014\u2013-"))
    body = seg[lead:]
    # the quotation is the object of a following verb only when punctuated so ("…," X said)
    punct = span.text[-1:] in "!?\u2026" or info.text[span.start:span.close].rstrip().endswith(",") \
        or seg[:lead].strip() != ""
    acc = re.match(r"according\s+to\b", body, re.I)
    if acc:
        return _as_found(object_speaker(a + lead + acc.end(), info, ctx), "according to", "after")
    inv = cues.INVERTIBLE_RE.match(body)
    if inv and punct:
        return _as_found(object_speaker(a + lead + inv.end(), info, ctx), inv.group(0), "after")
    m = cues.FINITE_RE.search(body)
    if m and body[: m.start()].strip().lower() in ("and", "but", "and then"):
        return None  # «…», and said Budapest would appeal: the subject is before the quotation
    if m and len(body[: m.start()].split()) <= 14 and not re.search(r"[;:?!]", body[: m.start()]):
        res = subject_of(a + lead + m.start(), a + lead, info, ctx)
        bare = isinstance(res, M) and not body[: m.start()].replace(res.text, "", 1).strip()
        if punct or bare:
            return _as_found(res, m.group(0), "after")
    m = cues.ACCORDING_RE.search(body)
    if m:
        return _as_found(object_speaker(a + lead + m.end(), info, ctx), "according to", "after")
    return None


def before_cue(span: Span, info: ParaInfo, ctx: Ctx, lo: int) -> Found | None:
    """Attribution before the opening mark in the same sentence."""
    masked = info.masked
    text = masked[lo:span.open]
    found = []
    for rx, kind in ((cues.FINITE_RE, "finite"), (cues.PARTICIPLE_RE, "participle"),
                     (cues.ACCORDING_RE, "according")):
        for m in rx.finditer(text):
            found.append((m.start() + lo, m.end() + lo, kind, m.group(0)))
    if not found:
        return None
    found.sort()
    start, end, kind, word = found[-1]
    if kind == "according":
        return _as_found(object_speaker(end, info, ctx), "according to", "before")
    if kind == "finite":
        res = _finite_speaker(start, end, lo, info, ctx)
        _, prev = _words_before(_strip_parens(masked), start, lo)
        if not isinstance(res, M) and prev.lower() in ("and", "but", "then"):
            # "X said … but warned «…»": the subject of the first verb
            earlier = [f for f in found if f[2] == "finite" and f[0] < start]
            res = _finite_speaker(earlier[-1][0], earlier[-1][1], lo, info, ctx) if earlier \
                else sentence_subject(lo, start, info, ctx)
        return _as_found(res, word, "before")
    # participle: the subject of the main clause ("Scholz made an appeal, saying …")
    finite = [f for f in found if f[2] == "finite" and f[0] < start]
    if finite:
        res = _finite_speaker(finite[-1][0], finite[-1][1], lo, info, ctx)
    else:
        res = sentence_subject(lo, start, info, ctx)
    return _as_found(res, word, "before")


def _finite_speaker(start: int, end: int, lo: int, info: ParaInfo, ctx: Ctx):
    """Subject of a speech verb; after a quotation an inverted verb has it after
    (“…,” said Smith, adding: “…”)."""
    res = subject_of(start, lo, info, ctx)
    if not isinstance(res, M) and cues.INVERTIBLE_RE.fullmatch(info.masked[start:end]) \
            and info.masked[lo:start].rstrip(" ,\u2014").endswith("\x01"):
        res = object_speaker(end, info, ctx)
    return res


def sentence_subject(lo: int, hi: int, info: ParaInfo, ctx: Ctx) -> M | str | None:
    """The first actor heading a clause segment from the start of the sentence."""
    masked = _strip_parens(info.masked)
    for m in re.finditer(r"[^,;]+", masked[lo:hi]):
        a, b = m.start() + lo, m.end() + lo
        first = masked[a:b].strip().split(" ")[0].lower() if masked[a:b].strip() else ""
        if first in ("he", "she", "they"):
            return resolve_pronoun(first, info.index, a + masked[a:b].index(masked[a:b].strip()[0]), ctx)
        got = pick(heads_in(info.mentions, info.masked, a, b))
        if got:
            return got
    return "?"


def sentence_cue_speakers(info: ParaInfo, ctx: Ctx) -> None:
    """For sentences without quotations: the speaker of a speech verb there ("Tillis said
    he'd prefer …"), so that a quotation in the next sentence can take it."""
    for k, (s, e) in enumerate(info.sentences):
        m = cues.FINITE_RE.search(info.masked, s, e)
        if m:
            res = subject_of(m.start(), s, info, ctx)
            if isinstance(res, M):
                info.cue_speaker[k] = res.actor


def opening_subject(info: ParaInfo, k: int, ctx: Ctx) -> str | None:
    """The person or unnamed source a quote-free sentence opens with ("Smith was blunt.")."""
    if k < 0 or k >= len(info.sentences):
        return None
    s, e = info.sentences[k]
    if "\x01" in info.masked[s:e]:
        return None
    heads = [m for m in heads_in(info.mentions, info.masked, s, e) if m.type in ("person", "anonymous")]
    if not heads:
        return None
    first = min(heads, key=lambda m: m.start)
    lead = info.masked[s:first.start].split()
    if any(w[:1].islower() and w.lower() not in ("the", "a", "an") for w in lead) or "," in info.masked[s:first.start]:
        return None
    return first.actor
