"""Mutation testing of kimsite's deciding and writing modules, one module at a time.

    bash scripts/mutation.sh source.redirects output.compress   # these modules
    bash scripts/mutation.sh --all      # every module with a `mutation` list (tests/modules.toml)
    bash scripts/mutation.sh render.markup --only 'kimsite.render.markup.x_slug*'   # some
    bash scripts/mutation.sh --renumber      # survivors file after an edit renumbered mutants

For each module, a scratch copy of the repository gets a `[tool.mutmut]` naming only that
module and the tests that speak for it (so each mutant runs the tests that can kill it, in
this process: the build runs with jobs=1 in the tests, never in worker processes that
mutmut cannot see). mutmut 3 runs there; its results are read from its files and printed
as one table row per module: mutants, killed, survived, no tests, timeout. Survivors that
`tests/mutation-survivors.txt` lists (with the reason each is equivalent or harmless) are
counted apart; any other survivor is printed by name, and the exit code is 1.
Writes `mutation-report.md` (git-ignored) for CI to upload.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SURVIVORS = REPO / "tests" / "mutation-survivors.txt"
# module → digest of what its survivors' entries were last checked against (its source, its
# entries, mutmut's version), written by --renumber: the suite re-checks only what changed.
VERIFIED = REPO / "tests" / "mutation-verified.txt"
# module → the tests each of its mutants runs: the `mutation` lists of tests/modules.toml,
# the map from module to tests that people read too.
MODULES_MAP = REPO / "tests" / "modules.toml"


def selections(path: Path = MODULES_MAP) -> dict[str, list[str]]:
    """The mutation-tested modules and their tests, each "@group" written out in place."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    groups = data.get("groups", {})

    def expand(items: list[str]) -> list[str]:
        out: list[str] = []
        for item in items:
            out += expand(groups[item[1:]]) if item.startswith("@") else [item]
        return out

    return {
        module: list(dict.fromkeys(expand(entry["mutation"])))
        for module, entry in data["modules"].items()
        if "mutation" in entry
    }


TESTS = selections()
STATUS = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
    34: "skipped",
    36: "timeout",
    24: "timeout",
    -24: "timeout",
    152: "timeout",
    255: "timeout",
}
# What the scratch copy leaves out: these paths of the repository (the build folder, not
# the package `kimsite/build/`), and these names wherever they are.
LEFT_OUT = {".venv", ".git", "build", ".kimsite-cache", "mutants", "benchmarks/work"}
LEFT_OUT_ANYWHERE = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis"}


def left_out(folder: str, names: list[str]) -> list[str]:
    """`shutil.copytree`'s ignore: the names in `folder` that the copy leaves out."""
    rel = Path(os.path.relpath(folder, REPO))
    return [n for n in names if n in LEFT_OUT_ANYWHERE or (rel / n).as_posix() in LEFT_OUT]


class MutationRunFailed(Exception):
    """mutmut ran no mutant's tests: the report says why instead of printing zeros."""

    def __init__(self, what: str, tail: list[str]) -> None:
        super().__init__(what)
        self.tail = tail


def reviewed() -> dict[str, tuple[str, str]]:
    """`tests/mutation-survivors.txt`: `mutant-name @fingerprint  # why it may live`.

    The name alone is not enough: mutmut numbers a function's mutants in order, so an edit
    to the function can make `…__mutmut_7` another mutation, which the old reason would then
    wrongly excuse. The fingerprint is a hash of the mutation itself (`fingerprints`)."""
    found = {}
    for line in SURVIVORS.read_text(encoding="utf-8").splitlines():
        entry, _, why = line.partition("#")
        name, _, mark = entry.strip().partition(" @")
        if name.strip():
            found[name.strip()] = (mark.strip(), why.strip())
    return found


