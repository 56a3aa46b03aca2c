"""The browser editor (Decap CMS at /admin/): its configuration against the content
contract, what the build publishes (and does not), a writer's article made through the
real editor in Chromium against `kimsite serve --admin`, and the page through nginx.

Decap's bundle and decap-server come from `.tools/decap-cache`, which scripts/test.sh fills
once (`kimsite admin fetch`); each project gets a copy in its cache folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml

from benchmarks.images import phone_photo
from kimsite.admin.bundle import DECAP_VERSION, load_bundle, tarball_path
from kimsite.admin.decap import collection_names, decap_config
from kimsite.admin.local import SERVER_DIR
from kimsite.build.pipeline import build
from kimsite.model.content import KATEGORI
from kimsite.model.problems import ProblemLog
from kimsite.serve.live import free_port
from kimsite.source.config import load_config
from kimsite.source.contract import ARTICLE, PAGE, PROFILE, Field, paths, shape
from kimsite.source.yaml_fields import Fields
from kimsite.source.yaml_text import parse_yaml
from tests.helpers import REPO, SAMPLE_NOW, serving, snapshot, write_project
from tests.webserver import Nginx, fetch, running

INDEX = "kim.ntbprov.go.id"
KIM = "sesela"
EDITOR = """
penyunting:
  backend: gitlab
  repo: kominfo-ntb/kim-ntb
  app_id: "0123456789abcdef"
  pengelola_provinsi: ["@kominfo-ntb/pengelola"]
  pengelola:
    sesela: ["@baiq.nurul", "@rizki"]
"""
TOOLS = REPO / ".tools" / "decap-cache"
SCREENSHOTS = Path(os.environ.get("KIMSITE_LAYAR", "/tmp/kimsite-layar"))


def seed_cache(root: Path) -> None:
    """The fetched editor, as `kimsite admin fetch` left it, in this project's cache."""
    tarball = tarball_path(TOOLS)
    if not tarball.is_file() or not (TOOLS / SERVER_DIR / "node_modules").is_dir():
        pytest.fail("the editor is not fetched: scripts/test.sh runs `kimsite admin fetch`")
    cache = root / ".kimsite-cache"
    tarball_path(cache).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(tarball, tarball_path(cache))
    shutil.copytree(TOOLS / SERVER_DIR, cache / SERVER_DIR, symlinks=True, dirs_exist_ok=True)


def with_editor(sample: tuple[Path, object], dest: Path) -> Path:
    built, _report = sample
    shutil.copytree(built, dest, ignore=shutil.ignore_patterns("build", ".kimsite-cache"))
    with (dest / "config.yaml").open("a") as f:
        f.write(EDITOR)
    seed_cache(dest)
    return dest


