"""Render memo: a page whose inputs did not change since the previous build is *kept* from
the previous output instead of being rendered again.

* ``build.build_site`` calls ``configure(final, code, state)`` before Pelican runs: ``final``
  is the published output folder (the previous build's result), ``code`` a hash of
  everything but the seeds (settings, theme, plugin code, content, library versions),
  ``state`` the {rel: [size, mtime_ns]} of every file now in ``final``.
* A generator computes ``fingerprint(...)`` of exactly the data a page is rendered from
  (pickled: equal bytes ⇒ equal data; a spurious difference only costs a render), then
  ``reuse(out_dir, rel, fp)``: when the previous build wrote ``rel`` with the same
  fingerprint and the file in ``final`` still has the size and mtime that build left, the
  page is kept: nothing is written to the build folder (``out_dir``) and the sync leaves
  the file in ``final`` alone (``kept``). Otherwise the generator renders into the build
  folder and calls ``record(rel, fp)``. Kept pages are never opened for writing, so a
  failed build cannot touch the published output.
* ``keep(rel)`` keeps any file of the previous output (no fingerprint: the caller knows the
  file is still right, e.g. a search bundle made from unchanged pages);
  ``output_files(out_dir)`` lists every file of this build's output and where its bytes
  are now (the build folder, or ``final`` for kept files).
* Values computed from one item's data (key points and dates of a briefing) are kept the
  same way: ``cached_value(fp)`` / ``keep_value(fp, value)``, saved beside the manifest.
* After a successful build, ``save(final, state)`` writes the manifest (``.cache/<name>.render-memo.json``
  beside the output: fingerprint, size, mtime of every memoized page). A failed build
  writes nothing (the old output and its manifest stay consistent). Without ``configure``
  (a plain ``pelican`` run) nothing is memoized: every page is rendered.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
from contextlib import contextmanager
from pathlib import Path

from ..atomic import write_atomic

FORMAT = "2"
_config: dict | None = None  # {"previous": Path, "code": str, "pages": {rel: [fp, size, mtime_ns]}, "state": {...}}
_records: dict[str, str] = {}  # rel → fingerprint, this build
_shas: dict[str, str | None] = {}  # rel → sha256 of the bytes of the file, this build
_values: dict[str, object] = {}  # fingerprint → computed value, this build (saved for the next)
_previous_values: dict[str, object] = {}
kept: dict[str, list[int]] = {}  # rel → [size, mtime_ns] of files kept from the previous output
_dirs: set[str] = set()  # folders known to exist in this build's output
stats = {"reused": 0, "rendered": 0, "same_bytes": 0}


class _Writer:
    """Writes files in a thread: the build renders the next page while the file system
    creates this one (open, write and mkdir release the GIL; on a slow disk they cost as
    much as the rendering). ``flush`` waits for every file and raises the first error."""

    def __init__(self):
        import queue
        import threading

        self._q: "queue.Queue" = queue.Queue(maxsize=512)  # bounded: pages are not all held in memory
        self._dirs: set[str] = set()
        self.error: BaseException | None = None
        self._t = threading.Thread(target=self._run, name="briefing-writer", daemon=True)
        self._t.start()

    def _run(self) -> None:
        while True:
            item = self._q.get()
            if item is None:
                return
            if self.error is not None:
                continue
            path, data = item
            try:
                parent = os.path.dirname(path)
                if parent not in self._dirs:
                    os.makedirs(parent, exist_ok=True)
                    self._dirs.add(parent)
                with open(path, "wb") as fh:
                    fh.write(data)
            except BaseException as exc:  # reported by flush, in the build's thread
                self.error = exc

    def put(self, path: str, data: bytes) -> None:
        if self.error is not None:
            raise self.error
        self._q.put((path, data))

    def close(self) -> None:
        self._q.put(None)
        self._t.join()


_writer: _Writer | None = None
_sync = False  # write in the calling thread (render.split: both processes render, none waits)


@contextmanager
def synchronous_writes():
    """Files are written by the calling thread while this is active (no writer thread:
    while two processes render, neither has a spare core for it, and a writer thread must
    win the GIL back after every system call)."""
    global _sync
    old, _sync = _sync, True
    try:
        yield
    finally:
        _sync = old


def begin_child() -> None:
    """In a forked render child: start this process's own account of what it writes (sent
    to the build's process by ``child_report``); the parent's writer thread is not ours."""
    global _writer
    _writer = None
    _records.clear()
    _shas.clear()
    kept.clear()
    _values.clear()
    stats.update(reused=0, rendered=0, same_bytes=0)


def child_report() -> dict:
    """What a render child wrote and kept, for ``merge_child`` in the build's process."""
    return {"records": dict(_records), "shas": dict(_shas), "kept": dict(kept), "values": dict(_values),
            "stats": dict(stats), "dirs": sorted(_dirs)}


