"""Benchmark corpus: N news articles generated from the seeds and the test fixture articles.

Each article takes a source article (round robin), keeps its lead paragraph, shuffles the
rest, and substitutes every annotated person's name (full name and surname-only mentions)
with a name drawn from a fixed pool, so that the extractor cannot lean on repeated names.
Deterministic for a given (n, seed).

    make_corpus(n, seed=0) -> list[Document]
    python bench/corpus.py -n 200 --seed 0 OUTDIR   # writes OUTDIR/bench-0000.md …
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from briefing.model import Document  # noqa: E402
from briefing.read.dispatch import parse_file  # noqa: E402

FIRST = ["Anna", "Marek", "Sofia", "Jonas", "Leila", "Tomas", "Ines", "Pavel", "Clara", "Omar",
         "Greta", "Luis", "Maya", "Viktor", "Elena", "Hugo", "Nadia", "Felix", "Irene", "Karim"]
LAST = ["Novak", "Lindqvist", "Moreau", "Okafor", "Brandt", "Castillo", "Horvath", "Jensen",
        "Kowalski", "Marino", "Petrov", "Quinn", "Rahman", "Schultz", "Tanaka", "Varga",
        "Weber", "Yilmaz", "Ziegler", "Almeida"]


def _annotation(path: Path) -> dict:
    for cand in (ROOT / "tests" / "fixtures" / "gold" / (path.stem + ".json"),
                 path.with_name(path.stem + ".expected.json")):
        if cand.exists():
            return json.loads(cand.read_text(encoding="utf-8"))
    return {"actors": []}


def sources() -> list[tuple[Document, list[str]]]:
    """(document, person names) for every annotated seed and fixture article, in a fixed order."""
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.md"))
    out = []
    for p in paths:
        ann = _annotation(p)
        if not ann.get("actors"):
            continue  # only annotated articles: their people are known, so every name is substituted
        doc = parse_file(str(p))
        people = [a["name"] for a in ann["actors"] if a.get("type") == "person"]
        out.append((doc, people))
    return out


def _substitute(paragraphs: list[str], people: list[str], rng: random.Random) -> list[str]:
    pairs = []
    for name in people:
        parts = name.split()
        if len(parts) < 2:
            continue
        new_first, new_last = rng.choice(FIRST), rng.choice(LAST)
        pairs.append((name, f"{new_first} {new_last}"))
        pairs.append((parts[-1], new_last))
    if not pairs:
        return paragraphs
    pairs.sort(key=lambda p: -len(p[0]))  # full names before surnames
    table = dict(pairs)
    rx = re.compile(r"\b(?:" + "|".join(re.escape(a) for a, _ in pairs) + r")\b")
    return [rx.sub(lambda m: table[m.group(0)], p) for p in paragraphs]


def make_corpus(n: int, seed: int = 0) -> list[Document]:
    src = sources()
    docs = []
    for i in range(n):
        base, people = src[i % len(src)]
        rng = random.Random(seed * 1_000_003 + i)
        paras = list(base.paragraphs)
        rest = paras[1:]
        rng.shuffle(rest)
        paras = _substitute(paras[:1] + rest, people, rng)
        d = Document(source=f"bench-{i:04d}.md", title=f"{base.title} ({i})", publisher=base.publisher,
                     published=base.published, contributors=list(base.contributors))
        for p in paras:
            d.add_paragraph(p)
        docs.append(d)
    return docs


def write_corpus(docs: list[Document], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for d in docs:
        meta = {"title": d.title, "date": d.published, "publisher": d.publisher, "authors": d.contributors}
        front = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items() if v)
        body = "\n\n".join(d.paragraphs)
        (out / d.source).write_text(f"---\n{front}\n---\n\n{body}\n", encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    docs = make_corpus(a.n, a.seed)
    write_corpus(docs, a.out)
    print(f"{len(docs)} articles, {sum(len(p.split()) for d in docs for p in d.paragraphs)} words → {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
