"""`briefing` command: extract (print extraction JSON), build (atomic site build), serve."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path


def cmd_extract(args) -> int:
    from .extract.article import extract_document
    from .read.dispatch import SeedError, parse_file

    results = []
    status = 0
    for name in args.files:
        try:
            doc = parse_file(name)
        except SeedError as exc:
            print(f"briefing: {exc}", file=sys.stderr)
            status = 1
            continue
        for w in doc.warnings:
            print(f"briefing: {Path(name).name}: {w}", file=sys.stderr)
        results.append(extract_document(doc).to_json())
    out = results[0] if len(args.files) == 1 and results else results
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return status


def cmd_build(args) -> int:
    import time

    from .build.dask_pool import ClusterError
    from .build.pipeline import start_cluster_early
    from .build.workers import prestart_for, settings_from_file

    started = time.perf_counter()
    dask = getattr(args, "dask", None)
    settings = settings_from_file(args.settings)
    if settings is not None and dask:
        settings["BRIEFING_DASK"] = dask
    untouched = f"the previous {Path(args.output).name if args.output else 'output'}/ was left untouched"
    try:  # new seeds: the Dask cluster is reached (its workers load spaCy) before Pelican starts
        if settings is not None and not start_cluster_early(settings):
            prestart_for(settings)  # changed seeds: spaCy starts loading before Pelican does
    except ClusterError as exc:
        print(f"briefing: build failed: {exc}; {untouched}", file=sys.stderr)
        return 1
    from .build import run as build

    try:
        out = build.build_site(args.settings, output=args.output, dask=dask)
    except build.BuildError as exc:
        if isinstance(exc.__cause__, ClusterError):
            print(f"briefing: build failed: {exc}; {untouched}", file=sys.stderr)
            return 1
        print(f"briefing: build failed: {exc}", file=sys.stderr)
        print(f"briefing: {untouched}", file=sys.stderr)
        return 1
    if not build.last_result.get("skipped"):
        print(f"briefing: {summary(out, time.perf_counter() - started)}", file=sys.stderr)
    return 0


def summary(out, seconds: float) -> str:
    """One line for editors after a build: what was extracted and what changed in output/
    (Pelican's own "Processed 0 articles" counts its articles, not briefings)."""
    from .build import run as build, pipeline

    r, st = build.last_result, pipeline.last_stats
    extracted = len(st.extracted)
    failed = f", {len(st.failed)} failed" if st.failed else ""
    where = f" on the Dask cluster {st.dask} ({st.processes} worker thread(s))" if st.dask else ""
    return (f"built {out.name}/ in {seconds:.1f}s: {extracted} article{'' if extracted == 1 else 's'} extracted"
            f"{where}{failed}, {st.hits} from cache; {r.get('written', 0)} file(s) written, "
            f"{r.get('removed', 0)} removed, the rest unchanged")


def cmd_serve(args) -> int:
    from .build.serve import serve

    return serve(args.settings, output=args.output, port=args.port, host=args.host)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="briefing", description=__doc__)
    sub = p.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("extract", help="print the extraction JSON of seed files")
    e.add_argument("files", nargs="+")
    e.set_defaults(func=cmd_extract)
    for name, func, help_ in (("build", cmd_build, "build the site atomically into output/"),
                              ("serve", cmd_serve, "build, serve and rebuild on changes")):
        s = sub.add_parser(name, help=help_)
        s.add_argument("-s", "--settings", default="pelican.conf.py")
        s.add_argument("-o", "--output", default=None)
        s.set_defaults(func=func)
        if name == "build":
            s.add_argument("--dask", metavar="ADDRESS", default=None,
                           help="extract the new articles on a Dask cluster: tcp://HOST:PORT of its scheduler, "
                                "or local / local:N (a cluster of N worker processes on this machine); "
                                "overrides BRIEFING_DASK")
        if name == "serve":
            s.add_argument("--port", type=int, default=8000)
            s.add_argument("--host", default="127.0.0.1")
    args = p.parse_args(argv)
    code = args.func(args)
    if argv is None and args.cmd == "build":
        # A command-line build is done: everything is written, synced and closed. Freeing
        # the millions of objects of a large site one by one at interpreter exit takes ~0.5 s
        # at N=1000 and serves nothing; leave at once (called with argv — tests, other
        # code — it returns as usual).
        from .build.workers import cancel_prestart

        cancel_prestart()  # an early extraction worker the build did not use (a failed build)
        dask_pool = sys.modules.get("briefing.build.dask_pool")
        if dask_pool is not None:
            dask_pool.cancel_early()  # the same for a Dask session (a LocalCluster's processes)
        mp_util = sys.modules.get("multiprocessing.util")
        if mp_util is not None:  # what multiprocessing does at exit: its worker queues'
            try:  # semaphores are released (else its resource tracker warns of "leaked" ones)
                mp_util._exit_function()
            except Exception:  # noqa: BLE001 - leaving anyway
                pass
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


if __name__ == "__main__":
    sys.exit(main())
