"""One KIM's build: load, render and commit its site, inside a failure boundary.

`build.py` decides which KIMs need this and hands each one over as a `KimTask`; here each
is done alone, in a worker process when there are several, and comes back as a small
`KimOutcome` (its new cache state and its problems), never as pages.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kimsite.build.cache import (
    Cache,
    KimDetail,
    KimState,
    inputs_fingerprint,
    racy_hashes,
    write_json,
)
from kimsite.build.workers import Limits, run_isolated
from kimsite.model import routes
from kimsite.model.content import BuildOptions, Kim
from kimsite.model.problems import Problem, ProblemLog, problem
from kimsite.output.digest import bytes_digest
from kimsite.output.writer import (
    FolderStamps,
    OutputRecord,
    Owner,
    SiteOutput,
    WriteStats,
    commit,
    forget_journal,
    outputs_intact,
    remove_files,
)
from kimsite.render.themes import Theme, load_theme, template_frame
from kimsite.source.config import SiteConfig
from kimsite.source.kim_folder import OVERRIDES_DIR, Unread, load_kim

if TYPE_CHECKING:
    from kimsite.render.search import Pending, Record

# Modes of a task: "render" (everything again, Markdown from the cache where it still
# holds) or a set of changed template files (pages using other templates are kept).
Mode = str | frozenset[str] | None


@dataclass
class Run:
    """What one build knows before it renders anything."""

    config: SiteConfig
    config_path: Path
    out: Path
    cache: Cache
    options: BuildOptions
    started_ns: int
    config_fp: str
    themes: dict[str, dict[str, tuple[int, int]]]  # theme → its files' stamps


def theme_stamps(
    themes: dict[str, dict[str, tuple[int, int]]], chain: Sequence[str]
) -> dict[str, tuple[int, int]]:
    return {f"{name}/{rel}": stamp for name in chain for rel, stamp in themes.get(name, {}).items()}


def theme_fp(themes: dict[str, dict[str, tuple[int, int]]], chain: Sequence[str]) -> str:
    return bytes_digest(repr(sorted(theme_stamps(themes, chain).items())).encode())


@dataclass
class KimTask:
    slug: str
    folder: Path
    run: Run
    previous: KimState | None
    host_problems: list[Problem]
    mode: Mode
    inputs: dict[str, tuple[int, int]]
    write_threads: int = 1  # see writer.commit: more when the build leaves cores idle


@dataclass
class KimOutcome:
    slug: str
    state: KimState
    problems: list[Problem]
    stats: WriteStats
    pages: int
    indexed: bool = False  # its search bundle was made again (not kept)


def run_tasks(tasks: list[KimTask], jobs: int, isolate: bool = False) -> Iterator[KimOutcome]:
    """Render KIMs, in worker processes when there is more than one job to share.

    Each worker loads, renders and commits whole KIMs, and hands back only their state: no
    page's HTML ever travels between processes, and at most one KIM per worker is in memory.
    A worker's memory and each KIM's time are bounded (`kimsite.build.workers`): a KIM past
    either, or whose worker dies, fails alone and a new worker builds the next one. With
    `isolate`, even a single job runs in a worker.
    """
    if not tasks:
        return
    threads = write_threads(min(jobs, len(tasks)))
    for task in tasks:
        task.write_threads = threads
    if (jobs <= 1 or len(tasks) <= 1) and not isolate:
        for task in tasks:
            yield build_kim(task)
        return
    # What every worker imports to render, imported once here before forking: the workers
    # inherit it, and this process renders the index with it afterwards (0.1 s a build).
    import jinja2.sandbox  # noqa: F401

    import kimsite.render.kim_site
    import kimsite.render.markup  # noqa: F401

    config = tasks[0].run.config
    limits = Limits(config.batas_detik_kim, config.batas_memori_mb * 2**20)
    yield from run_isolated(
        tasks, build_kim, _worker_lost, min(jobs, len(tasks)), limits, _stop_search
    )


def _stop_search() -> None:
    from kimsite.render import search

    search.close()


def write_threads(processes: int) -> int:
    """Threads a committing process may write its files with: one per core the other
    processes leave idle, so that a build of one KIM (or the index after the KIMs) uses
    the machine while `--jobs` processes do not compete for it."""
    return max(1, min(4, (os.cpu_count() or 1) - processes + 1))


def _worker_lost(task: KimTask, why: str) -> KimOutcome:
    """The outcome of a KIM whose worker was killed past its deadline, or died."""
    config = task.run.config
    if why == "timeout":
        problems = [problem(task.folder, None, "kim.timeout", seconds=config.batas_detik_kim)]
    else:
        how = why.partition(":")[2]
        problems = [problem(task.folder, None, "kim.worker_died", how=how,
                            memory=config.batas_memori_mb)]
    return KimOutcome(task.slug, _failed_state(task), problems, WriteStats(), 0)


def _failed_state(task: KimTask) -> KimState:
    """A KIM that fails keeps what is known of its last good build: its host (so its site
    is removed if its folder goes), its output (which stays on disk, untouched) and its
    summary for the index. Not built, it is rendered whole next time: no probes needed."""
    run, previous = task.run, task.previous
    return KimState(
        inputs_fp=inputs_fingerprint(task.inputs),
        racy=racy_hashes(task.folder, task.inputs, run.started_ns),
        config_fp=run.config_fp,
        host=previous.host if previous else None,
        summary_digest=previous.summary_digest if previous else "",
    )


def build_kim(task: KimTask) -> KimOutcome:
    """One KIM inside its failure boundary.

    Whatever happens while this KIM is read, rendered or written (a writer's mistake that
    no check foresaw, a bug of kimsite's, a template that never ends) becomes a problem of
    this KIM with the best location known, and the build goes on with the others. Only the
    machine itself failing (disk full, read-only output) stops the whole build, because
    then no KIM could be written.
    """
    try:
        with deadline(task.run.config.batas_detik_kim):
            return _load_render_commit(task)
    except OSError as exc:
        if exc.errno in MACHINE_ERRNOS:
            raise MachineFailure(exc.errno, exc.strerror or "") from None
        where, line, detail = _blame(exc, task.folder)
        problems = [problem(where, line, "kim.internal_error", detail=detail)]
    except KimTimeout:
        problems = [
            problem(task.folder, None, "kim.timeout", seconds=task.run.config.batas_detik_kim)
        ]
    except MemoryError:
        problems = [problem(task.folder, None, "kim.memory")]
    except RecursionError as exc:
        where, line, _ = _blame(exc, task.folder)
        problems = [problem(where, line, "kim.too_deep")]
    except Exception as exc:
        where, line, detail = _blame(exc, task.folder)
        problems = [problem(where, line, "kim.internal_error", detail=detail)]
    return KimOutcome(task.slug, _failed_state(task), problems, WriteStats(), 0)


def _blame(exc: BaseException, folder: Path) -> tuple[Path, int | None, str]:
    """The innermost place in a template of this KIM's site, else the KIM folder, and one
    line of what went wrong (never a traceback: a writer cannot act on one)."""
    filename, line = template_frame(exc)
    detail = f"{type(exc).__name__}: {exc}"
    return (Path(filename) if filename else folder), line, detail[:300]


# Failures of the machine rather than of one KIM: no other KIM could be written either.
MACHINE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO})


class MachineFailure(Exception):
    """The output or cache cannot be written at all; the build stops, all output intact."""

    def __init__(self, code: int, text: str) -> None:
        super().__init__(code, text)
        self.code, self.text = code, text


class KimTimeout(BaseException):
    """One KIM took longer than `batas_detik_kim`. A BaseException, so that no `except
    Exception` on the way (in Jinja, in Markdown) can swallow it."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise KimTimeout in this thread after `seconds`; only where signals can be had (the
    main thread of the build or of a worker), elsewhere it is a no-op."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise KimTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_renderer = None


