"""Pelican readers: seed articles (.txt/.md/.html under the seeds path) and Markdown pages
rendered with markdown-it-py (everything else ending in .md)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from pelican.readers import BaseReader

from .. import settings as bsettings
from ..read.dispatch import SeedError, parse_file
from ..text import document_slug


def _in_seeds(settings, path: str) -> bool:
    seeds = Path(settings["PATH"], bsettings.get(settings, "BRIEFING_SEEDS_PATH")).resolve()
    try:
        Path(path).resolve().relative_to(seeds)
        return True
    except ValueError:
        return False


# slug → source of the seed that has it, for this build (seeds are read in sorted order,
# the order in which linking hands out slugs, so the later file is the one that gets "-2")
_slugs_seen: dict[str, str] = {}


def reset_build_state() -> None:
    _slugs_seen.clear()


def _note_duplicate(doc, slug: str) -> None:
    first = _slugs_seen.setdefault(slug, doc.source)
    if first != doc.source:
        note = f"same headline slug as {first} (“{doc.title[:60]}”): this briefing gets a numbered slug"
        doc.warnings[:] = ["; ".join([*doc.warnings, note])]


def note_seed(doc) -> str:
    """The slug of a parsed seed, noting (in its warnings) a headline slug already taken
    this build. Call once per seed, in sorted file order."""
    slug = document_slug(doc.title, doc.source)
    _note_duplicate(doc, slug)
    return slug


def read_seed(path: str) -> tuple[str, dict]:
    """Parse a seed into (empty content, metadata with the Document). Raises SeedError.

    ``parsed_warnings``: the parser's own warnings (before notes that depend on other seeds),
    what the document cache stores."""
    doc = parse_file(path)
    parsed_warnings = list(doc.warnings)
    slug = note_seed(doc)
    meta: dict = {"title": doc.title, "slug": slug, "document": doc, "parsed_warnings": parsed_warnings}
    if doc.published:
        try:
            meta["date"] = dt.datetime.fromisoformat(doc.published)
        except ValueError:
            pass
    return "", meta


class SeedReader(BaseReader):
    """Reads the scraped-text and saved-HTML forms of a seed article."""

    enabled = True
    file_extensions = ["txt", "html", "htm"]

    def read(self, source_path):
        return read_seed(source_path)


class MarkdownItReader(BaseReader):
    """Markdown with markdown-it-py: a seed under the seeds path, an ordinary page elsewhere."""

    enabled = True
    file_extensions = ["md", "markdown"]

    def read(self, source_path):
        if _in_seeds(self.settings, source_path):
            return read_seed(source_path)
        from ..read.pages import read_page

        return read_page(source_path, self.settings)


class _DisabledExcept(dict):
    """Pelican fills Readers.disabled_readers after readers_init and warns for every file
    a disabled reader would have read; the extensions we read are not disabled."""

    def __init__(self, ours, *args):
        super().__init__(*args)
        self.ours = set(ours)

    def __setitem__(self, ext, reader):
        if ext not in self.ours:
            super().__setitem__(ext, reader)


def add_readers(readers) -> None:
    for ext in SeedReader.file_extensions:
        readers.reader_classes[ext] = SeedReader
    for ext in MarkdownItReader.file_extensions:
        readers.reader_classes[ext] = MarkdownItReader
    # Pelican's own Markdown reader is disabled (no `markdown` package); ours replaces it
    ours = [*SeedReader.file_extensions, *MarkdownItReader.file_extensions]
    readers.disabled_readers = _DisabledExcept(ours, {k: v for k, v in readers.disabled_readers.items() if k not in ours})
