"""Where the page rules and the other readers of the page meet (for html): after the rules
have read the body, the votes of html_vote settle what the rules could not see.

* a run of last paragraphs that no other reader kept goes (the article ends where theirs do);
* short paragraphs trafilatura does not share go as furniture that slipped through;
* when the rules found much less than trafilatura, or almost nothing, its lines are added —
  never lines that are link texts or teaser cards of the page;
* a page showing part of its article is completed from its JSON-LD ``articleBody``;
* a heading with nothing under it goes.

``walker`` is html's page walker: its ``emit_text`` puts a line through the same filters as
the lines read from the markup.
"""
from __future__ import annotations

from bs4 import NavigableString

from ..model import Document
from ..text import normalize_ws
from .html_vote import Voter, Votes, missing_pieces, words


def drop_empty_sections(doc: Document) -> None:
    """A heading with nothing under it (the next block is a heading too, or the page ends)
    headed furniture that is gone: a "Popular" list, a "More from us" row of teasers."""
    keep = []
    for i, b in enumerate(doc.blocks):
        if b.kind != "heading" or (i + 1 < len(doc.blocks) and doc.blocks[i + 1].kind != "heading"):
            keep.append(b)
        else:
            doc.sections.remove(b.text)
    doc.blocks = keep



def second_opinion(votes: Votes, walker, link_texts: set[str]) -> None:
    """A safety net for markup the rules misread: when trafilatura finds much running text
    that the rules did not (under 70 % of its words found), its missing lines are added
    (not those that are the text of a link in the page: headlines of other stories)."""
    theirs = votes.trafilatura.text
    their_words = words(theirs)
    if len(their_words) < 80:
        return
    ours = set(words(body_text(walker.doc)))
    if sum(w in ours for w in their_words) / len(their_words) >= 0.7:
        _drop_unshared_short(walker.doc, votes)
        return
    for line in theirs.split("\n"):
        ws = words(line)
        if ws and sum(w in ours for w in ws) / len(ws) < 0.5 and normalize_ws(line).casefold() not in link_texts:
            walker.emit_text([NavigableString(line)], "p")


def drop_unconfirmed_tail(votes: Votes, doc: Document) -> None:
    """The article ends where the other readers' article ends: a run of three or more last
    paragraphs that no voter kept any of (a comment thread, a row of teasers, a bio box
    under unfamiliar markup) goes, with the headings among them."""
    if votes.trafilatura.n_words < 100:
        return
    k = len(doc.paragraphs)
    while k > 0 and votes.share(doc.paragraphs[k - 1]) < 0.3:
        k -= 1
    if len(doc.paragraphs) - k < 3:
        return
    start = next(i for i, b in enumerate(doc.blocks) if b.kind == "paragraph" and b.index == k)
    for b in doc.blocks[start:]:
        if b.kind == "heading":
            doc.sections.remove(b.text)
    doc.blocks = doc.blocks[:start] + [b for b in doc.blocks[start:] if b.kind == "figure"]
    doc.paragraphs = doc.paragraphs[:k]
    drop_empty_sections(doc)  # (the heading over the run, "Reader views", has nothing under it now)


def complete_from_article_body(votes: Votes, walker) -> None:
    """A page that shows part of the article (a paywall, a "read more" fold) often carries
    all of it in its JSON-LD ``articleBody``. When what the rules read agrees with that body
    (most of its paragraphs are in it) but misses a good part of it (over 30 % of its
    words), the missing paragraphs are read from it, through the same filters."""
    body = votes.jsonld
    doc = walker.doc
    if body is None:
        return
    ours = Voter("ours", body_text(doc))
    missing = missing_pieces(body.text, ours)
    if sum(len(words(p)) for p in missing) < 0.3 * body.n_words:
        return
    long_ones = [p for p in doc.paragraphs if len(words(p)) >= 10]
    if long_ones and sum(body.share(p) >= 0.8 for p in long_ones) < 0.6 * len(long_ones):
        return  # the JSON-LD body is another text (a summary, another article): not used
    for p in missing:
        walker.emit_text([NavigableString(p)], "p")


def _drop_unshared_short(doc: Document, votes: Votes) -> None:
    """Short paragraphs (under 30 words) whose words trafilatura mostly did not find either
    are page furniture that slipped through (promos, teasers, video labels): dropped."""
    keep = []
    for text in doc.paragraphs:
        n = len(words(text))
        keep.append(text == doc.standfirst or n >= 30 or votes.trafilatura.word_share(text) >= 0.5)
    if all(keep):
        return
    blocks, paragraphs = doc.blocks, doc.paragraphs
    doc.blocks, doc.paragraphs = [], []
    for b in blocks:
        if b.kind != "paragraph":
            doc.blocks.append(b)
        elif keep[b.index]:
            doc.add_paragraph(paragraphs[b.index])


def fallback(votes: Votes, walker, link_texts: set[str]) -> None:
    """Too little body found in the page's markup: let trafilatura extract the paragraphs
    (filtered by the same rules as paragraphs found in the markup; a line that is the text
    of a link in the page or of a teaser card is an index page's, not running text; a line
    already read, from the JSON-LD body, is not read twice)."""
    have = Voter("ours", body_text(walker.doc))
    for line in votes.trafilatura.text.split("\n"):
        line = normalize_ws(line)
        if line and have.share(line) < 0.5 and line.casefold() not in link_texts:
            walker.emit_text([NavigableString(line)], "p")


def body_text(doc: Document) -> str:
    """The body as plain text in reading order (paragraphs, headings, captions + credits)."""
    out = []
    for b in doc.blocks:
        if b.kind == "paragraph":
            out.append(doc.paragraphs[b.index])
        elif b.kind == "heading":
            out.append(b.text)
        else:
            f = doc.figures[b.index]
            out.append(" ".join(x for x in (f.caption, f.credit) if x))
    return "\n".join(out)