def run_module(
    module: str, scratch: Path, only: list[str]
) -> tuple[Counter[str], list[str], list[str]]:
    work = scratch / module
    shutil.copytree(REPO, work, ignore=left_out)
    pyproject = (work / "pyproject.toml").read_text(encoding="utf-8")
    section = pyproject.index("[tool.mutmut]")
    tests = ", ".join(json.dumps(t) for t in TESTS[module])
    pyproject = pyproject[:section] + (
        "[tool.mutmut]\n"
        'source_paths = ["kimsite/"]\n'
        f'only_mutate = ["{source_path(module).relative_to(REPO)}"]\n'
        'also_copy = ["themes/", "benchmarks/", "scripts/", "config.yaml", "content/", ".tools/"]\n'
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-W", "ignore::DeprecationWarning", '
        '"-q", "-x"]\n'
        f"pytest_add_cli_args_test_selection = [{tests}]\n"
    )
    (work / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    log = scratch / f"{module}.log"
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            [sys.executable, "-m", "mutmut", "run", *only],
            cwd=work,
            # The command line builds KIMs in worker processes, where mutmut sees no call:
            # in-process here, so that the tests running it speak for the code they reach.
            env={**os.environ, "KIMSITE_IN_PROCESS": "1"},
            check=False,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    meta = work / "mutants" / f"{source_path(module).relative_to(REPO)}.meta"
    codes = {}
    if meta.exists():
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        # Mutants that `--only` left out have no exit code; they are no result at all.
        codes = {name: code for name, code in codes.items() if code is not None}
    counts: Counter[str] = Counter(STATUS.get(code, "suspicious") for code in codes.values())
    if done.returncode or not counts["killed"] + counts["survived"] + counts["timeout"]:
        # mutmut stopped before testing anything (its clean run failed, or no selected
        # test reaches the module, e.g. because it runs the code in a subprocess): a
        # table row of zeros would read as a result.
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:]
        raise MutationRunFailed(f"{module}: mutmut tested no mutant (exit {done.returncode})", tail)
    survived = sorted(name for name, code in codes.items() if STATUS.get(code) == "survived")
    untested = sorted(name for name, code in codes.items() if STATUS.get(code) == "no tests")
    return counts, survived, untested


def _functions(names: list[str]) -> str:
    """`kimsite.render.markup.x_slug__mutmut_3` … → `slug (4)`: which functions no test reaches."""
    bare = (re.sub(r"^kimsite\.[a-z_.]+?\.x(?=[_ǁ])_?|__mutmut_\d+$", "", n) for n in names)
    found = Counter(name.strip("ǁ").replace("ǁ", ".") for name in bare)
    return ", ".join(f"{name} ({count})" for name, count in sorted(found.items()))


