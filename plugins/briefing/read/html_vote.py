"""Other readers of the same page, as voters for the page rules (for parse_html).

The page rules of html_clean / parse_html decide most of the body alone. Where a rule is
in doubt — a sentence that is mostly link text, a container of running text whose class
names a widget or a promo, a short paragraph that might be a teaser — the reader asks
whether independent extractors kept the same text:

* trafilatura (its own boilerplate model: link density, text density, tag heuristics);
* the publisher's own ``articleBody`` in the JSON-LD ``NewsArticle``, where there is one.

Agreement is measured on word trigrams ("shingles"), so a paragraph counts as kept by a
voter when most of its three-word runs occur in that voter's text, in any order of
paragraphs, whatever their whitespace and quotes.
"""
from __future__ import annotations

import html as html_lib
import re

WORD = re.compile(r"\w+")
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


def words(text: str) -> list[str]:
    return WORD.findall(text.translate(QUOTES).casefold())


def shingles(ws: list[str], n: int = 3) -> set[tuple[str, ...]]:
    if len(ws) < n:
        return {tuple(ws)} if ws else set()
    return {tuple(ws[i:i + n]) for i in range(len(ws) - n + 1)}


def trafilatura_text(html: str) -> str:
    try:
        import trafilatura

        return trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    except Exception:  # noqa: BLE001 - a third-party failure must not lose the document
        return ""


class Voter:
    """One reader's text of the page, indexed for "did it keep this paragraph?"."""

    def __init__(self, name: str, text: str):
        self.name = name
        self.text = text
        ws = words(text)
        self.n_words = len(ws)
        self.vocab = set(ws)
        self.grams = shingles(ws)
        # short paragraphs (under three words) are matched as whole lines
        self.lines = {tuple(words(line)) for line in text.split("\n")}

    def share(self, text: str) -> float:
        """Fraction of text's word trigrams that this voter's text also has (0..1)."""
        ws = words(text)
        if not ws:
            return 0.0
        if len(ws) < 3:
            return 1.0 if tuple(ws) in self.lines or all(w in self.vocab for w in ws) and len(ws) == 1 else 0.0
        grams = shingles(ws)
        return sum(g in self.grams for g in grams) / len(grams)

    def word_share(self, text: str) -> float:
        ws = words(text)
        return sum(w in self.vocab for w in ws) / len(ws) if ws else 0.0


class Votes:
    """The voters of one page (empty voters, e.g. no JSON-LD body, are left out)."""

    def __init__(self, html: str, article_body: str | None = None):
        self.voters: list[Voter] = []
        traf = trafilatura_text(html)
        self.trafilatura = Voter("trafilatura", traf)
        if self.trafilatura.n_words:
            self.voters.append(self.trafilatura)
        body = html_lib.unescape(article_body) if isinstance(article_body, str) else ""
        if "<" in body:  # some publishers put the body's markup in the JSON-LD
            from bs4 import BeautifulSoup

            body = BeautifulSoup(body, "lxml").get_text("\n")
        self.jsonld = Voter("jsonld", body) if len(words(body)) >= 50 else None
        if self.jsonld is not None:
            self.voters.append(self.jsonld)

    def share(self, text: str) -> float:
        """The best agreement any voter gives to text (0 when there are no voters)."""
        return max((v.share(text) for v in self.voters), default=0.0)

    def confirmed(self, text: str, threshold: float = 0.8) -> bool:
        """Kept by at least one voter: most of its three-word runs are in a voter's text."""
        return self.share(text) >= threshold


SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[A-Z“\"‘])")


def missing_pieces(text: str, have: Voter, most: int = 900) -> list[str]:
    """The paragraphs of a JSON-LD body that `have` lacks: its lines, and for a line longer
    than `most` characters (a body without line breaks) its sentences, the missing ones
    joined again into pieces of about half that size."""
    out: list[str] = []
    for line in re.split(r"\n\s*", text):
        line = " ".join(line.split())
        if not line:
            continue
        if len(line) <= most:
            if have.share(line) < 0.5:
                out.append(line)
            continue
        piece = ""
        for sentence in SENTENCE_BREAK.split(line):
            if have.share(sentence) >= 0.5:
                if piece:
                    out.append(piece)
                piece = ""
                continue
            piece = f"{piece} {sentence}".strip()
            if len(piece) >= most // 2:
                out.append(piece)
                piece = ""
        if piece:
            out.append(piece)
    return out
