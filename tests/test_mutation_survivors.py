"""The reviewed list of surviving mutants (`tests/mutation-survivors.txt`) stays true: every
entry gives its reason and still names the very mutation that was reviewed, so a list that
once explained survivors can neither silently explain nothing nor excuse another change."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.mutation import (
    SURVIVORS,
    checked_digest,
    fingerprints,
    module_entries,
    reviewed,
    stale,
    verified,
)


def _module(name: str) -> str:
    """`kimsite.output.compress.x_f__mutmut_1` → `output.compress`."""
    return name.removeprefix("kimsite.").split(".x", 1)[0]


# One test per module, so that the suite's workers share the fingerprinting (mutmut makes
# every mutant of a module to fingerprint it: a second or more per module).
MODULES = sorted({_module(name) for name in reviewed()})


@pytest.mark.parametrize("module", MODULES)
def test_every_reviewed_survivor_is_still_that_mutation(module: str) -> None:
    """Fingerprinting makes every mutant of the module (seconds each): a module whose
    source, entries and mutmut are those last checked (tests/mutation-verified.txt, written
    by `bash scripts/mutation.sh --renumber`) would give the same answer, and is skipped."""
    entries = module_entries()[module]
    assert entries
    if verified().get(module) == checked_digest(module, entries):
        return
    assert stale(entries) == []


def test_a_changed_module_or_entry_is_checked_again() -> None:
    """The digest that lets a module skip the check follows its source and its entries."""
    module = "output.compress"
    entries = module_entries().get(module) or {"kimsite.output.compress.x_f__mutmut_1": "0"}
    digest = checked_digest(module, entries)
    changed = dict(entries)
    changed[next(iter(changed))] = "00000000"
    assert checked_digest(module, changed) != digest
    assert checked_digest(module, entries) == digest


def test_every_reviewed_survivor_has_a_reason_and_is_listed_once() -> None:
    entries = reviewed()
    assert all(why for _mark, why in entries.values()), "an entry without its reason"
    names = [
        line.partition(" @")[0]
        for line in SURVIVORS.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(names) == len(set(names)), "a mutant listed twice"
    for line in SURVIVORS.read_text(encoding="utf-8").splitlines():
        assert not line.strip() or line.startswith("#") or (" @" in line and "#" in line), line


def test_a_stale_or_renumbered_entry_is_noticed() -> None:
    made = fingerprints("output.compress")
    names = sorted(made)
    assert names and all(name.startswith("kimsite.output.compress.") for name in names)
    first, second = names[0], names[1]
    assert made[first] != made[second]
    assert stale({first: made[first]}) == []
    # A name that went, a module that went, and a name that now means another mutation
    # (what renumbering does: the old fingerprint no longer matches).
    assert stale(
        {
            first + "99999": made[first],
            "kimsite.output.hilang.x_f__mutmut_1": "0",
            second: made[first],
        }
    ) == [second, first + "99999", "kimsite.output.hilang.x_f__mutmut_1"]


def test_the_fingerprint_is_the_change_not_its_place() -> None:
    """A line added to the function keeps the fingerprints of the mutants before it (no
    needless re-review) and changes those it renumbers (no wrong excuse)."""
    from scripts.mutation import REPO

    text = (REPO / "kimsite" / "output" / "compress.py").read_text(encoding="utf-8")
    line = '    dot = name.rfind(".")\n'
    assert line in text
    before = fingerprints("output.compress")
    after = fingerprints("output.compress", text.replace(line, line + "    size = size + 0\n"))
    kept = "kimsite.output.compress.x_worth_compressing__mutmut_2"  # rfind(None), above the line
    moved = "kimsite.output.compress.x_worth_compressing__mutmut_5"  # a mutant of the new line
    assert after[kept] == before[kept]
    assert after[moved] != before[moved]


def test_the_weekly_job_runs_every_module_the_script_knows() -> None:
    """A module added to scripts/mutation.py but not to the workflow's matrix would never
    be measured in CI (and the reverse would fail there as an unknown module)."""
    import yaml

    from scripts.mutation import REPO, TESTS

    workflow = yaml.safe_load((REPO / ".github/workflows/mutation.yml").read_text("utf-8"))
    assert sorted(workflow["jobs"]["module"]["strategy"]["matrix"]["module"]) == sorted(TESTS)


def test_renumbering_moves_an_entry_to_its_mutation_and_names_what_it_cannot_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an edit, `--renumber` gives each entry the name its very mutation now has (a
    line added above it shifts its number), and leaves an entry whose mutation is no longer
    made for a person to review."""
    import scripts.mutation as mutation

    text = (mutation.REPO / "kimsite" / "output" / "compress.py").read_text(encoding="utf-8")
    made = fingerprints("output.compress")
    shifted = "kimsite.output.compress.x_worth_compressing__mutmut_5"  # `and` → `or`, in return
    first = "kimsite.output.compress.x_worth_compressing__mutmut_3"  # rfind → find
    (tmp_path / "kimsite" / "output").mkdir(parents=True)
    (tmp_path / "tests").mkdir()
    line = '    dot = name.rfind(".")\n'
    edited = text.replace(line, '    dot = name.rfind(".", 0)\n    size = size + 0\n')
    # The same line in another function makes the same change there: not this entry's.
    twin = edited[edited.index("def worth_compressing") :].split("\n\n\n")[0]
    edited += "\n\n" + twin.replace("def worth_compressing", "def kembar") + "\n"
    (tmp_path / "kimsite" / "output" / "compress.py").write_text(edited, encoding="utf-8")
    survivors = tmp_path / "tests" / "mutation-survivors.txt"
    survivors.write_text(
        f"# reviewed\n{shifted} @{made[shifted]}  # alasan satu\n{first} @{made[first]}  # dua\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(mutation, "REPO", tmp_path)
    monkeypatch.setattr(mutation, "SURVIVORS", survivors)
    moved, lost = mutation.renumber()
    [(old, new)] = moved
    assert old == shifted and new != shifted and new.startswith(shifted[: -len("5")])
    assert fingerprints("output.compress")[new] == made[shifted]
    assert lost == [first]  # `rfind(".")` is written otherwise now: its mutant is not made
    assert survivors.read_text(encoding="utf-8").splitlines() == [
        "# reviewed",
        f"{new} @{made[shifted]}  # alasan satu",
        f"{first} @{made[first]}  # dua",
    ]


def test_the_same_change_on_a_repeated_line_is_told_apart() -> None:
    """`return "render"` is written several times in build.pipeline._what_to_do: the same mutation of
    each is a different mutant, whose review may not carry over to the others."""
    made = fingerprints("build.pipeline")
    renders = [name for name in made if name.startswith("kimsite.build.pipeline.x__what_to_do__")]
    assert len({made[name] for name in renders}) == len(renders)
