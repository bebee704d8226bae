"""Repository conventions: one schema (the shipped copy is the file in schemas/), one version
source, the package lint-clean; one reader of version bounds, modules and functions of a size a
reader can hold, an import graph without cycles."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

from conftest import ROOT
import lawdiff


def test_the_shipped_schema_is_the_schema():
    shipped = resources.files("lawdiff").joinpath("schema/lawdiff.rng").read_bytes()
    assert shipped == (ROOT / "schemas" / "lawdiff.rng").read_bytes()


def test_one_version_source():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert lawdiff.__version__ == declared


def test_ruff_is_clean_on_the_package():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "lawdiff"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_is_clean_on_the_typed_modules():
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


# -- one place for each idea; sizes; layers -------------------------------------------------------

PACKAGE = ROOT / "lawdiff"
#: ``x.get("from")`` and its kin read a version's bounds: only the version core does that. Other
#: elements carry attributes of the same names (a lifecycle event's ``by``, the period's
#: ``from``/``until``, a note's ``by``, a web request's ``from``): those are read under these names.
_BOUND_READ = re.compile(r"([\w.\[\]\"']+)\.get\(\s*[\"'](from|until|by|ended-by|absent)[\"']")
_NOT_A_VERSION = {"event", "ev", "note", "period", "request.args"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def test_only_the_version_core_reads_version_bounds():
    found = []
    for name, path in _modules().items():
        if name == "lawdiff.model.version":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in _BOUND_READ.finditer(line):
                if m.group(1) not in _NOT_A_VERSION:
                    found.append(f"{path.relative_to(ROOT)}:{n}: {m.group(0)}")
    assert not found, "read the bounds through lawdiff.model.version:\n" + "\n".join(found)


def test_the_bound_reader_check_sees_a_read():
    """The check above is a pattern: make sure it catches the forms it is meant to."""
    for line in ('x = el.get("from")', "holder.get('ended-by')", 'if row.get("absent") == "true":'):
        m = _BOUND_READ.search(line)
        assert m and m.group(1) not in _NOT_A_VERSION, line
    assert _BOUND_READ.search('event.get("by")').group(1) in _NOT_A_VERSION


def _functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def _oversized() -> dict[str, str]:
    """``{"path" or "path:function": "how big"}`` for modules over 600 lines, functions over 100."""
    out = {}
    for path in _modules().values():
        rel = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > 600:
            out[rel] = f"{lines} lines"
        for fn in _functions(ast.parse(text)):
            size = fn.end_lineno - fn.lineno + 1
            if size > 100:
                out[f"{rel}:{fn.name}"] = f"{size} lines"
    return out


def test_no_module_over_600_lines_and_no_function_over_100():
    big = _oversized()
    assert not big, "\n".join(f"{k}: {v}" for k, v in big.items())


def _top_level_imports(tree: ast.Module, name: str, is_package: bool) -> set[str]:
    """Modules of lawdiff imported when ``name`` is imported (function-level imports are
    deferred on purpose and do not count; ``if TYPE_CHECKING`` blocks do not run)."""
    out: set[str] = set()
    base = name.split(".") if is_package else name.split(".")[:-1]
    for node in tree.body:
        nodes = [node]
        if isinstance(node, ast.Try):
            nodes = node.body
        for stmt in nodes:
            if isinstance(stmt, ast.Import):
                out.update(a.name for a in stmt.names)
            elif isinstance(stmt, ast.ImportFrom):
                mod = stmt.module or ""
                if stmt.level:
                    mod = ".".join(base[:len(base) - stmt.level + 1] + ([mod] if mod else []))
                out.add(mod)
                out.update(f"{mod}.{a.name}" for a in stmt.names)
    return {m for m in out if m == "lawdiff" or m.startswith("lawdiff.")}


def _import_graph() -> dict[str, set[str]]:
    mods = _modules()
    graph = {}
    for name, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[name] = {m for m in _top_level_imports(tree, name, path.name == "__init__.py") if m in mods and m != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            # importing a.b runs a/__init__ first: a package importing its own submodule is its
            # own business, not a cycle between modules
            if nxt.startswith(node + "."):
                continue
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_import_graph_has_no_cycle():
    cycle = _cycle(_import_graph())
    assert cycle is None, " -> ".join(cycle)


def test_the_cycle_check_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_model_knows_no_files_git_or_time():
    graph = _import_graph()
    for name in (m for m in graph if m.startswith("lawdiff.model")):
        text = _modules()[name].read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+(git|subprocess|lawdiff\.(time|corpus|transaction|gitlog))\b",
                             text, re.M), name
