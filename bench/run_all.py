"""Run every benchmark in turn and print their figures (`make bench`).

    .venv/bin/python bench/run_all.py [--n-build N]

Each script measures its own baseline in the same run (bare spaCy, plain Pelican, trafilatura
alone) and prints the ratio next to the target of its issue.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n-build", type=int, default=1000, help="articles in the build benchmark (issue 7: 1000)")
    args = ap.parse_args(argv)
    runs = [
        ("extraction throughput vs bare spaCy (issue 3)", ["bench_extract.py", "-n", "200"]),
        ("quote extraction share (issue 4)", ["bench_quotes.py"]),
        ("1.5 MB and 2 MB articles: time and memory vs bare spaCy (issue 19)", ["bench_long_article.py"]),
        ("who's who on the real dev articles, when ../shared/dev exists (issue 17)", ["score_dev_actors.py"]),
        ("HTML reader word F1 vs trafilatura (issue 2)", ["html_f1.py"]),
        ("speaker attribution on the real dev articles of ../shared/dev (issue 16)", ["score_dev_speakers.py"]),
        ("cold / warm builds vs plain Pelican and bare spaCy (issue 7)", ["bench_build.py", "--n", str(args.n_build)]),
        ("cold build on a Dask LocalCluster vs the built-in pool (issue 20)", ["bench_dask.py", "--n", str(args.n_build)]),
    ]
    status = 0
    for title, cmd in runs:
        print(f"\n## {title}", flush=True)
        rc = subprocess.call([sys.executable, str(HERE / cmd[0]), *cmd[1:]])
        status = status or rc
    return status


if __name__ == "__main__":
    sys.exit(main())