@pytest.fixture(scope="module")
def edited(sample: tuple[Path, object], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample province with the editor on, built."""
    root = with_editor(sample, tmp_path_factory.mktemp("penyunting") / "proyek")
    report = build(root / "config.yaml", now=SAMPLE_NOW)
    assert report.ok, report.problems
    return root


# -- the configuration is the contract ---------------------------------------------------------


def decap_paths(fields: list[dict[str, Any]], prefix: str = "") -> list[str]:
    out = []
    for f in fields:
        out.append(prefix + f["name"])
        out.extend(decap_paths(f.get("fields", []), f"{prefix}{f['name']}."))
    return out


def flatten(fields: list[dict[str, Any]], prefix: str = "") -> dict[str, dict[str, Any]]:
    out = {}
    for f in fields:
        out[prefix + f["name"]] = f
        out.update(flatten(f.get("fields", []), f"{prefix}{f['name']}."))
    return out


def contract_fields(fields: tuple[Field, ...], prefix: str = "") -> dict[str, Field]:
    out = {}
    for f in fields:
        out[prefix + f.key] = f
        out.update(contract_fields(f.fields, f"{prefix}{f.key}."))
    return out


def test_the_editor_configuration_is_the_content_contract(tmp_path: Path) -> None:
    """Every key of the contract has a field, no field is invented, and each field carries
    the contract's label, requirement and kind (the loaders read the same definitions)."""
    config = load_config(write_project(tmp_path / "p", {}) / "config.yaml")
    settings = decap_config("desa-maju", "desa-maju.kim.id", config, None, "http://x/api/v1")
    by_name = {c["name"]: c for c in settings["collections"]}
    names = collection_names("desa-maju")
    article = by_name[names["artikel"]]
    page = by_name[names["halaman"]]
    profile = by_name[names["profil"]]["files"][0]
    assert article["folder"] == "content/desa-maju/artikel"
    assert article["slug"] == "{{year}}-{{month}}-{{day}}-{{slug}}"
    assert page["folder"] == "content/desa-maju/halaman"
    assert profile["file"] == "content/desa-maju/kim.yaml"
    assert settings["media_folder"] == "content/desa-maju/media"
    assert settings["public_folder"] == "../media"
    assert settings["locale"] == "id"
    for decap, contract, extra in (
        (article["fields"], ARTICLE, ["body"]),
        (page["fields"], PAGE, ["body"]),
        (profile["fields"], PROFILE, []),
    ):
        assert sorted(decap_paths(decap)) == sorted(paths(contract) + extra)
        wanted = contract_fields(contract)
        flat = flatten(decap)
        for key, f in wanted.items():
            field = flat[key]
            assert field["label"] == f.label and field["required"] == f.required, key
            assert field.get("hint", "") == f.hint, key
    fields = {f["name"]: f for f in article["fields"]}
    assert (
        fields["tanggal"]["widget"] == "kimsite-tanggal" and fields["tanggal"]["required"] is True
    )
    assert [o["value"] for o in fields["kategori"]["options"]] == list(KATEGORI)
    assert fields["tag"]["widget"] == "list" and "fields" not in fields["tag"]
    assert fields["gambar"]["widget"] == "image"
    assert fields["judul"]["pattern"][0] == r"^[\s\S]{0,100}$"
    assert fields["ringkasan"]["pattern"][0] == r"^[\s\S]{0,200}$"
    profile_fields = {f["name"]: f for f in profile["fields"]}
    assert profile_fields["logo"]["public_folder"] == "media"  # kim.yaml sits beside media/


def _value(f: Field, media: str) -> Any:
    """A valid value of every kind, as a writer would type it."""
    special = {
        "kode_wilayah": "52.71.01.1004",
        "nomor_induk": "527101100401",
        "domain": "desa-maju.kim.id",
        "tema": "default",
        "slug": "alamat-khusus",
    }
    if f.key in special:
        return special[f.key]
    if f.kind == "mapping":
        return {s.key: _value(s, media) for s in f.fields}
    if f.kind == "mapping_list":
        return [{s.key: _value(s, media) for s in f.fields}]
    if f.kind in ("choice", "open_choice"):
        return f.choices[-1]
    return {
        "text": "Teks",
        "longtext": "Satu paragraf.",
        "slug": "alamat-khusus",
        "datetime": "2025-11-20 09:30",
        "date": "2021-08-17",
        "boolean": False,
        "integer": 5,
        "number": -8.5,
        "list": ["satu", "dua"],
        "image": media,
        "phone": "081234567890",
        "email": "kim@contoh.id",
        "url": "https://contoh.id/kim",
    }[f.kind]


def test_a_document_with_every_contract_key_builds_without_a_word(tmp_path: Path) -> None:
    """The loaders read every key of the contract and no other: documents holding all of
    them (nested ones too) build with no problem at all, not even an unknown-key warning."""
    from tests.helpers import PIXEL

    def doc(fields: tuple[Field, ...]) -> str:
        front = {f.key: _value(f, "../media/foto.png") for f in fields}
        return "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\nIsi.\n"

    profile = {f.key: _value(f, "media/foto.png") for f in PROFILE}
    root = write_project(
        tmp_path / "p",
        {
            "content/desa-maju/kim.yaml": yaml.safe_dump(profile, allow_unicode=True),
            "content/desa-maju/artikel/a.md": doc(ARTICLE),
            "content/desa-maju/halaman/tentang.md": doc(PAGE),
            "content/desa-maju/media/foto.png": PIXEL,
        },
    )
    report = build(root / "config.yaml", now=SAMPLE_NOW)
    assert report.ok and report.problems == [], report.problems
    assert (root / "build/desa-maju.kim.id/artikel/alamat-khusus/index.html").is_file()


def test_fields_refuse_a_key_outside_the_contract_and_a_contract_key_never_read() -> None:
    node = parse_yaml("judul: A\n", Path("a.md"), ProblemLog())
    fields = Fields.open(node, Path("a.md"), ProblemLog(), schema={"judul": None, "x": None})
    assert fields is not None
    with pytest.raises(KeyError):
        fields.text("tidak-ada")
    fields.text("judul")
    with pytest.raises(KeyError):
        fields.finish()  # "x" was never read
    fields.text("x")
    fields.finish()
    assert shape(ARTICLE)["judul"] is None and shape(PROFILE)["kontak"]["whatsapp"] is None


# -- what the build publishes ------------------------------------------------------------------


def test_the_build_publishes_the_editor_once_and_adds_nothing_to_readers_pages(
    edited: Path, sample: tuple[Path, object]
) -> None:
    out = edited / "build"
    hosts = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    bundles = sorted(str(p.relative_to(out)) for p in out.rglob("decap-cms.js"))
    assert bundles == [f"{INDEX}/_decap/{DECAP_VERSION}/decap-cms.js"]  # once per province
    for host in hosts:
        if host == INDEX:
            assert not (out / host / "admin").exists()
            continue
        admin = out / host / "admin"
        names = sorted(p.name for p in admin.iterdir())
        assert names == [
            "config.yml",
            "config.yml.br",
            "config.yml.gz",
            "index.html",
            "index.html.br",
            "index.html.gz",
        ], host
        size = sum(p.stat().st_size for p in admin.iterdir())
        assert size < 25_000, (host, size)  # 5,000 KIMs: 125 MB at most, not 25 GB
        sent = (admin / "config.yml.br").stat().st_size + (admin / "index.html.br").stat().st_size
        assert sent < 4_000, (host, sent)  # what a writer's phone downloads of its own
        settings = yaml.safe_load((admin / "config.yml").read_text())
        folder = {c["name"]: c for c in settings["collections"]}
        own = [c.get("folder") or c["files"][0]["file"] for c in folder.values()]
        slug = own[0].split("/")[1]
        assert all(path.startswith(f"content/{slug}/") for path in own), host
        assert settings["backend"]["repo"] == "kominfo-ntb/kim-ntb"
        assert settings["publish_mode"] == "editorial_workflow"
        page = lxml.html.fromstring((admin / "index.html").read_bytes())
        assert page.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]
        scripts = page.xpath("//script/@src")
        assert scripts[-1] == f"https://{INDEX}/_decap/{DECAP_VERSION}/decap-cms.js"
        shared = scripts[0].removeprefix(f"https://{INDEX}")
        assert (out / INDEX / shared.lstrip("/")).is_file()
        styles = page.xpath("//script/@data-gaya")[0].split()
        assert styles and all((out / host / s.lstrip("/")).is_file() for s in styles)
        assert "Disallow: /admin/" in (out / host / "robots.txt").read_text()
        assert "/admin/" not in (out / host / "sitemap.xml").read_text()
    # Readers' pages are the same bytes as without the editor: only robots.txt differs.
    plain = snapshot(sample[0] / "build")
    with_it = snapshot(out)
    differ = sorted(
        k
        for k in set(plain) | set(with_it)
        if plain.get(k) != with_it.get(k) and "/admin/" not in k and "/_decap/" not in k
    )
    assert all(k.split("/", 1)[1].startswith("robots.txt") for k in differ), differ


