"""The extraction bound (issue 19): the cost of extraction is bounded, never the text."""
from __future__ import annotations

from briefing.build import pipeline
from briefing.extract import article as extract
from briefing.model import Document, Figure

PARAS = [
    "Council leader Maren Achterberg said on Monday that the harbour budget was final.",
    "The committee heard from engineers about the dredging work and its cost.",
    "Later, the treasurer Corwin Fairweather told reporters the figures would be published.",
    "The meeting ended in the evening.",
]


def _doc() -> Document:
    doc = Document(source="bound.txt", title="Harbour budget approved")
    doc.add_paragraph(PARAS[0])
    doc.add_heading("Engineers")
    doc.add_paragraph(PARAS[1])
    doc.add_figure(Figure("The harbour at dawn"))
    for p in PARAS[2:]:
        doc.add_paragraph(p)
    return doc


def test_a_document_within_the_bound_is_extracted_whole():
    doc = _doc()
    assert extract.extracted_part(doc) is doc and not extract.over_bound(doc)
    assert extract.extracted_paragraphs(doc) == 4


def test_the_part_ends_before_the_first_paragraph_over_the_bound(monkeypatch):
    monkeypatch.setattr(extract, "MAX_EXTRACT_CHARS", len(PARAS[0]) + len(PARAS[1]) + 10)
    doc = _doc()
    assert extract.over_bound(doc) and extract.extracted_paragraphs(doc) == 2
    part = extract.extracted_part(doc)
    assert part.paragraphs == PARAS[:2] and doc.paragraphs == PARAS  # the document is untouched
    assert [b.kind for b in part.blocks] == ["paragraph", "heading", "paragraph", "figure"]
    assert part.sections == ["Engineers"] and part.title == doc.title


def test_an_extraction_over_the_bound_keeps_the_whole_document(monkeypatch, tmp_path):
    """The rules see the paragraphs within the bound; the extraction carries the whole
    document (every paragraph is published), through the pipeline as through extract_document."""
    monkeypatch.setattr(extract, "MAX_EXTRACT_CHARS", len(PARAS[0]) + len(PARAS[1]) + 10)
    for ex in (extract.extract_document(_doc()),
               pipeline.extract_all([_doc()], {"PATH": str(tmp_path), "BRIEFING_CACHE_PATH": "c",
                                               "BRIEFING_PROCESSES": 1})[0]):
        names = {a.name for a in ex.actors}
        assert "Maren Achterberg" in names and "Corwin Fairweather" not in names, names
        assert ex.document.paragraphs == PARAS
        assert all(m.paragraph < 2 for a in ex.actors for m in a.mentions)
    monkeypatch.setattr(extract, "MAX_EXTRACT_CHARS", 3_000_000)
    names = {a.name for a in extract.extract_document(_doc()).actors}
    assert {"Maren Achterberg", "Corwin Fairweather"} <= names
