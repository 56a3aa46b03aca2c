"""The build cache: what the last build read, rendered and wrote, so the next does less.

Layout of the cache folder (git-ignored; CI may save and restore it):

    state.json            per KIM: fingerprints of its files, theme and config, its host,
                          and a few output probes (read by every build: kept small)
    kims/<kim>.json       the manifest of every file written for the KIM, and the template
                          files each page type read (read only when the KIM is rebuilt)
    kims/<kim>.folders.json  the times of its site's folders (proof that nothing went)
    index.json, index.folders.json   the same for the province index
    renders/<kim>.json    rendered Markdown of each article and page, with what it looked up
    summaries/<kim>.json  what the province index needs of the KIM (see model.content.KimSummary)

Everything is JSON written atomically (temporary file, then rename), so a build killed at any
moment leaves either the old file or the new one. A file that does not parse, or was written
by another cache version, is treated as absent: the cache is never trusted, only reused.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kimsite import __version__
from kimsite.output.atomic import TEMP_PREFIX, write_atomic
from kimsite.output.digest import bytes_digest, file_hash
from kimsite.output.writer import FolderStamps

if TYPE_CHECKING:
    from kimsite.model.content import Kim

# Bump when anything stored here changes meaning.
CACHE_VERSION = 5  # 5: the index has its own state (IndexState)
_STAMP = f"{CACHE_VERSION}/{__version__}/{sys.version_info[:2]}"

# A file changed within this many seconds of the last build may have changed again within
# the same mtime tick; its content hash decides (git's "racy clean" problem).
RACY_SECONDS = 2.0

OutputRecord = tuple[int, int, str]  # size, mtime_ns, blake2b digest of the bytes


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(
        {"cache": _STAMP, "data": data}, separators=(",", ":"), sort_keys=True
    ).encode("ascii")  # \u-escapes carry any file name, even one that is not UTF-8
    write_atomic(path, payload)


def read_json(path: Path) -> Any:
    """The data of a cache file, or None when it is missing, corrupt or from another version."""
    try:
        raw = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(raw, dict) or raw.get("cache") != _STAMP:
        return None
    return raw.get("data")


def entry_hash(path: Path) -> str:
    """What a scanned entry holds: a file's bytes, a link's target (never followed: it may
    lead to a folder, or nowhere), or a marker for what cannot be read."""
    try:
        if path.is_symlink():
            return "link:" + bytes_digest(os.fsencode(os.readlink(path)))
        return file_hash(path)
    except OSError as exc:
        return f"unreadable:{exc.errno}"


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


def inputs_fingerprint(now: dict[str, tuple[int, int]]) -> str:
    """One digest of every file's path, size and mtime: equal digests, same folder."""
    text = "\n".join(f"{rel}\t{size}\t{mtime}" for rel, (size, mtime) in sorted(now.items()))
    return bytes_digest(text.encode("utf-8", "surrogateescape"))


def racy_hashes(folder: Path, now: dict[str, tuple[int, int]], at_ns: int) -> dict[str, str]:
    """Content hashes of the files changed within RACY_SECONDS before `at_ns`.

    Such a file may change again within the same mtime tick, leaving size and mtime as they
    were; only its content tells. Older files cannot, so they need no hash.
    """
    racy_after = at_ns - int(RACY_SECONDS * 1e9)
    return {rel: entry_hash(folder / rel) for rel, (_s, mt) in now.items() if mt >= racy_after}


def same_inputs(folder: Path, now: dict[str, tuple[int, int]], state: KimState) -> bool:
    """Whether a folder holds what it held when `state` was taken."""
    if inputs_fingerprint(now) != state.inputs_fp:
        return False
    return all(entry_hash(folder / rel) == digest for rel, digest in state.racy.items())


@dataclass
class KimState:
    """What the last build knew of one KIM.

    Kept small: the state of every KIM is read by every build, even one with nothing to
    do. What only a build of this KIM needs lives in its `SiteDetail`.
    """

    inputs_fp: str = ""  # inputs_fingerprint of the KIM folder
    racy: dict[str, str] = field(default_factory=dict)  # see racy_hashes
    config_fp: str = ""  # config.yaml and build options
    theme_chain: list[str] = field(default_factory=list)
    theme_fp: str = ""  # fingerprint of the theme chain's files
    host: str | None = None
    built: bool = False
    probes: dict[str, OutputRecord] = field(default_factory=dict)  # a few outputs, to notice
    summary_digest: str = ""  # a deleted or replaced output folder without reading them all
    next_change_ns: int | None = None  # when a future-dated article becomes due

    def to_json(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        data["probes"] = {k: list(v) for k, v in self.probes.items()}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KimState:
        state = cls(**{k: data[k] for k in cls.__dataclass_fields__})
        state.probes = {k: (v[0], v[1], v[2]) for k, v in state.probes.items()}
        return state


@dataclass
class IndexState:
    """What the last build knew of the province index: built from the KIMs' summaries, so
    one fingerprint of its inputs (config, theme, summaries, editor) says all it depends on.
    """

    fingerprint: str = ""
    theme_chain: list[str] = field(default_factory=list)
    host: str | None = None
    built: bool = False
    probes: dict[str, OutputRecord] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        data["probes"] = {k: list(v) for k, v in self.probes.items()}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IndexState:
        state = cls(**{k: data[k] for k in cls.__dataclass_fields__})
        state.probes = {k: (v[0], v[1], v[2]) for k, v in state.probes.items()}
        return state


@dataclass
class SiteDetail:
    """What the last build of one site wrote, and which template files each page type read."""

    outputs: dict[str, OutputRecord] = field(default_factory=dict)
    templates: dict[str, list[str]] = field(default_factory=dict)
    templates_key: str = ""  # theme and KIM template overrides `templates` was found with
    search_key: str = ""  # digest of the records its search bundle was made from


@dataclass
class BuildState:
    built_at_ns: int = 0
    out_dir: str = ""
    kims: dict[str, KimState] = field(default_factory=dict)
    index: IndexState = field(default_factory=IndexState)
    themes: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)  # at last build


