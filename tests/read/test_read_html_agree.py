"""html_agree: what the other readers' votes settle after the page rules have read a body."""
from __future__ import annotations

from briefing.model import Document
from briefing.read.html_agree import drop_empty_sections, drop_unconfirmed_tail
from briefing.read.html_vote import Voter

STORY = [f"Paragraph {i} of the story says something about the harbour and the ferries at the pier." for i in range(5)]
TAIL = [f"Reader {i} wrote that the council should have repaired the pier many years ago." for i in range(4)]


class FakeVotes:
    def __init__(self, text: str):
        self.trafilatura = Voter("trafilatura", text)

    def share(self, text: str) -> float:
        return self.trafilatura.share(text)


def doc_of(paragraphs, heading_before=None) -> Document:
    doc = Document(source="x.html", title="T")
    for i, p in enumerate(paragraphs):
        if heading_before is not None and i == heading_before:
            doc.add_heading("Reader views")
        doc.add_paragraph(p)
    return doc


def test_a_tail_no_voter_kept_goes_with_its_heading():
    doc = doc_of(STORY + TAIL, heading_before=len(STORY))
    drop_unconfirmed_tail(FakeVotes("\n".join(STORY * 3)), doc)
    assert doc.paragraphs == STORY and doc.sections == []
    assert [b.kind for b in doc.blocks] == ["paragraph"] * len(STORY)


def test_a_short_unconfirmed_end_stays():
    doc = doc_of(STORY + TAIL[:2])
    drop_unconfirmed_tail(FakeVotes("\n".join(STORY * 3)), doc)
    assert doc.paragraphs == STORY + TAIL[:2]


def test_no_tail_is_cut_when_the_voter_read_almost_nothing():
    doc = doc_of(STORY + TAIL)
    drop_unconfirmed_tail(FakeVotes(STORY[0]), doc)
    assert doc.paragraphs == STORY + TAIL


def test_headings_without_content_go():
    doc = Document(source="x.html", title="T")
    doc.add_heading("Popular")
    doc.add_heading("The repairs")
    doc.add_paragraph(STORY[0])
    doc.add_heading("More from us")
    drop_empty_sections(doc)
    assert doc.sections == ["The repairs"]
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]
