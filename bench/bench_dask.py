"""Dask benchmark: a cold `briefing build` with `--dask local:2` against the built-in pool.

    .venv/bin/python bench/bench_dask.py [--n 1000] [--rounds 2] [--seed 0]

One corpus (bench/corpus.py's make_corpus, as bench_build.py), written as N Markdown seeds
into two temporary copies of the site. Each round builds both cold (no extraction cache,
no output), the built-in pool first, then Dask, every build in a fresh Python process timed
from the parent (wall clock: interpreter start, imports, the LocalCluster's start and
shutdown included). The two are compared within the same run on the same machine, round by
round (the machine may be shared: only the ratio is meaningful, and the best round of each
is reported too). The two output trees are compared byte for byte.

From the Dask builds it derives the cost of one article: on the cluster (the extraction
phase's wall time × worker threads / articles: worker-seconds per article) and on the build
machine (everything else: reading, linking, rendering, search index), and from them what
100,000 articles take on 32 workers.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_build  # noqa: E402 - the corpus, the sites and the child runner are shared

TARGET = 0.15  # issue 20: at most 15% slower than the built-in pool


def child_build(site: str, dask: str = "") -> dict:
    """`briefing build [--dask ADDRESS]` (cli.cmd_build); the process then leaves as the command does."""
    import resource

    from briefing import cli
    from briefing.build import dask_pool, pipeline

    worker_cpu: list[float] = []
    close = dask_pool.Session.close

    def close_and_count(session) -> None:  # the workers' CPU time, asked just before the session closes
        try:
            worker_cpu.append(sum(session.client.run(_cpu_seconds).values()))
        except Exception:  # noqa: BLE001 - a figure less
            pass
        close(session)

    dask_pool.Session.close = close_and_count
    t0 = time.perf_counter()
    code = cli.cmd_build(argparse.Namespace(settings=str(Path(site) / "pelican.conf.py"), output=None,
                                            dask=dask or None))
    if code:
        raise SystemExit(code)
    st = pipeline.last_stats
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"build": time.perf_counter() - t0, "misses": st.misses, "extracted": len(st.extracted),
            "failed": len(st.failed), "processes": st.processes, "dask": st.dask, "extract_seconds": st.seconds,
            "streamed": st.streamed, "cpu_self": me.ru_utime + me.ru_stime,
            # the extraction workers (pool or LocalCluster), reaped when the build closed them, and
            # the render child (render/split.py)
            "cpu_children": kids.ru_utime + kids.ru_stime, "cpu_workers": sum(worker_cpu) if worker_cpu else None}


def _cpu_seconds() -> float:
    """CPU time of the process it runs in (sent to every Dask worker)."""
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _clean(site: Path) -> None:
    for rel in ("output", ".cache"):
        shutil.rmtree(site / rel, ignore_errors=True)


def _same_tree(a: Path, b: Path) -> bool:
    def tree(root: Path) -> dict:
        return {p.relative_to(root).as_posix(): None if p.is_dir() else p.read_bytes() for p in sorted(root.rglob("*"))}

    return tree(a) == tree(b)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dask", default="local:2", help="the cluster to compare (default local:2)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(child_build(*a.child)))
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)

    docs, origin = bench_build.load_corpus(a.n, a.seed)
    work = Path(tempfile.mkdtemp(prefix="bench-dask-"))
    try:
        pool_site, _ = bench_build.write_sites(docs, work)  # (and the plain-Pelican copy, unused here)
        dask_site = work / "dask"
        shutil.copytree(pool_site, dask_site, symlinks=True)
        words = sum(len(p.split()) for d in docs for p in d.paragraphs)
        print(f"corpus: {len(docs)} articles, {words} words ({origin}); cpus {os.cpu_count()}, "
              f"load average {os.getloadavg()[0]:.1f}")
        runs: list[dict] = []
        for rnd in range(a.rounds):
            for label, site, args in (("pool", pool_site, [str(pool_site)]),
                                      ("dask", dask_site, [str(dask_site), a.dask])):
                _clean(site)
                r = bench_build.run_child(["--child", *args], HERE.parent, work / f"{label}-{rnd}.log",
                                         script=str(Path(__file__).resolve()))
                r.update(label=label, round=rnd, load=os.getloadavg()[0])
                runs.append(r)
                print(f"  round {rnd + 1} {label:<4} {r['wall']:7.2f} s wall, {r['cpu_self'] + r['cpu_children']:7.2f} s CPU "
                      f"(build process {r['cpu_self']:.1f}, workers {r['cpu_children']:.1f}); extraction phase "
                      f"{r['extract_seconds']:6.2f} s on {r['processes']} process(es)"
                      f"{', ' + r['dask'] if r['dask'] else ''}, {r['streamed']} streamed; "
                      f"peak RSS {r['peak_rss'] / 1024 ** 3:.2f} GB; load {r['load']:.1f}", flush=True)
        identical = _same_tree(pool_site / "output", dask_site / "output")
        report(runs, len(docs), identical)
        (work / "bench_dask.json").write_text(json.dumps(runs, indent=2, default=str))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def report(runs: list[dict], n: int, identical: bool) -> None:
    pool = [r for r in runs if r["label"] == "pool"]
    dask = [r for r in runs if r["label"] == "dask"]
    ratios = [d["wall"] / p["wall"] for p, d in zip(pool, dask)]
    mean = sum(ratios) / len(ratios)
    best = min(d["wall"] for d in dask) / min(p["wall"] for p in pool)
    ok = "ok" if mean - 1 <= TARGET else "OVER"
    print(f"\nN = {n}: cold build, --dask local:2 against the built-in pool (2 processes), same machine, same run")
    print(f"  per round dask/pool:  {', '.join(f'{x:.3f}' for x in ratios)}  mean {mean:.3f} "
          f"(overhead {100 * (mean - 1):+.1f}%, target <= +{100 * TARGET:.0f}%: {ok})")
    print(f"  best of each:         pool {min(p['wall'] for p in pool):.2f} s, dask {min(d['wall'] for d in dask):.2f} s "
          f"-> {best:.3f} ({100 * (best - 1):+.1f}%)")
    cpu = [(d["cpu_self"] + d["cpu_children"]) / (p["cpu_self"] + p["cpu_children"]) for p, d in zip(pool, dask)]
    print(f"  CPU time (process tree) dask/pool per round: {', '.join(f'{x:.3f}' for x in cpu)}  "
          f"mean {sum(cpu) / len(cpu):.3f} (robust to the machine's load, blind to idle waits)")
    print(f"  output trees byte-identical: {identical}")
    # CPU seconds: what a dedicated core spends (wall seconds on a loaded machine are not)
    # per article: the Dask workers' CPU (model loads and the workers' own start included);
    # everything else the build process and its render child spent
    worker = sum(d["cpu_workers"] or 0 for d in dask) / len(dask) / n
    local = sum(d["cpu_self"] + d["cpu_children"] - (d["cpu_workers"] or 0) for d in dask) / len(dask) / n
    big, workers = 100_000, 32
    extraction = big * worker / workers
    print(f"  per article: {worker * 1000:.0f} ms of worker CPU (extraction; model loads included), "
          f"{local * 1000:.0f} ms of CPU on the build machine (read, link, render, search; Dask client and scheduler)")
    print(f"  100,000 articles on {workers} workers: extraction ~{extraction / 60:.1f} min "
          f"(100,000 x {worker:.3f} s / {workers}); the build machine's own share ~{big * local / 60:.0f} min "
          f"if it grows linearly (it does not shrink with workers)")


if __name__ == "__main__":
    sys.exit(main())
