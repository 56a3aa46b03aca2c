"""A KIM's writers cannot run code on the build machine, and nothing from the cache runs.

A KIM's own templates (`templat/`, and the theme's it builds on) render in Jinja's immutable
sandbox; the province's themes are the province's code, like `config.yaml`. The
cache holds data only (JSON checked field by field); a full disk or a read-only output
stops the build with one message and loses nothing.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kimsite.build.pipeline import build
from kimsite.cli.main import main
from tests.helpers import PIXEL, SAMPLE, article, profile, snapshot, write_project

NOW = datetime(2026, 6, 1, tzinfo=UTC)
PROJECT = {
    "content/baik/kim.yaml": profile("KIM Baik", "52.71.01.1004"),
    "content/baik/artikel/2026-01-05-panen.md": article("Panen raya", "2026-01-05"),
    "content/baik/media/foto.png": PIXEL,
    "content/jahat/kim.yaml": profile("KIM Jahat", "52.08.05.2003"),
    "content/jahat/artikel/2026-03-01-awal.md": article("Berita awal", "2026-03-01"),
}

# Each payload tries to create MARKER through a path that escapes plain Jinja.
PAYLOADS = {
    "cycler globals": "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "joiner globals": "{{ joiner.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "namespace globals": "{{ namespace.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "lipsum globals": "{{ lipsum.__globals__['os'].popen('touch MARKER').read() }}",
    "self": "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "mro subclass walk": (
        "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
        "{% if c.__name__ == 'Popen' %}{{ c('touch MARKER', shell=True) }}{% endif %}{% endfor %}"
    ),
    "attr filter": (
        "{{ (cycler|attr('__init__')|attr('__globals__'))['os']|attr('popen')('touch MARKER') }}"
    ),
    "format trick": "{{ '{0.__init__.__globals__[os].popen}'.format(cycler) }}",
    "format filter": "{{ '%s'|format(cycler.__init__.__globals__) }}",
    "request-like getattr": "{{ site|attr('__class__')|attr('__init__')|attr('__globals__') }}",
    "a path object reaches a file": "{{ site.profile.source.read_text() if site.profile.source }}",
    "str.format_map": "{{ '{x.__class__}'.format_map({'x': site}) }}",
    "huge number to a filter": "{{ 'x'|center(1000000000) }}",
    "huge repetition": "{{ 'x' * 1000000000 }}",
    "huge power": "{{ 10 ** 100000000 }}",
    "text doubled in a loop": (
        '{% set ns = namespace(s="x") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}'
        "{% endfor %}{{ ns.s|length }}"
    ),
    "list doubled in a loop": (
        "{% set ns = namespace(l=[1]) %}{% for i in range(64) %}{% set ns.l = ns.l + ns.l %}"
        "{% endfor %}{{ ns.l|length }}"
    ),
    "replace that multiplies": '{% set s = "x" * 1000000 %}{{ s|replace("x", s) }}',
}


def _project(root: Path, config_extra: str = "") -> Path:
    from tests.helpers import BASE_CONFIG

    return write_project(root, PROJECT, config=BASE_CONFIG + config_extra)


@pytest.mark.parametrize("payload", sorted(PAYLOADS), ids=str)
def test_template_injection_runs_nothing(
    payload: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = _project(tmp_path / "p")
    marker = tmp_path / "dibobol"
    first = build(root / "config.yaml", now=NOW)
    assert first.ok
    healthy_before = snapshot(root / "build/baik.kim.id")
    jahat_before = snapshot(root / "build/jahat.kim.id")
    template = root / "content/jahat/templat/404.html"
    template.parent.mkdir(parents=True)
    text = "<p>Halaman hilang</p>\n" + PAYLOADS[payload].replace("MARKER", str(marker)) + "\n"
    template.write_text(text, encoding="utf-8")
    (root / "content/baik/artikel/2026-01-06-baru.md").write_text(
        article("Berita baru", "2026-01-06"), encoding="utf-8"
    )
    monkeypatch.chdir(root)
    code = main(["build", "--config", "config.yaml"])
    printed = capsys.readouterr().err
    assert not marker.exists(), "the template ran a command"
    assert code == 1, printed
    assert "Traceback" not in printed
    # The KIM's own template file, with the line of the payload.
    assert "content/jahat/templat/404.html:2: " in printed, printed
    assert "Templat 404.html" in printed
    assert snapshot(root / "build/jahat.kim.id") == jahat_before
    healthy_after = snapshot(root / "build/baik.kim.id")
    assert healthy_after != healthy_before and "artikel/baru/index.html" in healthy_after
    assert (root / "build/kim.ntbprov.go.id/index.html").is_file()


def test_the_sandbox_is_where_a_kim_s_own_templates_are(tmp_path: Path) -> None:
    """Themes are the province's and render in plain Jinja; a KIM with its own `templat/`
    renders every template in the sandbox, the theme's it extends or includes too. One theme
    template reads an internal name that only the sandbox refuses: the KIM without
    `templat/` publishes it, the KIM with one gets `theme.sandbox` at the theme's line."""
    root = _project(tmp_path / "p")
    theme = root / "themes/default/templates/404.html"
    theme.write_text(
        '{% extends "base.html" %}\n{% block content %}\n'
        "<p id=\"jenis\">{{ ''.__class__.__name__ }}</p>\n{% endblock %}\n",
        encoding="utf-8",
    )
    own = root / "content/jahat/templat/page.html"
    own.parent.mkdir(parents=True)
    own.write_text(
        (root / "themes/default/templates/page.html").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    report = build(root / "config.yaml", now=NOW)
    assert {p.code for p in report.problems} == {"theme.sandbox"}, report.problems
    assert all(p.path.endswith("themes/default/templates/404.html") for p in report.problems)
    assert not (root / "build/jahat.kim.id/404.html").exists()
    page = (root / "build/baik.kim.id/404.html").read_text(encoding="utf-8")
    assert '<p id="jenis">str</p>' in page


def test_a_kim_with_own_templates_still_renders_every_page(tmp_path: Path) -> None:
    """The sandbox costs nothing in function: the sample's pages use only what is allowed."""
    root = _project(tmp_path / "p")
    for name in ("base.html", "article.html"):
        own = root / "content/baik/templat" / name
        own.parent.mkdir(parents=True, exist_ok=True)
        own.write_text(
            (root / "themes/default/templates" / name).read_text(encoding="utf-8"),
            encoding="utf-8",
        )
    report = build(root / "config.yaml", now=NOW)
    assert report.ok and report.index_built, report.problems
    assert (root / "build/baik.kim.id/profil/index.html").is_file()


class _Payload:
    """Unpickling this runs a command: what a planted pickle in the cache would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def _template_only_change(root: Path) -> None:
    """Only a theme file changes: the next build reuses the KIM models from the cache."""
    path = root / "themes/default/templates/page.html"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def test_planted_cache_files_never_run(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    cache = root / ".kimsite-cache"
    marker = tmp_path / "dibobol"
    assert build(root / "config.yaml", now=NOW).ok
    models = sorted((cache / "models").glob("*.json"))
    assert [m.name for m in models] == ["baik.json", "jahat.json"]
    evil = pickle.dumps(_Payload(marker))
    # Where older kimsite kept pickles, where Jinja kept compiled templates, and in place
    # of the JSON models themselves.
    for slug in ("baik", "jahat"):
        (cache / "models" / f"{slug}.pickle").write_bytes(evil)
    (cache / "jinja").mkdir(exist_ok=True)
    for name in ("__jinja2_" + "0" * 40 + ".cache", "x.cache"):
        (cache / "jinja" / name).write_bytes(evil)
    (cache / "models/baik.json").write_bytes(evil)
    _template_only_change(root)
    report = build(root / "config.yaml", now=NOW)
    assert report.ok and not marker.exists()
    clean = _project(tmp_path / "clean")
    _template_only_change(clean)
    assert build(clean / "config.yaml", now=NOW).ok
    assert snapshot(root / "build") == snapshot(clean / "build")


def test_a_cached_model_cannot_point_outside_its_kim(tmp_path: Path) -> None:
    """A planted model whose media or articles are files elsewhere is no model: the KIM
    is read again from its folder, and nothing from outside is published."""
    root = _project(tmp_path / "p")
    from PIL import Image

    secret = tmp_path / "rahasia.png"
    Image.new("RGB", (16, 16), (0, 0, 255)).save(secret, "PNG")  # not the KIM's 8×8 photo
    assert build(root / "config.yaml", now=NOW).ok
    path = root / ".kimsite-cache/models/baik.json"
    data = json.loads(path.read_bytes())
    media = data["data"]["media"]
    assert media and media[0]["source"].endswith("media/foto.png")
    media[0]["source"] = str(secret)
    path.write_text(json.dumps(data), encoding="utf-8")
    _template_only_change(root)
    assert build(root / "config.yaml", now=NOW).ok
    with Image.open(root / "build/baik.kim.id/media/foto.png") as published:
        assert published.size == (8, 8)


def test_cache_models_round_trip(tmp_path: Path) -> None:
    """The JSON model is the model: what a template-only rebuild renders from it equals a
    clean build (the sample has every kind of field)."""
    from kimsite.build.cache import Cache
    from kimsite.model.problems import ProblemLog
    from kimsite.source.config import load_config
    from kimsite.source.kim_folder import load_kim

    root = tmp_path / "sample"
    shutil.copytree(SAMPLE / "content", root / "content")
    shutil.copy(SAMPLE / "config.yaml", root / "config.yaml")
    config = load_config(root / "config.yaml")
    cache = Cache(tmp_path / "cache")
    for folder in sorted((root / "content").iterdir()):
        kim = load_kim(folder, config, ProblemLog())
        assert kim is not None
        cache.save_model(kim.slug, kim)
        assert cache.load_model(kim.slug, folder.resolve()) == kim
        assert cache.load_model(kim.slug, (root / "content" / "lain").resolve()) is None


# -- the machine failing --------------------------------------------------------------
@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 3 MB filesystem (tmpfs), mounted for the test: root only, as in CI."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small filesystem needs root (CI runs as root)")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _edit_every_kim(root: Path, n: int) -> None:
    for slug in ("baik", "jahat"):
        (root / f"content/{slug}/artikel/2026-04-0{n}-kabar-{n}.md").write_text(
            article(f"Kabar {n} dari {slug}", f"2026-04-0{n}", body="Isi. " * 2000),
            encoding="utf-8",
        )


def _fill(disk: Path, leave: int) -> Path:
    """Fill the filesystem until about `leave` bytes are free."""
    filler = disk / "pengisi"
    free = shutil.disk_usage(disk).free
    with filler.open("wb") as f:
        f.write(b"\0" * max(0, free - leave))
    return filler


def test_full_disk_stops_cleanly_and_loses_nothing(
    small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path / "p")
    out, cache = small_disk / "build", small_disk / "cache"
    args = [
        "build",
        "--config",
        str(root / "config.yaml"),
        "--out",
        str(out),
        "--cache",
        str(cache),
    ]
    assert main(args) == 0
    before = snapshot(out)
    _edit_every_kim(root, 1)
    filler = _fill(small_disk, leave=16 * 1024)
    capsys.readouterr()
    code = main(args)
    printed = capsys.readouterr().err
    assert code == 1 and "Traceback" not in printed
    assert "Build dihentikan" in printed and "disk penuh" in printed
    assert snapshot(out) == before, "a site changed although the build could not finish"
    assert not (out / ".kimsite-tmp").exists()
    # Room again: the next build finishes and equals a clean build of the same content.
    filler.unlink()
    assert main(args) == 0
    clean_out = tmp_path / "clean"
    assert main([*args[:3], "--out", str(clean_out), "--cache", str(tmp_path / "c2")]) == 0
    assert snapshot(out) == snapshot(clean_out)


_HOLD_LOCK = """
import sys, time
from pathlib import Path
from kimsite.output.lock import exclusive
with exclusive(Path(sys.argv[1])):
    print("dipegang", flush=True)
    time.sleep(600)
"""


def test_a_second_build_of_the_same_folders_stops_and_harms_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two builds sharing an output folder or a cache (a CI job started twice, a second
    terminal) would clear each other's half-written files and save each other's state away:
    while another process holds either folder, a build stops at once, names the folder, and
    touches nothing. The lock ends with its process: a killed holder blocks no later build."""
    root = _project(tmp_path / "p")
    out, cache = tmp_path / "hasil/out", tmp_path / "simpanan/cache"  # parents made too
    args = [
        "build",
        "--config",
        str(root / "config.yaml"),
        "--out",
        str(out),
        "--cache",
        str(cache),
    ]
    assert main(args) == 0
    _edit_every_kim(root, 3)
    # What the holder (a build) is half-way through writing, in both folders.
    (out / ".kimsite-tmp").mkdir()
    (out / ".kimsite-tmp" / "4242-1").write_bytes(b"setengah ditulis")
    (cache / ".tmp-4242-1-state.json").write_bytes(b"setengah ditulis")
    before, cached = snapshot(out), snapshot(cache)
    for held in (out, cache):
        holder = subprocess.Popen(
            [sys.executable, "-c", _HOLD_LOCK, str(held)], stdout=subprocess.PIPE, text=True
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline() == "dipegang\n"
            capsys.readouterr()
            assert main(args) == 1
            printed = capsys.readouterr().err
            assert "Build lain sedang memakai folder" in printed and held.name in printed
            assert "Traceback" not in printed
            assert snapshot(out) == before and snapshot(cache) == cached
        finally:
            holder.kill()
            holder.wait()
            holder.stdout.close()
    assert main(args) == 0
    assert "artikel/kabar-3/index.html" in snapshot(out / "baik.kim.id")
    assert not (out / ".kimsite-tmp").exists() and not (cache / ".tmp-4242-1-state.json").exists()


def test_read_only_output_stops_cleanly(
    small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path / "p")
    out = small_disk / "build"
    cache = tmp_path / "cache"
    args = [
        "build",
        "--config",
        str(root / "config.yaml"),
        "--out",
        str(out),
        "--cache",
        str(cache),
    ]
    assert main(args) == 0
    before = snapshot(out)
    _edit_every_kim(root, 2)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    capsys.readouterr()
    code = main(args)
    printed = capsys.readouterr().err
    assert code == 1 and "Traceback" not in printed
    assert "Build dihentikan" in printed and "hanya-baca" in printed
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert snapshot(out) == before
    assert main(args) == 0
    assert "artikel/kabar-2/index.html" in snapshot(out / "baik.kim.id")
