"""Which articles a build publishes: the build's own choices (`--drafts`, `--future`) and
its clock, apart from the content, so that the same content gives the same site for the
same choices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kimsite.model.content import Article


@dataclass(frozen=True)
class BuildOptions:
    now: datetime  # aware; articles dated after it are not published
    drafts: bool = False
    future: bool = False

    def published(self, article: Article) -> bool:
        """A draft only with `drafts`; one dated later than `now` only with `future`."""
        if article.draf and not self.drafts:
            return False
        return self.future or article.tanggal.at <= self.now


__all__ = ["BuildOptions"]
