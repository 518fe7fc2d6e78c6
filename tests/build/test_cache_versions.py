"""What the cache versions cover: the document cache follows the modules the readers import
(an edit to rendering code re-parses nothing), the extraction cache follows the extraction
code (an edit to a parser changes only the Documents it parses differently)."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from briefing.build import cache

from conftest import ROOT


@pytest.fixture
def package(tmp_path):
    dest = tmp_path / "briefing"
    shutil.copytree(cache.PACKAGE_DIR, dest, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def _touch(path):
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")


def test_module_closure_follows_relative_imports_lazy_ones_too(package):
    names = {p.relative_to(package.resolve()).as_posix() for p in cache.module_closure(package, cache.READER_ROOTS)}
    assert {"read/dispatch.py", "read/md.py", "read/html.py", "read/txt.py", "text.py", "model.py",
            "pelican_layer/reader.py"} <= names  # the parsers are imported inside functions
    assert not names & {"link/site.py", "render/memo.py", "pelican_layer/generator.py", "__init__.py"}
    ext = {p.relative_to(package.resolve()).as_posix() for p in cache.module_closure(package, ("extract/article.py",))}
    assert {"extract/actors/__init__.py", "extract/actors/gazetteer.py", "extract/actors/newswords.py",
            "extract/quotes/__init__.py"} <= ext


def test_reader_version_ignores_rendering_code(package):
    before = cache.reader_version(package)
    _touch(package / "link" / "site.py")
    _touch(package / "render" / "memo.py")
    assert cache.reader_version(package) == before
    _touch(package / "read" / "md.py")
    assert cache.reader_version(package) != before


def test_extractor_version_follows_rules_not_parsers(package):
    before = cache.extractor_version(package_dir=package)
    _touch(package / "read" / "html.py")
    _touch(package / "link" / "site.py")
    assert cache.extractor_version(package_dir=package) == before
    _touch(package / "extract" / "actors" / "gazetteer.py")
    assert cache.extractor_version(package_dir=package) != before


def test_importing_parsing_loads_no_parser_library():
    code = ("import sys; import briefing.read.dispatch as p; "
            "print(sorted(m for m in ('bs4', 'markdown_it', 'yaml', 'lxml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={"PYTHONPATH": str(ROOT / "plugins"), "PATH": ""})
    assert out.stdout.strip() == "[]"
