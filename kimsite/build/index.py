"""The province index's build: from the KIM summaries in the cache, never from content.

`pipeline.build` calls this after the KIMs (or alone, for `kimsite index` after shards). The
index has its own failure boundary: a bug here is reported and leaves its last good output.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path

from kimsite.admin.site import add_bundle, editor_key
from kimsite.build.cache import BuildState, IndexState, read_json
from kimsite.build.kim import write_threads
from kimsite.build.publish import Target, publish, site_intact, start_search
from kimsite.build.run import MACHINE_ERRNOS, Run, theme_fp
from kimsite.model.content import KimSummary
from kimsite.model.problems import Problem, ProblemLog, problem
from kimsite.model.routes import output_path
from kimsite.output.digest import bytes_digest
from kimsite.output.writer import WriteStats
from kimsite.render.search import Record
from kimsite.render.site_output import SiteOutput
from kimsite.render.themes import Theme, load_theme


@dataclass
class IndexOutcome:
    problems: list[Problem] = field(default_factory=list)
    note: str | None = None  # KIMs missing from it, or "gagal"
    built: bool = False
    rendered: bool = False
    indexed: bool = False  # its search bundle was made again
    stats: WriteStats = field(default_factory=WriteStats)


def build_index_site(
    run: Run, state: BuildState, folders: dict[str, Path], force_digests: bool = False
) -> IndexOutcome:
    """The index is built from summaries, which are data; a failure in it (a bug) is
    reported and leaves its last good output, like a KIM's."""
    outcome = IndexOutcome()
    try:
        _build_index(outcome, run, state, folders, force_digests)
    except OSError as exc:
        if exc.errno in MACHINE_ERRNOS:
            raise
        outcome.problems.append(
            problem(run.config_path, None, "index.internal_error", detail=f"{exc}"[:300])
        )
        outcome.note = "gagal"
    except Exception as exc:
        outcome.problems.append(
            problem(
                run.config_path,
                None,
                "index.internal_error",
                detail=f"{type(exc).__name__}: {exc}"[:300],
            )
        )
        outcome.note = "gagal"
    return outcome


def _built_file(out: Path, host: str, url: str) -> Path | None:
    """A file of a KIM's built site named by a summary (cache data: checked to stay inside
    that site, and to be one of its WebP photos)."""
    try:
        rel = output_path(url)
    except ValueError:
        return None
    if not (host and "/" not in host and rel.parts[0] == "media" and rel.suffix == ".webp"):
        return None
    site = (out / host).resolve()
    path = Path(os.path.realpath(site / rel))
    return path if path.is_relative_to(site) and path.is_file() else None


def _load_summary(run: Run, slug: str) -> KimSummary | None:
    data = read_json(run.cache.summary_path(slug))
    try:
        return KimSummary.from_json(data) if isinstance(data, dict) else None
    except TypeError:
        return None


def _province_records(run: Run, slugs: list[str]) -> list[Record]:
    """The index's combined search: each KIM's newest records (cache data, checked), an
    equal share of `search.PROVINCE_RECORDS` for every KIM (at least one each)."""
    from kimsite.render.search import province_share

    share = province_share(len(slugs))
    records: list[Record] = []
    for slug in slugs:
        data = read_json(run.cache.search_path(slug))
        if isinstance(data, list):
            kept = [r for r in map(Record.from_json, data) if r is not None]
            records.extend(kept[:share])  # newest first, as the KIM lists them
    return records


def _build_index(
    report: IndexOutcome,
    run: Run,
    state: BuildState,
    folders: dict[str, Path],
    force_digests: bool = False,
) -> None:
    """The index lists every KIM that has ever built: a KIM broken today keeps its entry
    (from its last good summary) rather than vanishing from the province's portal."""
    config = run.config
    present, digests = _summaries(run, state, folders, force_digests, report)
    log = ProblemLog()
    theme = load_theme(config.themes_dir, config.tema, log, run.config_path, None)
    if theme is None:
        report.problems.extend(log)
        report.note = "gagal"
        return
    chain = [p.name for p in theme.chain]
    previous, host = state.index, config.domain_indeks
    editor = editor_key(config, run.cache.root)
    fingerprint = bytes_digest(
        repr((run.config_fp, theme_fp(run.themes, chain), digests, editor)).encode()
    )
    records = run.cache.index_site()
    if (
        previous.built
        and previous.fingerprint == fingerprint
        and previous.host == host
        and site_intact(
            records, run.out / host, previous.probes, due=run.options.now.astimezone(UTC).hour == 0
        )
    ):
        report.built = True
        return
    target = Target(records, host, previous.host, records.load_detail() if previous.built else None)
    # The index's search is made while its pages render (see publish.start_search).
    job = start_search(_province_records(run, present), target, run.out / host)
    try:
        site = _render(run, theme, present, log)
    finally:
        job.wait()  # the bundle is ready (or failed) before anything below
    published = None
    if site is not None:
        published = publish(run, target, site, job, log, run.config_path, threads=write_threads(1))
    report.problems.extend(log)
    if published is None:
        report.note = "gagal"
        return
    report.indexed = published.indexed
    report.stats.add(published.stats)
    state.index = IndexState(fingerprint, chain, host, True, published.probes)
    report.built = True
    report.rendered = True


def _summaries(
    run: Run,
    state: BuildState,
    folders: dict[str, Path],
    force_digests: bool,
    report: IndexOutcome,
) -> tuple[list[str], list[tuple[str, str]]]:
    """The KIMs with a summary to list, and each one's digest (what the index depends on);
    those without one are named in the report's note."""
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
        report.note = ", ".join(missing)
    return present, digests


def _render(run: Run, theme: Theme, present: list[str], log: ProblemLog) -> SiteOutput | None:
    """The index's site in memory, from the KIMs' summaries and the feed bodies and
    thumbnails they name (cache data, checked), with the editor's bundle."""
    from kimsite.render.index_site import render_index

    summaries = (s for s in (_load_summary(run, slug) for slug in present) if s is not None)
    bodies: dict[str, dict[str, str]] = {}

    def article_html(slug: str, url: str) -> str:
        if slug not in bodies:
            data = read_json(run.cache.feed_path(slug))
            bodies[slug] = data if isinstance(data, dict) else {}
        return str(bodies[slug].get(url, ""))

    def thumbnail(host: str, url: str) -> Path | None:
        return _built_file(run.out, host, url)

    site = render_index(summaries, run.config, theme, log, article_html, thumbnail)
    if site is not None:
        add_bundle(site, run.config, run.cache.root, log)
    return site


__all__ = ["IndexOutcome", "build_index_site"]
