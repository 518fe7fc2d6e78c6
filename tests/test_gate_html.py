"""Gate: the W3C Nu checker reports zero errors on every page and card of the built site."""
from __future__ import annotations

import shutil

import pytest
from gatelib import check_html_validity, html_pages

pytestmark = pytest.mark.build


@pytest.mark.skipif(shutil.which("java") is None, reason="java is needed by the Nu HTML checker")
def test_every_page_and_card_is_valid_html(built_site):
    pages = html_pages(built_site)
    assert any(p.parent.parent.name == "briefings" for p in pages), "no briefing pages were built"
    problems = check_html_validity(built_site)  # one vnu run over the whole site
    assert not problems, f"{len(problems)} HTML errors:\n" + "\n".join(problems)
