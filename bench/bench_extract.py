"""Extraction throughput on one core: our whole extraction vs the bare spaCy pipeline.

    python bench/bench_extract.py [-n 200] [--seed 0]

Same process, same corpus (bench/corpus.py), same model object with the same components.
Each article is processed twice in turn — bare ``nlp.pipe(paragraphs)`` then our
``extract_document`` (which parses once and runs actors + quotes) — so load changes on the
machine hit both alike. Prints words/s for both and the cost ratio (target ≤ 1.5×).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")  # one core

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import make_corpus  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    if a.n < 1:
        ap.error("-n must be positive")
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass
    from briefing.extract.actors import find_actors
    from briefing.extract.article import extract_document
    from briefing.extract.nlp import get_nlp

    nlp = get_nlp()
    docs = make_corpus(a.n, a.seed)
    words = sum(len(p.split()) for d in docs for p in d.paragraphs)
    for d in docs[:3]:  # warm-up
        extract_document(d, nlp)
    bare = ours = actors_only = 0.0
    for d in docs:
        t0 = time.perf_counter()
        parsed = list(nlp.pipe(d.paragraphs))
        t1 = time.perf_counter()
        find_actors(d, parsed)
        t2 = time.perf_counter()
        extract_document(d, nlp)
        t3 = time.perf_counter()
        bare += t1 - t0
        actors_only += t2 - t1
        ours += t3 - t2
    print(f"corpus: {len(docs)} articles, {words} words (bench/corpus.py, seed {a.seed}); model {nlp.meta.get('name')} "
          f"components {nlp.pipe_names}")
    print(f"bare spaCy nlp.pipe     : {words / bare:10.0f} words/s  ({bare:.2f} s)")
    print(f"whole extraction        : {words / ours:10.0f} words/s  ({ours:.2f} s)")
    print(f"  of which actor rules  : {actors_only:.2f} s ({actors_only / bare * 100:.1f}% of bare spaCy)")
    ratio = ours / bare
    print(f"cost ratio (ours / bare): {ratio:.2f}x  (target <= 1.50x) {'OK' if ratio <= 1.5 else 'OVER'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
