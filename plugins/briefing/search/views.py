"""The folders Pagefind reads: one per shard, holding the view (``pages.page_view``) of each
of its pages at the page's path, kept between builds.

Pagefind names a result by the file's path, so a view of ``briefings/x/index.html`` must be
in a folder of its own; making and removing ~400 folders per shard per build costs more than
indexing (this disk: ~1 ms per mkdir, ~3 ms per rmdir). So the folders live beside the output
(``.cache/<output>.search-views/s<i>/``, under the build lock, safe to delete) and a build
only writes the views that changed: ``<folder>.json`` lists the key of each view in the folder.
It is removed while the folder changes and written after, so a folder that was left half
updated (a crash) is rebuilt whole rather than trusted.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Callable

from ..atomic import write_atomic


def cache_root(memo) -> Path | None:
    """Where the view folders of the output being built live (None: memo off, no previous
    output to keep them beside)."""
    cfg = getattr(memo, "_config", None)
    final = cfg.get("previous") if isinstance(cfg, dict) else None
    if final is None:
        return None
    final = Path(final)
    return final.parent / ".cache" / f"{final.name}.search-views"


def prepare(folder: Path, pages: dict[str, str], view_of: Callable[[str], bytes]) -> int:
    """Make ``folder`` hold exactly the views of ``pages`` ({rel: key}); returns how many
    views were written."""
    listing = folder.with_name(folder.name + ".json")
    try:
        old = json.loads(listing.read_text(encoding="utf-8"))["pages"]
        if not isinstance(old, dict) or not folder.is_dir():
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError):
        shutil.rmtree(folder, ignore_errors=True)
        old = {}
    listing.unlink(missing_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    made: set[str] = set()
    for rel, key in pages.items():
        if old.get(rel) == key:
            continue
        dst = os.path.join(folder, rel)
        parent = os.path.dirname(dst)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(dst, "wb") as fh:
            fh.write(view_of(rel))
        written += 1
    for rel in old:
        if rel not in pages:
            path = Path(folder, rel)
            path.unlink(missing_ok=True)
            try:
                path.parent.rmdir()  # the page's own folder, now empty
            except OSError:
                pass
    write_atomic(listing, json.dumps({"pages": pages}, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    return written


def remove_other_shards(root: Path, count: int) -> None:
    """Remove the view folders of shards >= count (the site got smaller)."""
    try:
        names = os.listdir(root)
    except OSError:
        return
    for name in names:
        m = re.fullmatch(r"s(\d+)(\.json)?", name)
        if m and int(m.group(1)) >= count:
            path = root / name
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
