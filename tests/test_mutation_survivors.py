"""The reviewed list of surviving mutants (`tests/mutation-survivors.txt`) stays true: every
entry gives its reason and still names the very mutation that was reviewed, so a list that
once explained survivors can neither silently explain nothing nor excuse another change."""

from __future__ import annotations

from scripts.mutation import SURVIVORS, fingerprints, reviewed, stale


def test_every_reviewed_survivor_has_a_reason_and_is_still_that_mutation() -> None:
    entries = reviewed()
    assert all(why for _mark, why in entries.values()), "an entry without its reason"
    assert stale({name: mark for name, (mark, _why) in entries.items()}) == []
    names = [
        line.partition(" @")[0]
        for line in SURVIVORS.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(names) == len(set(names)), "a mutant listed twice"
    for line in SURVIVORS.read_text(encoding="utf-8").splitlines():
        assert not line.strip() or line.startswith("#") or (" @" in line and "#" in line), line


def test_a_stale_or_renumbered_entry_is_noticed() -> None:
    made = fingerprints("compress")
    names = sorted(made)
    assert names and all(name.startswith("kimsite.compress.") for name in names)
    first, second = names[0], names[1]
    assert made[first] != made[second]
    assert stale({first: made[first]}) == []
    # A name that went, a module that went, and a name that now means another mutation
    # (what renumbering does: the old fingerprint no longer matches).
    assert stale(
        {first + "99999": made[first], "kimsite.hilang.x_f__mutmut_1": "0", second: made[first]}
    ) == [second, first + "99999", "kimsite.hilang.x_f__mutmut_1"]


def test_the_fingerprint_is_the_change_not_its_place() -> None:
    """A line added to the function keeps the fingerprints of the mutants before it (no
    needless re-review) and changes those it renumbers (no wrong excuse)."""
    from scripts.mutation import REPO

    text = (REPO / "kimsite" / "compress.py").read_text(encoding="utf-8")
    line = '    dot = name.rfind(".")\n'
    assert line in text
    before = fingerprints("compress")
    after = fingerprints("compress", text.replace(line, line + "    size = size + 0\n"))
    kept = "kimsite.compress.x_worth_compressing__mutmut_2"  # rfind(None), above the new line
    moved = "kimsite.compress.x_worth_compressing__mutmut_5"  # now a mutant of the new line
    assert after[kept] == before[kept]
    assert after[moved] != before[moved]


def test_the_weekly_job_runs_every_module_the_script_knows() -> None:
    """A module added to scripts/mutation.py but not to the workflow's matrix would never
    be measured in CI (and the reverse would fail there as an unknown module)."""
    import yaml

    from scripts.mutation import REPO, TESTS

    workflow = yaml.safe_load((REPO / ".github/workflows/mutation.yml").read_text("utf-8"))
    assert sorted(workflow["jobs"]["module"]["strategy"]["matrix"]["module"]) == sorted(TESTS)
