"""Cost of quote extraction relative to the whole extraction (target ≤ 20%).

    python bench/bench_quotes.py [-n 60] [--seed 0]

Corpus: bench/corpus.py (articles generated from the seeds and fixture articles). For each
article, in one process on one core: spaCy parse, actors stage, quotes stage, each timed.
Prints the quotes stage as a share of the whole extraction (parse + actors + quotes) and as
an addition to the extraction without quotes (parse + actors), plus quotes per article.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "bench"))


def _corpus(n: int, seed: int):
    try:
        from corpus import make_corpus

        return make_corpus(n, seed)
    except ImportError:  # corpus module absent: the seeds and fixture articles, repeated
        from briefing.read.dispatch import parse_file

        paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests/fixtures/articles").glob("*.md"))
        docs = [parse_file(str(p)) for p in paths]
        return [docs[i % len(docs)] for i in range(n)]


def run(n: int = 60, seed: int = 0) -> dict:
    from briefing.extract.actors import find_actors
    from briefing.extract.nlp import get_nlp
    from briefing.extract.quotes import find_quotes

    nlp = get_nlp()
    docs = _corpus(n, seed)
    for d in docs[:2]:  # warm-up
        parsed = list(nlp.pipe(d.paragraphs))
        find_quotes(d, find_actors(d, parsed), parsed)
    t_parse = t_actors = t_quotes = 0.0
    nquotes = 0
    for d in docs:
        t0 = time.perf_counter()
        parsed = list(nlp.pipe(d.paragraphs))
        t1 = time.perf_counter()
        actors = find_actors(d, parsed)
        t2 = time.perf_counter()
        quotes = find_quotes(d, actors, parsed)
        t3 = time.perf_counter()
        t_parse += t1 - t0
        t_actors += t2 - t1
        t_quotes += t3 - t2
        nquotes += len(quotes)
    whole = t_parse + t_actors + t_quotes
    return {
        "articles": len(docs), "quotes": nquotes, "parse_s": t_parse, "actors_s": t_actors,
        "quotes_s": t_quotes, "share_of_whole": t_quotes / whole if whole else 0.0,
        "added_to_rest": t_quotes / (t_parse + t_actors) if (t_parse + t_actors) else 0.0,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    if a.n < 1:
        ap.error("-n must be positive")
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass
    r = run(a.n, a.seed)
    print(f"corpus: {r['articles']} articles, {r['quotes']} quotes")
    print(f"parse {r['parse_s']:.2f}s · actors {r['actors_s']:.2f}s · quotes {r['quotes_s']:.3f}s")
    print(f"quotes = {100 * r['share_of_whole']:.1f}% of the whole extraction, "
          f"+{100 * r['added_to_rest']:.1f}% over parse+actors (target ≤ 20%)")
    return 0 if r["added_to_rest"] <= 0.20 else 1


if __name__ == "__main__":
    raise SystemExit(main())
