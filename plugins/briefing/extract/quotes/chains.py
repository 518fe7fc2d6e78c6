"""Context beyond the quotation's sentence, and the evidence kept for each quote.

* Multi-paragraph quotations (news convention: each paragraph opens with a quotation mark,
  only the last one closes): every paragraph of the run takes the speaker named anywhere in
  it — in its first paragraph or at the end of its last ("…,” the spokesman said).
* A paragraph break inside a sentence ("…as conditions" / "deteriorate,” he stated."): the
  attribution after the stray closing mark of the next paragraph.
* A run of quotation that follows a paragraph without quotations takes the speaker that
  paragraph introduces: the subject of a verb of saying ("Smith confirmed that …"), of its
  opening sentence ("Reed sealed the title …"), or the source of a statement noun ("a
  reply from a company representative").
* Headlines and subheads: a short quoted fragment takes the speaker of the same words in the
  body, when the body attributes them.
``explain`` fills each quote's kind, confidence and evidence from how its speaker was found.
"""
from __future__ import annotations

import re

from .verbs import COMMUNICATION, verb_lemma

_OPEN = "\u201c\u201e\u00ab\"\u2018'"
_HOW = {
    "after": ("attribution right after the quotation in its sentence", 0.9),
    "before": ("attribution before the quotation in its sentence", 0.85),
    "sentence": ("another quotation of the same sentence has this speaker", 0.8),
    "previous": ("the previous sentence or quotation of the paragraph names the speaker", 0.7),
    "continuation": ("continues the quotation of the previous paragraph", 0.75),
    "chain": ("part of a quotation running over several paragraphs, attributed in another of them", 0.8),
    "intro": ("the paragraph before introduces the speaker", 0.55),
    "context": ("the only person in the paragraphs before, none of which is attributed speech", 0.45),
    "stray": ("the quotation ends in the next paragraph, which names the speaker", 0.75),
    "headline": ("the same words are attributed in the body", 0.7),
    "echo": ("repeats words of a statement the article attributes", 0.6),
}


def _opens_para(rec) -> bool:
    info, parts = rec[0], rec[1]
    return not info.masked[: parts[0].open].strip()


def _runs(records) -> list[list[int]]:
    """Indices of records that form one quotation over several paragraphs."""
    runs, cur = [], []
    for n, rec in enumerate(records):
        if cur:
            prev = records[cur[-1]]
            if not prev[1][-1].closed and rec[0].index == prev[0].index + 1 and _opens_para(rec):
                cur.append(n)
                continue
            runs.append(cur)
        cur = [n]
    if cur:
        runs.append(cur)
    return [r for r in runs if len(r) > 1]


def propagate(records, ctx, res) -> None:
    from .attribution import Found

    # 1. one speaker for a run of paragraphs
    for run in _runs(records):
        named = [records[n][3] for n in run if records[n][3] is not None and records[n][3].speaker]
        if not named:
            continue
        for n in run:
            if records[n][3] is None or records[n][3].speaker is None:
                records[n][3] = Found(named[0].speaker, None, "chain")
    # 2. an unclosed quotation whose sentence ends in the next paragraph
    for n, rec in enumerate(records):
        if rec[3] is not None or rec[5] or rec[1][-1].closed:
            continue
        nxt_p = rec[0].index + 1
        if nxt_p >= len(ctx.paras):
            continue
        got = _stray_close(nxt_p, ctx, res)
        if got:
            rec[3] = Found(got, None, "stray")
            for m in _run_of(records, n):
                if records[m][3] is None:
                    records[m][3] = Found(got, None, "stray")
    # 3. a quotation (or a run of them) opening a paragraph after a paragraph that introduces someone
    for run in _runs(records) + [[n] for n in range(len(records))]:
        first = records[run[0]]
        if any(records[n][3] is not None for n in run) or first[5] or first[4] or not _opens_para(first):
            continue
        p = first[0].index
        if p == 0 or ctx.paras[p - 1].spans:
            continue
        got, how = _introduced(p - 1, ctx, res), "intro"
        if not got:
            got, how = _last_person_in_context(p, ctx, res), "context"
        if got:
            for n in run:
                records[n][3] = Found(got, None, how)
    # 4. headline and subhead fragments take the body's attribution of the same words
    said = {}
    for rec in records:
        if rec[3] is not None and rec[3].speaker:
            said.setdefault(_norm(rec[1][0].text), rec[3].speaker)
    for rec in records:
        if rec[3] is None and _is_heading(rec[0].text):
            got = said.get(_norm(rec[1][0].text))
            if got:
                rec[3] = Found(got, None, "headline")
    # 5. a short fragment repeating words of an attributed statement: the same speaker
    statements = [(" " + _norm(r[1][0].text) + " ", r[3].speaker) for r in records
                  if r[3] is not None and r[3].speaker and not r[4] and len(r[1][0].text.split()) > 6]
    for rec in records:
        if rec[3] is not None or rec[5] == "name":
            continue
        words = _norm(rec[1][0].text)
        if not 3 <= len(words.split()) <= 6:  # two words ("the deal") echo too easily
            continue
        who = {sp for text, sp in statements if f" {words} " in text}
        if len(who) == 1:
            rec[3] = Found(who.pop(), None, "echo")


