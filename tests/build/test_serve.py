"""`briefing serve`: serves output/, rebuilds on changes, survives broken changes."""
from __future__ import annotations

import os
import shutil
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from briefing.build import serve as bserve

from conftest import ROOT, copy_site

pytestmark = pytest.mark.build

SEED_003 = "003_24b412df9d0e1fe6.txt"
SLUG_003 = "u-s-and-allies-negotiating-security-guarantees-for-ukraine"
TIMEOUT = 180  # seconds for one rebuild on a busy 2-core machine


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(pred, timeout=TIMEOUT, what="condition"):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


class Server:
    """`briefing serve --port 0`: the system picks a free port when the server binds it, and
    the server names it in its "serving" line (a port picked beforehand could be taken by
    another process in between)."""

    def __init__(self, site: Path):
        self.site, self.port = site, None
        self.log_path = site / "serve.log"
        env = dict(os.environ, PYTHONPATH=str(site / "plugins"), PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "briefing.cli", "serve", "-s", "pelican.conf.py", "--port", "0"],
            cwd=site, env=env, stdout=subprocess.DEVNULL, stderr=open(self.log_path, "w"),
        )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def count(self, text: str) -> int:
        return self.log().count(text)

    def started(self) -> bool:
        m = re.search(r"^briefing: serving .* on http://127\.0\.0\.1:(\d+)/", self.log(), re.M)
        if m:
            self.port = int(m.group(1))
        return self.port is not None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


@pytest.fixture
def served(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    copy_site(site)
    # a private copy of the plugin code, so that editing it (below) touches nothing shared
    (site / "plugins").unlink()
    shutil.copytree(ROOT / "plugins", site / "plugins", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    srv = Server(site)
    try:
        wait_for(lambda: srv.started() or srv.proc.poll() is not None, what="server start")
        assert srv.proc.poll() is None, srv.log()
        yield srv
    finally:
        srv.stop()


def _add_paragraph(path: Path, sentence: str) -> None:
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines.insert(len(lines) - 1, sentence + "\n")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_serve_rebuilds_and_survives_broken_changes(served):
    srv = served
    page = f"briefings/{SLUG_003}/"
    assert fetch(srv.url(page))[0] == 200, srv.log()
    assert "Cache-Control" in urllib.request.urlopen(srv.url(""), timeout=10).headers

    # an edited article appears, and only it is re-extracted
    built = srv.count("built in")
    _add_paragraph(srv.site / "seeds" / SEED_003, "Diplomats said the draft memorandum was ready for signature.")
    wait_for(lambda: "draft memorandum was ready" in fetch(srv.url(page))[1], what="edited article served")
    wait_for(lambda: srv.count("built in") > built, what="build line")
    assert "1 extracted, 1 from cache" in srv.log().split("changed:")[-1]

    # a broken template: one error, the previous output keeps being served
    home = srv.site / "theme" / "templates" / "home.html"
    good = home.read_text(encoding="utf-8")
    home.write_text("{% if %}broken", encoding="utf-8")
    # two lines, written one after the other: wait for the second, not only the first
    wait_for(lambda: srv.count("still serving the previous output") >= 1, what="failed build reported")
    assert srv.count("build failed") == 1 and srv.count("still serving the previous output") == 1
    assert "Traceback" not in srv.log()
    status, body = fetch(srv.url(page))
    assert status == 200 and "draft memorandum was ready" in body
    assert fetch(srv.url(""))[0] == 200

    # plugin code that does not import is reported the same way; fixing it recovers
    body_py = srv.site / "plugins" / "briefing" / "render" / "body.py"
    good_py = body_py.read_text(encoding="utf-8")
    body_py.write_text(good_py + "\ndef broken(:\n", encoding="utf-8")
    wait_for(lambda: srv.count("build failed") >= 2, what="broken plugin reported")
    assert srv.proc.poll() is None
    assert fetch(srv.url(page))[0] == 200
    built = srv.count("built in")
    body_py.write_text(good_py, encoding="utf-8")
    home.write_text(good, encoding="utf-8")
    wait_for(lambda: srv.count("built in") > built, what="recovered build")

    # a deleted article disappears from the served site
    (srv.site / "seeds" / SEED_003).unlink()
    wait_for(lambda: fetch(srv.url(page))[0] == 404, what="deleted article gone")
    assert not (srv.site / "output" / "briefings" / SLUG_003).exists()

    assert srv.stop() == 0
    assert "stopped" in srv.log()


def test_relevant_changes_filter():
    assert bserve.relevant(None, "/site/seeds/a.txt")
    assert bserve.relevant(None, "/site/theme/templates/home.html")
    assert not bserve.relevant(None, "/site/plugins/briefing/__pycache__/x.cpython-311.pyc")
    assert not bserve.relevant(None, "/site/seeds/.#a.txt")
    assert not bserve.relevant(None, "/site/seeds/a.txt~")
    assert not bserve.relevant(None, "/site/content/.cache/x")


def test_watch_paths_cover_the_contract(tmp_path):
    for d in ("seeds", "content", "theme", "plugins"):
        (tmp_path / d).mkdir()
    conf = tmp_path / "pelican.conf.py"
    conf.write_text("")
    names = {p.name for p in bserve.watch_paths(conf)}
    assert names == {"seeds", "content", "theme", "plugins", "pelican.conf.py"}


def test_makefile_serve_target_runs_briefing_serve():
    make = (ROOT / "Makefile").read_text()
    rule = make.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "briefing serve" in rule and "$(PORT)" in rule


def test_serve_preloads_the_model_in_the_background(monkeypatch):
    """Under serve the first edited article need not wait for the model: it is loaded in a
    background thread once the site is served."""
    from briefing.extract import nlp
    from briefing.build import serve as serve_mod

    calls = []
    monkeypatch.setattr(nlp, "get_nlp", lambda *a, **k: calls.append("loaded"))
    serve_mod._preload_model().join(timeout=30)
    assert calls == ["loaded"]
