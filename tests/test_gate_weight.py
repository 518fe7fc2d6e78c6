"""Gate: light pages. A briefing's HTML + CSS ≤ 60 KB; every page readable with JavaScript
disabled; ≤ 20 KB of JS on any page, the search bundle excluded and fetched only when used.
The briefings of long articles (gatelib.weight_exemptions) are exempt from the page budget,
each named with its reason in the warnings summary."""
from __future__ import annotations

import warnings

import pytest
from gatelib import PAGE_BUDGET, check_weight, html_pages, is_briefing, weight_exemptions
from gatelib_browser import SiteBrowser, check_no_js, check_runtime, check_search_on_use, key_pages


@pytest.fixture(scope="module")
def browser(built_site):
    with SiteBrowser(built_site) as b:
        yield b


@pytest.mark.build
def test_page_and_script_budgets(built_site):
    briefings = [p for p in html_pages(built_site) if is_briefing(built_site, p)]
    assert briefings, "no briefing pages were built"
    exempt = weight_exemptions(built_site)
    for page, reason in exempt.items():  # named in every run's warnings summary, never silent
        warnings.warn(f"{page}: exempt from the {PAGE_BUDGET // 1024} KB page budget: {reason}", stacklevel=1)
    assert len(exempt) < len(briefings), "every briefing exempt: the budget would test nothing"
    problems = check_weight(built_site, exempt=exempt)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_every_page_reads_without_javascript(built_site, browser):
    problems = check_no_js(built_site, browser=browser)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_javascript_on_the_wire_and_no_runtime_errors(built_site, browser):
    pages = sorted({p for p in key_pages(built_site).values() if p})
    for extra in ("search/index.html",):
        if (built_site / extra).is_file():
            pages.append(extra)
    problems = check_runtime(built_site, pages, browser=browser)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_search_bundle_loads_only_when_used_and_works_under_csp(built_site, browser):
    assert (built_site / "pagefind" / "pagefind.js").is_file(), "the built site has no search bundle"
    problems = []
    for rel in ("index.html", "search/index.html"):
        if (built_site / rel).is_file():
            problems += check_search_on_use(built_site, rel, "NATO", browser=browser)
    assert not problems, "\n".join(problems)
