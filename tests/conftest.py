"""Shared fixtures: paths, a temp copy of the site, a built site."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests never depend on the machine's speed: no per-example deadline, and no
# health check failing because generating examples was slow on a busy machine (tests may
# still set their own, stricter settings; what they leave out comes from this profile).
settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")

ROOT = Path(__file__).resolve().parent.parent
# tests/<stage>/ mirror the package's stages; a few test modules share helpers across stages
# (test_timeline's documents, test_render_memo's corpus, test_build_atomic's snapshot)
for _stage in ("read", "extract", "link", "render", "search", "build"):
    if str(Path(__file__).parent / _stage) not in sys.path:
        sys.path.append(str(Path(__file__).parent / _stage))
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "tests" / "fixtures"
GOLD_DIR = ROOT.parent / "shared" / "gold"
GOLD_COPY = FIXTURES / "gold"  # committed copy, so tests run where ../shared is absent


def load_gold(name: str) -> dict:
    for d in (GOLD_COPY, GOLD_DIR):
        p = d / name
        if p.exists():
            return json.loads(p.read_text(encoding="utf-8"))
    pytest.skip(f"gold file {name} not available")


def copy_site(dest: Path, seeds: list[Path] | None = None) -> Path:
    """A temp copy of the project (config, content, theme, seeds) to build in."""
    for name in ("pelican.conf.py",):
        shutil.copy(ROOT / name, dest / name)
    for d in ("content", "theme"):
        shutil.copytree(ROOT / d, dest / d)
    (dest / "plugins").symlink_to(ROOT / "plugins")
    (dest / "seeds").mkdir()
    for s in seeds if seeds is not None else sorted(SEEDS.iterdir()):
        shutil.copy(s, dest / "seeds" / s.name)
    return dest


def build(site_dir: Path, **overrides) -> Path:
    """Build the site in site_dir into site_dir/output with the atomic builder."""
    from briefing.build.run import build_site

    return build_site(str(site_dir / "pelican.conf.py"), output=str(site_dir / "output"), **overrides)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site (both seeds) built once per test session; returns its output dir."""
    site = copy_site(tmp_path_factory.mktemp("site"))
    return build(site)


@pytest.fixture(scope="session")
def actors_of():
    """``actors_of(*paragraphs)``: the actors found in an article of those paragraphs, by
    name; every mention is checked to be the exact text at its offsets."""
    from briefing.extract.actors import find_actors
    from briefing.extract.nlp import get_nlp
    from briefing.model import Document

    nlp = get_nlp()

    def _run(*paragraphs):
        doc = Document(source="t.md", title="A report on things")
        for p in paragraphs:
            doc.add_paragraph(p)
        actors = find_actors(doc, list(nlp.pipe(doc.paragraphs)))
        for a in actors:
            for m in a.mentions:
                assert doc.paragraphs[m.paragraph][m.start:m.end] == m.text
        return {a.name: a for a in actors}

    return _run
