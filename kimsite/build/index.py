"""The province index's build: from the KIM summaries in the cache, never from content.

`build.py` calls this after the KIMs (or alone, for `kimsite index` after shards). The
index has its own failure boundary: a bug here is reported and leaves its last good output.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path

from kimsite.admin.site import add_bundle, editor_key
from kimsite.build.cache import BuildState, KimDetail, KimState, read_json
from kimsite.build.kim import (
    MACHINE_ERRNOS,
    PROBES,
    Run,
    finish_search,
    site_intact,
    start_search,
    theme_fp,
    write_threads,
)
from kimsite.model.content import KimSummary
from kimsite.model.problems import Problem, ProblemLog, problem
from kimsite.model.routes import output_path
from kimsite.output.digest import bytes_digest
from kimsite.output.writer import FolderStamps, WriteStats, commit, forget_journal, remove_files
from kimsite.render.search import Record
from kimsite.render.themes import load_theme


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
    log = ProblemLog()
    theme = load_theme(config.themes_dir, config.tema, log, run.config_path, None)
    if theme is None:
        report.problems.extend(log)
        report.note = "gagal"
        return
    chain = [p.name for p in theme.chain]
    previous = state.index
    themes_fp = theme_fp(run.themes, chain)
    editor = editor_key(config, run.cache.root)
    fingerprint = bytes_digest(repr((run.config_fp, themes_fp, digests, editor)).encode())
    if (
        previous.built
        and previous.summary_digest == fingerprint
        and previous.host == config.domain_indeks
        and site_intact(run, None, run.out / config.domain_indeks, previous.probes,
                        due=run.options.now.astimezone(UTC).hour == 0)
    ):
        report.built = True
        return
    from kimsite.render.index_site import render_index

    # The index's search is made while its pages render (see kimbuild.start_search).
    detail = run.cache.load_detail(None) if previous.built else None
    same_host = previous.host == config.domain_indeks
    job = start_search(_province_records(run, present), detail if same_host else None,
                       run.out / config.domain_indeks)
    summaries = (s for s in (_load_summary(run, slug) for slug in present) if s is not None)
    bodies: dict[str, dict[str, str]] = {}

    def article_html(slug: str, url: str) -> str:
        if slug not in bodies:
            data = read_json(run.cache.feed_path(slug))
            bodies[slug] = data if isinstance(data, dict) else {}
        return str(bodies[slug].get(url, ""))

    def thumbnail(host: str, url: str) -> Path | None:
        return _built_file(run.out, host, url)

    try:
        site = render_index(summaries, config, theme, log, article_html, thumbnail)
        if site is not None:
            add_bundle(site, config, run.cache.root, log)
    finally:
        job.wait()  # the bundle is ready (or failed) before anything below
    report.problems.extend(log)
    if site is None:
        report.note = "gagal"
        return
    searched = finish_search(job, site, log, run.config_path)
    if searched is None:
        report.problems.extend(log)
        report.note = "gagal"
        return
    if previous.host and previous.host != config.domain_indeks and detail is not None:
        remove_files(run.out / previous.host, list(detail.outputs))
    stats, manifest = commit(
        site,
        run.out / config.domain_indeks,
        detail.outputs if same_host and detail else None,
        config.kompresi,
        write_threads(1),
    )
    run.cache.save_detail(None, KimDetail(manifest, {}, "", searched[0]))
    forget_journal(run.out / config.domain_indeks)
    run.cache.save_folders(None, FolderStamps.read(run.out / config.domain_indeks, manifest))
    report.indexed = searched[1]
    report.stats.add(stats)
    state.index = KimState(
        config_fp=run.config_fp,
        theme_chain=chain,
        host=config.domain_indeks,
        built=True,
        probes={k: manifest[k] for k in PROBES if k in manifest},
        summary_digest=fingerprint,
    )
    report.built = True
    report.rendered = True


__all__ = ["IndexOutcome", "build_index_site"]
