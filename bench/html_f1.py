"""Word-level precision / recall / F1 of the .html reader's body text, next to trafilatura
alone on the same pages:

* the project's own pages (tests/fixtures/html/*.html against *.expected.txt, regression);
* when ../shared/dev exists, the real saved pages (dev/html/NAME.html.gz against the reader
  text dev/htmlref/NAME.txt minus its headline line), scored as shared/tools/score_html.py
  does (bag of words over paragraphs, subheads, captions, credits and contributors; word
  totals pooled over the pages), and whether the title equals the reference headline.

Usage: .venv/bin/python bench/html_f1.py [DIR]
"""
from __future__ import annotations

import gzip
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

WORD = re.compile(r"\w+", re.U)


def words(text: str) -> Counter:
    return Counter(w.casefold() for w in WORD.findall(text))


def prf(pred: str, gold: str) -> tuple[float, float, float]:
    p, g = words(pred), words(gold)
    hit = sum((p & g).values())
    prec = hit / max(1, sum(p.values()))
    rec = hit / max(1, sum(g.values()))
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def trafilatura_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def ours_text(html: str, name: str) -> str:
    from briefing.read.html import body_text, parse_html

    return body_text(parse_html(html, name))


DEV = ROOT.parent / "shared" / "dev"


def dev_words(text: str) -> Counter:
    """score_html.py's words: quotes folded, apostrophes inside words."""
    text = text.replace("\u00a0", " ").replace("’", "'").replace("“", '"').replace("”", '"')
    return Counter(re.findall(r"[\w']+", text.lower()))


def extraction_text(doc) -> str:
    """What score_html.py reads from the extraction JSON of a document."""
    parts = list(doc.paragraphs) + list(doc.sections)
    for fig in doc.figures:
        parts += [fig.caption or "", fig.credit or ""]
    return "\n".join(parts + list(doc.contributors))


def dev_pages(dev: Path) -> int:
    import trafilatura

    from briefing.read.html import parse_html

    totals = {"ours": [0, 0, 0], "trafilatura": [0, 0, 0]}
    titles = n = 0
    print(f"\nreal pages ({dev}): word P / R per page, pooled F1")
    print(f"{'page':<30} {'ours P':>7} {'R':>6}   {'trafilatura P':>13} {'R':>6}  title")
    for page in sorted((dev / "html").glob("*.html.gz")):
        name = page.name[: -len(".html.gz")]
        ref = dev / "htmlref" / f"{name}.txt"
        if not ref.exists():
            continue
        html = gzip.open(page).read().decode("utf-8", errors="replace")
        headline, body = ref.read_text(encoding="utf-8").split("\n", 1)
        gold = dev_words(body)
        doc = parse_html(html, f"{name}.html")
        row = []
        for key, text in (("ours", extraction_text(doc)),
                          ("trafilatura", trafilatura.extract(html, include_comments=False, include_tables=False) or "")):
            pred = dev_words(text)
            tp, pp, gp = sum((pred & gold).values()), sum(pred.values()), sum(gold.values())
            t = totals[key]
            t[0] += tp; t[1] += pp; t[2] += gp  # noqa: E702
            row += [tp / max(1, pp), tp / max(1, gp)]
        n += 1
        titles += doc.title == headline.strip()
        same = "=" if doc.title == headline.strip() else f"≠ {doc.title[:40]!r}"
        print(f"{name[:30]:<30} {row[0]:7.3f} {row[1]:6.3f}   {row[2]:13.3f} {row[3]:6.3f}  {same}")
    for key, (tp, pp, gp) in totals.items():
        p, r = tp / max(1, pp), tp / max(1, gp)
        print(f"{key}: htmlP={p:.3f} htmlR={r:.3f} htmlF1={2 * p * r / (p + r) if p + r else 0:.3f}")
    print(f"titles equal to the reference headline: {titles}/{n}")
    return 0


def main(folder: Path) -> int:
    rows = []
    for page in sorted(folder.glob("*.html")):
        gold_path = page.with_suffix(".expected.txt")
        if not gold_path.exists():
            continue
        html = page.read_text(encoding="utf-8")
        gold = gold_path.read_text(encoding="utf-8")
        rows.append((page.stem, prf(ours_text(html, page.name), gold), prf(trafilatura_text(html), gold)))
    print(f"{'page':<14} {'ours P':>7} {'R':>6} {'F1':>6}   {'trafilatura P':>13} {'R':>6} {'F1':>6}")
    for name, o, t in rows:
        print(f"{name:<14} {o[0]:7.3f} {o[1]:6.3f} {o[2]:6.3f}   {t[0]:13.3f} {t[1]:6.3f} {t[2]:6.3f}")
    if rows:
        mo = sum(r[1][2] for r in rows) / len(rows)
        mt = sum(r[2][2] for r in rows) / len(rows)
        print(f"{'mean F1':<14} {'':>7} {'':>6} {mo:6.3f}   {'':>13} {'':>6} {mt:6.3f}")
    if DEV.is_dir():
        dev_pages(DEV)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "fixtures" / "html"))
