"""Dispatch a seed file to the parser for its form; turn every failure into a clear message."""
from __future__ import annotations

from pathlib import Path

from .model import Document
from .parse_html import parse_html
from .parse_md import parse_md
from .parse_txt import parse_txt
from .text import UnreadableInput, clean_text, decode_bytes

PARSERS = {".txt": parse_txt, ".md": parse_md, ".markdown": parse_md, ".html": parse_html, ".htm": parse_html}
MAX_BYTES = 20 * 1024 * 1024


class SeedError(Exception):
    """A seed that cannot become a briefing. str() is one line naming the file and the problem."""

    def __init__(self, path: str | Path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{Path(path).name}: {problem}")


def is_seed(path: str | Path) -> bool:
    return Path(path).suffix.lower() in PARSERS


def parse_text(text: str, source: str, suffix: str) -> Document:
    parser = PARSERS.get(suffix.lower())
    if parser is None:
        raise SeedError(source, f"unknown extension {suffix!r} (expected .txt, .md or .html)")
    text = clean_text(text)
    if not text.strip():
        raise SeedError(source, "empty file")
    try:
        doc = parser(text, source)
    except SeedError:
        raise
    except (ValueError, RecursionError) as exc:
        raise SeedError(source, str(exc) or exc.__class__.__name__) from None
    if not doc.title:
        raise SeedError(source, "no headline")
    return doc


def parse_bytes(data: bytes, source: str, suffix: str) -> Document:
    if len(data) > MAX_BYTES:
        raise SeedError(source, f"file too large ({len(data) // 1024 // 1024} MB, limit {MAX_BYTES // 1024 // 1024} MB)")
    if not data.strip():
        raise SeedError(source, "empty file")
    try:
        text, encoding = decode_bytes(data)
    except UnreadableInput as exc:
        raise SeedError(source, str(exc)) from None
    doc = parse_text(text, source, suffix)
    if encoding not in ("utf-8", "ascii"):
        doc.warnings.append(f"decoded as {encoding}")
    return doc


def parse_file(path: str | Path) -> Document:
    path = Path(path)
    if not is_seed(path):
        raise SeedError(path, f"unknown extension {path.suffix!r} (expected .txt, .md or .html)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SeedError(path, f"cannot read: {exc.strerror}") from None
    return parse_bytes(data, path.name, path.suffix)
