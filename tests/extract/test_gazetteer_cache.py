"""The gazetteer's tables are cached (marshal beside the module's bytecode): the cache equals a
fresh build, is used when present, and a missing or corrupt file is simply rebuilt."""
from __future__ import annotations

import marshal

import pytest

from briefing.extract.actors import gazetteer


@pytest.fixture
def tmp_cache(tmp_path, monkeypatch):
    path = tmp_path / "__pycache__" / "gazetteer-test.marshal"
    monkeypatch.setattr(gazetteer, "cache_path", lambda: path)
    return path


def test_cached_tables_equal_a_fresh_build(tmp_cache):
    fresh = gazetteer.build_tables()
    first = gazetteer.load_tables()  # no file yet: built and written
    assert tmp_cache.is_file()
    second = gazetteer.load_tables()  # from the file
    assert first == fresh and second == fresh
    assert list(second["DEMONYMS"]) == list(fresh["DEMONYMS"])  # insertion order kept
    # the module's tables are those tables
    assert gazetteer.COUNTRY_NAMES == fresh["COUNTRY_NAMES"]
    assert gazetteer.CAPITALS == fresh["CAPITALS"] and gazetteer.BIG_CITIES == fresh["BIG_CITIES"]


def test_the_cache_file_is_used(tmp_cache, monkeypatch):
    gazetteer.load_tables()
    def boom():
        raise AssertionError("built again although cached")
    monkeypatch.setattr(gazetteer, "build_tables", boom)
    assert gazetteer.load_tables()["COUNTRY_NAMES"]["britain"] == "United Kingdom"


@pytest.mark.parametrize("junk", [b"", b"\x00garbage", marshal.dumps({"COUNTRY_NAMES": {}})])
def test_corrupt_or_partial_cache_is_rebuilt(tmp_cache, junk):
    tmp_cache.parent.mkdir(parents=True)
    tmp_cache.write_bytes(junk)
    tables = gazetteer.load_tables()
    assert tables == gazetteer.build_tables()
    assert marshal.loads(tmp_cache.read_bytes()) == tables  # rewritten


def test_unwritable_cache_still_works(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(gazetteer, "cache_path", lambda: blocker / "gazetteer-x.marshal")
    assert gazetteer.load_tables() == gazetteer.build_tables()


def test_cache_key_names_the_data_versions():
    key = gazetteer._cache_key()
    assert len(key) == 16 and key == gazetteer._cache_key()
    assert gazetteer.cache_path().name == f"gazetteer-{key}.marshal"
    assert gazetteer.cache_path().parent.name == "__pycache__"
