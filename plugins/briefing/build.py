"""Atomic site build: Pelican renders into a temporary directory; output/ is replaced only
when the build succeeded, and files whose bytes did not change keep their mtime."""
from __future__ import annotations

import filecmp
import logging
import os
import shutil
import tempfile
from pathlib import Path


class BuildError(Exception):
    pass


class _ErrorCounter(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def sync_tree(src: Path, dst: Path) -> None:
    """Make dst identical to src; unchanged files are not rewritten (mtime kept)."""
    dst.mkdir(parents=True, exist_ok=True)
    src_entries = {p.relative_to(src) for p in src.rglob("*")}
    for rel in sorted(src_entries):
        s, d = src / rel, dst / rel
        if s.is_dir():
            if d.exists() and not d.is_dir():
                d.unlink()
            d.mkdir(exist_ok=True)
        else:
            if d.is_dir():
                shutil.rmtree(d)
            if d.exists() and filecmp.cmp(s, d, shallow=False):
                continue
            tmp = d.with_name(f".{d.name}.tmp")
            shutil.copy2(s, tmp)
            os.replace(tmp, d)
    for p in sorted(dst.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if p.relative_to(dst) not in src_entries:
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
            elif p.exists() or p.is_symlink():
                p.unlink()


def build_site(settings_file: str = "pelican.conf.py", output: str | None = None) -> Path:
    from pelican import Pelican
    from pelican.settings import read_settings

    settings_path = Path(settings_file).resolve()
    if not settings_path.exists():
        raise BuildError(f"settings file {settings_file} not found")
    base = read_settings(str(settings_path))
    final = Path(output or base["OUTPUT_PATH"]).resolve()
    final.parent.mkdir(parents=True, exist_ok=True)
    counter = _ErrorCounter()
    logging.getLogger().addHandler(counter)
    try:
        with tempfile.TemporaryDirectory(prefix=".build-", dir=final.parent) as tmp:
            settings = read_settings(str(settings_path), override={"OUTPUT_PATH": tmp, "DELETE_OUTPUT_DIRECTORY": False})
            try:
                Pelican(settings).run()
            except BuildError:
                raise
            except Exception as exc:  # a plugin or template failure: report, keep old output
                raise BuildError(f"{exc.__class__.__name__}: {exc}") from exc
            if counter.messages:
                raise BuildError(counter.messages[0])
            sync_tree(Path(tmp), final)
    finally:
        logging.getLogger().removeHandler(counter)
    return final
