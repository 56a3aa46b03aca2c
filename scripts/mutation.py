"""Mutation testing of kimsite's deciding and writing modules, one module at a time.

    bash scripts/mutation.sh redirects compress        # these modules
    bash scripts/mutation.sh --all                     # every module listed in TESTS
    bash scripts/mutation.sh markup --only 'kimsite.markup.x_slug*'   # some of its mutants

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
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SURVIVORS = REPO / "tests" / "mutation-survivors.txt"
# module → the tests that speak for it (in-process ones: each mutant runs those that cover
# it). A "-k" expression leaves out the slow ones whose examples prove nothing more per
# mutant (the Hypothesis property test, the builds killed from a driver process).
_BUILDS = ["tests/test_units.py", "tests/test_golden.py", "tests/test_bad_input.py",
           "tests/test_incremental.py", "tests/test_determinism.py",
           "-k", "not equals_clean and not killed and not separate_processes"]
TESTS = {
    "redirects": ["tests/test_units.py"],
    "compress": ["tests/test_units.py", "tests/test_golden.py"],
    "routes": ["tests/test_units.py", "tests/test_golden.py"],
    "writer": ["tests/test_writer.py", *_BUILDS],
    "yamlsource": ["tests/test_yamlsource.py", "tests/test_bad_input.py", "tests/test_units.py"],
    "markup": ["tests/test_security.py", "tests/test_golden.py", "tests/test_units.py",
               "tests/test_markup_links.py"],
    # Not test_sample_site.py: its tests look fastest to mutmut, which leaves out the
    # session fixture's build of the sample (13 s), so every mutant would pay it first.
    "province": ["tests/test_province.py", "tests/test_index_scale.py", "tests/test_golden.py"],
    "check": ["tests/test_new_and_check.py"],
    "build": _BUILDS,
    "cache": ["tests/test_cache.py", *_BUILDS],
    "sitegen": [*_BUILDS[:-2], "tests/test_structured_data.py", *_BUILDS[-2:]],
}
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped",
          36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout"}
LEFT_OUT = {".venv", ".git", "build", ".kimsite-cache", "mutants", "work", "__pycache__",
            ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis"}


class MutationRunFailed(Exception):
    """mutmut ran no mutant's tests: the report says why instead of printing zeros."""

    def __init__(self, what: str, tail: list[str]) -> None:
        super().__init__(what)
        self.tail = tail


def reviewed() -> dict[str, str]:
    """`tests/mutation-survivors.txt`: `mutant name  # why it may live`, one per line."""
    found = {}
    for line in SURVIVORS.read_text(encoding="utf-8").splitlines():
        name, _, why = line.partition("#")
        if name.strip():
            found[name.strip()] = why.strip()
    return found


def run_module(
    module: str, scratch: Path, only: list[str]
) -> tuple[Counter[str], list[str], list[str]]:
    work = scratch / module
    shutil.copytree(REPO, work, ignore=lambda _d, names: [n for n in names if n in LEFT_OUT])
    pyproject = (work / "pyproject.toml").read_text(encoding="utf-8")
    section = pyproject.index("[tool.mutmut]")
    tests = ", ".join(json.dumps(t) for t in TESTS[module])
    pyproject = pyproject[:section] + (
        "[tool.mutmut]\n"
        'source_paths = ["kimsite/"]\n'
        f'only_mutate = ["kimsite/{module}.py"]\n'
        'also_copy = ["themes/", "benchmarks/", "scripts/", "config.yaml", "content/", ".tools/"]\n'
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-W", "ignore::DeprecationWarning", '
        '"-q", "-x"]\n'
        f"pytest_add_cli_args_test_selection = [{tests}]\n"
    )
    (work / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    log = scratch / f"{module}.log"
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run([sys.executable, "-m", "mutmut", "run", *only], cwd=work,
                              check=False, stdout=out, stderr=subprocess.STDOUT)
    meta = work / "mutants" / "kimsite" / f"{module}.py.meta"
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
        raise MutationRunFailed(f"{module}: mutmut tested no mutant (exit {done.returncode})",
                                tail)
    survived = sorted(name for name, code in codes.items() if STATUS.get(code) == "survived")
    untested = sorted(name for name, code in codes.items() if STATUS.get(code) == "no tests")
    return counts, survived, untested


def _functions(names: list[str]) -> str:
    """`kimsite.markup.x_slug__mutmut_3` … → `slug (4)`: which functions no test reaches."""
    bare = (re.sub(r"^kimsite\.[a-z_]+\.x_?|__mutmut_\d+$", "", n) for n in names)
    found = Counter(name.strip("ǁ").replace("ǁ", ".") for name in bare)
    return ", ".join(f"{name} ({count})" for name, count in sorted(found.items()))


def _diff(work: Path, name: str) -> str:
    """The survivor's change as a diff (`mutmut show`), for the reviewer who reads the report
    after the scratch copy is gone."""
    shown = subprocess.run([sys.executable, "-m", "mutmut", "show", name], cwd=work,
                           capture_output=True, text=True, check=False)
    return shown.stdout.strip() + "\n" if shown.returncode == 0 else f"# {name}: no diff\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("modules", nargs="*")
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--only", action="append", default=[], metavar="PATTERN",
                        help="run only the mutants whose names match (fnmatch), e.g. to "
                        "check survivors again after a new test; the row counts only them")
    args = parser.parse_args()
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
                print(f"{failed}; the end of its output:", *failed.tail, sep="\n  ",
                      file=sys.stderr)
                return 3
            listed = [s for s in survived if s in accepted]
            unexplained += [s for s in survived if s not in accepted]
            diffs += [_diff(Path(tmp) / module, s) for s in survived if s not in accepted]
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
        report += "\nSurvivors not in tests/mutation-survivors.txt:\n" + "\n".join(
            f"- {name}" for name in unexplained
        ) + "\n\n```diff\n" + "\n".join(diffs) + "```\n"
    (REPO / "mutation-report.md").write_text(report, encoding="utf-8")
    print(report)
    return 1 if unexplained else 0


def mutant_names(module: str) -> set[str]:
    """Every mutant mutmut makes of `kimsite/<module>.py` (for the stale-survivor check)."""
    from mutmut.mutation.file_mutation import mutate_file_contents

    path = REPO / "kimsite" / f"{module}.py"
    mutated = mutate_file_contents(str(path), path.read_text(encoding="utf-8"))
    prefix = f"kimsite.{module}."
    return {prefix + name for name in mutated.mutant_names}


_NAME = re.compile(r"^kimsite\.([a-z_]+)\.")


def stale(names: list[str]) -> list[str]:
    """The names that are no mutant of today's code (the function changed or went)."""
    made: dict[str, set[str]] = {}
    gone = []
    for name in names:
        found = _NAME.match(name)
        module = found.group(1) if found else ""
        if not (REPO / "kimsite" / f"{module}.py").is_file():
            gone.append(name)
            continue
        if module not in made:
            made[module] = mutant_names(module)
        if name not in made[module]:
            gone.append(name)
    return gone

if __name__ == "__main__":
    sys.exit(main())