PROBES = ("index.html", "sitemap.xml")


def _load_render_commit(task: KimTask) -> KimOutcome:
    """Load, render and commit one KIM; runs in a worker process when there are several."""
    from kimsite.render.kim_site import render_kim
    from kimsite.render.markup import MarkdownRenderer

    def renderer() -> MarkdownRenderer:
        global _renderer
        if _renderer is None:
            _renderer = MarkdownRenderer()
        return _renderer

    run, previous, cache = task.run, task.previous, task.run.cache
    log = ProblemLog()
    log.extend(task.host_problems)
    # Only templates changed: the KIM's files are as they were, so is its model.
    folder = task.folder.resolve()
    model = cache.load_model(task.slug, folder) if isinstance(task.mode, frozenset) else None
    kim: Kim | None = model if model is not None and model.slug == task.slug else None
    fresh_model = kim is None
    unread = Unread()
    if kim is None:
        kim = load_kim(task.folder, run.config, log, now=run.options.now, unread=unread)
    theme: Theme | None = None
    if kim is not None:
        theme = load_theme(
            run.config.themes_dir, kim.theme, log, kim.profile.source, kim.profile.tema_line
        )
    # A KIM that fails keeps what is known of its last good build: its host, its output
    # (which stays on disk, untouched) and its summary for the index.
    state = _failed_state(task)
    stats = WriteStats()
    pages = 0
    if kim is None or theme is None or log.has_errors():
        from kimsite.render.kim_site import body_problems

        body_problems(unread, renderer, log)  # every mistake of a file in this one run
        return KimOutcome(task.slug, state, list(log), stats, pages)
    detail = cache.load_detail(task.slug) if previous is not None else None
    chain = [p.name for p in theme.chain]
    templates_key = bytes_digest(
        repr(
            (
                theme_fp(run.themes, chain),
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
    same_host = previous is not None and previous.host == kim.host
    jobs: list[SearchJob] = []

    def searching(records: list[Record]) -> None:
        jobs.append(start_search(records, detail if same_host else None, run.out / kim.host))

    rendered = None
    try:
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
            image_cache=cache.root / "images",
            searching=searching,
        )
    finally:
        if rendered is None:
            for job in jobs:
                job.wait()
    if rendered is None:
        return KimOutcome(task.slug, state, list(log), stats, pages)
    assert len(jobs) == 1, "render_kim hands over the search records once"
    searched = finish_search(jobs[0], rendered.output, log, kim.profile.source)
    if searched is None:
        return KimOutcome(task.slug, state, list(log), stats, pages)
    search_key, indexed = searched
    size = _site_bytes(rendered.output, detail if same_host else None)
    if size > run.config.batas.keluaran_mb * 2**20:
        log.add(task.folder, None, "kim.output_too_big", size=size // 2**20,
                limit=run.config.batas.keluaran_mb)
        return KimOutcome(task.slug, state, list(log), stats, pages)
    if previous is not None and previous.host and not same_host and detail is not None:
        remove_files(run.out / previous.host, list(detail.outputs))
    stats, manifest = commit(
        rendered.output,
        run.out / kim.host,
        detail.outputs if same_host and detail else None,
        run.config.kompresi,
        task.write_threads,
    )
    cache.save_detail(task.slug, KimDetail(manifest, rendered.templates, templates_key, search_key))
    forget_journal(run.out / kim.host)
    cache.save_folders(task.slug, FolderStamps.read(run.out / kim.host, manifest))
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
        or not cache.search_path(task.slug).is_file()
    ):
        write_json(summary_path, summary)
        write_json(cache.feed_path(task.slug), rendered.feed_html)
        write_json(cache.search_path(task.slug), [r.to_json() for r in rendered.province_search])
    state.theme_chain = chain
    state.theme_fp = theme_fp(run.themes, chain)
    state.host = kim.host
    state.built = True
    state.probes = {k: manifest[k] for k in PROBES if k in manifest}
    state.summary_digest = summary_digest
    state.next_change_ns = rendered.next_change_ns
    pages = len(rendered.output)
    return KimOutcome(task.slug, state, list(log), stats, pages, indexed)


def site_intact(
    run: Run, slug: str | None, root: Path, probes: dict[str, OutputRecord], due: bool
) -> bool:
    """Every file a site's last build wrote is still there as written: one deleted or
    edited by hand (as happens on a server) brings the site back to be rendered, and the
    writer puts back what differs. Files nobody wrote are left alone.

    The probes fail fast for the usual case (a whole site gone). Then the times of the
    site's folders (`FolderStamps`) prove that no file went missing; at 100,000 articles
    that is a third of the calls of the file-by-file comparison, which runs instead when
    `due` (once a day) and whenever the stamps cannot tell (taken too soon after a write:
    they are taken again once the files prove intact). `slug` None is the index."""
    if not outputs_intact(root, probes):
        return False
    stamps = run.cache.load_folders(slug)
    if stamps is not None and stamps.trusted() and not due:
        return stamps.intact(root)
    detail = run.cache.load_detail(slug)
    if detail is None or not outputs_intact(root, detail.outputs):
        return False
    if stamps is None or not stamps.trusted():
        fresh = FolderStamps.read(root, detail.outputs)
        if fresh.trusted():  # written too recently still: the next build reads them again
            run.cache.save_folders(slug, fresh)
    return True


def _site_bytes(output: SiteOutput, detail: KimDetail | None) -> int:
    """What the site will take on disk before its compressed copies: pages rendered now,
    files copied (media), and files kept as the last build wrote them."""
    kept = detail.outputs if detail is not None else {}
    return (
        sum(len(data) for data in output.texts.values())
        + sum(source.stat().st_size for source in output.copies.values())
        + sum(kept[str(path)][0] for path in output.kept if str(path) in kept)
    )


@dataclass
class SearchJob:
    """A site's search bundle on its way: kept from the last build, or being made (in a
    thread, while the site's pages render)."""

    key: str
    kept: list[str]  # the last build's bundle files, when they serve again
    pending: Pending | None = None

    def wait(self) -> None:
        """Let a bundle no one will publish finish (its service stays usable)."""
        if self.pending is not None:
            with contextlib.suppress(Exception):
                self.pending.result()


def start_search(records: list[Record], detail: KimDetail | None, root: Path) -> SearchJob:
    """A site's search bundle: kept from the last build when what it indexes is the same
    (a theme edit re-indexes nothing) and its files in `root` are as that build left them,
    begun again otherwise."""
    from kimsite.render import search

    key = search.digest(records)
    prefix = search.BUNDLE_DIR + "/"
    kept = [k for k in detail.outputs if k.startswith(prefix)] if detail else []
    if (
        detail is not None
        and detail.search_key == key
        and kept
        and outputs_intact(root, {k: detail.outputs[k] for k in kept})
    ):
        return SearchJob(key, kept)
    return SearchJob(key, [], search.start(records))


def finish_search(
    job: SearchJob, output: SiteOutput, log: ProblemLog, where: Path
) -> tuple[str, bool] | None:
    """The bundle's files into the site's output: its key and whether it was made again,
    or None when Pagefind failed (a problem at `where`)."""
    from kimsite.render import search

    if job.pending is None:
        for rel in job.kept:
            output.keep("/" + rel, Owner("pencarian"))
        return job.key, False
    try:
        files = job.pending.result()
    except search.SearchFailure as exc:
        log.add(where, None, "search.failed", detail=str(exc))
        return None
    for path, data in sorted(files.items()):
        output.add_text(f"{routes.SEARCH_BUNDLE}{path}", data, Owner("pencarian"))
    return job.key, True

