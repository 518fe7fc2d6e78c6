"""What the cache versions cover: the document cache follows the modules the readers import
(an edit to rendering code re-parses nothing), the extraction cache follows the extraction
code (an edit to a parser changes only the Documents it parses differently)."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from briefing import cache

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
    assert {"parsing.py", "parse_md.py", "parse_html.py", "parse_txt.py", "text.py", "model.py",
            "pelican_layer/reader.py"} <= names  # parse_* are imported inside functions
    assert not names & {"linking.py", "render/memo.py", "pelican_layer/generator.py", "__init__.py"}
    ext = {p.relative_to(package.resolve()).as_posix() for p in cache.module_closure(package, ("extract.py",))}
    assert {"actors/__init__.py", "actors/gazetteer.py", "actors/newswords.py", "quotes/__init__.py"} <= ext


def test_reader_version_ignores_rendering_code(package):
    before = cache.reader_version(package)
    _touch(package / "linking.py")
    _touch(package / "render" / "memo.py")
    assert cache.reader_version(package) == before
    _touch(package / "parse_md.py")
    assert cache.reader_version(package) != before


def test_extractor_version_follows_rules_not_parsers(package):
    before = cache.extractor_version(package_dir=package)
    _touch(package / "parse_html.py")
    _touch(package / "linking.py")
    assert cache.extractor_version(package_dir=package) == before
    _touch(package / "actors" / "gazetteer.py")
    assert cache.extractor_version(package_dir=package) != before


def test_importing_parsing_loads_no_parser_library():
    code = ("import sys; import briefing.parsing as p; "
            "print(sorted(m for m in ('bs4', 'markdown_it', 'yaml', 'lxml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={"PYTHONPATH": str(ROOT / "plugins"), "PATH": ""})
    assert out.stdout.strip() == "[]"
