"""The package's layout (README "Layout"): every import of ``plugins/briefing``, read with
``ast`` (module level and inside functions), goes from a stage to the same or an earlier
one, and no two modules import each other, directly or around a longer loop."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "plugins" / "briefing"

# earlier stages first; a module may import its own stage and earlier ones, never a later one
STAGES = (
    ("shared", ("briefing.model", "briefing.text", "briefing.settings", "briefing.atomic")),
    ("read", ("briefing.read",)),
    ("extract", ("briefing.extract",)),
    ("link", ("briefing.link",)),
    ("render", ("briefing.render",)),
    ("search", ("briefing.search",)),
    ("build", ("briefing.build",)),
    # the Pelican adapter drives the build inside Pelican; briefing/__init__ is its register()
    ("pelican", ("briefing.pelican_layer", "briefing")),
    ("cli", ("briefing.cli",)),
)
MAX_ROOT_MODULES = 8


def modules(package: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted name → (file, is a package's __init__) for every module under ``package``."""
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        if is_pkg:
            parts.pop()
        out[".".join(parts)] = (path, is_pkg)
    return out


def import_graph(mods: dict[str, tuple[Path, bool]], top: str = "briefing") -> dict[str, set[str]]:
    """Module → the package's modules it imports anywhere in its source (relative imports
    resolved; ``from pkg import name`` counts as an import of the submodule ``name`` when
    there is one, else of ``pkg``)."""
    graph: dict[str, set[str]] = {}
    for name, (path, is_pkg) in mods.items():
        here = name.split(".") if is_pkg else name.split(".")[:-1]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                deps.update(a.name for a in node.names if a.name == top or a.name.startswith(top + "."))
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    assert node.level <= len(here), f"{name}: import beyond the package"
                    base = ".".join(here[:len(here) - node.level + 1] + ([node.module] if node.module else []))
                else:
                    base = node.module or ""
                if base != top and not base.startswith(top + "."):
                    continue
                for a in node.names:
                    deps.add(f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base)
        graph[name] = {d for d in deps if d != name}
    return graph


def stage_of(module: str) -> int:
    """The stage of ``module``: the longest name of STAGES that is it or a package holding it
    (``briefing`` itself stands only for its ``__init__``, not for the modules inside)."""
    best, rank = -1, None
    for i, (_, names) in enumerate(STAGES):
        for p in names:
            inside = module.startswith(p + ".") and p != "briefing"
            if (module == p or inside) and len(p) > best:
                best, rank = len(p), i
    if rank is None:
        raise LookupError(f"{module} belongs to no stage: move it into one or add it to STAGES")
    return rank


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"{m} ({STAGES[stage_of(m)][0]}) imports {d} ({STAGES[stage_of(d)][0]})"
                  for m, deps in graph.items() for d in deps if stage_of(d) > stage_of(m))


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


@pytest.fixture(scope="module")
def graph():
    return import_graph(modules(PACKAGE))


def test_no_import_cycles(graph):
    assert cycles(graph) == []


def test_no_stage_imports_a_later_one(graph):
    assert upward_imports(graph) == []


def test_every_module_has_a_stage(graph):
    for m in graph:
        stage_of(m)
    with pytest.raises(LookupError):  # a module left at the root outside the shared ones
        stage_of("briefing.parsing")
    assert stage_of("briefing") == stage_of("briefing.pelican_layer.generator") > stage_of("briefing.build.run")


def test_pytest_collects_every_stage_folder_of_the_tests():
    # pytest skips folders named "build" by default: tests/build/ must not be one it skips
    import fnmatch
    import tomllib

    skip = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["norecursedirs"]
    folders = [d.name for d in (ROOT / "tests").iterdir() if d.is_dir() and any(d.glob("test_*.py"))]
    assert {"read", "extract", "link", "render", "search", "build"} <= set(folders)
    assert [f for f in folders if any(fnmatch.fnmatch(f, pat) for pat in skip)] == []


def test_few_modules_at_the_root():
    root = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(root) <= MAX_ROOT_MODULES, root


# ---- the checker itself, on a package of its own -----------------------------------------


def _package(tmp_path: Path, files: dict[str, str]) -> dict[str, tuple[Path, bool]]:
    for rel, text in files.items():
        p = tmp_path / "briefing" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return modules(tmp_path / "briefing")


def test_checker_finds_a_cycle_through_an_import_inside_a_function(tmp_path):
    mods = _package(tmp_path, {
        "__init__.py": "",
        "build/__init__.py": "",
        "build/pipeline.py": "from . import workers\n",
        "build/workers.py": "def f():\n    from .pipeline import g\n",
        "build/cache.py": "from ..model import Document\n",
        "model.py": "",
    })
    g = import_graph(mods)
    assert g["briefing.build.workers"] == {"briefing.build.pipeline"}
    assert cycles(g) == [["briefing.build.pipeline", "briefing.build.workers"]]
    assert upward_imports(g) == []


def test_checker_finds_a_longer_cycle_and_an_upward_import(tmp_path):
    mods = _package(tmp_path, {
        "__init__.py": "",
        "text.py": "import briefing.read.txt\n",
        "read/__init__.py": "",
        "read/txt.py": "from ..extract.actors import mentions\n",
        "extract/__init__.py": "",
        "extract/actors/__init__.py": "",
        "extract/actors/mentions.py": "from ... import text\n",
    })
    g = import_graph(mods)
    assert g["briefing.extract.actors.mentions"] == {"briefing.text"}
    assert cycles(g) == [["briefing.extract.actors.mentions", "briefing.read.txt", "briefing.text"]]
    assert upward_imports(g) == [
        "briefing.read.txt (read) imports briefing.extract.actors.mentions (extract)",
        "briefing.text (shared) imports briefing.read.txt (read)",
    ]


def test_checker_accepts_imports_down_the_stages(tmp_path):
    mods = _package(tmp_path, {
        "__init__.py": "def register():\n    from . import pelican_layer\n",
        "pelican_layer/__init__.py": "from ..build import pipeline\nfrom ..render import memo\n",
        "build/__init__.py": "",
        "build/pipeline.py": "from ..extract import nlp\nfrom .. import settings as s\n",
        "render/__init__.py": "",
        "render/memo.py": "from ..link.site import link\n",
        "link/__init__.py": "",
        "link/site.py": "from ..read.dispatch import parse_file\n",
        "read/__init__.py": "",
        "read/dispatch.py": "",
        "extract/__init__.py": "",
        "extract/nlp.py": "",
        "settings.py": "",
        "cli.py": "from .build import pipeline\n",
    })
    g = import_graph(mods)
    assert g["briefing.pelican_layer"] == {"briefing.build.pipeline", "briefing.render.memo"}
    assert cycles(g) == [] and upward_imports(g) == []
