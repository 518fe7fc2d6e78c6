"""Gate: axe-core (WCAG 2.0/2.1/2.2 A and AA) finds zero violations on the home page, a
briefing, an actor page, the actor directory and an actor card."""
from __future__ import annotations

import pytest
from gatelib_browser import KINDS, SiteBrowser, check_a11y, key_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(built_site):
    with SiteBrowser(built_site) as b:
        yield b


@pytest.mark.parametrize("kind", KINDS)
def test_no_axe_violations(built_site, browser, kind):
    rel = key_pages(built_site)[kind]
    assert rel is not None, f"the built site has no {kind} page"
    problems = check_a11y(built_site, [rel], browser=browser)
    assert not problems, "\n".join(problems)