def _run_of(records, n) -> list[int]:
    for run in _runs(records):
        if n in run:
            return run
    return [n]


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _is_heading(text: str) -> bool:
    t = text.strip()
    return len(t.split()) <= 20 and not t.endswith((".", "!", "?", ":", "\u201d", '"')) or len(t.split()) <= 12 \
        and not re.search(r"[.!?]\s", t)


def _stray_close(p: int, ctx, res) -> str | None:
    """ "deteriorate,” he stated.": the subject of the verb of saying after a closing mark
    that nothing opened in its paragraph."""
    info = ctx.paras[p]
    text = info.text
    m = re.match(r"[^\u201c\u201e\u00ab\"]*?[\u201d\"](?=[\s,.])", text)
    if not m or len(text[: m.end()].split()) > 40:
        return None
    doc = res.parsed[p]
    if doc is None:
        return None
    for t in doc:
        if t.idx > m.end() and t.tag_.startswith("VB") and verb_lemma(t.text):
            subs = [c for c in t.children if c.dep_ == "nsubj"]
            if not subs:
                return None
            from .syntax import resolve_subject

            got = resolve_subject(subs[0], doc, p, [], res, lambda q: ctx.paras[q].masked)
            return got.actor if got not in (None, "thing") and got.confidence >= 0.5 else None
    return None


def _introduced(p: int, ctx, res) -> str | None:
    """The speaker a quotation-free paragraph introduces (see the module docstring)."""
    doc = res.parsed[p]
    if doc is None:
        return None
    masked_of = lambda q: ctx.paras[q].masked  # noqa: E731
    from .syntax import resolve_subject

    sents = list(doc.sents)
    # a verb of saying in the paragraph's last sentence, or a statement noun's source
    for t in sents[-1]:
        docs = [c for c in t.children if c.dep_ == "nsubj" and c.text.lower() in COMMUNICATION] \
            if t.dep_ == "ROOT" else []
        if docs:  # "X's budget documents show …"
            got = resolve_subject(docs[0], doc, p, [], res, masked_of)
            if got not in (None, "thing") and got.confidence >= 0.5:
                return got.actor
        if t.tag_.startswith("VB") and verb_lemma(t.text) and t.dep_ in ("ROOT", "conj"):
            subs = [c for c in t.children if c.dep_ == "nsubj"]
            if subs:
                got = resolve_subject(subs[0], doc, p, [], res, masked_of)
                if got not in (None, "thing") and got.confidence >= 0.5:
                    return got.actor
        if t.text.lower() in COMMUNICATION and t.tag_.startswith("NN"):
            for c in t.children:
                if c.dep_ == "prep" and c.text.lower() in ("from", "by"):
                    for g in c.children:
                        m = res.mention_of(p, g) if g.dep_ == "pobj" else None
                        if m is not None and m.type in ("person", "anonymous", "organization"):
                            return m.actor
    # a paragraph of one or two sentences whose subject is a person
    if len(sents) <= 2:
        root = sents[0].root
        subs = [c for c in root.children if c.dep_ == "nsubj"]
        if subs:
            m = res.mention_of(p, subs[0])
            if m is not None and m.type == "person":
                return m.actor
    return None


