"""Every URL and the one URL → file function (`kimsite.model.routes`)."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import pytest

from kimsite.model import routes


def test_output_paths_never_leave_the_site() -> None:
    assert routes.output_path("/") == PurePosixPath("index.html")
    assert routes.output_path("/artikel/a/") == PurePosixPath("artikel/a/index.html")
    assert routes.output_path("/feed.xml") == PurePosixPath("feed.xml")
    for bad in ("/../etc/passwd", "relative/", "/a/../../b/", "/a\\b", "/a/./b/", "/a\x00b/"):
        with pytest.raises(ValueError, match=re.escape(f"not a site URL: {bad!r}")):
            routes.output_path(bad)
