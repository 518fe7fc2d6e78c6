"""The extraction cache: one pickled Extraction per (seed content, extractor version).

* key = sha256(extractor version + the parsed Document's JSON). The Document is what the
  extractor sees, so any change to the seed's text that changes the parse changes the key.
* extractor version = sha256 of the extraction code and rules (the ``briefing`` package's
  extract/ (article, actors, quotes, nlp), model and text modules and data files, and whatever
  else extract/article.py imports) + the spaCy model's name and version + spaCy's version. Editing a rule
  invalidates every entry; editing a parser changes only the keys of the Documents it
  parses differently.
* Overrides (content/actors/*.md) are applied when linking, after extraction, so they are
  not part of the key: an edited override never costs a re-extraction.
* Entries live under ``<BRIEFING_CACHE_PATH>/<version>/<k[:2]>/<k>.pickle``; directories of
  other versions are removed when a new version first writes. Deleting the whole folder is
  always safe: the next build re-extracts. Unreadable or corrupt entries are misses.
* Writes are atomic (temp file + os.replace), so a build killed mid-write never leaves a
  half-written entry that a later build would trust.
"""
from __future__ import annotations

import hashlib
import json
import logging
import pickle
import re
import shutil
from dataclasses import fields, is_dataclass
from importlib.metadata import PackageNotFoundError, version as _pkg_version
from pathlib import Path

from ..atomic import write_atomic
from ..model import Document, Extraction

log = logging.getLogger("briefing")

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the package folder
# What the extraction of one document depends on, relative to the package folder.
# Folders are hashed recursively (every .py and rule/data file in them).
# (The parsers are not among them: what they produce, the Document, is part of every key.)
EXTRACTION_SOURCES = (
    "extract/article.py", "extract/actors", "extract/quotes", "model.py", "extract/nlp.py",
    "text.py", "data",
)
_DATA_SUFFIXES = {".py", ".json", ".txt", ".yaml", ".yml", ".csv", ".tsv"}
FORMAT = "1"  # bump when the entry layout changes


def _source_files(package_dir: Path) -> list[Path]:
    files: set[Path] = set()
    for pattern in EXTRACTION_SOURCES:
        for p in package_dir.glob(pattern):
            if p.is_dir():
                files.update(q for q in p.rglob("*") if q.is_file() and q.suffix in _DATA_SUFFIXES
                             and "__pycache__" not in q.parts)
            elif p.is_file():
                files.add(p)
    files.update(module_closure(package_dir, ("extract/article.py",)))  # whatever else extraction imports
    return sorted(files)


def _spacy_version() -> str:
    try:
        return _pkg_version("spacy")
    except PackageNotFoundError:
        return "none"


