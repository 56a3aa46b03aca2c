"""`kimsite deploy sync` and `rollback`: atomic releases of the build folder on a web server.

The server's folder holds every release and a `current` link that nginx serves:

    TARGET/releases/20261129T104800123456Z/   one build, complete
    TARGET/releases/20261129T120000654321Z/
    TARGET/current -> releases/20261129T120000654321Z

A deploy fills a new release with rsync, hard-linking every file that did not change to the
release being served (`--link-dest`), so only changed files are sent or stored again; then it
replaces `current` by renaming a new link over it, which is atomic: a reader gets the old
release or the new one, never half of each. Until that rename nothing served changes, so a
failed or interrupted sync leaves the site as it was (its unfinished folder is cleared by the
next deploy). Rollback is the same rename, to the release before.

The same shell script runs on this machine or, for `user@host:path`, over ssh: the server
needs only a POSIX shell, rsync and coreutils, nothing of kimsite.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kimsite.output.lock import LOCK_NAME
from kimsite.output.staging import STAGING
from kimsite.output.writer import JOURNAL

RELEASE = re.compile(r"^\d{8}T\d{12}Z$")  # sorts in time order


class DeployFailure(Exception):
    """A step failed on the server or on the way; `current` was not touched."""


@dataclass(frozen=True)
class Target:
    path: str  # folder on the server (absolute for ssh targets)
    remote: str | None = None  # "user@host" for ssh

    @classmethod
    def parse(cls, text: str) -> Target:
        """`user@host:/srv/kim` (ssh) or a local folder. A local path holding a colon must
        be written with a slash before it (`./a:b`), as rsync also requires."""
        head, colon, tail = text.partition(":")
        if colon and "/" not in head and head:
            if not tail.startswith("/"):
                raise ValueError(text)
            return cls(tail.rstrip("/") or "/", head)
        return cls(str(Path(text).resolve()))

    def rsync_dest(self, sub: str) -> str:
        where = f"{self.path}/{sub}/"
        return f"{self.remote}:{where}" if self.remote else where


@dataclass(frozen=True)
class Shell:
    """Runs a script where the releases are: here, or on the server over ssh."""

    target: Target
    ssh: tuple[str, ...] = ("ssh",)

    def run(self, script: str) -> str:
        command = ["sh", "-c", script]
        if self.target.remote:
            command = [*self.ssh, self.target.remote, shlex.join(command)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise DeployFailure(done.stderr.strip() or f"exit {done.returncode}")
        return done.stdout


@dataclass(frozen=True)
class Releases:
    names: tuple[str, ...]  # oldest first
    current: str | None


def releases(shell: Shell) -> Releases:
    root = shlex.quote(shell.target.path)
    out = shell.run(
        f"cd {root} 2>/dev/null || exit 0; ls -1 releases 2>/dev/null; echo /; "
        "readlink current 2>/dev/null || true"
    )
    listed, _, current = out.partition("/\n")
    names = tuple(sorted(n for n in listed.split() if RELEASE.match(n)))
    link = current.strip()
    name = link.rsplit("/", 1)[-1] if link else None
    return Releases(names, name if name in names else None)


# The build's own files beside the sites (staging, journal, lock): never published.
BUILD_OWN = (STAGING, JOURNAL, LOCK_NAME)


def new_release_name(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")


def sync(
    build: Path,
    target: Target,
    keep: int = 5,
    ssh: tuple[str, ...] = ("ssh",),
    rsync: tuple[str, ...] = ("rsync",),
) -> str:
    """Publish `build` as a new release and switch to it; returns the release's name."""
    if not build.is_dir() or not any(p.name not in BUILD_OWN for p in build.iterdir()):
        raise DeployFailure(f"{build}: tidak ada situs yang dibangun (jalankan kimsite build)")
    shell = Shell(target, ssh)
    root = shlex.quote(target.path)
    # Half-sent releases of an interrupted deploy go first: they are nobody's.
    shell.run(f"mkdir -p {root}/releases && rm -rf {root}/releases/*.partial")
    known = releases(shell)
    name = new_release_name()
    while name in known.names:  # two deploys within a microsecond: keep names unique
        name = new_release_name()
    command = [
        *rsync,
        "--recursive",  # without --links: a symbolic link in the build is never published
        "--times",
        "--checksum",  # a CI build's files are new copies: compare what they hold
        "--delete",
        "--chmod=D755,F644",
        *(f"--exclude=/{name}" for name in BUILD_OWN),
    ]
    if known.current:
        command.append(f"--link-dest=../{known.current}")
    if target.remote:
        command += ["-e", shlex.join(ssh)]
    command += [f"{build}/", target.rsync_dest(f"releases/{name}.partial")]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        shell.run(f"rm -rf {root}/releases/{name}.partial")
        raise DeployFailure(done.stderr.strip() or f"rsync exit {done.returncode}")
    shell.run(f"mv {root}/releases/{name}.partial {root}/releases/{name}")
    switch(shell, name)
    prune(shell, keep)
    return name


def switch(shell: Shell, name: str) -> None:
    """Point `current` at a release: a new link renamed over the old one (atomic)."""
    if not RELEASE.match(name):
        raise ValueError(name)
    root = shlex.quote(shell.target.path)
    shell.run(
        f"cd {root} && test -d releases/{name} && ln -sfn releases/{name} .current-{name} "
        f"&& mv -fT .current-{name} current"
    )


def rollback(target: Target, ssh: tuple[str, ...] = ("ssh",)) -> str:
    """Switch back to the release before the current one; returns its name."""
    shell = Shell(target, ssh)
    known = releases(shell)
    if known.current is None:
        raise DeployFailure(f"{target.path}: belum ada rilis yang aktif")
    at = known.names.index(known.current)
    if at == 0:
        raise DeployFailure(f"{target.path}: tidak ada rilis sebelum {known.current}")
    previous = known.names[at - 1]
    switch(shell, previous)
    return previous


def prune(shell: Shell, keep: int) -> list[str]:
    """Remove all but the newest `keep` releases; the current one always stays."""
    known = releases(shell)
    kept = set(known.names[-max(keep, 1) :])
    if known.current:
        kept.add(known.current)
    gone = [n for n in known.names if n not in kept]
    if gone:
        root = shlex.quote(shell.target.path)
        shell.run(f"cd {root}/releases && rm -rf " + " ".join(gone))
    return gone


__all__ = ["DeployFailure", "Target", "releases", "rollback", "sync"]
