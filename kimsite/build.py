"""The build, read top to bottom as the pipeline it is.

load config → look at what changed since the last build (cache.py) → check what spans KIMs
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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kimsite.cache import (
    BuildState,
    Cache,
    KimDetail,
    KimState,
    bytes_digest,
    inputs_fingerprint,
    racy_hashes,
    read_json,
    same_inputs,
    scan,
    write_json,
)
from kimsite.config import SiteConfig, load_config
from kimsite.content import OVERRIDES_DIR, list_kim_folders, load_kim, peek_host
from kimsite.model import BuildOptions, Kim, KimSummary
from kimsite.problems import KimsiteError, Problem, ProblemLog, problem
from kimsite.themes import Theme, forget_environments, load_theme, use_bytecode_cache
from kimsite.writer import WriteStats, clear_staging, commit, outputs_intact, remove_files

# (KIM just finished, how many so far, how many to do, files its site holds)
Progress = Callable[[str, int, int, int], None]


@dataclass
class KimResult:
    slug: str
    host: str | None
    built: bool
    rendered: bool = False  # False: nothing changed, the last build's output stands
    pages: int = 0
    problems: list[Problem] = field(default_factory=list)


@dataclass
class BuildReport:
    config: SiteConfig
    out_dir: Path
    kims: list[KimResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    index_built: bool = False
    index_rendered: bool = False
    index_note: str | None = None
    stats: WriteStats = field(default_factory=WriteStats)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not any(p.severity.value == "error" for p in self.problems)

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
    return int.from_bytes(hashlib.sha256(slug.encode("utf-8")).digest()[:8], "big") % count + 1


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


@dataclass
class _Run:
    """What one build knows before it renders anything."""

    config: SiteConfig
    config_path: Path
    out: Path
    cache: Cache
    options: BuildOptions
    started_ns: int
    config_fp: str
    themes: dict[str, dict[str, tuple[int, int]]]  # theme → its files' stamps


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
) -> BuildReport:
    """Build every KIM that needs it (or those in `only`, or this `shard`'s), then the index.

    Raises `KimsiteError` only when nothing can be built (config unusable); every other
    problem is in the report, and what could be built was.
    """
    started = time.perf_counter()
    run = _prepare(config_path, out_dir, cache_dir, drafts, future, now)
    report = BuildReport(run.config, run.out)
    state = run.cache.load_state(run.out)

    folders = {f.name: f for f in list_kim_folders(run.config.content_dir)}
    selected = _select(folders, only, shard, run.config)
    host_problems = _check_hosts(folders, state, run.config)

    tasks = []
    for slug in selected:
        previous = state.kims.get(slug)
        inputs = scan(folders[slug])
        mode = _what_to_do(run, state, previous, folders[slug], inputs, host_problems.get(slug))
        if mode is None:
            assert previous is not None
            report.kims.append(KimResult(slug, previous.host, built=True))
            continue
        tasks.append(
            _KimTask(slug, folders[slug], run, previous, host_problems.get(slug, []), mode, inputs)
        )

    for position, outcome in enumerate(_run_tasks(tasks, jobs), start=1):
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
                problems=outcome.problems,
            )
        )
        report.problems.extend(outcome.problems)

    removed = _forget_removed(state, folders, run, shard, only)
    report.kims.sort(key=lambda k: k.slug)
    if with_index and shard is None:
        _build_index(report, run, state, folders)
    changed = bool(tasks or removed or report.index_rendered or not state.built_at_ns)
    return _finish(run, state, report, started, save=changed)


def build_index(
    config_path: Path,
    out_dir: Path | None = None,
    cache_dir: Path | None = None,
) -> BuildReport:
    """Only the province index, from the KIM summaries in the cache (e.g. merged from shards)."""
    started = time.perf_counter()
    run = _prepare(config_path, out_dir, cache_dir, False, False, None)
    report = BuildReport(run.config, run.out)
    state = run.cache.load_state(run.out)
    folders = {f.name: f for f in list_kim_folders(run.config.content_dir)}
    _build_index(report, run, state, folders, force_digests=True)
    return _finish(run, state, report, started, save=True)


def _finish(
    run: _Run, state: BuildState, report: BuildReport, started: float, save: bool
) -> BuildReport:
    """Record what this build saw (a build that changed nothing leaves the state file alone)."""
    if save:
        state.themes = run.themes
        state.built_at_ns = run.started_ns
        run.cache.save_state(state)
    clear_staging(run.out)
    report.seconds = time.perf_counter() - started
    return report


def _prepare(
    config_path: Path,
    out_dir: Path | None,
    cache_dir: Path | None,
    drafts: bool,
    future: bool,
    now: datetime | None,
) -> _Run:
    started_ns = time.time_ns()
    forget_environments()
    config = load_config(config_path)
    out = (out_dir or config.root / "build").resolve()
    cache_root = (cache_dir or config.root / ".kimsite-cache").resolve()
    _check_out_dir(out, config, config_path)
    clear_staging(out)
    options = BuildOptions(now=now or current_time(), drafts=drafts, future=future)
    config_fp = bytes_digest(
        config_path.read_bytes() + f"|{drafts}|{future}|{config.root}".encode()
    )
    themes = {}
    if config.themes_dir.is_dir():
        themes = {t.name: scan(t) for t in sorted(config.themes_dir.iterdir()) if t.is_dir()}
    cache = Cache(cache_root)
    cache.clear_temporaries()
    use_bytecode_cache(cache_root / "jinja")
    return _Run(config, config_path, out, cache, options, started_ns, config_fp, themes)


def _check_out_dir(out: Path, config: SiteConfig, config_path: Path) -> None:
    """The output folder is emptied of stale files: it must not hold the project itself."""
    for protected in (config.root, config.content_dir, config.themes_dir):
        if (
            out == protected
            or protected.is_relative_to(out)
            or out.is_relative_to(config.content_dir)
        ):
            log = ProblemLog()
            log.add(config_path, None, "build.bad_out", out=str(out))
            raise KimsiteError(log)


def _select(
    folders: dict[str, Path], only: Sequence[str], shard: Shard | None, config: SiteConfig
) -> list[str]:
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


def _check_hosts(
    folders: dict[str, Path], state: BuildState, config: SiteConfig
) -> dict[str, list[Problem]]:
    """Two KIMs can never share a host, and none may take the index's.

    Spans every KIM, so every KIM's host is needed: from the last build when its profile
    has not changed since, otherwise read from the profile.
    """
    hosts: dict[str, str] = {}
    for slug, folder in folders.items():
        previous = state.kims.get(slug)
        try:
            st = (folder / "kim.yaml").stat()
            stamp = previous.profile_stamp if previous else None
            unchanged = stamp == (st.st_size, st.st_mtime_ns)
        except OSError:
            unchanged = False
        host = previous.host if unchanged and previous and previous.host else None
        hosts[slug] = host or peek_host(folder, config)
    by_host: dict[str, list[str]] = {}
    for slug, host in sorted(hosts.items()):
        by_host.setdefault(host, []).append(slug)
    found: dict[str, list[Problem]] = {}
    for host, owners in by_host.items():
        for slug in owners:
            where = folders[slug] / "kim.yaml"
            if host == config.domain_indeks:
                found.setdefault(slug, []).append(
                    problem(where, None, "kim.host_is_index", host=host)
                )
            if len(owners) > 1:
                others = ", ".join(o for o in owners if o != slug)
                found.setdefault(slug, []).append(
                    problem(where, None, "kim.duplicate_host", host=host, others=others)
                )
    return found


def _theme_stamps(
    themes: dict[str, dict[str, tuple[int, int]]], chain: Sequence[str]
) -> dict[str, tuple[int, int]]:
    return {f"{name}/{rel}": stamp for name in chain for rel, stamp in themes.get(name, {}).items()}


def _theme_fp(themes: dict[str, dict[str, tuple[int, int]]], chain: Sequence[str]) -> str:
    return bytes_digest(repr(sorted(_theme_stamps(themes, chain).items())).encode())


# What a KIM needs: None (nothing), "render" (everything again, Markdown from the cache where
# it still holds) or a set of changed template files (pages using other templates are kept).
Mode = str | frozenset[str] | None


def _what_to_do(
    run: _Run,
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
    if previous.host is None or not outputs_intact(run.out / previous.host, previous.probes):
        return "render"
    chain = previous.theme_chain
    if _theme_fp(run.themes, chain) == previous.theme_fp:
        return None
    if _theme_fp(state.themes, chain) != previous.theme_fp:
        return "render"  # the theme changed more than once since this KIM was built
    old, new = _theme_stamps(state.themes, chain), _theme_stamps(run.themes, chain)
    if old.keys() != new.keys():
        return "render"  # a template added or removed may shadow another: no shortcuts
    changed = {k for k, v in new.items() if old[k] != v}
    return frozenset(os.path.normpath(run.config.themes_dir / k) for k in changed)


@dataclass
class _KimTask:
    slug: str
    folder: Path
    run: _Run
    previous: KimState | None
    host_problems: list[Problem]
    mode: Mode
    inputs: dict[str, tuple[int, int]]


@dataclass
class _KimOutcome:
    slug: str
    state: KimState
    problems: list[Problem]
    stats: WriteStats
    pages: int


def _run_tasks(tasks: list[_KimTask], jobs: int) -> Iterator[_KimOutcome]:
    """Render KIMs, in worker processes when there is more than one job to share.

    Each worker loads, renders and commits whole KIMs, and hands back only their state: no
    page's HTML ever travels between processes, and at most one KIM per worker is in memory.
    """
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield _build_kim(task)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=context) as pool:
        yield from pool.map(_build_kim, tasks, chunksize=1)


_renderer = None


PROBES = ("index.html", "sitemap.xml")


def _build_kim(task: _KimTask) -> _KimOutcome:
    """Load, render and commit one KIM; runs in a worker process when there are several."""
    from kimsite.markup import MarkdownRenderer
    from kimsite.sitegen import render_kim

    def renderer() -> MarkdownRenderer:
        global _renderer
        if _renderer is None:
            _renderer = MarkdownRenderer()
        return _renderer

    run, previous, cache = task.run, task.previous, task.run.cache
    log = ProblemLog()
    log.extend(task.host_problems)
    # Only templates changed: the KIM's files are as they were, so is its model.
    model = cache.load_model(task.slug) if isinstance(task.mode, frozenset) else None
    kim: Kim | None = model if isinstance(model, Kim) and model.slug == task.slug else None
    fresh_model = kim is None
    if kim is None:
        kim = load_kim(task.folder, run.config, log)
    theme: Theme | None = None
    if kim is not None:
        theme = load_theme(
            run.config.themes_dir, kim.theme, log, kim.profile.source, kim.profile.tema_line
        )
    # A KIM that fails keeps what is known of its last good build: its host, its output
    # (which stays on disk, untouched) and its summary for the index.
    state = KimState(
        inputs_fp=inputs_fingerprint(task.inputs),
        racy=racy_hashes(task.folder, task.inputs, run.started_ns),
        stamped_at_ns=run.started_ns,
        config_fp=run.config_fp,
        host=previous.host if previous else None,
        probes=previous.probes if previous else {},
        summary_digest=previous.summary_digest if previous else "",
    )
    stats = WriteStats()
    pages = 0
    if kim is None or theme is None or log.has_errors():
        return _KimOutcome(task.slug, state, list(log), stats, pages)
    detail = cache.load_detail(task.slug) if previous is not None else None
    chain = [p.name for p in theme.chain]
    templates_key = bytes_digest(
        repr(
            (
                _theme_fp(run.themes, chain),
                sorted((k, v) for k, v in task.inputs.items() if k.startswith(OVERRIDES_DIR + "/")),
            )
        ).encode()
    )
    known = detail.templates if detail and detail.templates_key == templates_key else None
    keep = None
    if isinstance(task.mode, frozenset) and detail is not None:
        changed, used = task.mode, detail.templates
        keep = lambda template: template in used and not changed & set(used[template])  # noqa: E731
    cached = cache.load_renders(task.slug)
    rendered = render_kim(
        kim,
        run.config,
        theme,
        run.options,
        renderer,
        log,
        cached=cached,
        keep=keep,
        known_templates=known,
    )
    if rendered is None:
        return _KimOutcome(task.slug, state, list(log), stats, pages)
    same_host = previous is not None and previous.host == kim.host
    if previous is not None and previous.host and not same_host and detail is not None:
        remove_files(run.out / previous.host, list(detail.outputs))
    stats, manifest = commit(
        rendered.output, run.out / kim.host, detail.outputs if same_host and detail else None
    )
    cache.save_detail(task.slug, KimDetail(manifest, rendered.templates, templates_key))
    if fresh_model:
        cache.save_model(task.slug, kim)
    if rendered.renders != cached:
        cache.save_renders(task.slug, rendered.renders)
    summary = rendered.summary.to_json()
    summary_digest = bytes_digest(repr(sorted(summary.items())).encode())
    summary_path = cache.summary_path(task.slug)
    if (
        previous is None
        or summary_digest != previous.summary_digest
        or not summary_path.is_file()
        or not cache.feed_path(task.slug).is_file()
    ):
        write_json(summary_path, summary)
        write_json(cache.feed_path(task.slug), rendered.feed_html)
    state.profile_stamp = task.inputs.get("kim.yaml")
    state.theme_chain = chain
    state.theme_fp = _theme_fp(run.themes, chain)
    state.host = kim.host
    state.built = True
    state.probes = {k: manifest[k] for k in PROBES if k in manifest}
    state.summary_digest = summary_digest
    state.next_change_ns = rendered.next_change_ns
    pages = len(rendered.output)
    return _KimOutcome(task.slug, state, list(log), stats, pages)


def _forget_removed(
    state: BuildState,
    folders: dict[str, Path],
    run: _Run,
    shard: Shard | None,
    only: Sequence[str],
) -> int:
    """A KIM folder that is gone takes its output and cache entries with it."""
    if only:
        return 0
    removed = 0
    for slug in sorted(set(state.kims) - set(folders)):
        if shard is not None and not shard.owns(slug):
            continue
        gone = state.kims.pop(slug)
        detail = run.cache.load_detail(slug)
        if gone.host and detail is not None:
            remove_files(run.out / gone.host, list(detail.outputs))
        run.cache.forget(slug)
        removed += 1
    return removed


def _load_summary(run: _Run, slug: str) -> KimSummary | None:
    data = read_json(run.cache.summary_path(slug))
    try:
        return KimSummary.from_json(data) if isinstance(data, dict) else None
    except TypeError:
        return None


def _build_index(
    report: BuildReport,
    run: _Run,
    state: BuildState,
    folders: dict[str, Path],
    force_digests: bool = False,
) -> None:
    """The index lists every KIM that has ever built: a KIM broken today keeps its entry
    (from its last good summary) rather than vanishing from the province's portal."""
    config = run.config
    digests = []
    present = []
    missing = []
    for slug in sorted(folders):
        kim_state = state.kims.get(slug)
        path = run.cache.summary_path(slug)
        if force_digests or kim_state is None or not kim_state.summary_digest:
            digest = bytes_digest(path.read_bytes()) if path.is_file() else ""
        else:
            digest = kim_state.summary_digest
        if digest and path.is_file():
            present.append(slug)
            digests.append((slug, digest))
        else:
            missing.append(slug)
    if missing:
        report.index_note = ", ".join(missing)
    log = ProblemLog()
    theme = load_theme(config.themes_dir, config.tema, log, run.config_path, None)
    if theme is None:
        report.problems.extend(log)
        report.index_note = "gagal"
        return
    chain = [p.name for p in theme.chain]
    previous = state.index
    theme_fp = _theme_fp(run.themes, chain)
    fingerprint = bytes_digest(repr((run.config_fp, theme_fp, digests)).encode())
    if (
        previous.built
        and previous.summary_digest == fingerprint
        and previous.host == config.domain_indeks
        and outputs_intact(run.out / config.domain_indeks, previous.probes)
    ):
        report.index_built = True
        return
    from kimsite.province import render_index

    summaries = (s for s in (_load_summary(run, slug) for slug in present) if s is not None)
    bodies: dict[str, dict[str, str]] = {}

    def article_html(slug: str, url: str) -> str:
        if slug not in bodies:
            data = read_json(run.cache.feed_path(slug))
            bodies[slug] = data if isinstance(data, dict) else {}
        return str(bodies[slug].get(url, ""))

    site = render_index(summaries, config, theme, log, article_html)
    report.problems.extend(log)
    if site is None:
        report.index_note = "gagal"
        return
    detail = run.cache.load_detail(None) if previous.built else None
    if previous.host and previous.host != config.domain_indeks and detail is not None:
        remove_files(run.out / previous.host, list(detail.outputs))
    same_host = previous.host == config.domain_indeks
    stats, manifest = commit(
        site, run.out / config.domain_indeks, detail.outputs if same_host and detail else None
    )
    run.cache.save_detail(None, KimDetail(manifest, {}))
    report.stats.add(stats)
    state.index = KimState(
        config_fp=run.config_fp,
        theme_chain=chain,
        host=config.domain_indeks,
        built=True,
        probes={k: manifest[k] for k in PROBES if k in manifest},
        summary_digest=fingerprint,
    )
    report.index_built = True
    report.index_rendered = True


__all__ = ["BuildReport", "KimResult", "Shard", "build", "build_index", "current_time"]
