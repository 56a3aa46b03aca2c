"""The build cache: what the last build read, rendered and wrote, so the next does less.

Layout of the cache folder (git-ignored; CI may save and restore it):

    state.json            per KIM: input stamps, theme and config fingerprints, host,
                          problems, and the manifest of every file written
    renders/<kim>.json    rendered Markdown of each article and page, with what it looked up
    summaries/<kim>.json  what the province index needs of the KIM (see sitegen.KimSummary)

Everything is JSON written atomically (temporary file, then rename), so a build killed at any
moment leaves either the old file or the new one. A file that does not parse, or was written
by another cache version, is treated as absent: the cache is never trusted, only reused.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kimsite import __version__
from kimsite.problems import Problem, Severity

if TYPE_CHECKING:
    from kimsite.markup import RenderedBody

# Bump when anything stored here changes meaning.
CACHE_VERSION = 3
_STAMP = f"{CACHE_VERSION}/{__version__}/{sys.version_info[:2]}"

# A file changed within this many seconds of the last build may have changed again within
# the same mtime tick; its content hash decides (git's "racy clean" problem).
RACY_SECONDS = 2.0

Stamp = tuple[int, int, str]  # size, mtime_ns, content hash ("" until needed)
OutputRecord = tuple[int, int, str]  # size, mtime_ns, blake2b digest of the bytes


_counter = itertools.count()


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(
        {"cache": _STAMP, "data": data}, ensure_ascii=False, separators=(",", ":"), sort_keys=True
    ).encode("utf-8")
    tmp = path.with_name(f".tmp-{os.getpid()}-{next(_counter)}-{path.name}")
    try:
        tmp.write_bytes(payload)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read_json(path: Path) -> Any:
    """The data of a cache file, or None when it is missing, corrupt or from another version."""
    try:
        raw = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("cache") != _STAMP:
        return None
    return raw.get("data")


def file_hash(path: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def bytes_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def scan(folder: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime_ns) of every file below `folder`, by POSIX path relative to it."""
    found: dict[str, tuple[int, int]] = {}
    if not folder.is_dir():
        return found
    stack = [(folder, "")]
    while stack:
        here, prefix = stack.pop()
        try:
            entries = list(os.scandir(here))
        except OSError:
            continue
        for entry in entries:
            rel = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((Path(entry.path), rel + "/"))
                else:
                    st = entry.stat(follow_symlinks=False)
                    found[rel] = (st.st_size, st.st_mtime_ns)
            except OSError:
                continue
    return found


def same_inputs(
    folder: Path, now: dict[str, tuple[int, int]], before: dict[str, Stamp], built_at_ns: int
) -> bool:
    """Whether a folder holds what it held at the last build.

    Size and mtime decide; a file touched within RACY_SECONDS before that build's stamps
    were taken may have changed again within one mtime tick, so its content hash decides.
    """
    if now.keys() != before.keys():
        return False
    racy_after = built_at_ns - int(RACY_SECONDS * 1e9)
    for rel, (size, mtime) in now.items():
        old_size, old_mtime, old_hash = before[rel]
        if size != old_size:
            return False
        if mtime != old_mtime:
            return False
        if mtime >= racy_after and (not old_hash or file_hash(folder / rel) != old_hash):
            return False
    return True


def stamp_inputs(folder: Path, now: dict[str, tuple[int, int]], at_ns: int) -> dict[str, Stamp]:
    """Stamps, with a content hash for the files a later build would find racy."""
    racy_after = at_ns - int(RACY_SECONDS * 1e9)
    return {
        rel: (size, mtime, file_hash(folder / rel) if mtime >= racy_after else "")
        for rel, (size, mtime) in now.items()
    }