def extractor_version(model_name: str | None = None, package_dir: Path = PACKAGE_DIR) -> str:
    """A short hash of everything an extraction depends on besides the document itself."""
    from ..extract import nlp

    h = hashlib.sha256()
    h.update(f"format={FORMAT}\n".encode())
    for p in _source_files(package_dir):
        h.update(p.relative_to(package_dir).as_posix().encode() + b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    h.update(nlp.model_signature(model_name or nlp.MODEL_NAME).encode())
    h.update(f"\nspacy={_spacy_version()}".encode())
    return h.hexdigest()[:16]


_FIELDS: dict[type, tuple[str, ...]] = {}


def plain(obj):
    """dataclasses.asdict without its deep copies (the same structure, several times faster)."""
    cls = type(obj)
    names = _FIELDS.get(cls)
    if names is None and is_dataclass(obj) and not isinstance(obj, type):
        names = _FIELDS[cls] = tuple(f.name for f in fields(obj))
    if names is not None:
        return {n: plain(getattr(obj, n)) for n in names}
    if isinstance(obj, (list, tuple)):
        return cls(plain(x) for x in obj) if cls in (list, tuple) else [plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    return obj


# id(document) → (document, key of the seed bytes it was parsed from), this build
_seed_keys: dict[int, tuple[Document, str]] = {}


def reset_build_state() -> None:
    _seed_keys.clear()


def remember_seed_key(doc: Document, seed_key: str) -> None:
    """``doc`` is what the parsed-seed cache holds under ``seed_key`` (a hash of the parser
    code, the file name and its bytes), with this build's notes in its warnings."""
    _seed_keys[id(doc)] = (doc, seed_key)


def document_key(doc: Document, version: str) -> str:
    """The extraction cache key of a document: a hash of the extractor ``version`` and the
    document. A document known to be a parsed seed is hashed as its seed key plus its
    warnings (the only field set after parsing) — no need to serialise it whole."""
    known = _seed_keys.get(id(doc))
    h = hashlib.sha256(version.encode() + b"\0")
    if known is not None and known[0] is doc:
        h.update(b"seed\0" + known[1].encode() + b"\0")
        h.update(json.dumps(doc.warnings, ensure_ascii=False).encode("utf-8"))
        return h.hexdigest()
    payload = json.dumps(plain(doc), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    h.update(payload.encode("utf-8"))
    return h.hexdigest()


class ExtractionCache:
    """A folder of pickled extractions for one extractor version."""

    value_type: type = Extraction

    def __init__(self, root: str | Path, version: str):
        self.root = Path(root)
        self.version = version
        self.dir = self.root / version
        self._pruned = False

    def key(self, doc: Document) -> str:
        return document_key(doc, self.version)

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.pickle"

    def has(self, key: str) -> bool:
        """An entry exists (it may still turn out unreadable: ``get`` decides)."""
        return self._path(key).is_file()

    def get(self, key: str) -> Extraction | None:
        path = self._path(key)
        try:
            with open(path, "rb") as fh:
                value = pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception as exc:  # corrupt or from incompatible code: a miss, and drop it
            log.warning("briefing: cache entry %s unreadable (%s) — re-extracting", path.name, exc.__class__.__name__)
            try:
                path.unlink()
            except OSError:
                pass
            return None
        return value if isinstance(value, self.value_type) else None

    def put(self, key: str, value: Extraction) -> None:
        path = self._path(key)
        try:
            self._prune_other_versions()
            write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), prefix=f".{key[:8]}-")
        except OSError as exc:  # a read-only or full disk slows builds down but never breaks them
            log.warning("briefing: cannot write extraction cache at %s (%s)", self.root, exc.strerror or exc)

    def _prune_other_versions(self) -> None:
        if self._pruned:
            return
        self._pruned = True
        if not self.root.is_dir():
            return
        for p in self.root.iterdir():
            if p.is_dir() and p.name != self.version:
                shutil.rmtree(p, ignore_errors=True)

    def entries(self) -> int:
        return sum(1 for _ in self.dir.rglob("*.pickle")) if self.dir.is_dir() else 0


# ---- parsed documents --------------------------------------------------------------------


# the modules that turn seed bytes into a Document (with everything they import)
READER_ROOTS = ("read/dispatch.py", "pelican_layer/reader.py")
_IMPORT = re.compile(r"^[ \t]*from[ \t]+(\.+)([\w.]*)[ \t]+import[ \t]+(?:\(([^)]*)\)|([\w, \t]+))", re.M)


def module_closure(package_dir: Path, roots: tuple[str, ...]) -> list[Path]:
    """The package's source files that ``roots`` import, directly or not (relative imports,
    at any indentation, so lazy imports inside functions count too). A folder's
    ``__init__.py`` counts only when the folder itself is imported (``from .actors import``)."""
    package_dir = package_dir.resolve()
    seen: set[Path] = set()
    todo = [package_dir / r for r in roots]
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for dots, mod, group, names in _IMPORT.findall(source):
            names = (group or names).replace("\n", " ")
            base = path.parent
            for _ in range(len(dots) - 1):
                base = base.parent
            if mod:
                base = base.joinpath(*mod.split("."))
                candidates = [base.with_suffix(".py"), base / "__init__.py"]
            else:  # from . import a, b
                candidates = []
            for name in (n.strip().split(" ")[0] for n in names.split(",")):
                if name:
                    candidates += [base / f"{name}.py", base / name / "__init__.py"]
            for c in candidates:
                if c.is_file() and package_dir in c.parents:
                    todo.append(c)
    return sorted(seen)


def reader_version(package_dir: Path = PACKAGE_DIR) -> str:
    """A short hash of the code that turns seed bytes into a Document (the readers, parsers
    and text helpers, found by following their imports) and of the libraries they use."""
    h = hashlib.sha256(f"format={FORMAT}\n".encode())
    for p in module_closure(package_dir, READER_ROOTS):
        h.update(p.relative_to(package_dir.resolve()).as_posix().encode() + b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    for dist in ("pelican", "markdown-it-py", "mdit-py-plugins", "beautifulsoup4", "lxml", "trafilatura",
                 "charset-normalizer", "python-slugify", "pyyaml", "pycountry"):
        try:
            h.update(f"{dist}=={_pkg_version(dist)}\n".encode())
        except PackageNotFoundError:
            h.update(f"{dist}=none\n".encode())
    return h.hexdigest()[:16]


class DocumentCache(ExtractionCache):
    """Parsed seeds (the parser's Document, before cross-seed notes), keyed by the seed's
    file name and raw bytes: an unchanged seed is not parsed again. Lives beside the
    extraction cache (``<BRIEFING_CACHE_PATH>-read``); deleting it is always safe."""

    value_type = Document

    def key_for(self, name: str, data: bytes) -> str:
        h = hashlib.sha256(self.version.encode() + b"\0" + name.encode("utf-8", "surrogateescape") + b"\0")
        h.update(data)
        return h.hexdigest()
