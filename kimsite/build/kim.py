"""One KIM's build: load, render and commit its site, inside a failure boundary.

`pipeline.build` decides which KIMs need this and hands each one over as a `KimTask`; here each
is done alone, in a worker process when there are several, and comes back as a small
`KimOutcome` (its new cache state and its problems), never as pages.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kimsite.admin.site import kim_extras
from kimsite.build.cache import KimState, inputs_fingerprint, racy_hashes, write_json
from kimsite.build.publish import SearchJob, Target, publish, start_search
from kimsite.build.run import MACHINE_ERRNOS, MachineFailure, Run, theme_fp
from kimsite.build.workers import Limits, run_isolated
from kimsite.model.content import Kim
from kimsite.model.problems import Problem, ProblemLog, problem
from kimsite.output.digest import bytes_digest
from kimsite.output.writer import WriteStats
from kimsite.render.themes import Theme, load_theme, template_frame
from kimsite.source.files import OVERRIDES_DIR
from kimsite.source.kim_folder import Unread, load_kim

if TYPE_CHECKING:
    from kimsite.render.kim_site import KimRender
    from kimsite.render.markup import MarkdownRenderer
    from kimsite.render.search import Record

# Modes of a task: "render" (everything again, Markdown from the cache where it still
# holds) or a set of changed template files (pages using other templates are kept).
Mode = str | frozenset[str] | None


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
        problems = [
            problem(task.folder, None, "kim.worker_died", how=how, memory=config.batas_memori_mb)
        ]
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
            return _load_render_publish(task)
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


def _renderer_once() -> MarkdownRenderer:
    """The Markdown renderer, made when a first body needs it (a KIM whose bodies are all
    cached pays nothing) and kept for the process's next KIMs."""
    from kimsite.render.markup import MarkdownRenderer

    global _renderer
    if _renderer is None:
        _renderer = MarkdownRenderer()
    return _renderer


def _load_render_publish(task: KimTask) -> KimOutcome:
    """Load, render and publish one KIM; runs in a worker process when there are several.
    A KIM that fails keeps what is known of its last good build (`_failed_state`)."""
    log = ProblemLog()
    log.extend(task.host_problems)
    failed = KimOutcome(task.slug, _failed_state(task), [], WriteStats(), 0)
    loaded = _load(task, log)
    if loaded is None:
        return replace(failed, problems=list(log))
    kim, theme, fresh_model = loaded
    records = task.run.cache.kim_site(task.slug)
    previous_host = task.previous.host if task.previous else None
    target = Target(
        records,
        kim.host,
        previous_host,
        records.load_detail() if task.previous is not None else None,
    )
    cached = task.run.cache.load_renders(task.slug)
    done = _render(task, kim, theme, target, cached, log)
    if done is None:
        return replace(failed, problems=list(log))
    rendered, job, templates_key = done
    run = task.run
    published = publish(
        run,
        target,
        rendered.output,
        job,
        log,
        kim.profile.source,
        size_limit=(run.config.batas.keluaran_mb, task.folder),
        templates=rendered.templates,
        templates_key=templates_key,
        threads=task.write_threads,
    )
    if published is None:
        return replace(failed, problems=list(log))
    state = failed.state
    state.summary_digest = _save(task, kim, rendered, fresh_model, cached)
    chain = [p.name for p in theme.chain]
    state.theme_chain, state.theme_fp = chain, theme_fp(run.themes, chain)
    state.host, state.built, state.probes = kim.host, True, published.probes
    state.next_change_ns = rendered.next_change_ns
    return KimOutcome(
        task.slug, state, list(log), published.stats, len(rendered.output), published.indexed
    )


def _load(task: KimTask, log: ProblemLog) -> tuple[Kim, Theme, bool] | None:
    """The KIM's model and theme, or None with every mistake of its files in `log`. After a
    template-only change its files are as they were, and so is the model the cache kept
    (the third value says whether the model was read afresh, to be kept)."""
    run = task.run
    folder = task.folder.resolve()
    model = run.cache.load_model(task.slug, folder) if isinstance(task.mode, frozenset) else None
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
    if kim is None or theme is None or log.has_errors():
        from kimsite.render.kim_site import body_problems

        body_problems(unread, _renderer_once, log)  # every mistake of a file in this one run
        return None
    return kim, theme, fresh_model


def _render(
    task: KimTask,
    kim: Kim,
    theme: Theme,
    target: Target,
    cached: dict[str, Any],
    log: ProblemLog,
) -> tuple[KimRender, SearchJob, str] | None:
    """The KIM's site in memory, its search bundle on its way, and the key its templates'
    record holds for; None when it failed (problems in `log`, the bundle let finish).

    What the last build knew is used where it still holds: rendered Markdown whose text
    and look-ups are unchanged, the template files each page type read (while no theme or
    override file changed), and after a template-only change the pages whose templates
    did not change are kept as they are."""
    from kimsite.render.kim_site import render_kim

    run, detail = task.run, target.detail
    chain = [p.name for p in theme.chain]
    overrides = sorted((k, v) for k, v in task.inputs.items() if k.startswith(OVERRIDES_DIR + "/"))
    templates_key = bytes_digest(repr((theme_fp(run.themes, chain), overrides)).encode())
    known = detail.templates if detail and detail.templates_key == templates_key else None
    keep = None
    if isinstance(task.mode, frozenset) and detail is not None:
        changed, used = task.mode, detail.templates
        keep = lambda template: template in used and not changed & set(used[template])  # noqa: E731
    jobs: list[SearchJob] = []

    def searching(records: list[Record]) -> None:
        jobs.append(start_search(records, target, run.out / kim.host))

    rendered = None
    try:
        rendered = render_kim(
            kim,
            run.config,
            theme,
            run.options,
            _renderer_once,
            log,
            cached=cached,
            keep=keep,
            known_templates=known,
            image_cache=run.cache.root / "images",
            searching=searching,
            extras=kim_extras(kim, run.config),
        )
    finally:
        if rendered is None:
            for job in jobs:
                job.wait()
    if rendered is None:
        return None
    assert len(jobs) == 1, "render_kim hands over the search records once"
    return rendered, jobs[0], templates_key


def _save(
    task: KimTask, kim: Kim, rendered: KimRender, fresh_model: bool, cached: dict[str, Any]
) -> str:
    """What the next builds read of this KIM without loading it: its model (for a
    template-only change), its rendered Markdown, and for the index its summary, feed
    bodies and search records (written only when they changed). Returns the summary's
    digest, by which the index knows whether this KIM changed."""
    cache, previous, slug = task.run.cache, task.previous, task.slug
    if fresh_model:
        cache.save_model(slug, kim)
    if rendered.renders != cached:
        cache.save_renders(slug, rendered.renders)
    summary = rendered.summary.to_json()
    summary_digest = bytes_digest(repr(sorted(summary.items())).encode())
    summary_path = cache.summary_path(slug)
    if (
        previous is None
        or summary_digest != previous.summary_digest
        or not summary_path.is_file()
        or not cache.feed_path(slug).is_file()
        or not cache.search_path(slug).is_file()
    ):
        write_json(summary_path, summary)
        write_json(cache.feed_path(slug), rendered.feed_html)
        write_json(cache.search_path(slug), [r.to_json() for r in rendered.province_search])
    return summary_digest
