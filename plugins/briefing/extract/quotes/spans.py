"""Quotation spans in one paragraph, in every style of news copy.

Styles: curly “…”, straight "…", guillemets «…» (padded with spaces), »…« (German),
„…“ / „…” (German, Polish), ‘…’ and '…' (inside double quotes, or British top level),
‹…›. Apostrophes (haven’t, Ukraine’s, the allies’) never open or close a quotation.
A quotation still open at the end of the paragraph is closed there (news convention for
a quotation that continues in the next paragraph).

Only top-level quotations are returned; quotation marks nested inside one are part of its
text. Offsets are character offsets into the paragraph; ``start``/``end`` delimit the
quoted text without the marks and without padding spaces.
"""
from __future__ import annotations

from dataclasses import dataclass

DOUBLE_OPEN = "\u201c\u201e\u00ab"  # “ „ «
SINGLE_OPEN = "\u2018\u201a\u2039"  # ‘ ‚ ‹
ALL_MARKS = "\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a\u2039\u203a\"'"
# closing mark → the opening marks it may close
CLOSES = {
    "\u201d": "\u201c\u201e\u201d",  # ” closes “ „ (Polish) and ” (Swedish)
    "\u201c": "\u201e",  # “ closes „ (German)
    "\u00bb": "\u00ab",  # » closes «
    "\u00ab": "\u00bb",  # « closes » (German »…«)
    "\u203a": "\u2039",
    "\u2039": "\u203a",
    "\u2019": "\u2018\u201a",
    "\u2018": "\u201a",
    '"': '"',
    "'": "'",
}
_OPEN_BEFORE = " \t([{\u2014\u2013-/:;,\u201c\u201e\u00ab\u2018\u201a\u2039\"'"


@dataclass
class Span:
    paragraph: int
    open: int  # index of the opening mark
    close: int  # index of the closing mark, or len(paragraph) when left open
    start: int  # quoted text (marks and padding excluded)
    end: int
    text: str
    mark: str
    closed: bool = True


def _is_word(c: str) -> bool:
    return c.isalnum()


def _opener_context(text: str, i: int) -> bool:
    """Looks like an opening mark: at start or after space/bracket/dash, before a non-space."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _OPEN_BEFORE or before.isspace()) and not after.isspace() and after != ""


def _closer_context(text: str, i: int) -> bool:
    """Looks like a closing mark: after a non-space, not followed by a letter or digit."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not _is_word(after)


def find_spans(text: str, paragraph: int = 0) -> list[Span]:
    """Top-level quotation spans of one paragraph, in order."""
    ignore: set[int] = set()
    while True:
        spans, dangling = _scan(text, paragraph, ignore)
        if dangling is None or len(ignore) > 8:
            return spans
        ignore.add(dangling)  # an unclosed single mark was an apostrophe (‘90s, ‘em)


def _scan(text: str, paragraph: int, ignore: set[int]) -> tuple[list[Span], int | None]:
    stack: list[tuple[str, int]] = []
    spans: list[Span] = []
    n = len(text)
    for i, c in enumerate(text):
        if c not in ALL_MARKS or i in ignore:
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < n else " "
        top = stack[-1][0] if stack else None
        if c in "'\u2019" and _is_word(before) and _is_word(after):
            continue  # apostrophe inside a word: haven’t, Ukraine’s, O'Brien
        closable = CLOSES.get(c, "")
        # find the innermost open mark this one can close
        target = None
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] in closable:
                target = k
                break
        if c in "'\u2019":
            if target is not None and _closer_context(text, i):
                _close(stack, target, i, text, paragraph, spans)
            elif c == "'" and stack and _opener_context(text, i) and not _is_word(before):
                stack.append((c, i))  # straight single quotes open only inside a quotation
            continue
        if c == "\u201e":
            stack.append((c, i))
            continue
        if c == "\u2018" or c == "\u201a":
            if _opener_context(text, i):
                stack.append((c, i))
            continue
        if c == '"':
            if target is not None:
                _close(stack, target, i, text, paragraph, spans)
            elif not before.isspace() and before not in _OPEN_BEFORE and after.isspace():
                continue  # stray closing mark (or inch sign) with nothing open
            else:
                stack.append((c, i))
            continue
        if c == "\u201d":
            if target is not None:
                _close(stack, target, i, text, paragraph, spans)
            elif not stack and _opener_context(text, i):
                stack.append((c, i))  # ”…” typesetting
            continue
        if c == "\u201c":
            if target is not None and _closer_context(text, i):
                _close(stack, target, i, text, paragraph, spans)
            elif top == "\u201c" and _closer_context(text, i) and not _opener_context(text, i):
                _close(stack, len(stack) - 1, i, text, paragraph, spans)  # “…“ typo
            else:
                stack.append((c, i))
            continue
        if c in "\u00bb\u203a":
            if target is not None:
                _close(stack, target, i, text, paragraph, spans)
            elif _opener_context(text, i) and (i + 1 < n and not text[i + 1].isspace()):
                stack.append((c, i))  # German »…«
            continue
        if c in "\u00ab\u2039":
            if target is not None and _closer_context(text, i) and not _opener_context(text, i):
                _close(stack, target, i, text, paragraph, spans)
            else:
                stack.append((c, i))
            continue
    if stack:
        mark, pos = stack[0]
        if mark in SINGLE_OPEN or mark == "'":
            return spans, pos
        _emit(pos, n, text, paragraph, spans, mark, closed=False)
    return spans, None


def _close(stack, k, i, text, paragraph, spans) -> None:
    mark, pos = stack[k]
    del stack[k:]
    if not stack:  # top level
        _emit(pos, i, text, paragraph, spans, mark, closed=True)


def _emit(pos, close, text, paragraph, spans, mark, closed) -> None:
    start, end = pos + 1, close
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1  # a comma before the closing mark belongs to the sentence around it
    if end <= start:
        return
    body = text[start:end]
    if not any(ch.isalnum() for ch in body):
        return
    spans.append(Span(paragraph, pos, close, start, end, body, mark, closed))
