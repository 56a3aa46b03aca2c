"""One KIM can never break the province's web server: what its folder holds (its name
included) either becomes a valid part of the nginx configuration `kimsite deploy nginx`
writes, or is that KIM's error, named at its file and line, while every other KIM, the
index and the configuration itself go on. Judged by the tool that reads it: `nginx -t`."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kimsite.build.pipeline import build
from kimsite.source.redirects import MAX_SENT_CHARS
from tests.helpers import article, profile, snapshot, write_project
from tests.webserver import Nginx

NOW = datetime(2026, 6, 1, tzinfo=UTC)
HEALTHY = {
    "content/a/kim.yaml": profile("KIM Amanah", "52.71.01.1004"),
    "content/a/artikel/2026-01-05-panen.md": article("Panen raya", "2026-01-05"),
    "content/a/pengalihan.yaml": "/2019/05/panen/: /artikel/panen/\n",
}
# Folder names no host may come from: nginx syntax, a trailing newline, a byte not UTF-8.
BAD_NAMES = [b"b.kim.id;server_name a.kim.id", b"baru\n", b"r\xffusak"]


def _kimsite(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kimsite", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "KIMSITE_LANG": "en"},
    )


def _province(tmp_path: Path, redirects: str, bad_names: bool) -> Path:
    files = {
        **HEALTHY,
        "content/c/kim.yaml": profile("KIM Cahaya", "52.01.14.2006"),
        "content/c/artikel/2026-02-01-lama.md": article("Lama", "2026-02-01"),
        "content/c/pengalihan.yaml": redirects,
    }
    root = write_project(tmp_path, files)
    if bad_names:
        for name in BAD_NAMES:
            folder = os.path.join(os.fsencode(root / "content"), name)
            os.mkdir(folder)
            with open(os.path.join(folder, b"kim.yaml"), "w", encoding="utf-8") as f:
                f.write(profile("KIM Jahil", "52.71.01.1004"))
    return root


@pytest.mark.parametrize(
    ("redirects", "line", "code"),
    [
        # An honest Blogger export: labels "Berita" and "berita".
        (
            "/search/label/Berita: /artikel/lama/\n/search/label/berita: /artikel/lama/\n",
            2,
            "redirect.same_for_server",
        ),
        ("/Lama/: /artikel/lama/\n/lama/: /artikel/lama/\n", 2, "redirect.same_for_server"),
        # Written short, sent long: nine characters for every one written.
        (
            "/ok/: /artikel/lama/\n/" + "é" * (MAX_SENT_CHARS // 6 + 1) + ": /artikel/lama/\n",
            2,
            "redirect.too_long",
        ),
        # A target nginx's configuration cannot hold as written (not ASCII).
        ("/ok/: /artikel/lama/\n/lama-1/: /artikel/café/\n", 2, "redirect.bad_new"),
    ],
)
def test_a_redirect_file_nginx_would_refuse_is_that_kims_error(
    tmp_path: Path, redirects: str, line: int, code: str
) -> None:
    clean = _province(tmp_path / "bersih", "/lama/: /artikel/lama/\n", bad_names=False)
    assert build(clean / "config.yaml", now=NOW).ok
    root = _province(tmp_path / "p", redirects, bad_names=False)
    report = build(root / "config.yaml", now=NOW)
    assert snapshot(root / "build/a.kim.id") == snapshot(clean / "build/a.kim.id")
    assert (root / "build/kim.ntbprov.go.id/index.html").is_file()
    errors = [
        (Path(p.path).parts[-2:], p.line, p.code)
        for p in report.problems
        if p.severity.value == "error"
    ]
    assert errors == [(("c", "pengalihan.yaml"), line, code)]
    checked = _kimsite(root, "check", "--strict", "c")
    assert checked.returncode == 1 and f"pengalihan.yaml:{line}:" in checked.stdout
    _nginx_accepts(root, tmp_path)


def test_folder_names_that_are_no_host_never_reach_nginx(tmp_path: Path) -> None:
    """Each bad name is its KIM's error (by the build, check, every shard, deploy nginx); the
    healthy KIMs are byte for byte what they are without them; the index is built."""
    clean = _province(tmp_path / "bersih", "/lama/: /artikel/lama/\n", bad_names=False)
    assert build(clean / "config.yaml", now=NOW).ok
    root = _province(tmp_path / "p", "/lama/: /artikel/lama/\n", bad_names=True)
    report = build(root / "config.yaml", now=NOW)
    refused = sorted(
        os.fsencode(Path(p.path).name) for p in report.problems if p.severity.value == "error"
    )
    assert refused == sorted(n.rstrip(b"\n") for n in BAD_NAMES) or len(refused) == 3, refused
    assert {p.code for p in report.problems if p.severity.value == "error"} == {"kim.bad_slug"}
    hosts = sorted(p.name for p in (root / "build").iterdir() if not p.name.startswith("."))
    assert hosts == ["a.kim.id", "c.kim.id", "kim.ntbprov.go.id"]
    for host in ("a.kim.id", "c.kim.id"):
        assert snapshot(root / "build" / host) == snapshot(clean / "build" / host), host
    index = (root / "build/kim.ntbprov.go.id/index.html").read_text(encoding="utf-8")
    assert "server_name" not in index and "KIM Jahil" not in index
    checked = _kimsite(root, "check", "--strict")
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    assert checked.stdout.count("kim.yaml") == 0 and checked.stdout.count("content/") >= 3
    for shard in ("1/2", "2/2"):
        done = _kimsite(root, "build", "--shard", shard)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    conf = _nginx_accepts(root, tmp_path)
    assert "server_name a.kim.id" not in conf.replace('"a.kim.id"', "")
    assert "baru" not in conf and "usak" not in conf


def _nginx_accepts(root: Path, tmp_path: Path) -> str:
    """The configuration `deploy nginx` writes for this province, as `nginx -t` judges it."""
    done = _kimsite(
        root, "deploy", "nginx", "--root", str(root / "build"), "--listen", "127.0.0.1:8080"
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    checked = Nginx(tmp_path / "nginx").check(done.stdout, tmp_path / "nginx-t")
    assert checked.returncode == 0, checked.stderr
    return done.stdout


def _colliding(host: str, count: int, modulus: int = 2048) -> list[str]:
    """Old addresses whose map keys all fall in one bucket of a `modulus`-slot table, as
    nginx hashes them (k = k * 31 + byte, lowercased): what a hostile KIM can compute."""
    import itertools

    from kimsite.source.redirects import old_address

    def step(text: str, k: int = 0) -> int:
        for byte in text.lower().encode():
            k = (k * 31 + byte) % modulus
        return k

    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    found = []
    for n in range(count):
        base = f"/{n:04d}-{'é' * 175}-"
        start = step(host + str(old_address(base + "x"))[:-1])
        for letters in itertools.product(alphabet, repeat=3):
            tail = "".join(letters) + ".h"
            if step(tail, start) == 0:
                found.append(base + tail)
                break
    return found


def test_old_addresses_crafted_to_collide_still_give_a_configuration(tmp_path: Path) -> None:
    """700 long old addresses that share one bucket of nginx's 2,048-slot table: nginx
    finds another size, because the configuration lets it look far enough."""
    keys = _colliding("c.kim.id", 700)
    assert len(keys) == 700
    redirects = "".join(f"{key}: /artikel/lama/\n" for key in keys)
    root = _province(tmp_path / "p", redirects, bad_names=False)
    assert build(root / "config.yaml", now=NOW).ok
    conf = _nginx_accepts(root, tmp_path)
    assert conf.count('"c.kim.id/0') == 700