def test_a_bundle_that_is_not_the_pinned_one_is_refused(
    sample: tuple[Path, object], tmp_path: Path
) -> None:
    """A cache holding other bytes under the tarball's name (restored from elsewhere, or
    edited) never reaches the writers: the sites build, without the editor, and say why."""
    root = with_editor(sample, tmp_path / "proyek")
    tarball = tarball_path(root / ".kimsite-cache")
    data = bytearray(tarball.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tarball.write_bytes(bytes(data))
    report = build(root / "config.yaml", now=SAMPLE_NOW)
    codes = [p.code for p in report.problems if p.code.startswith("admin.")]
    assert codes == ["admin.integrity"]
    assert report.ok  # a warning: every site is still built
    assert not list((root / "build").rglob("decap-cms.js"))
    assert (root / "build" / "sesela.kim.id" / "index.html").is_file()


def test_the_bundle_comes_from_the_registry_and_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With an empty cache the build asks the npm registry (a local mirror here, as
    NPM_CONFIG_REGISTRY names one) for the pinned tarball; other bytes are refused, an
    unreachable registry is a warning and every site is still built."""
    good = tarball_path(TOOLS).read_bytes()
    mirror = tmp_path / "mirror"
    served = mirror / "decap-cms" / "-" / f"decap-cms-{DECAP_VERSION}.tgz"
    served.parent.mkdir(parents=True)
    log = ProblemLog()
    with serving(mirror) as url:
        monkeypatch.setenv("NPM_CONFIG_REGISTRY", url + "/")
        served.write_bytes(good[:-100] + b"x" * 100)
        assert load_bundle(tmp_path / "c1", log, tmp_path) is None
        assert [p.code for p in log] == ["admin.integrity"]
        served.write_bytes(good)
        bundle = load_bundle(tmp_path / "c2", log, tmp_path)
        assert bundle is not None and bundle.version == DECAP_VERSION
        names = [name for name, _data in bundle.files]
        assert "decap-cms.js" in names and len(names) > 50  # the chunks it loads on demand
        assert not [n for n in names if n.endswith(".map") or n.startswith("cms")]
    monkeypatch.setenv("NPM_CONFIG_REGISTRY", f"http://127.0.0.1:{free_port()}/")
    log = ProblemLog()
    assert load_bundle(tmp_path / "c3", log, tmp_path) is None
    assert [p.code for p in log] == ["admin.fetch_failed"]


def test_codeowners_names_each_kims_maintainers(edited: Path) -> None:
    target = edited / ".gitlab" / "CODEOWNERS"  # where GitLab, the backend here, reads it
    done = subprocess.run(
        [sys.executable, "-m", "kimsite", "admin", "codeowners", "--check"],
        cwd=edited,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and "kimsite admin codeowners" in done.stderr  # none yet
    subprocess.run(
        [sys.executable, "-m", "kimsite", "admin", "codeowners"],
        cwd=edited,
        check=True,
        capture_output=True,
    )
    lines = [line for line in target.read_text().splitlines() if not line.startswith("#")]
    assert lines == [
        "* @kominfo-ntb/pengelola",
        "/content/sesela/ @baiq.nurul @rizki @kominfo-ntb/pengelola",
    ]
    done = subprocess.run(
        [sys.executable, "-m", "kimsite", "admin", "codeowners", "--check"],
        cwd=edited,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


# -- the editor in a browser -------------------------------------------------------------------


def _files_written(folder: Path, before: set[Path], timeout: float = 60) -> set[Path]:
    """The files the editor wrote into `folder` since `before` (it saves in the background)."""
    deadline = time.monotonic() + timeout
    while not (written := set(folder.iterdir()) - before):
        assert time.monotonic() < deadline, "the editor wrote no file"
        time.sleep(0.1)
    return written


def _wait_for(url: str, timeout: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} did not appear within {timeout} s")


def test_a_writer_publishes_an_article_through_the_editor(
    sample: tuple[Path, object], tmp_path: Path, browser: Any
) -> None:
    """`kimsite serve sesela --admin`: the writer fills the article form (title, date,
    category, tags, summary, a phone photo uploaded with its description, the body) and
    publishes; the Markdown file is exactly what the contract expects, the photo is in
    media/ (shrunk, upright, without GPS), `kimsite check` finds nothing, and the preview
    shows the article."""
    root = with_editor(sample, tmp_path / "proyek")
    photo = tmp_path / "foto-posyandu.jpg"
    photo.write_bytes(phone_photo(7))
    before = set((root / "content" / KIM / "artikel").iterdir())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with running(root, KIM, "--admin", port=free_port()) as served:
        assert any("Penyunting di peramban" in line for line in served.lines), served.lines
        # The preview hands out Decap's files as published, and reloads the site's pages on
        # a save but never the editor (a reload would throw away what is being written).
        bundle = load_bundle(root / ".kimsite-cache", ProblemLog(), root)
        assert bundle is not None
        with urllib.request.urlopen(f"{served.url}/_decap/{DECAP_VERSION}/decap-cms.js") as f:
            assert f.read() == bundle.file("decap-cms.js")
        with urllib.request.urlopen(f"{served.url}/admin/") as f:
            assert b"livereload" not in f.read()
        with urllib.request.urlopen(f"{served.url}/") as f:
            assert b"livereload.js" in f.read()
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        problems: list[str] = []
        try:
            page = context.new_page()
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(served.url + "/admin/")
            page.get_by_role("button", name="Masuk").click()
            page.get_by_text("＋ Artikel baru").click()
            page.get_by_label("Judul", exact=True).fill("Posyandu Balita Bulan November")
            page.locator("input[type=datetime-local]").first.fill("2026-10-20T09:30")
            page.get_by_label("Kategori").click()
            page.keyboard.type("Kegiatan")
            page.keyboard.press("Enter")
            page.get_by_label("Tag").fill("posyandu, kesehatan")
            page.get_by_label("Ringkasan").fill("Kader posyandu menimbang 60 balita.")
            page.get_by_text("Pilih foto").first.click()
            page.locator("input[type=file]").set_input_files(str(photo))
            page.get_by_role("button", name="Pakai yang dipilih").click()
            page.get_by_label("Penulis").fill("Siti Aminah")
            page.locator("[data-slate-editor]").first.click()
            page.keyboard.type("Sebanyak 60 balita ditimbang di Posyandu Melati.")
            page.keyboard.press("Enter")
            page.keyboard.type("Kader juga membagikan makanan tambahan.")
            # A photo without its description is refused (the contract's pair), in words.
            page.get_by_role("button", name="Terbitkan").first.click()
            page.get_by_text("Terbitkan sekarang").click()
            page.get_by_text(
                "Keterangan foto wajib diisi bila foto utama dipasang."
            ).first.wait_for()
            assert set((root / "content" / KIM / "artikel").iterdir()) == before
            # Decap reports the refused save, besides the message, as an unhandled rejection.
            assert problems in ([], ["Object"]), problems
            problems.clear()
            page.get_by_label("Keterangan foto").fill("Kader menimbang balita di posyandu")
            # The preview pane uses the KIM's own stylesheet.
            frame = page.frame_locator("iframe").first
            frame.locator("h1", has_text="Posyandu Balita").wait_for()
            sheets = frame.locator("link[rel=stylesheet]").evaluate_all(
                "links => links.map(l => l.getAttribute('href'))"
            )
            assert any(s.startswith("/assets/kimsite.") for s in sheets), sheets
            page.get_by_role("button", name="Terbitkan").first.click()
            page.get_by_text("Terbitkan sekarang").click()
            written = _files_written(root / "content" / KIM / "artikel", before)
            page.get_by_text("Tulisan tersimpan").wait_for()  # the toast, in Indonesian
            _wait_for(served.url + "/artikel/posyandu-balita-bulan-november/", 60)
        finally:
            context.close()
        # On a phone (390 px, touch), for a person to look at, and with nothing wider than
        # the screen: the list, then the article in the editor.
        phone = browser.new_context(
            viewport={"width": 390, "height": 844},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
        )
        try:
            page = phone.new_page()
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(served.url + "/admin/")
            page.get_by_role("button", name="Masuk").click()
            page.get_by_text("Posyandu Balita Bulan November").first.wait_for()
            page.screenshot(path=str(SCREENSHOTS / "penyunting-390-daftar.png"))
            wide = [page.evaluate("document.documentElement.scrollWidth")]
            page.get_by_text("Posyandu Balita Bulan November").first.click()
            page.get_by_label("Judul", exact=True).wait_for()
            page.screenshot(path=str(SCREENSHOTS / "penyunting-390-artikel.png"), full_page=True)
            wide.append(page.evaluate("document.documentElement.scrollWidth"))
            narrow_form = page.get_by_label("Judul", exact=True).bounding_box()
        finally:
            phone.close()
    assert problems == []
    assert max(wide) <= 390, wide
    assert narrow_form is not None and narrow_form["width"] > 300  # the form fills the screen
    (source,) = written
    day, _, rest = source.name.partition("-posyandu")
    assert rest == "-balita-bulan-november.md", source.name
    made = datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=UTC)  # the day it was created
    assert abs((datetime.now(UTC) - made).days) <= 1, source.name
    text = source.read_text(encoding="utf-8")
    head, body = text.split("---\n", 2)[1:]
    assert yaml.safe_load(head) == {
        "judul": "Posyandu Balita Bulan November",
        "tanggal": "2026-10-20 09:30",
        "kategori": "kegiatan",
        "tag": ["posyandu", "kesehatan"],
        "ringkasan": "Kader posyandu menimbang 60 balita.",
        "gambar": "../media/foto-posyandu.jpg",
        "gambar_alt": "Kader menimbang balita di posyandu",
        "penulis": "Siti Aminah",
        "draf": False,
    }
    assert body.strip() == (
        "Sebanyak 60 balita ditimbang di Posyandu Melati.\n\n"
        "Kader juga membagikan makanan tambahan."
    )
    # The phone photo was made upright, within the province's 2560 px and without its GPS
    # position in the browser, before it was committed: the repository keeps it for ever.
    uploaded = root / "content" / KIM / "media" / "foto-posyandu.jpg"
    from PIL import Image

    with Image.open(uploaded) as image:
        assert image.format == "JPEG" and image.size == (1920, 2560), image.size
        assert 0x8825 not in image.getexif() and image.getexif().get(0x0112, 1) == 1
    assert uploaded.stat().st_size < photo.stat().st_size / 3
    check = subprocess.run(
        [sys.executable, "-m", "kimsite", "check", KIM, "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("browser_zone", ["UTC", "America/Los_Angeles"])
def test_a_new_article_is_dated_in_the_kims_zone_whatever_the_browsers(
    sample: tuple[Path, object], tmp_path: Path, browser: Any, browser_zone: str
) -> None:
    """A writer whose laptop is set to another zone opens a new article: its date is filled
    in with the KIM's now (WITA for the sample's NTB), "Sekarang" gives the same, and the
    saved file holds that local time as kimsite reads it."""
    from zoneinfo import ZoneInfo

    root = with_editor(sample, tmp_path / "proyek")
    zone = ZoneInfo(load_config(root / "config.yaml").zone.name)
    before = set((root / "content" / KIM / "artikel").iterdir())
    with running(root, KIM, "--admin", port=free_port()) as served:
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, timezone_id=browser_zone
        )
        try:
            page = context.new_page()
            page.goto(served.url + "/admin/")
            page.get_by_role("button", name="Masuk").click()
            page.get_by_text("＋ Artikel baru").click()
            field = page.locator("input[type=datetime-local]").first
            field.wait_for()
            earliest = datetime.now(zone).strftime("%Y-%m-%dT%H:%M")
            page.wait_for_function("el => el.value !== ''", arg=field.element_handle())
            shown = field.input_value()
            latest = datetime.now(zone).strftime("%Y-%m-%dT%H:%M")
            assert earliest <= shown <= latest, (shown, earliest, latest)
            # The browser's own clock reads another hour: the page did not use it.
            own = page.evaluate("() => new Date().getHours()")
            assert own != int(shown[11:13])
            field.fill("2026-10-20T09:30")
            page.get_by_role("button", name="Sekarang (WITA)").first.click()
            assert earliest <= field.input_value() <= datetime.now(zone).strftime("%Y-%m-%dT%H:%M")
            field.fill("2026-10-20T09:30")
            page.get_by_label("Judul", exact=True).fill("Rapat Dusun")
            page.locator("[data-slate-editor]").first.click()
            page.keyboard.type("Warga dusun bermusyawarah.")
            page.get_by_role("button", name="Terbitkan").first.click()
            page.get_by_text("Terbitkan sekarang").click()
            written = _files_written(root / "content" / KIM / "artikel", before)
        finally:
            context.close()
    (source,) = written
    head = source.read_text(encoding="utf-8").split("---\n", 2)[1]
    assert yaml.safe_load(head)["tanggal"] == "2026-10-20 09:30"


def test_the_editor_page_through_nginx_under_its_own_policy(
    edited: Path, nginx: Nginx, browser: Any, tmp_path: Path
) -> None:
    """nginx with the configuration `deploy nginx` writes: /admin/ has its own policy (the
    index host's script, the git host's API) and the editor starts under it, asking the
    writer to sign in with GitLab; the readers' pages keep theirs."""
    http = free_port()
    conf = tmp_path / "kimsite.conf"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kimsite",
            "deploy",
            "nginx",
            "--root",
            str(edited / "build"),
            "--listen",
            f"127.0.0.1:{http}",
            "--output",
            str(conf),
        ],
        cwd=edited,
        check=True,
        capture_output=True,
    )
    if nginx.pid is None:
        nginx.start(conf.read_text())
    else:
        nginx.reload(conf.read_text())
    host = "sesela.kim.id"
    admin = fetch(http, host, "/admin/", {})
    assert admin.status == 200
    policy = admin.header("Content-Security-Policy") or ""
    assert f"script-src 'self' https://{INDEX} 'unsafe-eval';" in policy
    assert "connect-src 'self' https://gitlab.com;" in policy
    assert admin.header("X-Robots-Tag") == "noindex, nofollow"
    config = fetch(http, host, "/admin/config.yml", {})
    assert config.status == 200 and (config.header("Content-Type") or "").startswith("text/yaml")
    home = fetch(http, host, "/", {})
    assert "gitlab.com" not in (home.header("Content-Security-Policy") or "")
    bundle = fetch(http, INDEX, f"/_decap/{DECAP_VERSION}/decap-cms.js", {})
    assert bundle.status == 200 and "immutable" in (bundle.header("Cache-Control") or "")
    # In Chromium, at the https address the build links: every request is answered by
    # this nginx (plain http here), headers and all, so its policy is the one that
    # applies, in the secure context a real deployment gives (Decap needs one).
    context = browser.new_context()
    refused: list[str] = []

    def from_nginx(route: Any) -> None:
        url = urllib.parse.urlsplit(route.request.url)
        asked = fetch(http, url.hostname or "", url.path + (f"?{url.query}" if url.query else ""))
        route.fulfill(status=asked.status, body=asked.body, headers=dict(asked.headers.items()))

    try:
        page = context.new_page()
        page.route("**/*", from_nginx)
        page.on("console", lambda m: refused.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: refused.append(str(e)))
        page.goto(f"https://{host}/admin/")
        page.get_by_role("button", name="Masuk dengan GitLab").wait_for(timeout=20_000)
        assert page.title() == "Penyunting · KIM Sesela Bersatu"
    finally:
        context.close()
    assert not [r for r in refused if "Content Security Policy" in r or "Refused" in r], refused


def test_no_redirect_can_hide_the_editor(tmp_path: Path) -> None:
    """A KIM's `pengalihan.yaml` cannot send `/admin/` elsewhere: the editor's page is part
    of the site when its redirects are checked, in the build and in `kimsite check`."""
    from kimsite.authoring.check import check
    from tests.helpers import BASE_CONFIG, article, profile

    root = write_project(
        tmp_path / "proyek",
        {
            "content/sesela/kim.yaml": profile("KIM Sesela", "52.01.09.2004"),
            "content/sesela/artikel/panen.md": article("Panen raya"),
            "content/sesela/pengalihan.yaml": "/admin/: /artikel/panen/\n",
        },
        config=BASE_CONFIG + EDITOR,
    )
    report = build(root / "config.yaml", with_index=False, now=SAMPLE_NOW)
    assert [(p.code, p.line) for p in report.problems] == [("redirect.shadows", 1)]
    assert not (root / "build/sesela.kim.id/artikel").exists()
    checked = check(root / "config.yaml", now=SAMPLE_NOW)
    assert [(p.code, p.line) for p in checked.problems] == [("redirect.shadows", 1)]
