"""The reviewed list of surviving mutants (`tests/mutation-survivors.txt`) stays true: every
entry gives its reason, and names a mutant mutmut still makes of today's code, so a list
that once explained survivors cannot silently explain nothing."""

from __future__ import annotations

from scripts.mutation import SURVIVORS, mutant_names, reviewed, stale


def test_every_reviewed_survivor_has_a_reason_and_still_exists() -> None:
    entries = reviewed()
    assert all(why for why in entries.values()), "an entry without its reason"
    assert stale(sorted(entries)) == []
    for line in SURVIVORS.read_text(encoding="utf-8").splitlines():
        assert not line.strip() or line.startswith("#") or "#" in line, line


def test_a_stale_name_is_noticed() -> None:
    real = sorted(mutant_names("compress"))
    assert real and all(name.startswith("kimsite.compress.") for name in real)
    assert stale([real[0]]) == []
    assert stale([real[0] + "99999", "kimsite.hilang.x_f__mutmut_1"]) == [
        real[0] + "99999", "kimsite.hilang.x_f__mutmut_1"
    ]


def test_the_weekly_job_runs_every_module_the_script_knows() -> None:
    """A module added to scripts/mutation.py but not to the workflow's matrix would never
    be measured in CI (and the reverse would fail there as an unknown module)."""
    import yaml

    from scripts.mutation import REPO, TESTS

    workflow = yaml.safe_load((REPO / ".github/workflows/mutation.yml").read_text("utf-8"))
    assert sorted(workflow["jobs"]["module"]["strategy"]["matrix"]["module"]) == sorted(TESTS)
