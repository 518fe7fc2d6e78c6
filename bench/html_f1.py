"""Word-level precision / recall / F1 of the .html reader's body text, next to trafilatura
alone on the same pages:

* the project's own pages (tests/fixtures/html/*.html against *.expected.txt, regression);
* when ../shared/dev exists, the real saved pages (dev/html/NAME.html.gz against the reader
  text dev/htmlref/NAME.txt minus its headline line), scored as shared/tools/score_html.py
  does (bag of words over paragraphs, subheads, captions, credits and contributors; word
  totals pooled over the pages), and whether the title equals the reference headline.

With --anonymised, the real pages are scored a second time with every class / id name
replaced by a meaningless token (rules that lean on a publisher's names show there).

Usage: .venv/bin/python bench/html_f1.py [DIR] [--anonymised]
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


def anonymise(html: str) -> str:
    """The page with every class, id and data-/role/itemprop value replaced by a token that
    means nothing (the same value, the same token): how the reader fares on markup whose
    names it has never seen — a stand-in for pages of other publishers."""
    import hashlib

    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")

    def token(v) -> str:
        return "c" + hashlib.md5((v if isinstance(v, str) else " ".join(v)).encode()).hexdigest()[:6]

    for tag in soup.find_all(True):
        for name in list(tag.attrs):
            if name == "class":
                tag["class"] = [token(c) for c in tag["class"]]
            elif name in ("id", "role", "itemprop", "aria-label") or name.startswith("data-"):
                tag[name] = token(tag[name])
    return str(soup)


def dev_pages(dev: Path, anonymised: bool = False) -> int:
    import trafilatura

    from briefing.read.html import parse_html

    totals = {"ours": [0, 0, 0], "trafilatura": [0, 0, 0]}
    titles = n = 0
    kind = "class/id names anonymised" if anonymised else "as saved"
    print(f"\nreal pages ({dev}, {kind}): word P / R per page, pooled F1")
    print(f"{'page':<30} {'ours P':>7} {'R':>6}   {'trafilatura P':>13} {'R':>6}  title")
    for page in sorted((dev / "html").glob("*.html.gz")):
        name = page.name[: -len(".html.gz")]
        ref = dev / "htmlref" / f"{name}.txt"
        if not ref.exists():
            continue
        html = gzip.open(page).read().decode("utf-8", errors="replace")
        if anonymised:
            html = anonymise(html)
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
        if "--anonymised" in sys.argv:
            dev_pages(DEV, anonymised=True)
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.exit(main(Path(args[0]) if args else ROOT / "tests" / "fixtures" / "html"))
