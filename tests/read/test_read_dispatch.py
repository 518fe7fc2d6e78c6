"""read/dispatch.py: one reader per form, every failure one SeedError line, shared checks and limits."""
from __future__ import annotations

import pytest

from briefing.read import dispatch as parsing
from briefing.read.dispatch import SeedError, limit_size, parse_bytes, parse_file, parse_text, quote_problem, split_long
from briefing.model import Document, Figure

BODY = "First paragraph of the article, officials said.\n\nSecond paragraph."


def test_dispatch_by_extension(tmp_path):
    for name, text in [("a.txt", f"Title A\n\n{BODY}"), ("b.md", f"---\ntitle: Title B\n---\n{BODY}"),
                       ("c.html", "<h1>Title C</h1><p>First paragraph of the article, officials said. "
                                  "It goes on for long enough to be a real paragraph of running text.</p>")]:
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert parse_file(tmp_path / name).title == f"Title {name[0].upper()}"
    (tmp_path / "d.pdf").write_bytes(b"%PDF")
    with pytest.raises(SeedError, match="unknown extension"):
        parse_file(tmp_path / "d.pdf")
    with pytest.raises(SeedError, match="cannot read"):
        parse_file(tmp_path / "missing.txt")


@pytest.mark.parametrize("data, problem", [
    (b"", "empty file"),
    (b"  \n\t ", "whitespace only"),
    ("\u00a0\n\u3000".encode(), "whitespace only"),
    (b"\x00\x00\x00\x01" * 10, "binary"),
    (b"Only a headline\n", "headline only"),
    (("word " * 60 + "\n\n" + BODY).encode(), "no headline"),
])
def test_unusable_input_is_one_line_seed_error(data, problem):
    with pytest.raises(SeedError) as err:
        parse_bytes(data, "bad.txt", ".txt")
    msg = str(err.value)
    assert msg.startswith("bad.txt: ") and problem in msg and "\n" not in msg


def test_repairs_are_one_warning_line():
    doc = parse_bytes(("Title\r\n\r\n" + BODY.replace("\n", "\r\n") + "\x00").encode("utf-16"), "w.txt", ".txt")
    assert doc.paragraphs == ["First paragraph of the article, officials said.", "Second paragraph."]
    assert len(doc.warnings) == 1
    assert all(s in doc.warnings[0] for s in ("utf-16", "CRLF", "NUL"))
    assert parse_bytes(f"Title\n\n{BODY}".encode(), "ok.txt", ".txt").warnings == []


def test_reader_bug_becomes_seed_error(monkeypatch):
    def broken(text, source):
        raise KeyError("oops")
    monkeypatch.setitem(parsing.PARSERS, ".txt", broken)
    with pytest.raises(SeedError, match=r"could not be read \(KeyError"):
        parse_text("Title\n\nBody.", "x.txt", ".txt")


def test_headline_without_letters_warns_and_long_headline_is_shortened():
    doc = parse_text(f"🔥🔥🔥\n\n{BODY}", "e.txt", ".txt")
    assert "no letters or digits" in doc.warnings[0]
    doc = parse_text(f"---\ntitle: {'Long words here ' * 40}\n---\n{BODY}", "l.md", ".md")
    assert len(doc.title) <= parsing.MAX_TITLE_CHARS + 1 and doc.title.endswith("…")


def test_markup_in_text_is_kept_as_text_with_a_warning():
    doc = parse_text("<script>alert(1)</script> Title {{ 7*7 }}\n\n<img src=x onerror=alert(2)> Body.", "m.txt", ".txt")
    assert doc.title == "<script>alert(1)</script> Title {{ 7*7 }}"
    assert doc.paragraphs == ["<img src=x onerror=alert(2)> Body."]
    assert "markup" in doc.warnings[0]


def test_split_long_paragraph_at_sentence_ends():
    sentence = "The council debated the budget line by line. "
    pieces = split_long((sentence * 1000).strip(), limit=1000)
    assert all(len(p) <= 1000 for p in pieces)
    assert " ".join(pieces) == (sentence * 1000).strip()
    assert all(p.endswith(".") for p in pieces)
    no_stops = "word " * 1000
    assert all(len(p) <= 1000 for p in split_long(no_stops.strip(), limit=1000))
    assert split_long("short.") == ["short."]


def test_limit_size_splits_giant_paragraphs_and_keeps_every_block():
    doc = Document(source="x", title="T")
    for i in range(10):
        doc.add_paragraph(f"Paragraph {i} opens. " + "The council met again. " * (600 if i == 4 else 2))
        if i == 1:
            doc.add_figure(Figure("caption"))
            doc.add_heading("Section")
    text = " ".join(doc.paragraphs)
    notes = limit_size(doc)
    assert notes == ["1 paragraph over 10,000 characters split at sentence ends"]
    assert " ".join(doc.paragraphs) == text  # nothing dropped
    assert all(len(p) <= parsing.MAX_PARAGRAPH_CHARS for p in doc.paragraphs) and len(doc.paragraphs) == 11
    assert [b.kind for b in doc.blocks][:5] == ["paragraph", "paragraph", "figure", "heading", "paragraph"]
    assert doc.sections == ["Section"] and len(doc.figures) == 1


def test_ten_megabyte_text_is_read_whole():
    """No body is cut: the last of 30,000 paragraphs is read (issue 19)."""
    paras = [f"Paragraph {i} of the transcript: the committee heard the witness again, and the "
             f"chair said the hearing would go on. " * 3 for i in range(30_000)]
    paras = [p.strip() for p in paras]
    data = ("Big\n\n" + "\n\n".join(paras)).encode()
    assert len(data) > 10 * 1024 * 1024
    doc = parse_bytes(data, "big.txt", ".txt")
    assert doc.paragraphs == paras
    assert not doc.warnings


def test_quote_problems():
    assert quote_problem(["“Fine,” he said.", "“A quote that runs on"]) is None
    assert "unbalanced" in quote_problem(["“" * 20 + " said"])
    assert "quotation marks" in quote_problem(['"' * 2000])


def test_html_page_in_its_declared_charset():
    html = ("<html><head><meta charset='windows-1251'><title>Новини</title></head><body><article>"
            "<h1>Київ відновлює мости</h1><p>Міська рада затвердила план відновлення мостів до кінця року, "
            "повідомили посадовці у вівторок після засідання.</p></article></body></html>")
    doc = parse_bytes(html.encode("cp1251"), "ua.html", ".html")
    assert doc.title == "Київ відновлює мости"
    assert "decoded as windows-1251" in doc.warnings[0]


def test_deeply_nested_page_is_read_or_skipped_cleanly():
    long = "The ministers met for six hours on Tuesday and agreed a plan to rebuild the bridges, officials said."
    html = "<h1>Deep page</h1>" + "<div>" * 3000 + f"<p>{long}</p>" + "</div>" * 3000
    try:
        doc = parse_bytes(html.encode(), "deep.html", ".html")
    except SeedError as exc:
        assert "\n" not in str(exc)
    else:
        assert doc.paragraphs == [long]
