"""What the review queue reads off a briefing: which quotes are statements a reader sees,
the sentence around a quote or a mention, and the signs that an actor may not be one.

Rules of news English and of the extractor's output only; nothing here names a person,
outlet or article.
"""
from __future__ import annotations

import re

from ..model import Quote

STATEMENT_WORDS = 4  # without the extractor's ``kind``: a full quote this long is a statement
CONTEXT_CHARS = 220  # at most this much text either side of the marked words
# a sentence ends at . ! ? … (and closing quotation marks or brackets) before a capital
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
_DIGIT = re.compile(r"\d")
_LIST_SEP = re.compile(r"\s*(?:,|\s(?:and|&)\s)\s*")


def is_statement(q: Quote) -> bool:
    """A quote shown as words someone said ("What they said", actor pages), not scare quotes,
    titles or a few words in passing. The extractor's ``kind`` decides; without one, a full
    (not partial) quote of ``STATEMENT_WORDS`` words or a whole sentence is a statement."""
    if q.kind is not None:
        return q.kind == "statement"
    if q.partial or not q.parts:
        return False
    text = q.text.strip()
    return len(text.split()) >= STATEMENT_WORDS or text.endswith((".", "!", "?", "\u2026"))


def sentence_around(paragraph: str, start: int, end: int) -> tuple[str, str, str]:
    """(before, marked, after): the sentence(s) holding paragraph[start:end], cut to
    ``CONTEXT_CHARS`` either side at a word boundary."""
    start, end = max(0, min(start, len(paragraph))), max(0, min(end, len(paragraph)))
    s = 0
    for m in _SENTENCE_END.finditer(paragraph, 0, start + 1):
        if m.end() <= start:
            s = m.end()
    m = _SENTENCE_END.search(paragraph, max(end - 1, 0))
    e = m.start() + 1 if m else len(paragraph)
    while e < len(paragraph) and paragraph[e] in "\"'\u201d\u2019)]":
        e += 1
    before, after = paragraph[s:start], paragraph[end:e]
    if len(before) > CONTEXT_CHARS:
        cut = before[-CONTEXT_CHARS:]
        before = "\u2026" + cut[cut.find(" ") + 1:] if " " in cut else "\u2026" + cut
    if len(after) > CONTEXT_CHARS:
        cut = after[:CONTEXT_CHARS]
        after = (cut[:cut.rfind(" ")] if " " in cut else cut) + "\u2026"
    return before, paragraph[start:end], after


def quote_context(doc, q: Quote) -> tuple[str, str, str] | None:
    if not q.parts:
        return None
    first, last = q.parts[0], q.parts[-1]
    para = doc.paragraphs[first.paragraph]
    end = last.end if last.paragraph == first.paragraph else first.end
    # the quotation marks belong to the quote: mark them too
    start = first.start - 1 if first.start > 0 and para[first.start - 1] in "\"'\u201c\u2018\u00ab" else first.start
    if end < len(para) and para[end] in "\"'\u201d\u2019\u00bb":
        end += 1
    return sentence_around(para, start, end)


def mention_context(doc, actor) -> tuple[str, str, str] | None:
    """The sentence of an extraction actor's first mention, the mention marked."""
    if not actor.mentions:
        return None
    m = min(actor.mentions, key=lambda m: (m.paragraph, m.start))
    if not 0 <= m.paragraph < len(doc.paragraphs):
        return None
    return sentence_around(doc.paragraphs[m.paragraph], m.start, m.end)


class Page:
    """What the signs read of one briefing, each worked out once and only when asked."""

    def __init__(self, doc, actors: list):
        self.doc, self.actors = doc, actors
        self._forms: set[str] | None = None
        self._text: str | None = None

    def forms(self) -> set[str]:
        """Every actor's name, aliases and surnames, lowercase."""
        if self._forms is None:
            self._forms = set()
            for a in self.actors:
                names = {a.name.lower(), *(x.lower() for x in a.aliases)}
                self._forms.update(names)
                self._forms.update(f.split()[-1] for f in names if len(f.split()) > 1)
        return self._forms

    def in_lowercase(self, word: str) -> bool:
        """``word`` (lowercase) is written in lowercase somewhere in the article."""
        if self._text is None:
            self._text = "\n".join(self.doc.paragraphs)
        if word not in self._text:  # the usual answer, without a regex
            return False
        return re.search(r"(?<![\w'\u2019-])" + re.escape(word) + r"(?![\w'\u2019-])", self._text) is not None


def not_actor_reasons(actor, site_actor, page: Page) -> list[str]:
    """Why an actor of a briefing may not be an actor at all (empty: no sign).

    ``actor``: the extraction's Actor; ``site_actor``: its site actor; ``page``: the
    briefing (a capitalised word that is also written in lowercase is an ordinary word)."""
    name, reasons = site_actor.name, []
    parts = [p for p in _LIST_SEP.split(name) if p] if ("," in name or "&" in name or " and " in name) else ()
    if len(parts) >= 2:
        own = {name.lower(), *(x.lower() for x in actor.aliases)}
        named = sum(p.lower() in page.forms() and p.lower() not in own for p in parts)
        if len(parts) >= 3 or named == len(parts):
            reasons.append(f"the name is a list of {len(parts)} names")
    upper = name.upper()
    if actor.mentions and actor.mentions[0].text == upper != name and all(m.text == upper for m in actor.mentions):
        reasons.append("only ever written in capitals (a dateline or heading?)")
    if _DIGIT.search(name):
        reasons.append("the name has digits")
    if name == name.lower():
        reasons.append("the name has no capital letter")
    words = name.split()
    if site_actor.type == "person" and len(words) == 1 and len(words[0]) > 2 and page.in_lowercase(words[0].lower()):
        reasons.append(f"\u201c{words[0].lower()}\u201d is also an ordinary word of the article")
    return reasons