def merge_child(report: dict) -> None:
    _records.update(report["records"])
    _shas.update(report["shas"])
    for rel, st in report["kept"].items():
        kept[rel] = st
    _values.update(report["values"])
    for k, v in report["stats"].items():
        stats[k] = stats.get(k, 0) + v
    _dirs.update(report["dirs"])


def flush_writes() -> None:
    """Every file written so far is on disk (call before reading the build folder)."""
    global _writer
    writer, _writer = _writer, None
    if writer is not None:
        writer.close()
        if writer.error is not None:
            raise writer.error


def reset_build_state() -> None:
    global _config, _writer, _sync
    if _writer is not None:  # a build that failed while files were queued: wait, drop errors
        _writer.close()
        _writer = None
    _config = None
    _sync = False
    _records.clear()
    _shas.clear()
    kept.clear()
    _dirs.clear()
    _values.clear()
    _previous_values.clear()
    stats.update(reused=0, rendered=0, same_bytes=0)


def manifest_path(final: Path) -> Path:
    return final.parent / ".cache" / f"{final.name}.render-memo.json"


def values_path(final: Path) -> Path:
    return final.parent / ".cache" / f"{final.name}.render-values.pickle"


def configure(final: Path, code: str | None, state: dict | None = None) -> None:
    """Memoize this build against the output in ``final`` (None code: memo off).

    ``state``: {rel: [size, mtime_ns]} of the files in ``final`` now (walked if None)."""
    global _config
    reset_build_state()
    if code is None:
        return
    if state is None:
        state = output_state(final)
    pages: dict = {}
    same_code = False
    try:
        data = json.loads(manifest_path(final).read_text(encoding="utf-8"))
        if data.get("format") == FORMAT and isinstance(data.get("pages"), dict):
            pages = data["pages"]
            same_code = data.get("code") == code
    except (OSError, ValueError):
        pass
    # fingerprints only hold for the same code; the bytes' hashes always do
    _config = {"previous": final, "code": code, "pages": pages, "state": state, "same_code": same_code}
    try:
        with open(values_path(final), "rb") as fh:
            data = pickle.load(fh)
        if isinstance(data, dict):
            _previous_values.update(data)
    except Exception:  # missing, corrupt or from other code: recompute
        _previous_values.clear()


def active() -> bool:
    return _config is not None


def can_reuse() -> bool:
    """Whether pages may be kept from the previous output at all (same code, a manifest, files)."""
    return _config is not None and _config["same_code"] and bool(_config["pages"]) and bool(_config["state"])


def fingerprint(*parts) -> str | None:
    """Hash of the code version and ``parts`` (None when the memo is off)."""
    if _config is None:
        return None
    h = hashlib.sha256(f"{FORMAT}\0{_config['code']}\0".encode())
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    # no memo: equal data gives equal bytes whether or not two equal strings are one object
    # (a fresh extraction and one loaded from the cache share objects differently)
    pickler.fast = True
    try:
        pickler.dump(parts)
    except (ValueError, RecursionError, pickle.PicklingError, TypeError):  # cyclic or unpicklable: render
        return None
    h.update(buf.getvalue())
    return h.hexdigest()


def output_state(out: Path) -> dict[str, list[int]]:
    """{relative posix path: [size, mtime_ns]} of every file under ``out``."""
    state: dict[str, list[int]] = {}
    if not os.path.isdir(out):
        return state

    def walk(path: str, prefix: str) -> None:
        with os.scandir(path) as it:
            for e in it:
                if e.is_dir(follow_symlinks=False):
                    walk(e.path, prefix + e.name + "/")
                else:
                    try:
                        st = e.stat(follow_symlinks=True)
                    except OSError:
                        continue
                    state[prefix + e.name] = [st.st_size, st.st_mtime_ns]

    walk(os.fspath(out), "")
    return state


def _parent_dir(path: Path) -> None:
    parent = os.fspath(path.parent)
    if parent not in _dirs:  # one mkdir per folder, not per file
        os.makedirs(parent, exist_ok=True)
        _dirs.add(parent)


def keep(rel: str) -> bool:
    """Keep the previous output's ``rel`` as it is (True), if the memo is on and it exists."""
    if _config is None:
        return False
    st = _config["state"].get(rel)
    if st is None:
        return False
    kept[rel] = st
    return True


def reuse(out_dir: str | Path, rel: str, fp: str | None, writer=None) -> bool:
    """Keep ``rel`` from the previous output when its fingerprint matches; True if done.

    ``writer`` (Pelican's): told the file is written, so a second write to the same path
    is reported as an overwrite like any other."""
    if fp is None or _config is None or not _config["same_code"]:
        return False
    prev = _config["pages"].get(rel)
    if not prev or prev[0] != fp:
        return False
    st = _config["state"].get(rel)
    if st is None or list(st) != list(prev[1:3]):  # missing, or touched since that build
        return False
    kept[rel] = st
    _mark_written(writer, out_dir, rel)
    _records[rel] = fp
    _shas[rel] = prev[3] if len(prev) > 3 else None
    stats["reused"] += 1
    return True