@dataclass(frozen=True)
class SiteRecords:
    """Where the cache keeps what the last build wrote to one site (a KIM's or the index's):
    its files (`SiteDetail`, read when the site is built again or proved intact) and its
    folders' times (`writer.FolderStamps`, read by every build that proves it intact)."""

    detail_path: Path
    folders_path: Path

    def paths(self) -> tuple[Path, Path]:
        return self.detail_path, self.folders_path

    def load_detail(self) -> SiteDetail | None:
        """None when there is no usable record: the caller then compares against the disk."""
        data = read_json(self.detail_path)
        try:
            return SiteDetail(
                outputs={k: (v[0], v[1], v[2]) for k, v in data["outputs"].items()},
                templates={k: list(v) for k, v in data["templates"].items()},
                templates_key=data["templates_key"],
                search_key=str(data.get("search_key", "")),
            )
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None

    def save_detail(self, detail: SiteDetail) -> None:
        write_json(
            self.detail_path,
            {
                "outputs": {k: list(v) for k, v in detail.outputs.items()},
                "templates": detail.templates,
                "templates_key": detail.templates_key,
                "search_key": detail.search_key,
            },
        )

    def load_folders(self) -> FolderStamps | None:
        """The times of the site's folders after its last build."""
        data = read_json(self.folders_path)
        if not isinstance(data, dict):
            return None
        taken, folders = data.get("taken_ns"), data.get("folders")
        if type(taken) is not int or not isinstance(folders, dict):
            return None
        if not all(isinstance(k, str) and type(v) is int for k, v in folders.items()):
            return None
        return FolderStamps(taken, folders)

    def save_folders(self, stamps: FolderStamps) -> None:
        write_json(self.folders_path, {"taken_ns": stamps.taken_ns, "folders": stamps.folders})


class Cache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def clear_temporaries(self) -> None:
        """Remove what a killed build was half-way through writing."""
        for folder in (
            self.root,
            self.root / "renders",
            self.root / "summaries",
            self.root / "kims",
            self.root / "models",
        ):
            try:
                names = [e.name for e in os.scandir(folder) if e.name.startswith(TEMP_PREFIX)]
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
                index=IndexState.from_json(data["index"]),
                themes={
                    theme: {rel: (v[0], v[1]) for rel, v in files.items()}
                    for theme, files in data["themes"].items()
                },
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
                "themes": state.themes,
            },
        )

    # what each site's last build wrote -----------------------------------------------
    def kim_site(self, slug: str) -> SiteRecords:
        return SiteRecords(
            self.root / "kims" / f"{slug}.json", self.root / "kims" / f"{slug}.folders.json"
        )

    def index_site(self) -> SiteRecords:
        return SiteRecords(self.root / "index.json", self.root / "index.folders.json")

    # models --------------------------------------------------------------------------
    def _model_path(self, slug: str) -> Path:
        return self.root / "models" / f"{slug}.json"

    def load_model(self, slug: str, folder: Path) -> Kim | None:
        """The KIM as last loaded, or None: only ever used while none of its files changed.

        JSON checked field by field (`model.json_form`): whatever the file holds, loading it
        runs nothing and yields either this KIM's model or None.
        """
        from kimsite.model.json_form import decode_kim

        data = read_json(self._model_path(slug))
        if data is None:
            return None
        try:
            return decode_kim(data, folder)
        except (ValueError, TypeError, KeyError, OSError, RecursionError):
            return None

    def save_model(self, slug: str, model: Kim) -> None:
        from kimsite.model.json_form import encode

        write_json(self._model_path(slug), encode(model))

    # renders -------------------------------------------------------------------------
    def load_renders(self, slug: str) -> dict[str, Any]:
        data = read_json(self.root / "renders" / f"{slug}.json")
        return data if isinstance(data, dict) else {}

    def save_renders(self, slug: str, renders: dict[str, dict[str, Any]]) -> None:
        write_json(self.root / "renders" / f"{slug}.json", renders)

    # summaries -----------------------------------------------------------------------
    def summary_path(self, slug: str) -> Path:
        return self.root / "summaries" / f"{slug}.json"

    def feed_path(self, slug: str) -> Path:
        """Bodies of the articles in a KIM's summary, read only for the index's feed."""
        return self.root / "summaries" / f"{slug}.feed.json"

    def search_path(self, slug: str) -> Path:
        """A record per article of the KIM, read only for the index's combined search."""
        return self.root / "summaries" / f"{slug}.cari.json"

    def forget(self, slug: str) -> None:
        for path in (
            self.summary_path(slug),
            self.feed_path(slug),
            self.search_path(slug),
            self.root / "renders" / f"{slug}.json",
            *self.kim_site(slug).paths(),
            self._model_path(slug),
        ):
            path.unlink(missing_ok=True)