def sentence_speakers(ctx, res) -> None:
    """The speaker of a verb of saying in each sentence, from the parse (it replaces the text
    rules' guess, so that a quotation in the next sentence can take it)."""
    from .attribution import sentence_of
    from .syntax import resolve_subject

    masked_of = lambda q: ctx.paras[q].masked  # noqa: E731
    for info in ctx.paras:
        doc = res.parsed[info.index]
        if doc is None:
            continue
        decided: dict[int, str | None] = {}
        verbs = [t for t in doc if t.tag_.startswith("VB") and verb_lemma(t.text) and t.dep_ in ("ROOT", "conj")
                 and info.masked[t.idx:t.idx + 1] != "\x01"]
        for t in sorted(verbs, key=lambda t: (t.dep_ != "ROOT", t.i)):
            k = sentence_of(info, t.idx)
            if decided.get(k):
                continue
            subs = [c for c in t.children if c.dep_ == "nsubj" and info.masked[c.idx:c.idx + 1] != "\x01"]
            if not subs:
                continue
            got = resolve_subject(subs[0], doc, info.index, [], res, masked_of)
            if got == "thing":
                continue  # "the region should brace for …, says Ines Vale": the next verb
            decided[k] = got.actor if got is not None and got.confidence >= 0.5 else None
        for k, actor in decided.items():
            if actor:
                info.cue_speaker[k] = actor
            else:
                info.cue_speaker.pop(k, None)


def _last_person_in_context(p: int, ctx, res) -> str | None:
    """A statement paragraph after one or two paragraphs of exposition that name nobody: the
    person who is the subject of the paragraph before them, the only one in context ("X has
    cut the programme." / "The programme was meant to …" / "«Talks are under way …»")."""
    for q in (p - 2, p - 3):
        if q < 0 or ctx.paras[q].spans:
            return None
        between = range(q + 1, p)
        if any(ctx.paras[b].spans or ctx.paras[b].mentions for b in between):
            return None
        doc = res.parsed[q]
        if doc is None:
            return None
        sents = list(doc.sents)
        subs = [c for c in sents[0].root.children if c.dep_ == "nsubj"]
        m = res.mention_of(q, subs[0]) if subs else None
        if m is not None and m.type == "person" and all(x.actor == m.actor for x in ctx.paras[q].mentions
                                                         if x.type in ("person", "anonymous")):
            return m.actor
    return None


class Doubt:
    """The parse weighed several candidates alike; the text rules chose one of them."""

    def __init__(self, candidates):
        self.candidates = list(candidates)


def explain(q, found, syn, scare) -> None:
    """kind, confidence and evidence of a finished quote."""
    if isinstance(syn, Doubt):
        explain(q, found, None, scare)
        q.candidates = syn.candidates
        q.evidence.append("the parse weighed several candidates alike")
        q.confidence = min(q.confidence, 0.5)
        return
    if q.speaker is None and scare:
        q.kind = "scare"
        q.confidence = 0.8 if scare == "name" else 0.7
        q.evidence = ["a name or title in quotation marks" if scare == "name" else "a word or two in quotation marks"]
        return
    q.kind = "fragment" if q.partial else "statement"
    how = found.how if found is not None else None
    if how == "syntax" and syn is not None:
        q.evidence = list(syn.evidence)
        q.confidence = syn.confidence
        q.candidates = list(syn.candidates)
    elif how in _HOW:
        text, conf = _HOW[how]
        q.evidence = [text + (f" {found.cue!r}" if found.cue else "")]
        q.confidence = conf
    elif found is not None and found.cue:
        q.evidence = [f"cue '{found.cue}' without a speaker the article names"]
        q.confidence = 0.5
    else:
        q.evidence = ["no attribution found in the sentence, paragraph or the paragraphs before"]
        q.confidence = 0.4 if q.kind == "statement" else 0.6
