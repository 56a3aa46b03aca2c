"""Decap CMS's browser bundle, pinned by version and digest, fetched once from npm's
registry.

The tarball is kept in the cache folder and its digest checked against the one pinned here
every time it is used, so a cache restored from elsewhere (or edited by hand) can never
put other JavaScript in front of the province's writers. The files are read straight out
of the verified tarball; nothing extracted from it is trusted later.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path

from kimsite.model.problems import ProblemLog
from kimsite.output.atomic import write_atomic

DECAP_VERSION = "3.16.3"
# `npm view decap-cms@3.16.3 dist.integrity`
DECAP_INTEGRITY = "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=="  # noqa: E501
# The bundle and the chunks it loads on demand (webpack, from the bundle's own folder);
# the `cms.js` build beside them is the same program again, and source maps are not served.
_WANTED = re.compile(r"^package/dist/((?:\d+\.)?decap-cms\.js(?:\.LICENSE\.txt)?)$")
DEFAULT_REGISTRY = "https://registry.npmjs.org/"
FETCH_TIMEOUT = 120
MAX_TARBALL = 64 * 1024 * 1024  # the pinned one is 16 MB


@dataclass(frozen=True)
class Bundle:
    version: str
    files: tuple[tuple[str, bytes], ...]  # name in the bundle folder, bytes

    def file(self, name: str) -> bytes | None:
        return next((data for n, data in self.files if n == name), None)


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def tarball_path(cache_root: Path) -> Path:
    return cache_root / "decap" / f"decap-cms-{DECAP_VERSION}.tgz"


def load_bundle(cache_root: Path, log: ProblemLog, where: Path) -> Bundle | None:
    """The verified bundle, fetching it first when the cache has none; None with the
    reason logged (as a warning against `where`: the sites are built without /admin/)."""
    from kimsite.model.problems import Severity

    path = tarball_path(cache_root)
    if not path.is_file():
        why = _fetch(path)
        if why is not None:
            code, params = why
            log.add(where, None, code, Severity.WARNING, version=DECAP_VERSION, **params)
            return None
    data = path.read_bytes()
    got = _integrity(data)
    if got != DECAP_INTEGRITY:
        log.add(
            where,
            None,
            "admin.integrity",
            Severity.WARNING,
            version=DECAP_VERSION,
            got=got[:20] + "…",
            path=str(path),
        )
        return None
    files = []
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            found = _WANTED.match(member.name)
            if found and member.isfile():
                extracted = tar.extractfile(member)
                if extracted is not None:
                    files.append((found.group(1), extracted.read()))
    files.sort()
    return Bundle(DECAP_VERSION, tuple(files))


def _fetch(path: Path) -> tuple[str, dict[str, str]] | None:
    """The pinned tarball from the npm registry into the cache (no npm needed: a CI image
    with Python alone builds the editor too); why not, or None when it is there. The
    digest is checked by the caller, as for a tarball found in the cache."""
    # npm's own setting for a mirror, in either spelling npm reads
    registry = (
        os.environ.get("NPM_CONFIG_REGISTRY")
        or os.environ.get("npm_config_registry")  # noqa: SIM112
        or DEFAULT_REGISTRY
    )
    url = f"{registry.rstrip('/')}/decap-cms/-/decap-cms-{DECAP_VERSION}.tgz"
    # Imported here: urllib.request brings http.client and email (30 ms), which every
    # no-change build would otherwise pay for a fetch that happens once per cache.
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT) as answer:
            data = answer.read(MAX_TARBALL + 1)
    except (OSError, ValueError) as exc:
        return "admin.fetch_failed", {"detail": f"{url}: {exc}"}
    if len(data) > MAX_TARBALL:
        return "admin.fetch_failed", {"detail": f"{url}: lebih dari {MAX_TARBALL} bita"}
    write_atomic(path, data)
    return None
