"""A site's files in memory, each with who produced it: what rendering makes and the writer
commits.

Rendering a site fills a `SiteOutput` and touches no disk; only when every page of it
rendered does `kimsite.output.writer.commit` write it, so a failure leaves the last build of
that site as it was. Every file is claimed by its URL through `routes.output_path`, the one
function from a URL to a file, and two producers claiming one file is an error naming both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kimsite.model.routes import output_path


@dataclass(frozen=True)
class Owner:
    """Who produces an output file: a label for messages, and the content file if any."""

    label: str
    source: Path | None = None


class OutputConflict(Exception):
    def __init__(self, path: PurePosixPath, first: Owner, second: Owner) -> None:
        self.path, self.first, self.second = path, first, second
        super().__init__(f"{path}: {first.label} / {second.label}")

    @property
    def source(self) -> Path | None:
        """The content file to blame: the second claimant's, else the first's."""
        return self.second.source or self.first.source


@dataclass
class SiteOutput:
    """Everything one site will contain, keyed by its path inside the site folder.

    `kept` files were not rendered again because nothing they depend on changed; the
    writer leaves them as the last build wrote them.
    """

    texts: dict[PurePosixPath, bytes] = field(default_factory=dict)
    copies: dict[PurePosixPath, Path] = field(default_factory=dict)
    kept: set[PurePosixPath] = field(default_factory=set)
    owners: dict[PurePosixPath, Owner] = field(default_factory=dict)

    def claim(self, url: str, owner: Owner) -> PurePosixPath:
        """Reserve the file for `url`; two sources claiming one file is an error naming both."""
        path = output_path(url)
        if path in self.owners:
            raise OutputConflict(path, self.owners[path], owner)
        self.owners[path] = owner
        return path

    def add_text(self, url: str, content: str | bytes, owner: Owner) -> None:
        path = self.claim(url, owner)
        self.texts[path] = content.encode("utf-8") if isinstance(content, str) else content

    def add_copy(self, url: str, source: Path, owner: Owner) -> None:
        self.copies[self.claim(url, owner)] = source

    def keep(self, url: str, owner: Owner) -> None:
        self.kept.add(self.claim(url, owner))

    def html_paths(self) -> list[PurePosixPath]:
        """Every page of the site, rendered or kept: what the sitemap lists."""
        return sorted(p for p in (*self.texts, *self.kept) if p.suffix == ".html")

    def __len__(self) -> int:
        return len(self.owners)
