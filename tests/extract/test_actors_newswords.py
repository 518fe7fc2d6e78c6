"""The news-English corrections of actors/newswords.py, one rule per test, on sentences that
are not in any fixture article."""
from __future__ import annotations

import pytest



@pytest.fixture(scope="module")
def run(actors_of):
    return actors_of


def test_ministerial_brief_is_not_an_organisation(run):
    a = run("Spanish Energy Minister Carmen Aguilar told reporters in Madrid that talks would go on.",
            "Dutch Climate and Energy Minister Sophie Verbeek said her government had concerns.")
    assert "Carmen Aguilar" in a and "Sophie Verbeek" in a
    assert not {"Spanish Energy", "Dutch Climate", "Energy"} & set(a), sorted(a)
    assert any("Energy Minister" in r.text for r in a["Sophie Verbeek"].roles)


def test_employer_before_a_job_noun(run):
    # (a sentence-initial employer that the tagger reads as a common noun is not found)
    a = run("\"The reset is deep,\" Jefferies analyst Owen Castellano wrote in a note.",
            "Morningstar analyst Grace Liu was more measured.")
    assert a["Jefferies"].type == "organization" and a["Morningstar"].type == "organization"
    assert a["Grace Liu"].type == "person"


def test_parties_named_by_their_members(run):
    a = run("The Liberal Democrats called for a review, and the Conservatives seized on the breakdown.",
            "The Germans objected to the plan.")
    assert a["Liberal Democrats"].type == "organization" and a["Conservatives"].type == "organization"
    assert "Germans" not in a


def test_company_name_with_ampersand_stays_whole(run):
    a = run("Shares of Harbor & Pine Inc. fell 14% on Thursday.", "Harbor & Pine said it would close stores.")
    assert "Harbor & Pine" in a or "Harbor & Pine Inc." in a
    assert "Pine" not in a and "Harbor" not in a


def test_country_only_inside_office_titles_is_no_actor(run):
    a = run("U.S. District Judge Harriet Coleman sentenced him on Wednesday.",
            "Assistant U.S. Attorney Kevin Marsh had asked for 15 years.")
    assert "United States" not in a and "Harriet Coleman" in a


def test_person_tagged_as_organisation_by_the_sentence(run):
    a = run("\"The people have voted for jobs,\" said Tejal Prasad, the opposition alliance's chief ministerial "
            "candidate, addressing supporters.")
    assert a["Tejal Prasad"].type == "person"


def test_named_storms_and_programmes_are_not_actors(run):
    a = run("Warmer seas helped intensify hurricanes such as Milton and Helene, scientists said.",
            "The Mars Sample Return program has been delayed, NASA said.")
    assert not {"Milton", "Helene", "Mars Sample Return"} & set(a), sorted(a)
    assert "NASA" in a


def test_the_house_in_a_legislature_story(run):
    a = run("The Senate passed the bill late Tuesday, sending it to the House.",
            "House Speaker Mark Delaney said the House would vote on Wednesday.")
    assert a["House"].type == "organization" and "Senate" in a
