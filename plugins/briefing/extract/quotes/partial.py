"""Partial quotations and scare quotes.

A partial quotation is part of a sentence of the reporter's ("made an « appeal to … »").
Scare quotes and names in quotation marks ("umbrella", “Budapest Memorandum”) are not
statements: they are partial and have no speaker unless a cue in their sentence says who
used the word.
"""
from __future__ import annotations

import re

from .cues import looks_like_after_cue

_SMALL = {"of", "the", "and", "for", "to", "in", "on", "a", "an", "de", "at", "&"}
_INTRO = re.compile(r"(?:[,:\u2014\u2013]|\b(?:said|says|added|asked|wrote|told \w+|declared|stated))\s*$")


def _pre(info, sent_start: int, pos: int) -> str:
    return info.masked[sent_start:pos].strip()


def is_name_like(span, info, sent_start: int) -> bool:
    """A capitalised name or title in quotation marks in the middle of a sentence."""
    words = span.text.rstrip(",.").split()
    if not words or len(words) > 5 or re.search(r"[.!?;:]", span.text.rstrip(".")):
        return False
    if not _pre(info, sent_start, span.open):
        return False  # opens its sentence: a statement ("No," she said)
    caps = [w for w in words if w.lower() not in _SMALL]
    return bool(caps) and all(w[0].isupper() or w[0].isdigit() for w in caps)


def is_scare(span, info, sent_start: int, sent_end: int) -> bool:
    """A word or two in quotation marks inside a sentence ("an « umbrella » for …")."""
    words = span.text.split()
    if len(words) > 3 or re.search(r"[.!?]$", span.text):
        return False
    pre = _pre(info, sent_start, span.open)
    post = info.masked[span.close + 1:sent_end].strip()
    return bool(pre) and not _INTRO.search(pre) and bool(post) and not looks_like_after_cue(post, 3) \
        and not post.startswith(("\x01", ",", "."))


def is_partial(parts, info, sent_start: int, sent_end: int) -> bool:
    """Not a whole sentence (or more) of the speaker's."""
    first, last = parts[0], parts[-1]
    if any(re.search(r"[.!?]\s+\S", p.text) for p in parts):
        return False  # runs over a sentence boundary: a statement
    pre = _pre(info, sent_start, first.open)
    pre_ok = not pre or bool(_INTRO.search(pre)) or pre.endswith("\x01")
    post = info.masked[last.close + 1:sent_end].strip() if last.closed else ""
    post_ok = (not post or post[0] in ",.;!?\u2014\u2013\x01" or looks_like_after_cue(post))
    return not (pre_ok and post_ok)
