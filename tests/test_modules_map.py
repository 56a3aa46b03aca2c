"""tests/modules.toml, the map from each module to the tests that speak for it, stays
true: every module of kimsite is in it, every test it names exists, and the mutation
script reads its selections from it."""

from __future__ import annotations

import tomllib
from pathlib import Path

from scripts.mutation import MODULES_MAP, selections
from tests.helpers import REPO


def _map() -> dict[str, dict[str, list[str]]]:
    return tomllib.loads(MODULES_MAP.read_text(encoding="utf-8"))["modules"]  # type: ignore[no-any-return]


def _modules() -> set[str]:
    found = set()
    for path in (REPO / "kimsite").rglob("*.py"):
        rel = path.relative_to(REPO / "kimsite").with_suffix("")
        if rel.name not in ("__init__", "__main__"):
            found.add(".".join(rel.parts))
    return found


def test_every_module_is_mapped_to_its_tests() -> None:
    assert set(_map()) == _modules()
    assert all(entry["tests"] for entry in _map().values())


def test_every_test_named_exists() -> None:
    named = {t for entry in _map().values() for t in entry["tests"]}
    named |= {t for tests in selections().values() for t in tests if t.startswith("tests/")}
    missing = []
    for test in sorted(named):
        path, _, node = test.partition("::")
        if not (REPO / path).is_file() or (
            node and f"def {node.partition('[')[0]}(" not in (REPO / path).read_text("utf-8")
        ):
            missing.append(test)
    assert missing == []


def test_groups_are_written_out_once_each(tmp_path: Path) -> None:
    made = tmp_path / "map.toml"
    made.write_text(
        '[groups]\na = ["x.py", "@b"]\nb = ["y.py", "x.py"]\n'
        '[modules."m.one"]\ntests = ["x.py"]\nmutation = ["@a", "z.py", "@b"]\n'
        '[modules."m.two"]\ntests = ["x.py"]\n',
        encoding="utf-8",
    )
    assert selections(made) == {"m.one": ["x.py", "y.py", "z.py"]}