def fingerprint(parts: Iterable[object]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(repr(part).encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


# -- problems and renders as JSON ----------------------------------------------------------
def problem_to_json(p: Problem) -> list[Any]:
    return [p.path, p.line, p.code, [list(kv) for kv in p.params], p.severity.value]


def problem_from_json(data: list[Any]) -> Problem:
    path, line, code, params, severity = data
    return Problem(path, line, code, tuple((k, v) for k, v in params), Severity(severity))


def body_to_json(body: RenderedBody, key: str) -> dict[str, Any]:
    return {
        "key": key,
        "html": body.html,
        "words": body.words,
        "summary": body.summary,
        "problems": [problem_to_json(p) for p in body.problems],
        "deps": [list(d) for d in body.deps],
    }


def body_from_json(data: dict[str, Any]) -> RenderedBody:
    from kimsite.markup import RenderedBody

    return RenderedBody(
        html=data["html"],
        words=data["words"],
        summary=data["summary"],
        problems=[problem_from_json(p) for p in data["problems"]],
        deps=[(d[0], d[1], d[2]) for d in data["deps"]],
    )


@dataclass
class KimState:
    """What the last build knew of one KIM (or, for `BuildState.index`, of the index)."""

    inputs: dict[str, Stamp] = field(default_factory=dict)
    stamped_at_ns: int = 0  # when `inputs` were taken: files changed near it are racy
    config_fp: str = ""  # config.yaml and build options
    theme_chain: list[str] = field(default_factory=list)
    theme_stamps: dict[str, tuple[int, int]] = field(default_factory=dict)  # "theme/rel" → stamp
    host: str | None = None
    built: bool = False
    outputs: dict[str, OutputRecord] = field(default_factory=dict)
    templates: dict[str, list[str]] = field(default_factory=dict)  # template → files it reads
    summary_digest: str = ""
    next_change_ns: int | None = None  # when a future-dated article becomes due

    def to_json(self) -> dict[str, Any]:
        return {
            "inputs": {k: list(v) for k, v in self.inputs.items()},
            "stamped_at_ns": self.stamped_at_ns,
            "config_fp": self.config_fp,
            "theme_chain": self.theme_chain,
            "theme_stamps": {k: list(v) for k, v in self.theme_stamps.items()},
            "host": self.host,
            "built": self.built,
            "outputs": {k: list(v) for k, v in self.outputs.items()},
            "templates": self.templates,
            "summary_digest": self.summary_digest,
            "next_change_ns": self.next_change_ns,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KimState:
        return cls(
            inputs={k: (v[0], v[1], v[2]) for k, v in data["inputs"].items()},
            stamped_at_ns=data["stamped_at_ns"],
            config_fp=data["config_fp"],
            theme_chain=list(data["theme_chain"]),
            theme_stamps={k: (v[0], v[1]) for k, v in data["theme_stamps"].items()},
            host=data["host"],
            built=data["built"],
            outputs={k: (v[0], v[1], v[2]) for k, v in data["outputs"].items()},
            templates=data["templates"],
            summary_digest=data["summary_digest"],
            next_change_ns=data["next_change_ns"],
        )


@dataclass
class BuildState:
    built_at_ns: int = 0
    out_dir: str = ""
    kims: dict[str, KimState] = field(default_factory=dict)
    index: KimState = field(default_factory=KimState)


class Cache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def clear_temporaries(self) -> None:
        """Remove what a killed build was half-way through writing."""
        for folder in (self.root, self.root / "renders", self.root / "summaries"):
            try:
                names = [e.name for e in os.scandir(folder) if e.name.startswith(".tmp-")]
            except OSError:
                continue
            for name in names:
                (folder / name).unlink(missing_ok=True)

    # state ---------------------------------------------------------------------------
    def load_state(self, out_dir: Path) -> BuildState:
        data = read_json(self.root / "state.json")
        try:
            if data is None or data["out_dir"] != str(out_dir):
                return BuildState(out_dir=str(out_dir))
            return BuildState(
                built_at_ns=data["built_at_ns"],
                out_dir=data["out_dir"],
                kims={k: KimState.from_json(v) for k, v in data["kims"].items()},
                index=KimState.from_json(data["index"]),
            )
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            return BuildState(out_dir=str(out_dir))

    def save_state(self, state: BuildState) -> None:
        write_json(
            self.root / "state.json",
            {
                "built_at_ns": state.built_at_ns,
                "out_dir": state.out_dir,
                "kims": {k: v.to_json() for k, v in sorted(state.kims.items())},
                "index": state.index.to_json(),
            },
        )

    # renders -------------------------------------------------------------------------
    def load_renders(self, slug: str) -> dict[str, Any]:
        data = read_json(self.root / "renders" / f"{slug}.json")
        return data if isinstance(data, dict) else {}

    def save_renders(self, slug: str, renders: dict[str, dict[str, Any]]) -> None:
        write_json(self.root / "renders" / f"{slug}.json", renders)

    # summaries -----------------------------------------------------------------------
    def summary_path(self, slug: str) -> Path:
        return self.root / "summaries" / f"{slug}.json"

    def forget(self, slug: str) -> None:
        for path in (self.summary_path(slug), self.root / "renders" / f"{slug}.json"):
            path.unlink(missing_ok=True)
