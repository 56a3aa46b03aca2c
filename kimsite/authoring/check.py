"""`kimsite check`: everything a build would find, and what a careful editor would add.

It loads and renders exactly as a build does (the same loaders, the same Markdown and
templates) but writes nothing, then adds checks that would be too strict to stop a build:
lengths of titles and summaries, links to pages of the KIM's own site that do not exist.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kimsite.admin.site import kim_extras
from kimsite.build.pipeline import current_time, select_kims
from kimsite.indonesia.conventions import moment_text
from kimsite.model.content import Kim
from kimsite.model.problems import Problem, ProblemLog, Severity
from kimsite.model.publishing import BuildOptions
from kimsite.model.routes import output_path
from kimsite.render.markup import MarkdownRenderer
from kimsite.render.themes import forget_environments, load_theme
from kimsite.source.config import SiteConfig, load_config
from kimsite.source.contract import MAX_SUMMARY, MAX_TITLE
from kimsite.source.files import list_kim_folders
from kimsite.source.hosts import host_problems
from kimsite.source.kim_folder import Unread, load_kim

_ROOT_LINK = re.compile(r'(?:href|src)="(/[^"#?]*)')


@dataclass(frozen=True)
class Scheduled:
    """An article that is written, not a draft, and goes live by itself at a later time."""

    source: Path
    judul: str
    when: str  # in Indonesian, in the KIM's own zone
    at: datetime


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    kims: int = 0
    documents: int = 0
    scheduled: list[Scheduled] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.WARNING)


def check(config_path: Path, only: Sequence[str] = (), now: datetime | None = None) -> CheckReport:
    """Check the project (or the KIMs in `only`); raises KimsiteError for a broken config."""
    forget_environments()
    config = load_config(config_path)
    folders = {f.name: f for f in list_kim_folders(config.content_dir)}
    selected = select_kims(folders, only, None, config)
    clashes = host_problems(folders, config)
    options = BuildOptions(now=now or current_time())
    renderer = MarkdownRenderer()
    report = CheckReport()
    for slug in selected:
        log = ProblemLog()
        log.extend(clashes.get(slug, []))
        report.kims += 1
        try:
            _check_kim(folders[slug], config, options, renderer, log, report)
        except Exception as exc:  # the same boundary as a build's: one KIM, one problem
            detail = f"{type(exc).__name__}: {exc}"[:300]
            log.add(folders[slug], None, "kim.internal_error", detail=detail)
        report.problems.extend(log)
    return report


def _check_kim(
    folder: Path,
    config: SiteConfig,
    options: BuildOptions,
    renderer: MarkdownRenderer,
    log: ProblemLog,
    report: CheckReport,
) -> None:
    from kimsite.render.kim_site import body_problems, render_kim

    # Count what the writer wrote, readable or not, so that the summary agrees with the
    # problems printed above it.
    report.documents += sum(
        1 for sub in ("artikel", "halaman") for _ in (folder / sub).glob("*.md")
    )
    unread = Unread()
    kim = load_kim(folder, config, log, now=options.now, unread=unread)
    if kim is None:
        body_problems(unread, lambda: renderer, log)
        return
    report.scheduled.extend(
        Scheduled(a.source, a.judul, moment_text(a.tanggal, kim.zone), a.tanggal.at)
        for a in kim.articles
        if not a.draf and a.tanggal.at > options.now
    )
    _lengths(kim, log)
    _photos(kim, config, log)
    theme = load_theme(config.themes_dir, kim.theme, log, kim.profile.source, kim.profile.tema_line)
    if theme is None or log.has_errors():
        body_problems(unread, lambda: renderer, log)
    else:
        rendered = render_kim(
            kim, config, theme, options, lambda: renderer, log, extras=kim_extras(kim, config)
        )
        if rendered is not None:
            _site_links(kim, rendered.renders, set(rendered.output.owners), log)


def _photos(kim: Kim, config: SiteConfig, log: ProblemLog) -> None:
    """A photo past the province's `foto_maks_px` weighs on the repository for ever."""
    from kimsite.authoring.photos import state_of

    for asset in kim.media:
        state = state_of(asset.source)
        if state is not None and max(state.width, state.height) > config.foto_maks_px:
            log.add(
                asset.source,
                None,
                "check.photo_large",
                Severity.WARNING,
                width=state.width,
                height=state.height,
                limit=config.foto_maks_px,
                mb=f"{asset.source.stat().st_size / 2**20:.1f}",
                slug=kim.slug,
            )


def _lengths(kim: Kim, log: ProblemLog) -> None:
    for doc in (*kim.articles, *kim.pages):
        if len(doc.judul) > MAX_TITLE:
            log.add(
                doc.source,
                None,
                "check.title_long",
                Severity.WARNING,
                length=len(doc.judul),
                limit=MAX_TITLE,
            )
        if doc.ringkasan and len(doc.ringkasan) > MAX_SUMMARY:
            log.add(
                doc.source,
                None,
                "check.summary_long",
                Severity.WARNING,
                length=len(doc.ringkasan),
                limit=MAX_SUMMARY,
            )


def _site_links(
    kim: Kim, renders: dict[str, dict[str, object]], outputs: set[object], log: ProblemLog
) -> None:
    """Root-relative links written in Markdown (`/profil/`) must lead to a page of the site."""
    for rel, entry in sorted(renders.items()):
        html = str(entry.get("html", ""))
        for url in sorted(set(_ROOT_LINK.findall(html))):
            if url.startswith("//"):
                continue
            try:
                target = output_path(url)
            except ValueError:
                target = None
            if target is None or target not in outputs:
                source = kim.folder / rel
                log.add(
                    source,
                    _line_of(source, url),
                    "check.site_link_missing",
                    Severity.WARNING,
                    ref=url,
                )


def _line_of(path: Path, text: str) -> int | None:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if text in line:
                return number
    except OSError:
        return None
    return None
