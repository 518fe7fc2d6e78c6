"""Word-level precision / recall / F1 of the .html reader's body text against hand-cleaned
copies (tests/fixtures/html/*.expected.txt), next to trafilatura alone on the same pages.

Usage: .venv/bin/python bench/html_f1.py [DIR]
"""
from __future__ import annotations

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
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "fixtures" / "html"))
