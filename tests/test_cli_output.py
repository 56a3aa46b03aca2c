"""What a person sees on a terminal, and what CI sees."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.helpers import article, profile

FILES = {
    "content/satu/kim.yaml": profile("KIM Satu", "52.71.01.1004"),
    "content/satu/artikel/a.md": article("Kabar satu"),
    "content/dua/kim.yaml": profile("KIM Dua", "52.71.01.1005"),
    "content/dua/artikel/a.md": article("Kabar dua"),
}


def _on_a_terminal(root: Path, env: dict[str, str]) -> str:
    """Run a build with stderr on a pseudo-terminal, as in a writer's shell."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "kimsite", "build", "--jobs", "1"],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=follower,
            env=env,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        assert process.wait(timeout=60) == 0
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_shows_on_a_terminal(project: Callable[..., Path]) -> None:
    root = project(FILES)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    shown = _on_a_terminal(root, env)
    assert "[1/2] dua — " in shown and "[2/2] satu — " in shown
    assert "berkas situs" in shown
    assert "Selesai dalam" in shown


def test_ci_gets_no_progress(project: Callable[..., Path]) -> None:
    root = project(FILES)
    shown = _on_a_terminal(root, {**os.environ, "CI": "true"})
    assert "[1/2]" not in shown and "\x1b[K" not in shown
    assert "Selesai dalam" in shown


def test_language_from_the_environment(project: Callable[..., Path]) -> None:
    root = project({**FILES, "content/dua/artikel/b.md": article("Rusak", tanggal="kemarin")})
    result = subprocess.run(
        [sys.executable, "-m", "kimsite", "build"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "KIMSITE_LANG": "en"},
    )
    assert result.returncode == 1
    assert (
        "content/dua/artikel/b.md:3: The date 'tanggal' must be written 2023-07-24" in result.stderr
    )
    assert "Done in" in result.stderr and "KIM dua was not built" in result.stderr


def _kimsite(*args: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "KIMSITE_LANG"}
    if lang:
        env["KIMSITE_LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "kimsite", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_help_and_command_line_mistakes_speak_indonesian() -> None:
    """A volunteer who types `kimsite new` and stops, or asks for help, reads Indonesian;
    `--lang en` or KIMSITE_LANG=en gives English."""
    missing = _kimsite("new")
    assert missing.returncode == 2
    assert "galat: argumen berikut wajib diisi: JENIS" in missing.stderr, missing.stderr
    assert "cara pakai: kimsite new" in missing.stderr
    wrong = _kimsite("check", "--format", "xml")
    assert "pilihan tidak dikenal: 'xml' (pilih salah satu: 'text', 'json', 'github')" in (
        wrong.stderr
    ), wrong.stderr
    helped = _kimsite("build", "--help")
    assert helped.returncode == 0
    for words in (
        "bangun hanya KIM ini",
        "terbitkan juga artikel bertanggal nanti",
        "cara masalah dicetak",
        "bahasa pesan",
        "tampilkan bantuan ini",
    ):
        assert words in helped.stdout, (words, helped.stdout)
    english = _kimsite("new", lang="en")
    assert "error: the following arguments are required: WHAT" in english.stderr
    assert "invalid choice: 'xml'" in _kimsite("check", "--format", "xml", "--lang", "en").stderr
    assert "build every KIM site" in _kimsite("--help", "--lang=en").stdout


def test_english_counts_agree_with_their_nouns() -> None:
    from kimsite.i18n.messages import render_message

    one = {"kims": 1, "documents": 1, "errors": 1, "warnings": 1}
    assert render_message("check.summary", one, "en") == (
        "Checked 1 KIM and 1 article/page: 1 error, 1 warning."
    )
    many = {"kims": 21, "documents": 11, "errors": 0, "warnings": 101}
    assert render_message("check.summary", many, "en") == (
        "Checked 21 KIMs and 11 articles/pages: 0 errors, 101 warnings."
    )
    assert render_message("check.summary", one, "id") == (
        "Diperiksa 1 KIM dan 1 artikel/halaman: 1 kesalahan, 1 peringatan."
    )
