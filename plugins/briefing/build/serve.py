"""`briefing serve`: build, serve output/ locally, rebuild on every change.

* The HTTP server (http.server, one thread) serves output/ on 127.0.0.1:8000; builds are
  atomic (run.py), so the server never sees a half-written site, and a failed rebuild
  prints one error line and keeps serving the previous output.
* watchfiles watches seeds/, content/, theme/, plugins/ and pelican.conf.py. Rebuilds run
  in this process, so the spaCy model (loaded at most once) and the extraction cache stay
  warm: an edited article costs one extraction plus linking and rendering.
* A change to plugin code (plugins/**.py) re-imports the ``briefing`` package before the
  rebuild (its Pelican signal receivers are disconnected first); the loaded spaCy model is
  carried over when nlp.py did not change. Code that fails to import is reported like a
  failed build.
"""
from __future__ import annotations

import hashlib
import http.server
import importlib
import signal as _signal
import sys
import threading
import time
import weakref
from functools import partial
from pathlib import Path

WATCHED = ("seeds", "content", "theme", "plugins")
_IGNORED_DIRS = {"__pycache__", ".git", ".venv", ".cache", "output", ".pytest_cache", ".hypothesis"}


def say(msg: str) -> None:
    print(f"briefing: {msg}", file=sys.stderr, flush=True)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files from output/, never cached by the browser (the site changes under it)."""

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_request(self, code="-", size="-"):
        code = getattr(code, "value", code)
        if str(code).startswith(("4", "5")):  # only failures: a quiet console otherwise
            sys.stderr.write(f"briefing: {code} {self.requestline}\n")

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def make_server(directory: Path, host: str, port: int) -> http.server.ThreadingHTTPServer:
    return _Server((host, port), partial(_Handler, directory=str(directory)))


def watch_paths(settings_file: Path) -> list[Path]:
    root = settings_file.parent
    paths = [root / d for d in WATCHED] + [settings_file]
    return [p for p in paths if p.exists()]


def relevant(change, path: str) -> bool:
    p = Path(path)
    if _IGNORED_DIRS.intersection(p.parts):
        return False
    name = p.name
    if name.startswith((".#", ".build-")) or name.endswith(("~", ".swp", ".swx", ".tmp", ".pyc")):
        return False
    return True


def _file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class _PluginState:
    """Re-import the briefing package after its code changed, keeping the spaCy model."""

    def __init__(self):
        self.nlp_hash = self._nlp_hash()

    @staticmethod
    def _nlp_hash() -> str | None:
        mod = sys.modules.get("briefing.extract.nlp")
        if mod is None or not getattr(mod, "__file__", None):
            return None
        return _file_hash(Path(mod.__file__))

    def reload(self) -> None:
        old_nlp_mod = sys.modules.get("briefing.extract.nlp")
        model = getattr(old_nlp_mod, "_nlp", None)
        old_hash = self.nlp_hash
        _disconnect_plugin_receivers()
        for name in [n for n in sys.modules if n == "briefing" or n.startswith("briefing.")]:
            del sys.modules[name]
        importlib.invalidate_caches()
        importlib.import_module("briefing")
        nlp_mod = importlib.import_module("briefing.extract.nlp")
        self.nlp_hash = self._nlp_hash()
        if model is not None and old_hash is not None and old_hash == self.nlp_hash:
            nlp_mod._nlp = model  # same loader code: the warm model is still valid


def _disconnect_plugin_receivers() -> None:
    from blinker import Signal
    from pelican.plugins import signals

    for value in vars(signals).values():
        if not isinstance(value, Signal):
            continue
        for ref in list(value.receivers.values()):
            fn = ref() if isinstance(ref, weakref.ref) else ref
            if fn is not None and str(getattr(fn, "__module__", "")).split(".")[0] == "briefing":
                value.disconnect(fn)


def rebuild(settings_file: Path, output: str | None) -> bool:
    """One build; True when output/ was updated. Errors are printed as one line."""
    started = time.perf_counter()
    try:
        build = importlib.import_module("briefing.build.run")
    except Exception as exc:  # the plugin code itself does not import
        say(f"build failed: {exc.__class__.__name__}: {exc}")
        say("still serving the previous output")
        return False
    try:
        build.build_site(str(settings_file), output=output)
    except build.BuildError as exc:
        say(f"build failed: {exc}")
        say("still serving the previous output")
        return False
    except Exception as exc:  # never let a rebuild take the server down
        say(f"build failed: {exc.__class__.__name__}: {exc}")
        say("still serving the previous output")
        return False
    pipeline = sys.modules.get("briefing.build.pipeline")
    st = getattr(pipeline, "last_stats", None)
    if getattr(build, "last_result", {}).get("skipped"):
        extra = ", nothing to do"
    elif st is not None:
        extra = f", {len(st.extracted)} extracted, {st.hits} from cache"
    else:
        extra = ""
    say(f"built in {time.perf_counter() - started:.2f}s{extra}")
    return True


def _preload_model() -> threading.Thread:
    """Load the spaCy model in the background while the editor reads the site: the first
    edited article is then extracted at once instead of after a ~2 s model load (the model
    is loaded once per process either way; nlp.get_nlp holds a lock)."""

    def load() -> None:
        try:
            importlib.import_module("briefing.extract.nlp").get_nlp()
        except Exception as exc:  # the build that needs it reports the problem
            say(f"language model not preloaded: {exc.__class__.__name__}: {exc}")

    t = threading.Thread(target=load, name="briefing-model", daemon=True)
    t.start()
    return t


def serve(settings_file: str = "pelican.conf.py", output: str | None = None, port: int = 8000,
          host: str = "127.0.0.1", stop_event: threading.Event | None = None) -> int:
    import watchfiles
    from pelican.settings import read_settings

    settings_path = Path(settings_file).resolve()
    if not settings_path.exists():
        say(f"settings file {settings_file} not found")
        return 1
    try:
        out = Path(output or read_settings(str(settings_path))["OUTPUT_PATH"]).resolve()
    except Exception as exc:
        say(f"{settings_path.name}: {exc.__class__.__name__}: {exc}")
        return 1
    rebuild(settings_path, str(out))
    out.mkdir(parents=True, exist_ok=True)  # serve something even if the first build failed
    try:
        server = make_server(out, host, port)
    except OSError as exc:
        say(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
        return 1
    thread = threading.Thread(target=server.serve_forever, name="briefing-http", daemon=True)
    thread.start()
    stop = stop_event or threading.Event()
    if threading.current_thread() is threading.main_thread():
        _signal.signal(_signal.SIGTERM, lambda *_: stop.set())
    say(f"serving {out} on http://{host}:{server.server_address[1]}/ (Ctrl-C to stop)")
    _preload_model()
    plugins = _PluginState()
    try:
        for changes in watchfiles.watch(*watch_paths(settings_path), watch_filter=relevant,
                                        debounce=800, step=50, stop_event=stop, rust_timeout=500):
            paths = sorted({p for _, p in changes})
            say("changed: " + ", ".join(Path(p).name for p in paths[:5]) + (" …" if len(paths) > 5 else ""))
            if any(p.endswith(".py") and "plugins" in Path(p).parts for p in paths):
                try:
                    plugins.reload()
                except Exception as exc:  # syntax error while editing the plugin
                    say(f"build failed: plugin code does not import: {exc.__class__.__name__}: {exc}")
                    say("still serving the previous output")
                    continue
            rebuild(settings_path, str(out))
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        say("stopped")
    return 0
