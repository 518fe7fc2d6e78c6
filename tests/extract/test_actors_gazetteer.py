"""The gazetteer: countries, capitals and demonyms from data packages (GeoNames, ISO 3166)."""
from __future__ import annotations

import pytest

from briefing.extract.actors.gazetteer import CAPITALS, COUNTRY_NAMES, DEMONYMS, city_of, country_of, is_capital


@pytest.mark.parametrize("surface, country", [
    ("U.S.", "United States"), ("US", "United States"), ("the United States", "United States"),
    ("America", "United States"), ("Britain", "United Kingdom"), ("U.K.", "United Kingdom"),
    ("Russian Federation", "Russia"), ("Soviet Union", "Soviet Union"), ("Netherlands", "Netherlands"),
    ("German", "Germany"), ("Ukrainian", "Ukraine"), ("French", "France"), ("British", "United Kingdom"),
    ("Japanese", "Japan"), ("Nigerian", "Nigeria"), ("Austrian", "Austria"), ("Australian", "Australia"),
    ("Lithuanian", "Lithuania"), ("Polish", "Poland"), ("Italian", "Italy"), ("Hungarian", "Hungary"),
])
def test_country_of(surface, country):
    assert country_of(surface) == country


@pytest.mark.parametrize("word", ["European", "Western", "Korean", "Scholz", "Smith", "Monday", "Kyiv"])
def test_not_countries(word):
    assert country_of(word) is None


def test_capitals_and_spelling_variants():
    assert city_of("Kiev") == city_of("Kyiv") == "Kyiv"
    assert is_capital("Vilnius") and is_capital("Kiev") and not is_capital("Hamburg")
    assert CAPITALS["Berlin"] == ("Berlin", "Germany")
    assert city_of("Mexico") is None  # a country's name stays the country's


def test_built_from_data_not_by_hand():
    assert len(COUNTRY_NAMES) > 250 and len(CAPITALS) > 150 and len(DEMONYMS) > 150