def _mark_written(writer, out_dir, rel: str) -> None:
    """Tell Pelican's writer the file is written: a second write to it fails loudly."""
    written = getattr(writer, "_written_files", None)
    if isinstance(written, set):
        path = os.path.abspath(os.path.join(str(out_dir), rel))
        if path in written:
            from pelican.writers import FileOverwriteFailedError

            raise FileOverwriteFailedError(f'Failed to overwrite "{path}": it was written before in this build')
        written.add(path)


def write_page(writer, out_dir, rel: str, template, context: dict, fp: str | None = None, **kwargs) -> None:
    """Render ``template`` with the local context Pelican's ``Writer.write_file`` gives
    (a copy of ``context``, ``output_file``, ``localsiteurl``, then ``kwargs``) and write
    it through the memo (``write_bytes``): bytes equal to the previous output's file are
    not written again."""
    local = context.copy()
    local["localsiteurl"] = local.get("localsiteurl", None)
    local["output_file"] = rel
    local.update(kwargs)
    data = template.render(local).encode("utf-8")
    _mark_written(writer, out_dir, rel)
    write_bytes(out_dir, rel, data, fp)


def write_bytes(out_dir, rel: str, data: bytes, fp: str | None = None) -> None:
    """Write one file of the output. When the previous output holds exactly these bytes
    at ``rel`` (sha256 in the manifest, file untouched since), that file is kept instead:
    a re-render that changes nothing writes nothing."""
    sha = hashlib.sha256(data).hexdigest() if _config is not None else None
    if fp is None and sha is not None:
        fp = "content:" + sha
    if _config is not None:
        prev = _config["pages"].get(rel)
        st = _config["state"].get(rel)
        if prev and len(prev) > 3 and prev[3] == sha and st is not None and list(st) == list(prev[1:3]):
            kept[rel] = st
            _records[rel] = fp
            _shas[rel] = sha
            stats["same_bytes"] += 1
            return
    path = Path(out_dir, rel)
    kept.pop(rel, None)  # written this build: the build folder's bytes win
    if _config is not None and not _sync:  # in build_site, which flushes before it reads the build folder
        global _writer
        if _writer is None:
            _writer = _Writer()
        _writer.put(os.fspath(path), data)
    else:
        _parent_dir(path)
        path.write_bytes(data)
    record(rel, fp)
    if fp is not None and _config is not None:
        _shas[rel] = sha


def output_files(out_dir: str | Path) -> dict[str, Path]:
    """Every file of this build's output → where its bytes are now (sorted by rel)."""
    flush_writes()
    files: dict[str, Path] = {}
    if _config is not None:
        for rel in kept:
            files[rel] = Path(_config["previous"], rel)
    for rel in output_state(Path(out_dir)):
        files[rel] = Path(out_dir, rel)
    return dict(sorted(files.items()))


def write_text(out_dir: str | Path, rel: str, text: str, fp: str | None = None) -> None:
    """Write a generated file (JSON, XML). ``fp``: a fingerprint of the data the text was
    made from (already looked up by the caller with ``reuse``); without it the content's
    hash serves."""
    write_bytes(out_dir, rel, text.encode("utf-8"), fp)


def cached_value(fp: str | None):
    """The value kept under ``fp`` by the previous build (None if none); kept again."""
    if fp is None:
        return None
    value = _previous_values.get(fp)
    if value is not None:
        _values[fp] = value
    return value


def keep_value(fp: str | None, value) -> None:
    """Keep a computed value (picklable) for the next build under its data's fingerprint."""
    if fp is not None and _config is not None:
        _values[fp] = value


def record(rel: str, fp: str | None) -> None:
    if fp is not None and _config is not None:
        _records[rel] = fp
        stats["rendered"] += 1


def save(final: Path, state: dict | None = None) -> None:
    """Write the manifest for the output now in ``final`` (after a successful sync);
    ``state``: {rel: [size, mtime_ns]} of its files (stat'ed if None)."""
    path = manifest_path(final)
    if _config is None:
        path.unlink(missing_ok=True)
        return
    pages = {}
    for rel, fp in sorted(_records.items()):
        st = state.get(rel) if state is not None else None
        if st is None:
            try:
                s = os.stat(Path(final, rel))
            except OSError:
                continue
            st = [s.st_size, s.st_mtime_ns]
        pages[rel] = [fp, *st, _shas.get(rel)]
    write_atomic(path, json.dumps({"format": FORMAT, "code": _config["code"], "pages": pages},
                                  separators=(",", ":")).encode("utf-8"))
    vpath = values_path(final)
    try:
        write_atomic(vpath, pickle.dumps(dict(_values), protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        vpath.unlink(missing_ok=True)
