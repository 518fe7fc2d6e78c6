"""Gate: every page carries a Content-Security-Policy meta tag that allows nothing from
another origin (no hosts, no *, no http:/https:, no 'unsafe-inline'/'unsafe-eval')."""
from __future__ import annotations

import pytest
from conftest import ROOT
from gatelib import check_csp, csp_policy_problems, parse_csp

pytestmark = pytest.mark.build


def test_every_page_has_a_same_origin_only_csp(built_site):
    problems = check_csp(built_site)
    assert not problems, f"{len(problems)} CSP problems:\n" + "\n".join(problems)


def test_theme_policy_is_same_origin_only():
    text = (ROOT / "theme/templates/partials/csp.html").read_text(encoding="utf-8")
    policy = text.split('content="', 1)[1].split('"', 1)[0]
    assert csp_policy_problems(policy) == []
    d = parse_csp(policy)
    assert d["object-src"] == ["'none'"]
    assert d["default-src"] == ["'self'"]


@pytest.mark.parametrize("policy", [
    "default-src 'self' https://cdn.example.com; base-uri 'self'; form-action 'self'",
    "default-src 'self'; script-src *; base-uri 'self'; form-action 'self'",
    "default-src 'self'; img-src https:; base-uri 'self'; form-action 'self'",
    "default-src 'self'; style-src 'self' 'unsafe-inline'; base-uri 'self'; form-action 'self'",
    "default-src 'self'; script-src 'self' 'unsafe-eval'; base-uri 'self'; form-action 'self'",
    "default-src 'self'; script-src data:; base-uri 'self'; form-action 'self'",
    "default-src 'self'; connect-src http:; base-uri 'self'; form-action 'self'",
    "default-src 'self'; base-uri 'self'",  # form-action missing: forms may post anywhere
    "script-src 'self'; base-uri 'self'; form-action 'self'",  # no default-src
    "default-src 'self'; frame-src evil.example; base-uri 'self'; form-action 'self'",
])
def test_foreign_or_unsafe_policies_are_rejected(policy):
    assert csp_policy_problems(policy)


@pytest.mark.parametrize("policy", [
    "default-src 'self'; img-src 'self' data:; base-uri 'self'; form-action 'self'; object-src 'none'",
    "default-src 'none'; style-src 'sha256-AbCd0123+/xyz='; base-uri 'none'; form-action 'none'",
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; base-uri 'self'; form-action 'self'",
])
def test_same_origin_policies_are_accepted(policy):
    assert csp_policy_problems(policy) == []
