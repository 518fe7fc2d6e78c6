"""Output sync: make the published folder hold exactly a build's files. Changed files are
moved in from the build folder (whole folders when the output lacks them), unchanged ones are
left alone (their mtime kept, so a sync to a host uploads only what changed), and files the
new site no longer has are removed."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

_CHUNK = 1 << 16


def _same_bytes(a: Path, b: Path) -> bool:
    """Byte comparison without filecmp (its module-level cache grows forever under serve)."""
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        with open(a, "rb") as fa, open(b, "rb") as fb:
            while True:
                ca, cb = fa.read(_CHUNK), fb.read(_CHUNK)
                if ca != cb:
                    return False
                if not ca:
                    return True
    except OSError:
        return False


def _posix_rel(dirpath: str, root: str) -> str:
    rel_dir = os.path.relpath(dirpath, root)
    return "" if rel_dir == "." else rel_dir.replace(os.sep, "/") + "/"


def sync_tree(src: Path, dst: Path, keep: tuple[str, ...] = (), kept: dict | None = None,
              previous: dict | None = None) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Make dst hold exactly the files of src plus ``kept``; unchanged files are not
    rewritten (mtime kept).

    Changed files are moved out of src (src is a build folder about to be deleted).

    Top-level names in ``keep`` (Pelican's OUTPUT_RETENTION, e.g. ``.git``) are left alone.
    ``kept``: {relative posix path: [size, mtime_ns]} of files of dst that belong to the new
    output as they are (the render memo's kept pages); they are neither compared nor moved.
    ``previous``: {rel: [size, mtime_ns]} of every file in dst now (saves walking dst).
    Returns (counts of written, unchanged and removed files, {rel: [size, mtime_ns]} of
    every file of the new output outside ``keep``).
    """
    kept = kept or {}
    counts = {"written": 0, "unchanged": 0, "removed": 0}
    state: dict[str, list[int]] = {}
    dst.mkdir(parents=True, exist_ok=True)
    src_s, dst_s = os.fspath(src), os.fspath(dst)
    live: set[str] = set()  # relative posix paths of the new output's files and folders
    for rel in kept:
        if rel in state:
            continue
        state[rel] = list(kept[rel])
        live.add(rel)
        parts = rel.split("/")
        for i in range(1, len(parts)):
            live.add("/".join(parts[:i]))
    for dirpath, dirnames, filenames in os.walk(src_s):
        dirnames.sort()
        prefix = _posix_rel(dirpath, src_s)
        moved = []
        for name in dirnames:
            rel = prefix + name
            live.add(rel)
            d = os.path.join(dst_s, rel)
            if os.path.islink(d) or (os.path.exists(d) and not os.path.isdir(d)):
                os.unlink(d)
            if not os.path.isdir(d):
                try:  # a folder dst lacks: move it whole (one rename, not one per file and folder)
                    os.replace(os.path.join(dirpath, name), d)
                    moved.append(name)
                    continue
                except OSError:  # another file system
                    os.makedirs(d, exist_ok=True)
        for name in moved:
            for sub, subdirs, files in os.walk(os.path.join(dst_s, prefix + name)):
                sub_prefix = _posix_rel(sub, dst_s)
                live.update(sub_prefix + n for n in subdirs)
                for f in files:
                    st = os.stat(os.path.join(sub, f))
                    live.add(sub_prefix + f)
                    state[sub_prefix + f] = [st.st_size, st.st_mtime_ns]
                    counts["written"] += 1
        dirnames[:] = [n for n in dirnames if n not in moved]
        for name in sorted(filenames):
            rel = prefix + name
            live.add(rel)
            s, d = os.path.join(dirpath, name), os.path.join(dst_s, rel)
            if os.path.islink(d):
                os.unlink(d)
            elif os.path.isdir(d):
                shutil.rmtree(d)
            if os.path.exists(d) and _same_bytes(Path(s), Path(d)):
                counts["unchanged"] += 1
            else:
                try:  # a rename within the same file system: atomic, and nothing to copy
                    os.replace(s, d)
                except OSError:  # output on another file system
                    tmp = os.path.join(os.path.dirname(d), f".{name}.sync-tmp")
                    shutil.copy2(s, tmp)
                    os.replace(tmp, d)
                counts["written"] += 1
            st = os.stat(d)
            state[rel] = [st.st_size, st.st_mtime_ns]

    def retained(rel: str) -> bool:
        return rel.split("/", 1)[0] in keep

    if previous is not None:  # the files dst holds are known: no walk
        emptied: set[str] = set()
        for rel in sorted(previous):
            if rel in live or retained(rel):
                continue
            p = os.path.join(dst_s, rel)
            if os.path.isdir(p) and not os.path.islink(p):
                continue
            try:
                os.unlink(p)
                counts["removed"] += 1
            except (FileNotFoundError, NotADirectoryError):  # went with a folder src replaced
                pass
            parent = rel.rpartition("/")[0]
            while parent and parent not in live:
                emptied.add(parent)
                parent = parent.rpartition("/")[0]
        for rel in sorted(emptied, key=lambda r: (-r.count("/"), r)):  # deepest first
            try:
                os.rmdir(os.path.join(dst_s, rel))
            except OSError:  # holds something we did not write (removed by a full walk later)
                pass
    else:
        for dirpath, dirnames, filenames in os.walk(dst_s):
            prefix = _posix_rel(dirpath, dst_s)
            for name in sorted(filenames):
                rel = prefix + name
                if rel in live or retained(rel):
                    continue
                os.unlink(os.path.join(dirpath, name))
                counts["removed"] += 1
            for name in sorted(dirnames):
                rel = prefix + name
                p = os.path.join(dirpath, name)
                if rel in live or retained(rel):
                    continue
                if os.path.islink(p):
                    os.unlink(p)
                    counts["removed"] += 1
                else:
                    for _, _, files in os.walk(p):
                        counts["removed"] += len(files)
                    shutil.rmtree(p, ignore_errors=True)
            # never descend into what was just removed or is kept
            dirnames[:] = sorted(n for n in dirnames if (prefix + n) in live)
    return counts, state
