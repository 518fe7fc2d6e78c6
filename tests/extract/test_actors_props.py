"""Properties of actor extraction on arbitrary text: no crash, exact spans, valid types, stable."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.extract.actors import find_actors
from briefing.model import ACTOR_TYPES, Document

WORDS = ["Sen.", "Olaf", "Scholz", "said", "the", "a", "senior", "official", "NATO", "Kiev", "(R-N.C.),", "U.S.",
         "German", "Chancellor", "“quote”", "diplomat", "alliance", "EU", "Monday", "Article", "5", ",", ".",
         "people", "familiar", "with", "talks", "Smith,", "ambassador", "to", "von", "der", "«", "»", "—", "é", "\u00a0"]
paragraph = st.lists(st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=8)), min_size=0, max_size=40).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraph, min_size=1, max_size=4))
def test_any_text(paragraphs):
    from briefing.extract.nlp import get_nlp

    nlp = get_nlp()
    doc = Document(source="x.md", title="Title")
    for p in paragraphs:
        doc.add_paragraph(p)
    parsed = list(nlp.pipe(doc.paragraphs))
    actors = find_actors(doc, parsed)
    ids = [a.id for a in actors]
    assert len(ids) == len(set(ids))
    for a in actors:
        assert a.type in ACTOR_TYPES
        assert a.id and a.id == a.id.lower() and a.id.isascii()
        for m in a.mentions:
            assert doc.paragraphs[m.paragraph][m.start:m.end] == m.text
    again = find_actors(doc, parsed)
    assert [a.to_json() for a in again] == [a.to_json() for a in actors]
