"""The build, read top to bottom as the pipeline it is.

load config → look at what changed since the last build (the cache) → check what spans KIMs
(hosts) → render each KIM that needs it, in parallel, each worker committing its own site →
render the index from KIM summaries → save the cache.

A KIM with errors is skipped and its previous output kept; the others still build. A KIM
whose files, theme and settings are as the last build left them is not touched at all.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kimsite.build.cache import (
    BuildState,
    Cache,
    KimState,
    same_inputs,
    scan,
)
from kimsite.build.index import IndexOutcome, build_index_site
from kimsite.build.kim import KimTask, Mode, run_tasks
from kimsite.build.publish import site_intact
from kimsite.build.run import MACHINE_ERRNOS, MachineFailure, Run, theme_fp, theme_stamps
from kimsite.model.problems import KimsiteError, Problem, ProblemLog, display_path, problem
from kimsite.model.publishing import BuildOptions
from kimsite.output.digest import bytes_digest
from kimsite.output.lock import Busy, exclusive
from kimsite.output.writer import (
    WriteStats,
    clear_staging,
    remove_files,
)
from kimsite.render.themes import forget_environments
from kimsite.source.config import SiteConfig, load_config
from kimsite.source.files import list_kim_folders
from kimsite.source.hosts import host_of, host_problems

# (KIM just finished, how many so far, how many to do, files its site holds)
Progress = Callable[[str, int, int, int], None]


@dataclass
class KimResult:
    slug: str
    host: str | None
    built: bool
    rendered: bool = False  # False: nothing changed, the last build's output stands
    pages: int = 0
    indexed: bool = False  # its search bundle was made again


@dataclass
class BuildReport:
    config: SiteConfig
    out_dir: Path
    kims: list[KimResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    index_built: bool = False
    index_rendered: bool = False
    index_indexed: bool = False
    next_due: tuple[str, datetime] | None = None  # the KIM whose scheduled article is next
    index_note: str | None = None
    stats: WriteStats = field(default_factory=WriteStats)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not any(p.severity.value == "error" for p in self.problems)

    @property
    def indexed(self) -> int:
        """Search bundles made again by this build (the others were kept as they were)."""
        return sum(k.indexed for k in self.kims) + self.index_indexed

    @property
    def failed(self) -> list[KimResult]:
        return [k for k in self.kims if not k.built]


def current_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so a build can be reproduced later."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


def shard_of(slug: str, count: int) -> int:
    """A KIM's shard, 1..count: stable across machines, runs and Python versions."""
    # os.fsencode: a folder name's own bytes, even those that are not UTF-8.
    return int.from_bytes(hashlib.sha256(os.fsencode(slug)).digest()[:8], "big") % count + 1


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """ "2/8" → Shard(2, 8)."""
        left, _, right = text.partition("/")
        index, count = int(left), int(right)
        if not 1 <= index <= count:
            raise ValueError(text)
        return cls(index, count)

    def owns(self, slug: str) -> bool:
        return shard_of(slug, self.count) == self.index


def build(
    config_path: Path,
    out_dir: Path | None = None,
    only: Sequence[str] = (),
    drafts: bool = False,
    future: bool = False,
    now: datetime | None = None,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
    shard: Shard | None = None,
    with_index: bool = True,
    isolate: bool = False,
) -> BuildReport:
    """Build every KIM that needs it (or those in `only`, or this `shard`'s), then the index.

    Raises `KimsiteError` only when nothing can be built (config unusable); every other
    problem is in the report, and what could be built was. With `isolate` (the command
    line's builds), KIMs are built in worker processes even one at a time, so that each
    one's time and memory are bounded whatever the code path (`kimsite.build.workers`); without
    it, one job builds in this process (the preview, whose threads forbid forking, and
    tests that watch the code run).
    """
    started = time.perf_counter()
    run = _prepare(config_path, out_dir, cache_dir, drafts, future, now)
    with _machine_boundary(run):
        report = BuildReport(run.config, run.out)
        state = run.cache.load_state(run.out)
        folders = {f.name: f for f in list_kim_folders(run.config.content_dir)}
        selected = select_kims(folders, only, shard, run.config)
        clashes = host_problems(folders, run.config)
        _drop_lost_hosts(state, folders, clashes, run.config)

        tasks = _plan(run, state, folders, selected, clashes, report)
        _build_kims(tasks, jobs, isolate, state, report, progress)

        removed = _forget_removed(state, folders, run, shard, only, report.stats)
        report.kims.sort(key=lambda k: k.slug)
        if with_index and shard is None:
            _add_index(report, build_index_site(run, state, folders))
        due = [(k.next_change_ns, slug) for slug, k in state.kims.items() if k.next_change_ns]
        if due:
            ns, slug = min(due)
            report.next_due = (slug, datetime.fromtimestamp(ns / 1e9, UTC))
        changed = bool(tasks or removed or report.index_rendered or not state.built_at_ns)
        if tasks:
            _prune_images(run)
        return _finish(run, state, report, started, save=changed)


