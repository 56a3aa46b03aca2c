"""The one publish step, for a KIM's site and for the index alike: a rendered site goes
from memory to its host's folder, and what the next build needs is saved.

    search bundle in → size within the limit → the old host's files removed (a KIM whose
    host changed) → commit → the files written and their folders' times saved → the
    journal forgotten → a few probes for the next build's quick check

Written once, so that the KIM and the index cannot drift apart in what publishing means
(in what a moved host leaves behind, say). Also here: the proof that a site is still as
its last build left it (`site_intact`), and its search bundle, begun before its pages
render and finished here.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kimsite.build.cache import SiteDetail, SiteRecords
from kimsite.model import routes
from kimsite.model.problems import ProblemLog
from kimsite.output.writer import (
    FolderStamps,
    OutputRecord,
    WriteStats,
    commit,
    forget_journal,
    outputs_intact,
    remove_files,
)
from kimsite.render.site_output import Owner, SiteOutput

if TYPE_CHECKING:
    from kimsite.build.run import Run
    from kimsite.render.search import Pending, Record

# The files checked first for a site's output being intact: a site deleted whole (the
# usual case) fails here without reading its manifest.
PROBES = ("index.html", "sitemap.xml")


@dataclass
class Target:
    """Where a site is published, and what its last build left there (`detail` None: not
    known, so every file is compared with the disk)."""

    records: SiteRecords
    host: str
    previous_host: str | None
    detail: SiteDetail | None

    def last(self) -> SiteDetail | None:
        """What the last build wrote where this build writes: nothing when the host moved."""
        return self.detail if self.previous_host == self.host else None


@dataclass
class Published:
    stats: WriteStats
    probes: dict[str, OutputRecord] = field(default_factory=dict)
    indexed: bool = False  # its search bundle was made again (not kept)


def publish(
    run: Run,
    target: Target,
    site: SiteOutput,
    job: SearchJob,
    log: ProblemLog,
    where: Path,
    *,
    size_limit: tuple[int, Path] | None = None,
    templates: dict[str, list[str]] | None = None,
    templates_key: str = "",
    threads: int = 1,
) -> Published | None:
    """Publish a rendered site; None when it cannot be (its search failed, at `where`, or
    it is larger than `size_limit`'s megabytes, said at its path), its last output intact.

    `templates` (with the key it holds for) are the template files each page type read,
    for the next build to know which pages a template edit touches."""
    searched = finish_search(job, site, log, where)
    if searched is None:
        return None
    last = target.last()
    if size_limit is not None:
        limit, blamed = size_limit
        size = _site_bytes(site, last)
        if size > limit * 2**20:
            log.add(blamed, None, "kim.output_too_big", size=size // 2**20, limit=limit)
            return None
    if target.previous_host and last is None and target.detail is not None:
        remove_files(run.out / target.previous_host, list(target.detail.outputs))
    root = run.out / target.host
    stats, manifest = commit(
        site, root, last.outputs if last else None, run.config.kompresi, threads
    )
    target.records.save_detail(SiteDetail(manifest, templates or {}, templates_key, searched[0]))
    forget_journal(root)
    target.records.save_folders(FolderStamps.read(root, manifest))
    return Published(stats, {k: manifest[k] for k in PROBES if k in manifest}, searched[1])


def site_intact(
    records: SiteRecords, root: Path, probes: dict[str, OutputRecord], due: bool
) -> bool:
    """Every file a site's last build wrote is still there as written: one deleted or
    edited by hand (as happens on a server) brings the site back to be rendered, and the
    writer puts back what differs. Files nobody wrote are left alone.

    The probes fail fast for the usual case (a whole site gone). Then the times of the
    site's folders (`FolderStamps`) prove that no file went missing; at 100,000 articles
    that is a third of the calls of the file-by-file comparison, which runs instead when
    `due` (once a day) and whenever the stamps cannot tell (taken too soon after a write:
    they are taken again once the files prove intact)."""
    if not outputs_intact(root, probes):
        return False
    stamps = records.load_folders()
    if stamps is not None and stamps.trusted() and not due:
        return stamps.intact(root)
    detail = records.load_detail()
    if detail is None or not outputs_intact(root, detail.outputs):
        return False
    if stamps is None or not stamps.trusted():
        fresh = FolderStamps.read(root, detail.outputs)
        if fresh.trusted():  # written too recently still: the next build reads them again
            records.save_folders(fresh)
    return True


def _site_bytes(output: SiteOutput, detail: SiteDetail | None) -> int:
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


def start_search(records: list[Record], target: Target, root: Path) -> SearchJob:
    """A site's search bundle: kept from the last build when what it indexes is the same
    (a theme edit re-indexes nothing) and its files in `root` are as that build left them,
    begun again otherwise."""
    from kimsite.render import search

    detail = target.last()
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


__all__ = ["PROBES", "Published", "SearchJob", "Target", "publish", "site_intact", "start_search"]
