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
import json
import logging
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..atomic import write_atomic
from .inputs import input_fingerprints
from .sync import sync_tree

# what the last build_site call did (observable by tests, serve and the bench)
last_result: dict = {}


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


def _wait_for_background_work() -> None:
    """Threads a build started (the search index, the file writer) are done; after a
    failure their results and errors no longer matter."""
    from .. import search
    from ..render import memo

    search.reset_build_state()  # joins an index still running (a build that failed meanwhile)
    try:
        memo.flush_writes()
    except Exception:  # noqa: BLE001 - the build already failed (or flushed: then nothing is left)
        pass


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


def _output_state(out: Path) -> dict[str, list[int]]:
    from ..render.memo import output_state

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
    write_atomic(path, json.dumps({"inputs": fingerprint, "output": _output_state(final) if state is None else state},
                                  separators=(",", ":")).encode("utf-8"))


def _summary(messages: list[str], show: int = 3) -> str:
    text = " | ".join(messages[:show])
    if len(messages) > show:
        text += f" (and {len(messages) - show} more error(s))"
    return text


def build_site(settings_file: str = "pelican.conf.py", output: str | None = None, force: bool = False,
               dask: str | None = None) -> Path:
    """Build the site; raise BuildError (output untouched) when anything went wrong.

    When no input changed since the last successful build and output/ is as that build
    left it, nothing is rendered (``last_result["skipped"]``); ``force`` (or the
    environment variable BRIEFING_FORCE_BUILD=1) renders anyway. ``dask`` (an address,
    ``local`` or ``local:N``) overrides the BRIEFING_DASK setting: the articles to extract
    are extracted on that Dask cluster.
    """
    from pelican import Pelican
    from pelican.settings import read_settings

    global last_result
    last_result = {"skipped": False}
    force = force or os.environ.get("BRIEFING_FORCE_BUILD", "") not in ("", "0")
    settings_path = Path(settings_file).resolve()
    if not settings_path.exists():
        raise BuildError(f"settings file {settings_file} not found")
    override = {"BRIEFING_DASK": dask} if dask else {}
    try:
        base = read_settings(str(settings_path), override=dict(override))
    except Exception as exc:  # a broken pelican.conf.py
        raise BuildError(f"{settings_path.name}: {exc.__class__.__name__}: {exc}") from exc
    from .dask_pool import ClusterError, cancel_early
    from .pipeline import start_cluster_early

    try:  # new seeds and a Dask cluster: connect now (an unreachable scheduler fails here)
        start_cluster_early(base)
    except ClusterError as exc:
        raise BuildError(str(exc)) from exc
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
            from ..render import memo

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
                        str(settings_path), override={**override, "OUTPUT_PATH": tmp, "DELETE_OUTPUT_DIRECTORY": False,
                                                      "JINJA_ENVIRONMENT": _jinja_environment(base, final)}
                    )
                    Pelican(settings).run()
                    from ..render import memo as _memo

                    _memo.flush_writes()  # every file the build wrote is on disk (or the error is raised)
                except BuildError:
                    raise
                except ClusterError as exc:  # one line already
                    raise BuildError(str(exc)) from exc
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
                _wait_for_background_work()  # nothing may still write into tmp when it is removed
                shutil.rmtree(tmp, ignore_errors=True)
            if keep:  # retained folders are part of output/ as the up-to-date check sees it
                new_state = None
            _write_manifest(final, fingerprint, new_state)
            memo.save(final, new_state)
            last_result = {"skipped": False, **counts, **{f"memo_{k}": v for k, v in memo.stats.items()}}
    finally:
        cancel_early()  # a Dask session started for this build and not used (it failed, or was skipped)
        if collecting:
            gc.enable()
        root.removeHandler(counter)
        if console is not None:
            root.removeHandler(console)
        from ..render import memo

        memo.reset_build_state()  # a later plain Pelican run in this process memoizes nothing
    return final