def _plan(
    run: Run,
    state: BuildState,
    folders: dict[str, Path],
    selected: list[str],
    clashes: dict[str, list[Problem]],
    report: BuildReport,
) -> list[KimTask]:
    """What each selected KIM needs: nothing (reported as built), or a task."""
    tasks = []
    for slug in selected:
        previous = state.kims.get(slug)
        inputs = scan(folders[slug])
        mode = _what_to_do(run, state, previous, folders[slug], inputs, clashes.get(slug))
        if mode is None:
            assert previous is not None
            report.kims.append(KimResult(slug, previous.host, built=True))
            continue
        problems = clashes.get(slug, [])
        tasks.append(KimTask(slug, folders[slug], run, previous, problems, mode, inputs))
    return tasks


def _build_kims(
    tasks: list[KimTask],
    jobs: int,
    isolate: bool,
    state: BuildState,
    report: BuildReport,
    progress: Progress | None,
) -> None:
    """Each task built (in worker processes when asked), its outcome into the state and
    the report in the tasks' order."""
    for position, outcome in enumerate(run_tasks(tasks, jobs, isolate), start=1):
        if progress:
            progress(outcome.slug, position, len(tasks), outcome.pages)
        state.kims[outcome.slug] = outcome.state
        report.stats.add(outcome.stats)
        report.kims.append(
            KimResult(
                outcome.slug,
                outcome.state.host,
                outcome.state.built,
                rendered=True,
                pages=outcome.pages,
                indexed=outcome.indexed,
            )
        )
        report.problems.extend(outcome.problems)


PRUNE_EVERY_SECONDS = 86_400


def _prune_images(run: Run) -> None:
    """The shared image cache loses what no photo refers to any more, at most once a day
    (it reads a stamp per photo: not for every edit), after a build that rendered."""
    from kimsite.render.images import prune

    root = run.cache.root / "images"
    marker = run.cache.root / "images-dipangkas"
    try:
        if time.time() - marker.stat().st_mtime < PRUNE_EVERY_SECONDS:
            return
    except FileNotFoundError:
        pass
    if root.is_dir():
        prune(root)
        marker.touch()


@contextmanager
def _machine_boundary(run: Run) -> Iterator[None]:
    """A full disk or a read-only output stops the build with one clear message. Nothing
    is half done: every site was committed whole or not at all, and the cache's state
    file is the last build's, so the next build redoes what this one could not.

    Only one build at a time uses an output folder or a cache: what a killed build left
    half-written is cleared once the folders are this build's alone."""
    try:
        with exclusive(run.out, run.cache.root):
            clear_staging(run.out)
            run.cache.clear_temporaries()
            try:
                yield
            finally:
                clear_staging(run.out)
    except Busy as exc:
        raise KimsiteError(
            [problem(exc.folder, None, "build.busy", folder=display_path(exc.folder))]
        ) from None
    except MachineFailure as exc:
        raise KimsiteError(
            [problem(run.out, None, "build.machine", detail=exc.text, code=exc.code)]
        ) from None
    except OSError as exc:
        if exc.errno not in MACHINE_ERRNOS:
            raise
        raise KimsiteError(
            [problem(run.out, None, "build.machine", detail=exc.strerror or "", code=exc.errno)]
        ) from None


def _add_index(report: BuildReport, index: IndexOutcome) -> None:
    report.problems.extend(index.problems)
    report.index_note = index.note
    report.index_built = index.built
    report.index_rendered = index.rendered
    report.index_indexed = index.indexed
    report.stats.add(index.stats)


def build_index(
    config_path: Path,
    out_dir: Path | None = None,
    cache_dir: Path | None = None,
) -> BuildReport:
    """Only the province index, from the KIM summaries in the cache (e.g. merged from shards)."""
    started = time.perf_counter()
    run = _prepare(config_path, out_dir, cache_dir, False, False, None)
    with _machine_boundary(run):
        report = BuildReport(run.config, run.out)
        state = run.cache.load_state(run.out)
        folders = {f.name: f for f in list_kim_folders(run.config.content_dir)}
        _add_index(report, build_index_site(run, state, folders, force_digests=True))
        return _finish(run, state, report, started, save=True)


def _finish(
    run: Run, state: BuildState, report: BuildReport, started: float, save: bool
) -> BuildReport:
    """Record what this build saw (a build that changed nothing leaves the state file alone)."""
    if save:
        state.themes = run.themes
        state.built_at_ns = run.started_ns
        run.cache.save_state(state)
    report.seconds = time.perf_counter() - started
    return report


def _prepare(
    config_path: Path,
    out_dir: Path | None,
    cache_dir: Path | None,
    drafts: bool,
    future: bool,
    now: datetime | None,
) -> Run:
    started_ns = time.time_ns()
    forget_environments()
    config = load_config(config_path)
    out = (out_dir or config.root / "build").resolve()
    cache_root = (cache_dir or config.root / ".kimsite-cache").resolve()
    _check_out_dir(out, config, config_path)
    options = BuildOptions(now=now or current_time(), drafts=drafts, future=future)
    config_fp = bytes_digest(
        config_path.read_bytes() + f"|{drafts}|{future}|{config.root}".encode()
    )
    themes = {}
    if config.themes_dir.is_dir():
        themes = {t.name: scan(t) for t in sorted(config.themes_dir.iterdir()) if t.is_dir()}
    cache = Cache(cache_root)
    return Run(config, config_path, out, cache, options, started_ns, config_fp, themes)


