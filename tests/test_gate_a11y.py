"""Gate: axe-core (WCAG 2.0/2.1/2.2 A and AA) finds zero violations on the home page, a
briefing, an actor page, the actor directory and an actor card — on a desktop viewport and
on a phone-sized one in dark mode — and on the site's other top-level pages."""
from __future__ import annotations

import pytest
from gatelib_browser import KINDS, SiteBrowser, check_a11y, key_pages, sample_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser(built_site):
    with SiteBrowser(built_site) as b:
        yield b


@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "mobile-dark"])
@pytest.mark.parametrize("kind", KINDS)
def test_no_axe_violations(built_site, browser, kind, mobile):
    rel = key_pages(built_site)[kind]
    assert rel is not None, f"the built site has no {kind} page"
    problems = check_a11y(built_site, [rel], browser=browser, mobile=mobile)
    assert not problems, "\n".join(problems)


def test_no_axe_violations_on_other_top_level_pages(built_site, browser):
    """about, search, timeline, review… whatever sits one level below the root."""
    kinds = set(key_pages(built_site).values())
    pages = [p for p in sample_pages(built_site) if p.count("/") <= 1 and p not in kinds]
    problems = check_a11y(built_site, pages, browser=browser)
    assert not problems, "\n".join(problems)
