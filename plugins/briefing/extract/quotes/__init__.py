"""Quotation extraction and attribution (what they said).

``find_quotes(doc, actors, parsed=None)`` → list of ``Quote`` in reading order, each with its
``kind``, ``confidence``, ``evidence`` and the ``candidates`` weighed. With the spaCy parse of
the paragraphs (as extraction passes it), the speaker comes first from the dependency parse
(``syntax``: the verb of saying that governs the quotation and its subject, resolved by
``resolve``: names, pronouns, descriptions, groups of unnamed people); the text rules
(``attribution``, ``cues``, ``speakers``) cover what the parse does not decide, and also run
alone when no parse is given. ``chains`` adds context across sentences and paragraphs and
writes the evidence. ``spans`` finds quotation marks of every style, ``partial`` partial and
scare quotes, ``verbs`` holds the word classes (verbs of saying, statement nouns,
descriptions). A group of unnamed people that speaks is appended to ``actors``.
"""
from __future__ import annotations

import hashlib
import re

from ...model import Quote, QuotePart
from . import attribution as at
from . import chains, cues, syntax
from .partial import is_name_like, is_partial, is_scare
from .resolve import Resolver
from .speakers import build_index
from .spans import Span, find_spans

__all__ = ["find_quotes", "quote_anchor"]


def quote_anchor(quote: Quote) -> str:
    """The permalink anchor of a quote box on its briefing page (``#q-…``)."""
    return quote.id


def _prepare(doc, actors, parsed=None) -> tuple[at.Ctx, Resolver]:
    paragraphs = list(getattr(doc, "paragraphs", None) or [])
    index = build_index(actors, paragraphs)
    infos = []
    for i, text in enumerate(paragraphs):
        spans = find_spans(text, i)
        masked = cues.mask_spans(text, spans)
        sentences = cues.sentence_bounds(text, spans)
        infos.append(at.ParaInfo(i, text, spans, masked, sentences, index.setdefault(i, [])))
    parses = list(parsed) if parsed is not None and len(parsed) == len(paragraphs) else [None] * len(paragraphs)
    return at.Ctx(infos), Resolver(actors if isinstance(actors, list) else list(actors or []), index, parses,
                                   paragraphs)


def _is_split(a: Span, b: Span, info: at.ParaInfo) -> bool:
    """“…,” said X, “…”: the text between two quotations is only an attribution ending
    in a comma, and the first one did not end its sentence."""
    if not a.closed:
        return False
    raw_end = info.text[a.start:a.close].rstrip()
    between = info.text[a.close + 1:b.open]
    if raw_end.endswith((".", "!", "?", "\u2026")) or not between.rstrip().endswith((",", "\u2014")):
        return False
    if not (raw_end.endswith(",") or between.lstrip().startswith((",", "\u2014"))):
        return False
    core = between.strip(" ,\u2014")
    if not core or len(core.split()) > 16 or re.search(r"[;:?!]|\.\s+[A-Z]", core):
        return False
    return bool(cues.FINITE_RE.search(core)) or bool(cues.ACCORDING_RE.search(core))


def _groups(info: at.ParaInfo) -> list[list[Span]]:
    groups: list[list[Span]] = []
    for s in info.spans:
        if groups and _is_split(groups[-1][-1], s, info):
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def _quote_id(parts: list[Span], taken: set[str]) -> str:
    key = " ".join(p.text for p in parts)
    base = "q-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    qid, n = base, 2
    while qid in taken:
        qid = f"{base}-{n}"
        n += 1
    taken.add(qid)
    return qid


