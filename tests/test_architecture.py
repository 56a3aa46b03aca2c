"""The imports between kimsite's packages follow docs/architecture.md: a package imports
only packages on lower floors, and no module imports back into itself through others.

The floors are read from the document's table, so the document and this check cannot
drift apart: moving a package means changing the table a reader sees."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.helpers import REPO

PACKAGE = REPO / "kimsite"
ROW = re.compile(r"^\| (\d+) \| `(\w+)/` \|", re.M)


def floors(text: str) -> dict[str, int]:
    """package → its floor, from the table of docs/architecture.md."""
    return {name: int(floor) for floor, name in ROW.findall(text)}


def module_of(path: Path) -> str:
    rel = path.relative_to(REPO).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """Every kimsite module `path` imports, at its top or inside a function (a lazy import
    is an import all the same)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "kimsite")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] != "kimsite":
                continue
            found.add(node.module)
            for alias in node.names:  # `from kimsite.render import markup`: a module
                name = f"{node.module}.{alias.name}"
                if _source(name) is not None:
                    found.add(name)
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: a relative import (kimsite imports by full name)")
    return found


def _source(module: str) -> Path | None:
    base = REPO.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def package_of(module: str) -> str | None:
    """`kimsite.render.markup` → `render`; None for the top (`kimsite`, `kimsite.__main__`)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and (PACKAGE / parts[1]).is_dir() else None


def graph() -> dict[str, set[str]]:
    return {module_of(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def breaches(graph: dict[str, set[str]], floor: dict[str, int]) -> list[str]:
    """Every import that runs to the importer's own floor or above, as `a -> b`."""
    found = []
    for module, targets in sorted(graph.items()):
        home = package_of(module)
        for target in sorted(targets):
            there = package_of(target)
            if home is None:
                if (module == "kimsite.__main__" and there == "cli") or target == "kimsite":
                    continue
                found.append(f"{module} -> {target}")
            elif there is None:
                if target != "kimsite":  # the version
                    found.append(f"{module} -> {target}")
            elif there != home and floor[there] >= floor[home]:
                found.append(f"{module} -> {target}")
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Modules that import each other in a loop (through any number of others)."""
    found, done, path = [], set(), []

    def visit(module: str) -> None:
        if module in path:
            found.append([*path[path.index(module) :], module])
            return
        if module in done:
            return
        path.append(module)
        for target in sorted(graph.get(module, ())):
            visit(target)
        path.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)
    return found


ARCHITECTURE = REPO / "docs" / "architecture.md"


def test_every_package_has_a_floor_and_every_floor_a_package() -> None:
    floor = floors(ARCHITECTURE.read_text(encoding="utf-8"))
    on_disk = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert set(floor) == on_disk


def test_imports_between_packages_follow_the_floors() -> None:
    floor = floors(ARCHITECTURE.read_text(encoding="utf-8"))
    assert breaches(graph(), floor) == []


def test_no_module_imports_back_into_itself() -> None:
    assert circles(graph()) == []


def test_a_breach_and_a_circle_are_seen() -> None:
    """The check itself: an import up a floor, one across a floor, and a loop are found."""
    floor = {"model": 2, "render": 4, "output": 5, "serve": 8, "deploy": 8}
    made = {
        "kimsite.model.content": {"kimsite.render.markup"},  # up
        "kimsite.serve.preview": {"kimsite.deploy.nginx", "kimsite.output.writer"},  # across
        "kimsite.output.writer": {"kimsite.render.site_output", "kimsite"},  # down: fine
        "kimsite.render.markup": {"kimsite.render.views"},
        "kimsite.render.views": {"kimsite.render.markup"},
    }
    assert breaches(made, floor) == [
        "kimsite.model.content -> kimsite.render.markup",
        "kimsite.serve.preview -> kimsite.deploy.nginx",
    ]
    assert circles(made) == [
        ["kimsite.render.markup", "kimsite.render.views", "kimsite.render.markup"]
    ]


@pytest.mark.parametrize("line", ["| 3 | `source/` | x |", "| 10 | `cli/` | y |"])
def test_the_table_is_read_as_a_reader_sees_it(line: str) -> None:
    floor, name = int(line.split("|")[1]), line.split("`")[1].rstrip("/")
    assert floors(line + "\n") == {name: floor}


def test_no_test_module_imports_another() -> None:
    """Shared fixtures live in conftest.py and shared helpers in helpers.py or webserver.py:
    a test found by its module's name holds all that is its own."""
    tests = REPO / "tests"
    found = []
    for path in sorted(tests.glob("*.py")):
        for module in imports_of_tests(path):
            if module.startswith("tests.test_") or module == "tests.conftest":
                found.append(f"{path.name} -> {module}")
    assert found == []


def imports_of_tests(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found
