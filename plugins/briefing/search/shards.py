"""How the indexed pages are split into search bundles (shards), and what each bundle was
made from.

A page goes to shard ``sha1(rel) % K``; K is a power of two fixed by the number of indexed
pages (``BRIEFING_SEARCH_SHARD_PAGES`` pages per shard at most, so K changes only when the site
doubles or halves) or forced by ``BRIEFING_SEARCH_SHARDS``. A shard's key hashes its pages'
keys (``pages.page_key``: path + indexed markup) with the Pagefind version and settings: equal
keys, equal bundle bytes, so a shard whose key did not change is kept from the previous output.

The state kept across builds (``memo.keep_value``): {rel: [size, page key]} of every indexed
page, {shard dir: [shard key, [files]]} of every bundle.
"""
from __future__ import annotations

import hashlib

FORMAT = "search-shards-1"
MAX_SHARDS = 64


def shard_count(pages: int, per_shard: int, forced: int | None = None) -> int:
    if forced:
        return max(1, min(int(forced), MAX_SHARDS))
    k = 1
    while pages > k * max(1, per_shard) and k < MAX_SHARDS:
        k *= 2
    return k


def shard_of(rel: str, k: int) -> int:
    return int.from_bytes(hashlib.sha1(rel.encode("utf-8")).digest()[:8], "big") % k if k > 1 else 0


def split(keys: dict[str, str], k: int) -> list[dict[str, str]]:
    """Pages → K shards; halves K while a shard would be empty (tiny sites)."""
    while True:
        shards: list[dict[str, str]] = [{} for _ in range(k)]
        for rel in sorted(keys):
            shards[shard_of(rel, k)][rel] = keys[rel]
        if k == 1 or all(shards):
            return shards
        k //= 2


def shard_dir(i: int) -> str:
    """Bundle folder of shard i under the bundle root: shard 0 is the primary bundle (with
    Pagefind's JS and WebAssembly), the others are merged into it by search.js."""
    return "" if i == 0 else f"s{i}/"


def shard_key(pages: dict[str, str], i: int, k: int, config: str) -> str:
    h = hashlib.sha256(f"{FORMAT}\0{config}\0{i}\0{k}\0".encode())
    for rel in sorted(pages):
        h.update(f"{rel}\0{pages[rel]}\n".encode())
    return h.hexdigest()