def find_quotes(doc, actors, parsed=None) -> list[Quote]:
    """Quotes of ``doc``; an unnamed group that speaks ("prison officials wrote") is appended
    to ``actors`` as an anonymous actor."""
    ctx, res = _prepare(doc, actors, parsed)
    masked_of = lambda q: ctx.paras[q].masked  # noqa: E731
    for info in ctx.paras:
        at.sentence_cue_speakers(info, ctx)
    chains.sentence_speakers(ctx, res)
    records = []  # (paragraph info, parts, sentence idx, Found, partial, scare)
    for info in ctx.paras:
        for parts in _groups(info):
            k = at.sentence_of(info, parts[0].open)
            s0, e0 = info.sentences[k]
            s_end = info.sentences[at.sentence_of(info, parts[-1].open)][1]
            first = parts[0]
            scare = "name" if len(parts) == 1 and is_name_like(first, info, s0) else None
            found = None
            syn = None if scare else syntax.attribute(res.parsed[info.index], info.index, parts, res, masked_of)
            if syn is not None and (syn.speaker or syn.nobody):
                found = at.Found(syn.speaker, syn.cue, "syntax")
            if not scare and found is None:
                found = at.after_cue(first, info, ctx, s_end if len(parts) == 1 else parts[1].open)
                if found is None and len(parts) > 1:
                    found = at.after_cue(parts[-1], info, ctx, s_end)
                if found is None:
                    found = at.before_cue(first, info, ctx, s0)
                if found is not None and syn is not None:
                    # the text rules found the cue; the parse found nobody, or several alike
                    syn = chains.Doubt(syn.candidates) if syn.candidates else None
                if found is None and syn is not None:
                    found = at.Found(None, syn.cue, "syntax")
            partial = scare or is_partial(parts, info, s0, s_end)
            if not scare and found is None and is_scare(first, info, s0, s_end) and len(parts) == 1:
                scare = "scare"
            records.append([info, parts, k, found, partial, scare, syn])
    _propagate(records, ctx)
    chains.propagate(records, ctx, res)
    quotes: list[Quote] = []
    taken: set[str] = set()
    for info, parts, k, found, partial, scare, syn in records:
        qparts = [QuotePart(info.index, p.start, p.end, p.text) for p in parts]
        speaker = found.speaker if found else None
        cue = found.cue if found else None
        q = Quote(_quote_id(parts, taken), qparts, speaker, cue, bool(partial))
        chains.explain(q, found, syn, scare)
        quotes.append(q)
    res.drop_unused({q.speaker for q in quotes if q.speaker})
    return quotes


def _propagate(records, ctx: at.Ctx) -> None:
    """Quotations without a cue in their sentence: same sentence, previous sentence,
    previous quotation of the paragraph, continuation of the previous paragraph."""
    for n, rec in enumerate(records):
        info, parts, k, found, partial, scare = rec[:6]
        if found is not None or scare == "name":
            continue
        # another quotation of the same sentence with a cue
        same = [r for r in records if r[0] is info and r[2] == k and r is not rec and r[3] and r[3].speaker
                and (not scare or r[3].cue == "according to")]  # a scare quote: only "according to X"
        if same:
            rec[3] = at.Found(same[0][3].speaker, same[0][3].cue, "sentence")
            continue
        if partial or scare:
            continue
        prev = records[n - 1] if n > 0 else None
        if prev is not None and prev[0] is info and prev[3] and prev[3].speaker and prev[2] >= k - 1:
            rec[3] = at.Found(prev[3].speaker, None, "previous")
            continue
        if k > 0 and (k - 1) in info.cue_speaker and not (prev is not None and prev[0] is info and prev[2] == k - 1):
            rec[3] = at.Found(info.cue_speaker[k - 1], None, "previous")
            continue
        subj = at.opening_subject(info, k - 1, ctx) if k > 0 else None
        if subj is not None and not (prev is not None and prev[0] is info and prev[2] == k - 1):
            rec[3] = at.Found(subj, None, "previous")  # "Smith was blunt. “This is over.”"
            continue
        starts_para = not info.masked[: parts[0].open].strip()
        if starts_para and prev is not None and prev[0].index == info.index - 1 and prev[3] and prev[3].speaker:
            pinfo = prev[0]
            last_sentence = len(pinfo.sentences) - 1
            if not prev[1][-1].closed or prev[2] == last_sentence:
                rec[3] = at.Found(prev[3].speaker, None, "continuation")
                continue
    # an unclosed quotation continued by an attributed one in the next paragraph
    for n in range(len(records) - 2, -1, -1):
        rec, nxt = records[n], records[n + 1]
        if rec[3] is None and not rec[5] and not rec[1][-1].closed and nxt[0].index == rec[0].index + 1 \
                and not nxt[0].masked[: nxt[1][0].open].strip() and nxt[3] and nxt[3].speaker:
            rec[3] = at.Found(nxt[3].speaker, None, "chain")
