"""Build benchmark: cold, warm and one-edit rebuilds against plain Pelican and bare spaCy.

    .venv/bin/python bench/bench_build.py [--n 1000] [--seed 0] [--keep DIR]

One run, one corpus (bench/corpus.py's make_corpus),
written as N Markdown seeds into a temporary copy of the site. Every measurement runs in a
fresh Python process (as `make site` would), timed from the parent (wall clock, including
interpreter start and imports); peak memory is the largest sum of RSS over the process tree
(the build and its extraction workers), sampled every 50 ms.

  bare spaCy   spacy.load (same components) + nlp.pipe(n_process=2) over every paragraph
  cold         `briefing build` (its code path, cli.cmd_build) with an empty extraction cache
               and no output (the report says how many pages were rendered on how many
               processes, and how many seeds went to the extraction pool as they were read)
  warm         `briefing build` again, nothing changed: the up-to-date check (input
               fingerprint + output manifest) finds nothing to do; no model may load
  forced       the same with force=True (BRIEFING_FORCE_BUILD=1): the whole render path
               runs (every page fingerprinted; unchanged pages kept, not rendered), every
               extraction from the cache
  edit         `briefing build` after appending a sentence to one article
  serve-edit   the same edit in a warm in-process rebuild (what `make serve` does)
  baseline     plain Pelican 4.12, no plugin, default theme and settings, building the same
               .md files as articles; Markdown is read by a 15-line markdown-it-py reader
               set through Pelican's READERS setting (Python-Markdown is not installed;
               markdown-it is the faster of the two, so this baseline is the stricter one).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable

BASELINE_CONF = '''
import datetime
import yaml
from markdown_it import MarkdownIt
from pelican.readers import BaseReader

_md = MarkdownIt("commonmark")


class MarkdownItReader(BaseReader):
    enabled = True
    file_extensions = ["md"]

    def read(self, source_path):
        text = open(source_path, encoding="utf-8").read()
        meta = {}
        if text.startswith("---\\n"):
            head, _, text = text[4:].partition("\\n---\\n")
            meta = yaml.safe_load(head) or {}
        out = {}
        for key, value in meta.items():
            if isinstance(value, list):
                value = ", ".join(map(str, value))
            out[key.lower()] = self.process_metadata(key.lower(), str(value))
        return _md.render(text), out


READERS = {"md": MarkdownItReader}
SITENAME = "Baseline"
SITEURL = ""
TIMEZONE = "UTC"
PATH = "content"
OUTPUT_PATH = "output"
PLUGINS = []
'''


# ---- corpus ------------------------------------------------------------------------------


def load_corpus(n: int, seed: int):
    sys.path.insert(0, str(HERE))
    from corpus import make_corpus  # the benchmark corpus shared with the extraction bench

    return make_corpus(n, seed=seed), "bench/corpus.py"


_ESC = re.compile(r"([\\`*_\[\]<>#&!|~])")


def md_escape(text: str) -> str:
    text = _ESC.sub(r"\\\1", text)
    text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return re.sub(r"^([-+=])", r"\\\1", text)


def to_markdown(doc) -> str:
    import yaml

    meta = {"title": doc.title}
    if doc.published:
        meta["date"] = doc.published
    if doc.publisher:
        meta["publisher"] = doc.publisher
    if doc.url:
        meta["url"] = doc.url
    if doc.contributors:
        meta["authors"] = list(doc.contributors)
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=1000)
    parts = []
    for b in doc.blocks:
        if b.kind == "paragraph" and 0 <= b.index < len(doc.paragraphs):
            parts.append(md_escape(doc.paragraphs[b.index]))
        elif b.kind == "heading" and b.text:
            parts.append("## " + md_escape(b.text))
    return f"---\n{head}---\n\n" + "\n\n".join(parts) + "\n"


def write_sites(docs, work: Path) -> tuple[Path, Path]:
    site, base = work / "site", work / "baseline"
    site.mkdir()
    shutil.copy(ROOT / "pelican.conf.py", site / "pelican.conf.py")
    for d in ("content", "theme"):
        shutil.copytree(ROOT / d, site / d)
    (site / "plugins").symlink_to(ROOT / "plugins")
    (site / "seeds").mkdir()
    (base / "content").mkdir(parents=True)
    (base / "pelican.conf.py").write_text(BASELINE_CONF, encoding="utf-8")
    for i, doc in enumerate(docs):
        text = to_markdown(doc)
        name = f"a{i:05d}.md"
        (site / "seeds" / name).write_text(text, encoding="utf-8")
        (base / "content" / name).write_text(text, encoding="utf-8")
    return site, base


# ---- measuring ---------------------------------------------------------------------------


def _tree_rss(pid: int) -> int:
    page = os.sysconf("SC_PAGE_SIZE")
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * page
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def run_child(args: list[str], cwd: Path, log: Path, script: str | None = None) -> dict:
    """Run this script (or ``script``) in child mode; wall time, peak tree RSS and the
    child's JSON line. The child's stderr (warnings, a profile) goes to ``log``."""
    t0 = time.perf_counter()
    errf = open(log, "w")
    proc = subprocess.Popen([PY, script or str(Path(__file__).resolve()), *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=errf, text=True)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            done.wait(0.05)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, _ = proc.communicate()
    wall = time.perf_counter() - t0
    errf.close()
    done.set()
    th.join()
    if proc.returncode != 0:
        raise SystemExit(f"child {args[1]} failed ({proc.returncode}):\n{log.read_text()[-3000:]}")
    info = json.loads(out.strip().splitlines()[-1])
    info.update(wall=wall, peak_rss=peak)
    return info


# ---- child modes -------------------------------------------------------------------------


def child_build(site: str, force: str = "") -> dict:
    """`briefing build`'s own code path (cli.cmd_build: the early worker started from the
    settings file, then build_site); the process then leaves as the command does."""
    import argparse
    import resource

    from briefing import cli

    if force:
        os.environ["BRIEFING_FORCE_BUILD"] = "1"
    t0 = time.perf_counter()
    code = cli.cmd_build(argparse.Namespace(settings=str(Path(site) / "pelican.conf.py"), output=None))
    if code:
        raise SystemExit(code)
    from briefing.build import run as build, pipeline
    from briefing.extract import nlp
    from briefing.render import split

    st = pipeline.last_stats
    return {"build": time.perf_counter() - t0, "skipped": build.last_result.get("skipped", False),
            "hits": st.hits, "misses": st.misses, "render": dict(split.last_run), "streamed": st.streamed,
            "extracted": st.extracted, "processes": st.processes, "model_loads": nlp.load_count,
            "maxrss_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            "maxrss_children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024}


def child_profile(site: str, force: str = "") -> dict:
    import cProfile
    import io
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    info = child_build(site, force)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(45)
    print(buf.getvalue(), file=sys.stderr)
    return info


def child_serve(site: str, seed_name: str) -> dict:
    """Warm in-process rebuilds: a no-change rebuild, then two one-article edits."""
    import briefing.build.serve  # noqa: F401 - as under `briefing serve`: the model is loaded in this process
    from briefing.build import pipeline
    from briefing.build.run import build_site

    conf = str(Path(site) / "pelican.conf.py")
    build_site(conf)  # warm from the on-disk cache
    times = {}
    t0 = time.perf_counter()
    build_site(conf)
    times["serve_nochange"] = time.perf_counter() - t0
    for label, sentence in (("serve_edit_first", "Officials said the talks would resume."),
                            ("serve_edit", "A spokesperson said more meetings were planned.")):
        edit_seed(Path(site) / "seeds" / seed_name, sentence)
        t0 = time.perf_counter()
        build_site(conf)
        times[label] = time.perf_counter() - t0
        times[label + "_extracted"] = pipeline.last_stats.extracted
        from briefing.render import split

        times[label + "_render_processes"] = split.last_run.get("processes")
    return times


def child_pelican(site: str) -> dict:
    from pelican import Pelican
    from pelican.settings import read_settings

    t0 = time.perf_counter()
    os.chdir(site)
    Pelican(read_settings("pelican.conf.py")).run()
    return {"build": time.perf_counter() - t0}


def child_spacy(site: str) -> dict:
    from briefing.extract import nlp as bnlp
    from briefing.read.dispatch import parse_file

    texts = [p for f in sorted(Path(site, "seeds").glob("*.md")) for p in parse_file(f).paragraphs]
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load(bnlp.MODEL_NAME, exclude=list(bnlp.DISABLE))
    t1 = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, n_process=2, batch_size=64))
    t2 = time.perf_counter()
    words = sum(len(t.split()) for t in texts)
    return {"load": t1 - t0, "pipe": t2 - t1, "paragraphs": n, "words": words}


def edit_seed(path: Path, sentence: str) -> None:
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + "\n\n" + sentence + "\n", encoding="utf-8")


# ---- report ------------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", help="build in this folder and keep it (default: a temp folder)")
    ap.add_argument("--profile", action="store_true", help="cProfile the warm builds (stderr)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        mode, *rest = a.child
        fn = {"build": child_build, "profile": child_profile, "serve": child_serve,
              "pelican": child_pelican, "spacy": child_spacy}[mode]
        print(json.dumps(fn(*rest)))
        if mode in ("build", "profile"):  # as `briefing build` does: no interpreter teardown
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)
        return 0

    docs, origin = load_corpus(a.n, a.seed)
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="bench-build-"))
    old = None
    if a.keep and work.exists():
        # moved aside now, deleted after the measurements: on ext4 without a journal, files
        # created within a minute of deleting many others make every new inode scan past the
        # recently deleted ones (~0.5 ms per file here), which would bill the bench's own
        # cleanup to the cold build
        old = work.with_name(f"{work.name}.old-{os.getpid()}")
        work.rename(old)
    work.mkdir(parents=True, exist_ok=True)
    try:
        site, base = write_sites(docs, work)
        words = sum(len(p.split()) for d in docs for p in d.paragraphs)
        print(f"corpus: {len(docs)} articles, {words} words ({origin}); site in {work}")
        r = {}

        def child(key, *args):
            r[key] = run_child(["--child", *args], ROOT, work / f"{key}.log")

        build_mode = "profile" if a.profile else "build"
        child("spacy", "spacy", str(site))
        child("cold", "build", str(site))
        child("warm", "build", str(site))
        child("forced", build_mode, str(site), "force")
        target = sorted((site / "seeds").iterdir())[len(docs) // 2]
        edit_seed(target, "The minister said the agreement would be signed next month.")
        child("edit", build_mode, str(site))
        child("serve", "serve", str(site), target.name)
        child("base", "pelican", str(base))
        child("base2", "pelican", str(base))
        if a.profile:
            print(f"profiles: {work / 'forced.log'}, {work / 'edit.log'}")
        report(r, len(docs))
        (work / "bench_build.json").write_text(json.dumps(r, indent=2, default=str))
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return 0


def report(r: dict, n: int) -> None:
    sp, cold, warm, forced, edit, srv = (r[k] for k in ("spacy", "cold", "warm", "forced", "edit", "serve"))
    base = min(r["base"], r["base2"], key=lambda x: x["wall"])
    b = base["wall"]
    gb = 1024 ** 3

    def line(label, secs, ref, refname, target):
        ok = "ok" if secs <= target * ref else "OVER"
        print(f"  {label:<34}{secs:8.2f} s  {secs / ref:5.2f}x {refname:<10} (target <= {target}x: {ok})")

    print(f"\nN = {n}")
    print(f"  bare spaCy, nlp.pipe n_process=2   {sp['wall']:8.2f} s  (load {sp['load']:.1f} s, "
          f"pipe {sp['pipe']:.1f} s, {sp['words'] / sp['pipe']:.0f} words/s)")
    print(f"  plain Pelican baseline (best of 2) {b:8.2f} s  (in-process {base['build']:.2f} s)")
    line("cold build", cold["wall"], sp["wall"], "spaCy", 1.3)
    rnd = cold.get("render") or {}
    print(f"      extracted {cold['misses']} in {cold['processes']} process(es) ({cold.get('streamed', 0)} started "
          f"while the seeds were read); "
          f"{rnd.get('jobs', 0)} page jobs rendered on {rnd.get('processes', 1)} process(es)")
    line("warm build, no change", warm["wall"], b, "baseline", 1.3)
    print(f"      up-to-date check only: {warm['skipped']}, model loads {warm['model_loads']}")
    line("warm build, no change, forced render", forced["wall"], b, "baseline", 1.3)
    print(f"      cache hits {forced['hits']}, extracted {len(forced['extracted'])}, model loads {forced['model_loads']}")
    line("warm build, one article edited", edit["wall"], b, "baseline", 1.5)
    print(f"      extracted {edit['extracted']}, model loads {edit['model_loads']}")
    print(f"  serve (in-process) no change       {srv['serve_nochange']:8.2f} s  {srv['serve_nochange'] / b:5.2f}x baseline")
    line("serve (in-process) one edit", srv["serve_edit"], b, "baseline", 1.5)
    print(f"      first edit, model load included: {srv['serve_edit_first']:.2f} s")
    peak = max(x["peak_rss"] for x in (cold, warm, forced, edit, srv))
    print(f"  peak memory (process tree RSS)     {peak / gb:8.2f} GB  (cold {cold['peak_rss'] / gb:.2f}, "
          f"warm {warm['peak_rss'] / gb:.2f}; target <= 1.5 GB: {'ok' if peak <= 1.5 * gb else 'OVER'})")
    print(f"  peak memory, bare spaCy            {sp['peak_rss'] / gb:8.2f} GB;  baseline {base['peak_rss'] / gb:.2f} GB")


if __name__ == "__main__":
    sys.exit(main())
