"""The document model: plain dataclasses shared by every stage (read → extract → link → render).

Nothing here knows about Pelican or spaCy. Offsets (`start`, `end`) are character offsets
into ``Document.paragraphs[paragraph]``; paragraph texts are stored whitespace-normalised so
that every quote part and mention is an exact substring of its paragraph.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ACTOR_TYPES = ("person", "organization", "country", "place", "anonymous")


@dataclass
class Figure:
    caption: str
    credit: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"caption": self.caption, "credit": self.credit}


@dataclass
class Block:
    """One item of the body in reading order.

    kind is ``paragraph`` (index into Document.paragraphs), ``heading`` (text) or
    ``figure`` (index into Document.figures).
    """

    kind: str
    index: int = -1
    text: str = ""


@dataclass
class Document:
    source: str
    title: str
    publisher: str | None = None
    published: str | None = None  # ISO 8601 or None; never invented
    url: str | None = None
    standfirst: str | None = None
    contributors: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add_paragraph(self, text: str) -> None:
        self.blocks.append(Block("paragraph", len(self.paragraphs)))
        self.paragraphs.append(text)

    def add_heading(self, text: str) -> None:
        self.blocks.append(Block("heading", text=text))
        self.sections.append(text)

    def add_figure(self, fig: Figure) -> None:
        self.blocks.append(Block("figure", len(self.figures)))
        self.figures.append(fig)

    def section_of(self) -> dict[int, str | None]:
        """Map paragraph index → the heading it sits under (None before the first)."""
        out: dict[int, str | None] = {}
        current = None
        for b in self.blocks:
            if b.kind == "heading":
                current = b.text
            elif b.kind == "paragraph":
                out[b.index] = current
        return out


@dataclass
class Mention:
    paragraph: int
    start: int
    end: int
    text: str


@dataclass
class Role:
    text: str
    sentence: str = ""
    paragraph: int = -1


@dataclass
class Actor:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    first_paragraph: int = -1
    salience: float = 0.0

    @property
    def mention_count(self) -> int:
        return len(self.mentions)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "roles": [r.text for r in self.roles],
            "mentions": self.mention_count,
            "first_paragraph": self.first_paragraph,
            "salience": round(self.salience, 4),
            "role_sources": [asdict(r) for r in self.roles],
            "mention_spans": [asdict(m) for m in self.mentions],
        }


@dataclass
class QuotePart:
    paragraph: int
    start: int
    end: int
    text: str


@dataclass
class SpeakerCandidate:
    """One actor weighed as the speaker of a quote, with the evidence for it."""

    actor: str  # actor id of the same extraction
    score: float
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"actor": self.actor, "score": round(self.score, 4), "reasons": list(self.reasons)}


QUOTE_KINDS = ("statement", "fragment", "scare")
WEAK_SPEAKER_CONFIDENCE = 0.6  # below this a speaker (or a null) is listed for review


@dataclass
class Quote:
    id: str
    parts: list[QuotePart]
    speaker: str | None = None
    cue: str | None = None
    partial: bool = False
    # How the speaker was decided: what a reader and an editor need to trust or fix it.
    # kind: "statement" (words someone said or wrote), "fragment" (a few words inside an
    # attributed sentence), "scare" (scare quotes, titles, names: nobody's words); None when
    # the extractor did not decide.
    kind: str | None = None
    confidence: float = 1.0  # 0..1, confidence of the speaker decision (null included)
    evidence: list[str] = field(default_factory=list)  # reasons for the chosen speaker
    candidates: list[SpeakerCandidate] = field(default_factory=list)  # weighed, best first

    @property
    def weak(self) -> bool:
        """The speaker (or the null) was decided on weak evidence."""
        return self.confidence < WEAK_SPEAKER_CONFIDENCE

    @property
    def text(self) -> str:
        return " … ".join(p.text for p in self.parts)

    @property
    def paragraph(self) -> int:
        return self.parts[0].paragraph if self.parts else -1

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "speaker": self.speaker,
            "cue": self.cue,
            "paragraph": self.paragraph,
            "partial": self.partial,
            "parts": [asdict(p) for p in self.parts],
            "kind": self.kind,
            "confidence": round(self.confidence, 4),
            "evidence": list(self.evidence),
            "candidates": [c.to_json() for c in self.candidates],
        }


@dataclass
class Extraction:
    """A document with its actors and quotes: what `briefing extract` prints."""

    document: Document
    slug: str
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def actor(self, actor_id: str) -> Actor | None:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    def to_json(self) -> dict[str, Any]:
        d = self.document
        return {
            "source": d.source,
            "slug": self.slug,
            "title": d.title,
            "publisher": d.publisher,
            "published": d.published,
            "url": d.url,
            "contributors": list(d.contributors),
            "sections": list(d.sections),
            "figures": [f.to_json() for f in d.figures],
            "paragraphs": list(d.paragraphs),
            "actors": [a.to_json() for a in self.actors],
            "quotes": [q.to_json() for q in self.quotes],
        }