def _diff(work: Path, name: str) -> str:
    """The survivor's change as a diff (`mutmut show`), for the reviewer who reads the report
    after the scratch copy is gone."""
    shown = subprocess.run(
        [sys.executable, "-m", "mutmut", "show", name],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    return shown.stdout.strip() + "\n" if shown.returncode == 0 else f"# {name}: no diff\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("modules", nargs="*")
    parser.add_argument("--all", action="store_true")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="PATTERN",
        help="run only the mutants whose names match (fnmatch), e.g. to "
        "check survivors again after a new test; the row counts only them",
    )
    parser.add_argument(
        "--renumber",
        action="store_true",
        help="after an edit renumbered mutants: give each listed survivor the name its very "
        "mutation (same fingerprint, same function) now has, and name those it cannot place",
    )
    args = parser.parse_args()
    if args.renumber:
        moved, lost = renumber()
        for old, new in moved:
            print(f"{old} -> {new}")
        for name in lost:
            print(f"review again (no longer made as it was): {name}")
        record_verified({_NAME.match(n).group(1) for n in lost})  # type: ignore[union-attr]
        return 1 if lost else 0
    modules = list(TESTS) if args.all else args.modules
    unknown = [m for m in modules if m not in TESTS]
    if not modules or unknown:
        print(f"modules: {', '.join(TESTS)} (unknown: {', '.join(unknown) or '-'})")
        return 2
    accepted = reviewed()
    rows = [
        "| module | mutants | killed | survived (reviewed) | no tests | timeout "
        "| killed % of tested | killed % of not reviewed |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    unexplained: list[str] = []
    diffs: list[str] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kimsite-mutmut-") as tmp:
        for module in modules:
            try:
                counts, survived, untested = run_module(module, Path(tmp), args.only)
            except MutationRunFailed as failed:
                print(
                    f"{failed}; the end of its output:", *failed.tail, sep="\n  ", file=sys.stderr
                )
                return 3
            # A listed name counts only while it is still the mutation that was reviewed.
            marks = fingerprints(module)
            fresh = [s for s in survived if accepted.get(s, ("", ""))[0] != marks.get(s)]
            listed = [s for s in survived if s not in fresh]
            unexplained += [f"{s} @{marks.get(s, '?')}" for s in fresh]
            diffs += [_diff(Path(tmp) / module, s) for s in fresh]
            if untested:
                notes.append(f"- {module}: no selected test reaches {_functions(untested)}")
            tested = counts["killed"] + counts["survived"] + counts["timeout"]
            share = 100 * (counts["killed"] + counts["timeout"]) / tested if tested else 0.0
            # The reviewed survivors are equivalent (or harmless) mutants: no test can kill
            # them, so the second share leaves them out.
            real = tested - len(listed)
            share_real = 100 * (counts["killed"] + counts["timeout"]) / real if real else 0.0
            label = f"{module} (only {', '.join(args.only)})" if args.only else module
            rows.append(
                f"| {label} | {sum(counts.values())} | {counts['killed']} | "
                f"{counts['survived']} ({len(listed)}) | {counts['no tests']} | "
                f"{counts['timeout']} | {share:.0f}% | {share_real:.0f}% |"
            )
            print(rows[-1], flush=True)
    report = "\n".join(rows) + "\n"
    if notes:
        report += "\nFunctions with mutants but no test (the selected tests never call them):\n"
        report += "\n".join(notes) + "\n"
    if unexplained:
        report += (
            (
                "\nSurvivors not in tests/mutation-survivors.txt (or listed with another "
                "fingerprint: the name now means another mutation). Kill each with a test, "
                "or list it with its reason:\n"
            )
            + "\n".join(f"    {entry}  # " for entry in unexplained)
            + "\n\n```diff\n"
            + "\n".join(diffs)
            + "```\n"
        )
    (REPO / "mutation-report.md").write_text(report, encoding="utf-8")
    print(report)
    return 1 if unexplained else 0


def source_path(module: str) -> Path:
    """`render.markup` → kimsite/render/markup.py: modules are named by their dotted path
    below `kimsite`, as mutmut names their mutants (`kimsite.render.markup.x_slug__mutmut_3`)."""
    return REPO / "kimsite" / f"{module.replace('.', '/')}.py"


def fingerprints(module: str, source: str | None = None) -> dict[str, str]:
    """Every mutant mutmut makes of a module (`source_path`) → a short hash of its change.

    The hash covers only the lines the mutation changes (as `mutmut show` prints them,
    without context or line numbers), so editing another line of the function keeps it,
    and a renumbering that puts another mutation under the same name changes it."""
    from mutmut.mutation.file_mutation import mutate_file_contents

    path = source_path(module)
    text = path.read_text(encoding="utf-8") if source is None else source
    mutated = mutate_file_contents(str(path), text)
    lines = mutated.code.splitlines()
    spans = mutated.line_span_by_function_name

    def body(key: str) -> list[str]:
        base = key.rsplit("__mutmut_", 1)[0]
        return [line.replace(key, base) for line in lines[spans[key].start : spans[key].end]]

    found = {}
    for name in mutated.mutant_names:
        original, mutant = body(name.rsplit("__mutmut_", 1)[0] + "__mutmut_orig"), body(name)
        change = [
            line[0] + line[1:].strip()
            for line in difflib.unified_diff(original, mutant, n=0, lineterm="")
            if line[:1] in "+-" and not line.startswith(("+++", "---"))
        ]
        # The same line written twice in a function (`record = old.get(key)` for texts,
        # then for copies) makes the same change twice: which one it is counts too.
        matcher = difflib.SequenceMatcher(None, original, mutant, autojunk=False)
        first = next(i for tag, i, *_ in matcher.get_opcodes() if tag != "equal")
        earlier = original[:first].count(original[first]) if first < len(original) else 0
        if earlier:
            change.append(f"@{earlier}")
        digest = hashlib.sha256("\n".join(change).encode("utf-8")).hexdigest()[:8]
        found[f"kimsite.{module}.{name}"] = digest
    return found


_NAME = re.compile(r"^kimsite\.([a-z_.]+?)\.x[_ǁ]")


def stale(entries: dict[str, str], made: dict[str, dict[str, str]] | None = None) -> list[str]:
    """The entries (name → fingerprint) that are no longer the mutation they were reviewed
    as: the name went (function changed or removed) or now names another change."""
    if made is None:
        made = {}  # fingerprints by module, filled as needed
    gone = []
    for name, mark in sorted(entries.items()):
        found = _NAME.match(name)
        module = found.group(1) if found else ""
        if not (source_path(module)).is_file():
            gone.append(name)
            continue
        if module not in made:
            made[module] = fingerprints(module)
        if made[module].get(name) != mark:
            gone.append(name)
    return gone


def checked_digest(module: str, entries: dict[str, str]) -> str:
    """What a module's entries were checked against: its source, the entries themselves
    (name and fingerprint) and mutmut's version. Fingerprints are a function of these
    alone, so equal digests mean the check would find the same."""
    from importlib.metadata import version

    h = hashlib.sha256((source_path(module)).read_bytes())
    h.update(version("mutmut").encode())
    for name, mark in sorted(entries.items()):
        h.update(f"\n{name} {mark}".encode())
    return h.hexdigest()[:16]


def module_entries() -> dict[str, dict[str, str]]:
    """module → its reviewed survivors (name → fingerprint)."""
    found: dict[str, dict[str, str]] = {}
    for name, (mark, _why) in reviewed().items():
        match = _NAME.match(name)
        found.setdefault(match.group(1) if match else "", {})[name] = mark
    return found


def verified() -> dict[str, str]:
    if not VERIFIED.is_file():
        return {}
    pairs = (line.split() for line in VERIFIED.read_text(encoding="utf-8").splitlines())
    return {p[0]: p[1] for p in pairs if len(p) == 2 and not p[0].startswith("#")}


def record_verified(unresolved: set[str]) -> None:
    """Write the digest of every module whose entries all hold (none in `unresolved`)."""
    lines = [
        "# Written by `bash scripts/mutation.sh --renumber`: module, digest of what its",
        "# survivors' entries were last checked against (source, entries, mutmut).",
    ]
    for module, entries in sorted(module_entries().items()):
        if module not in unresolved and (source_path(module)).is_file():
            lines.append(f"{module} {checked_digest(module, entries)}")
    VERIFIED.write_text("\n".join(lines) + "\n", encoding="utf-8")


def renumber() -> tuple[list[tuple[str, str]], list[str]]:
    """Rename the survivors file's entries that now carry another number: the same change
    (fingerprint) in the same function, found once. An entry whose change is made no more,
    or twice, is left for a person: its reason may not hold."""
    entries = reviewed()
    made: dict[str, dict[str, str]] = {}  # shared with stale: each module mutated once
    lost = set(stale({name: mark for name, (mark, _why) in entries.items()}, made))
    moved: list[tuple[str, str]] = []
    for name in sorted(lost):
        found = _NAME.match(name)
        module = found.group(1) if found else ""
        if not (source_path(module)).is_file():
            continue
        if module not in made:
            made[module] = fingerprints(module)
        function = name.rsplit("__mutmut_", 1)[0] + "__mutmut_"
        same = [
            other
            for other, mark in made[module].items()
            if other.startswith(function) and mark == entries[name][0] and other not in entries
        ]
        if len(same) == 1:
            moved.append((name, same[0]))
    if moved:
        renamed = dict(moved)
        lines = SURVIVORS.read_text(encoding="utf-8").splitlines()
        for at, line in enumerate(lines):
            name = line.partition(" @")[0].strip()
            if name in renamed:
                lines[at] = renamed[name] + line[len(name) :]
        SURVIVORS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return moved, sorted(lost - dict(moved).keys())


if __name__ == "__main__":
    sys.exit(main())
