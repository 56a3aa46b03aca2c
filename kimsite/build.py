"""The build, read top to bottom as the pipeline it is.

load config → load every KIM (collecting problems per KIM) → check what spans KIMs (hosts)
→ render each good KIM and commit its folder → render the index from KIM summaries.
A KIM with errors is skipped and its previous output kept; the others still build.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kimsite.config import CONFIG_NAME, SiteConfig, load_config
from kimsite.content import PROFILE_NAME, list_kim_folders, load_kim
from kimsite.markup import MarkdownRenderer
from kimsite.model import Kim
from kimsite.problems import KimsiteError, Problem, ProblemLog
from kimsite.province import render_index
from kimsite.sitegen import BuildOptions, KimSummary, render_kim
from kimsite.themes import Theme, load_theme
from kimsite.writer import WriteStats, commit

CACHE_VERSION = 1
SUMMARY_DIR = "summaries"


@dataclass
class KimResult:
    slug: str
    host: str | None
    built: bool
    pages: int = 0
    problems: list[Problem] = field(default_factory=list)


@dataclass
class BuildReport:
    config: SiteConfig
    out_dir: Path
    kims: list[KimResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    index_built: bool = False
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


Progress = Callable[[str, int, int], None]


def build(
    config_path: Path,
    out_dir: Path | None = None,
    only: Sequence[str] = (),
    drafts: bool = False,
    future: bool = False,
    now: datetime | None = None,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Build every KIM (or those in `only`) and the province index.

    Raises `KimsiteError` only when nothing can be built (config unusable); every other
    problem is in the report, and what could be built was.
    """
    started = time.perf_counter()
    config = load_config(config_path)
    out = (out_dir or config.root / "build").resolve()
    cache = (cache_dir or config.root / ".kimsite-cache").resolve()
    _check_out_dir(out, config, config_path)
    options = BuildOptions(now=now or current_time(), drafts=drafts, future=future)
    report = BuildReport(config, out)

    folders = {f.name: f for f in list_kim_folders(config.content_dir)}
    selected = _select(folders, only, config, report)

    logs: dict[str, ProblemLog] = {slug: ProblemLog() for slug in folders}
    kims: dict[str, Kim] = {}
    for slug in sorted(folders):
        kim = load_kim(folders[slug], config, logs[slug])
        if kim is not None:
            kims[slug] = kim
    _check_hosts(kims, config, logs)
    themes = _load_themes(kims, config, logs)
    index_theme = _index_theme(config, config_path)

    renderer = MarkdownRenderer()
    summaries: dict[str, KimSummary] = {}
    for position, slug in enumerate(selected, start=1):
        log = logs[slug]
        kim = kims.get(slug)
        result = KimResult(slug, kim.host if kim else None, built=False)
        if progress:
            progress(slug, position, len(selected))
        if kim is not None and not log.has_errors():
            rendered = render_kim(kim, config, themes[kim.theme], options, renderer, log)
            if rendered is not None:
                site, summary = rendered
                report.stats.add(commit(site, out / kim.host))
                _save_summary(cache, summary)
                summaries[slug] = summary
                result.built, result.pages = True, len(site)
        result.problems = list(log)
        report.kims.append(result)
        report.problems.extend(log)

    _build_index(report, config, folders, summaries, cache, index_theme, out)
    report.seconds = time.perf_counter() - started
    return report


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
    folders: dict[str, Path], only: Sequence[str], config: SiteConfig, report: BuildReport
) -> list[str]:
    if not only:
        return sorted(folders)
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
    return sorted(set(only))


def _check_hosts(kims: dict[str, Kim], config: SiteConfig, logs: dict[str, ProblemLog]) -> None:
    """Two KIMs can never share a host, and none may take the index's."""
    by_host: dict[str, list[Kim]] = {}
    for kim in kims.values():
        by_host.setdefault(kim.host, []).append(kim)
    for host, owners in sorted(by_host.items()):
        if host == config.domain_indeks:
            for kim in owners:
                logs[kim.slug].add(kim.profile.source, None, "kim.host_is_index", host=host)
        if len(owners) > 1:
            for kim in owners:
                others = ", ".join(o.slug for o in owners if o is not kim)
                logs[kim.slug].add(
                    kim.profile.source, None, "kim.duplicate_host", host=host, others=others
                )


def _load_themes(
    kims: dict[str, Kim], config: SiteConfig, logs: dict[str, ProblemLog]
) -> dict[str, Theme]:
    """Each KIM's theme chain; a KIM naming an unknown theme gets the error on its `tema` line."""
    themes: dict[str, Theme] = {}
    for kim in kims.values():
        if kim.theme in themes:
            continue
        line = kim.profile.tema_line
        theme = load_theme(config.themes_dir, kim.theme, logs[kim.slug], kim.profile.source, line)
        if theme is not None:
            themes[kim.theme] = theme
    return themes


def _index_theme(config: SiteConfig, config_path: Path) -> Theme:
    log = ProblemLog()
    theme = load_theme(config.themes_dir, config.tema, log, config_path, None)
    if theme is None:
        raise KimsiteError(log)
    return theme


def _build_index(
    report: BuildReport,
    config: SiteConfig,
    folders: dict[str, Path],
    fresh: dict[str, KimSummary],
    cache: Path,
    theme: Theme,
    out: Path,
) -> None:
    """The index lists every KIM that has ever built: a KIM broken today keeps its entry
    (from its last good summary) rather than vanishing from the province's portal."""
    summaries = []
    missing = []
    for slug in sorted(folders):
        summary = fresh.get(slug) or _load_summary(cache, slug)
        if summary is None:
            missing.append(slug)
        else:
            summaries.append(summary)
    log = ProblemLog()
    site = render_index(summaries, config, theme, log)
    report.problems.extend(log)
    if site is None:
        report.index_note = "gagal"
        return
    report.stats.add(commit(site, out / config.domain_indeks))
    report.index_built = True
    if missing:
        report.index_note = ", ".join(missing)


# -- KIM summaries between builds ----------------------------------------------------------
def _summary_path(cache: Path, slug: str) -> Path:
    return cache / SUMMARY_DIR / f"{slug}.json"


def _save_summary(cache: Path, summary: KimSummary) -> None:
    path = _summary_path(cache, summary.slug)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(
        {"version": CACHE_VERSION, "summary": summary.to_json()}, ensure_ascii=False, sort_keys=True
    ).encode("utf-8")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def _load_summary(cache: Path, slug: str) -> KimSummary | None:
    """A summary from an earlier build; anything odd about it means 'none', never a crash."""
    try:
        data = json.loads(_summary_path(cache, slug).read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION:
            return None
        return KimSummary.from_json(data["summary"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


__all__ = ["CONFIG_NAME", "PROFILE_NAME", "BuildReport", "KimResult", "build", "current_time"]