def _check_out_dir(out: Path, config: SiteConfig, config_path: Path) -> None:
    """The output folder is emptied of stale files: it must not hold the project itself,
    nor lie inside content or a theme (the next build would read its own output back)."""
    inside = any(out.is_relative_to(p) for p in (config.content_dir, config.themes_dir))
    if config.root.is_relative_to(out) or inside:  # content/ and themes/ are in the root
        log = ProblemLog()
        log.add(config_path, None, "build.bad_out", out=str(out))
        raise KimsiteError(log)


def select_kims(
    folders: dict[str, Path], only: Sequence[str], shard: Shard | None, config: SiteConfig
) -> list[str]:
    """The KIMs a build or a check is about: those named (each must exist), else this
    shard's, else all."""
    unknown = [s for s in only if s not in folders]
    if unknown:
        log = ProblemLog()
        for slug in unknown:
            log.add(
                config.content_dir / slug,
                None,
                "build.unknown_kim",
                slug=slug,
                known=", ".join(sorted(folders)[:20]),
            )
        raise KimsiteError(log)
    chosen = sorted(set(only)) if only else sorted(folders)
    return [s for s in chosen if shard is None or shard.owns(s)]


# What a KIM needs: None (nothing), or a `build.kim.Mode`.
def _what_to_do(
    run: Run,
    state: BuildState,
    previous: KimState | None,
    folder: Path,
    inputs: dict[str, tuple[int, int]],
    host_problems: list[Problem] | None,
) -> Mode:
    if previous is None or not previous.built or host_problems:
        return "render"
    if previous.config_fp != run.config_fp:
        return "render"
    due = previous.next_change_ns
    if due is not None and run.options.now.timestamp() * 1e9 >= due:
        return "render"
    if not same_inputs(folder, inputs, previous):
        return "render"
    if previous.host is None or not _output_intact(run, folder.name, previous):
        return "render"
    chain = previous.theme_chain
    if theme_fp(run.themes, chain) == previous.theme_fp:
        return None
    if theme_fp(state.themes, chain) != previous.theme_fp:
        return "render"  # the theme changed more than once since this KIM was built
    old, new = theme_stamps(state.themes, chain), theme_stamps(run.themes, chain)
    if old.keys() != new.keys():
        return "render"  # a template added or removed may shadow another: no shortcuts
    changed = {k for k, v in new.items() if old[k] != v}
    if any(k.split("/")[1:2] == ["static"] for k in changed):
        return "render"  # an asset's URL holds its digest: every page links the new one
    return frozenset(os.path.normpath(run.config.themes_dir / k) for k in changed)


def _drop_lost_hosts(
    state: BuildState,
    folders: dict[str, Path],
    clashes: dict[str, list[Problem]],
    config: SiteConfig,
) -> None:
    """A failed KIM keeps its host in the state so that its last site can be removed with
    its folder. When that host now belongs to another KIM (a new folder whose name gives
    it, a custom domain moved), the claim goes: the site there is the other KIM's, and
    removing or moving the old KIM must never delete it."""
    owners = {host_of(slug, config): slug for slug in folders if slug not in clashes}
    for slug, kim in state.kims.items():
        if kim.host is not None and owners.get(kim.host, slug) != slug:
            kim.host = None


# Each KIM's files are also compared one by one once a day: in the hour its name falls in
# (the hourly build then covers every KIM), so a page edited in place on the server, which
# leaves its folder's time alone, is put back within a day. The index's: at midnight UTC.
FULL_CHECK_HOURS = 24


def _output_intact(run: Run, slug: str, previous: KimState) -> bool:
    """Every file the KIM's last build wrote is still there as written (`site_intact`); its
    file-by-file comparison falls in the hour its name gives (the hourly build then covers
    every KIM once a day)."""
    due = shard_of(slug, FULL_CHECK_HOURS) == run.options.now.astimezone(UTC).hour + 1
    return site_intact(run.cache.kim_site(slug), run.out / str(previous.host), previous.probes, due)


def _forget_removed(
    state: BuildState,
    folders: dict[str, Path],
    run: Run,
    shard: Shard | None,
    only: Sequence[str],
    stats: WriteStats,
) -> int:
    """A KIM folder that is gone takes its output and cache entries with it; the files
    removed count in `stats` (the build's summary says how many went)."""
    if only:
        return 0
    removed = 0
    for slug in sorted(set(state.kims) - set(folders)):
        if shard is not None and not shard.owns(slug):
            continue
        gone = state.kims.pop(slug)
        detail = run.cache.kim_site(slug).load_detail()
        if gone.host and detail is not None:
            stats.removed += remove_files(run.out / gone.host, list(detail.outputs))
        run.cache.forget(slug)
        removed += 1
    return removed


__all__ = ["BuildReport", "KimResult", "Shard", "build", "build_index", "current_time"]
