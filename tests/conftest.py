from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kimsite.build.pipeline import BuildReport, build
from tests.helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    FUZZ_STATS,
    REPO,
    SAMPLE,
    SAMPLE_NOW,
    write_project,
)
from tests.webserver import Nginx


@pytest.fixture(autouse=True)
def _fresh_markdown_renderer() -> None:
    """Each test renders with a Markdown renderer made during it. The build keeps one per
    process; one left by an earlier test, or made before mutmut forked the process for a
    mutant, would hide from every test how the renderer is made (its footnote titles)."""
    import kimsite.build.kim

    kimsite.build.kim._renderer = None


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    """Write a scratch project from a dict of files; returns its root."""

    def make(files: dict[str, str | bytes], **kwargs: object) -> Path:
        return write_project(tmp_path / "proyek", files, **kwargs)  # type: ignore[arg-type]

    return make


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """The shipped sample project, copied and built once for the whole session."""
    root = tmp_path_factory.mktemp("sample")
    shutil.copy(SAMPLE / "config.yaml", root / "config.yaml")
    shutil.copytree(SAMPLE / "content", root / "content")
    shutil.copytree(REPO / "themes", root / "themes")
    report = build(root / "config.yaml", now=SAMPLE_NOW)
    return root, report


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium (Debian's, driven by Playwright) for the whole session."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: scripts/test.sh installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    """One nginx for the session (tests/webserver.py); each module loads its configuration."""
    server = Nginx(tmp_path_factory.mktemp("nginx"))
    try:
        yield server
    finally:
        server.stop()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In a pytest-xdist worker: hand the fuzz counts to the controller, which prints them."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["fuzz"] = dict(FUZZ_STATS)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    for key, count in getattr(node, "workeroutput", {}).get("fuzz", {}).items():
        FUZZ_STATS[key] += count


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The fuzz suite's counts, so a run shows how much was tried, not only that it passed."""
    cases = {k.split(":", 1)[1]: v for k, v in FUZZ_STATS.items() if k.startswith("cases:")}
    if not cases:
        return
    built = sum(v for k, v in FUZZ_STATS.items() if k.startswith("built:"))
    codes = sorted((k.split(":", 1)[1], v) for k, v in FUZZ_STATS.items() if k.startswith("code:"))
    terminalreporter.section("fuzz")
    terminalreporter.write_line(
        f"{sum(cases.values())} generated cases ("
        + ", ".join(f"{name} {n}" for name, n in sorted(cases.items()))
        + f"); {built} built a site; {len(codes)} distinct problem codes seen"
    )
    terminalreporter.write_line(", ".join(f"{code} {n}" for code, n in codes))


# Tests that take tens of seconds each (tests/… ::name prefixes): run first, so that the
# suite's workers (pytest-xdist) end together instead of one finishing a long test alone.
HEAVY_FIRST = (
    "test_incremental.py::test_incremental_equals_clean",
    "test_readme.py::",
    "test_admin.py::test_a_writer_publishes_an_article_through_the_editor",
    "test_incremental.py::test_killed_build_leaves_a_usable_cache",
    "test_lighthouse.py::",
    "test_theme_modes.py::test_screenshots_for_a_person",
    "test_fuzz.py::test_articles",
    "test_incremental.py::test_builds_killed_at_chosen_points_leave_a_usable_cache",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.nodeid.removeprefix("tests/")
        return next((n for n, p in enumerate(HEAVY_FIRST) if name.startswith(p)), len(HEAVY_FIRST))

    items.sort(key=rank)  # stable: the rest keep their order
