"""`kimsite deploy`: the sample province released with `deploy sync` and served by a real
nginx with the configuration `deploy nginx` writes, asked as readers' browsers ask it.

One nginx serves the session (tests/webserver.py). The province's KIM hosts (`*.kim.id`)
have a throwaway certificate in `config.yaml`, so they are served over HTTPS with HTTP
redirecting; the index and the KIM with a custom domain have none and stay on HTTP.
"""

from __future__ import annotations

import gzip
import http.client
import os
import shutil
import ssl
import subprocess
import sys
import threading
from pathlib import Path

import brotli  # type: ignore[import-untyped]
import lxml.html
import pytest

from kimsite.build.pipeline import build
from kimsite.serve.live import free_port
from tests.helpers import SAMPLE_NOW, snapshot
from tests.webserver import Nginx, Response, fetch, self_signed

INDEX = "kim.ntbprov.go.id"
CUSTOM = "kimsenggigi.lombokbaratkab.go.id"  # senggigi's host, given by config.yaml
KIM = "sesela.kim.id"  # has pengalihan.yaml: its old WordPress addresses


def kimsite(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "kimsite", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


class Province:
    """The deployed sample: its project, its releases folder and the ports it is served on."""

    def __init__(self, root: Path, target: Path, http: int, https: int, ca: Path) -> None:
        self.root, self.target, self.http, self.https = root, target, http, https
        self.tls = ssl.create_default_context(cafile=str(ca))

    @property
    def current(self) -> Path:
        return self.target / "current"

    def hosts(self) -> list[str]:
        return sorted(p.name for p in self.current.iterdir() if p.is_dir())

    def secure(self, host: str) -> bool:
        return host.endswith(".kim.id")

    def get(self, host: str, path: str, **headers: str) -> Response:
        if self.secure(host):
            return fetch(self.https, host, path, headers, tls=self.tls)
        return fetch(self.http, host, path, headers)


@pytest.fixture(scope="module")
def province(
    sample: tuple[Path, object], nginx: Nginx, tmp_path_factory: pytest.TempPathFactory
) -> Province:
    built, _report = sample
    root = tmp_path_factory.mktemp("provinsi") / "proyek"
    shutil.copytree(built, root)
    certs = root.parent / "tls"
    certs.mkdir()
    cert, key = self_signed(certs, ["*.kim.id"])
    with (root / "config.yaml").open("a") as f:
        f.write(f"\ntls:\n  - sertifikat: {cert}\n    kunci: {key}\n    host: ['*.kim.id']\n")
    target = root.parent / "rilis"
    kimsite("deploy", "sync", str(target), "--build", "build", cwd=root)
    http, https = free_port(), free_port()
    conf = root.parent / "kimsite.conf"
    kimsite(
        "deploy",
        "nginx",
        "--root",
        str(target / "current"),
        "--listen",
        f"127.0.0.1:{http}",
        "--listen-tls",
        f"127.0.0.1:{https}",
        "--brotli",
        "--output",
        str(conf),
        cwd=root,
    )
    if nginx.pid is None:
        nginx.start(conf.read_text())
    else:
        nginx.reload(conf.read_text())
    return Province(root, target, http, https, cert)


def title(body: bytes) -> str:
    return str(lxml.html.fromstring(body).findtext(".//title"))


def first_article(site: Path) -> str:
    return min(p.parent.name for p in (site / "artikel").glob("*/index.html"))


def test_every_host_serves_its_own_pages(province: Province) -> None:
    hosts = province.hosts()
    assert {INDEX, CUSTOM, KIM} <= set(hosts) and len(hosts) == 10
    for host in hosts:
        site = province.current / host
        home = province.get(host, "/")
        assert home.status == 200, host
        assert home.body == (site / "index.html").read_bytes(), host
        assert title(home.body) == title((site / "index.html").read_bytes())
        if host == INDEX:
            continue
        slug = first_article(site)
        page = province.get(host, f"/artikel/{slug}/")
        assert page.status == 200, (host, slug)
        assert page.body == (site / "artikel" / slug / "index.html").read_bytes()
        # Without its slash, an article's address is sent to the one with it.
        bare = province.get(host, f"/artikel/{slug}")
        assert bare.status == 301 and bare.header("Location") == f"/artikel/{slug}/"


def test_a_missing_page_is_that_hosts_own_404(province: Province) -> None:
    for host in (KIM, CUSTOM, INDEX):
        answer = province.get(host, "/tidak-ada-halaman-ini/")
        assert answer.status == 404
        assert answer.body == (province.current / host / "404.html").read_bytes()
    # The 404 page itself is no page to visit.
    assert province.get(KIM, "/404.html").status == 404


def test_an_unknown_host_gets_no_site(province: Province) -> None:
    for host in ("kim.id", "contoh.com", f"{KIM}.contoh.com", "127.0.0.1", "tidak-ada.kim.id"):
        with pytest.raises(http.client.RemoteDisconnected):
            fetch(province.http, host, "/")
    # Over TLS, a name the certificate list does not hold is refused at the handshake.
    with pytest.raises(ssl.SSLError):
        fetch(province.https, "contoh.com", "/", tls=province.tls)


def test_pre_compressed_copies_are_served_as_written(province: Province) -> None:
    for host in (CUSTOM, KIM):
        site = province.current / host
        css = next((site / "assets").glob("kimsite.*.css")).name
        for path, file in (("/", "index.html"), (f"/assets/{css}", f"assets/{css}")):
            plain = (site / file).read_bytes()
            zipped = province.get(host, path, **{"Accept-Encoding": "gzip"})
            assert zipped.header("Content-Encoding") == "gzip", (host, path)
            assert zipped.body == (site / f"{file}.gz").read_bytes()  # the build's, not nginx's
            assert gzip.decompress(zipped.body) == plain
            assert "Accept-Encoding" in (zipped.header("Vary") or "")
            # A client that accepts brotli gets the build's brotli copy, or the gzip one or
            # the page itself where it accepts those: Debian's brotli_static answers a
            # path with the plain page once gzip_static has served it (seen over HTTP
            # and TLS, varying with earlier requests), which HTTP allows. What kimsite
            # promises is that whatever is sent is the build's own bytes for the encoding
            # it is sent with; that nginx is told to serve the copies is checked below.
            for accepted in ("br", "gzip, deflate, br"):
                answer = province.get(host, path, **{"Accept-Encoding": accepted})
                encoding = answer.header("Content-Encoding")
                assert encoding in (None, *accepted.split(", ")), (host, path, encoding)
                copy = {None: file, "gzip": f"{file}.gz", "br": f"{file}.br"}[encoding]
                assert answer.body == (site / copy).read_bytes(), (host, path, encoding)
                if encoding == "br":
                    assert brotli.decompress(answer.body) == plain
            assert province.get(host, path).body == plain  # a client that asks for neither
    # Every site's server serves both kinds of copy (nginx -t loaded the module with it).
    conf = (province.root.parent / "kimsite.conf").read_text(encoding="utf-8")
    sites = [block for block in conf.split("server {") if "root " in block]
    assert sites and all("gzip_static on;" in b and "brotli_static on;" in b for b in sites)


def test_no_path_leaves_the_hosts_folder(province: Province) -> None:
    secret = b"RAHASIA-SERVER-" + os.urandom(8).hex().encode()
    (province.target / "rahasia.txt").write_bytes(secret)
    (province.current / "rahasia.txt").write_bytes(secret)  # beside the sites, in the release
    # A link planted in a site by someone else (not the deploy user) leads nowhere.
    planted = province.current / KIM / "bocor.txt"
    planted.symlink_to(province.target / "rahasia.txt")
    os.lchown(planted, 65534, 65534)
    try:
        for path in (
            "/../rahasia.txt",
            "/../../rahasia.txt",
            "/%2e%2e/rahasia.txt",
            "/artikel/../../rahasia.txt",
            "/..%2frahasia.txt",
            "/%2e%2e%2frahasia.txt",
            "/bocor.txt",
            f"/../{CUSTOM}/index.html",
            "/../../config.yaml",
            "//rahasia.txt",
            "/./../rahasia.txt",
        ):
            for host in (KIM, CUSTOM):
                answer = province.get(host, path)
                assert secret not in answer.body, (host, path)
                assert answer.status in (400, 403, 404), (host, path, answer.status)
        # Another host's files are never reached through this one.
        other = province.get(KIM, f"/{CUSTOM}/index.html")
        assert other.status == 404
    finally:
        planted.unlink()
        (province.current / "rahasia.txt").unlink()


def test_headers_and_cache_lifetimes(province: Province) -> None:
    site = province.current / KIM
    page = province.get(KIM, "/")
    assert page.header("Cache-Control") == "no-cache"
    csp = page.header("Content-Security-Policy") or ""
    policy = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert policy["script-src"] == "'self' 'wasm-unsafe-eval'"  # no inline script at all
    assert policy["style-src"] == "'self'" and policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'self'" and policy["object-src"] == "'none'"
    assert page.header("X-Content-Type-Options") == "nosniff"
    assert page.header("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert "camera=()" in (page.header("Permissions-Policy") or "")
    assert page.header("Strict-Transport-Security") == "max-age=31536000"
    assert (page.header("Content-Type") or "").startswith("text/html")
    # The page links its stylesheet by the name holding its digest, kept for a year.
    css = lxml.html.fromstring(page.body).xpath("//link[@rel='stylesheet']/@href")[0]
    assert css.startswith("/assets/kimsite.") and (site / css.lstrip("/")).is_file()
    asset = province.get(KIM, css)
    assert asset.header("Cache-Control") == "public, max-age=31536000, immutable"
    assert asset.header("Content-Security-Policy") == csp  # headers on every answer
    fragment = next((site / "pagefind/fragment").iterdir()).name
    chunk = province.get(KIM, f"/pagefind/fragment/{fragment}")
    assert chunk.status == 200
    assert chunk.header("Cache-Control") == "public, max-age=31536000, immutable"
    assert province.get(KIM, "/pagefind/pagefind.js").header("Cache-Control") == "no-cache"
    photo = next(p for p in (site / "media").iterdir() if p.suffix == ".webp").name
    assert province.get(KIM, f"/media/{photo}").header("Cache-Control") == ("public, max-age=86400")
    assert province.get(KIM, "/feed.xml").header("Cache-Control") == "no-cache"
    missing = province.get(KIM, "/tidak-ada/")
    assert missing.header("Content-Security-Policy") == csp
    # Without a certificate: plain HTTP, and no HSTS that would lock readers out.
    assert province.get(INDEX, "/").header("Strict-Transport-Security") is None


def test_http_is_sent_to_https_where_there_is_a_certificate(province: Province) -> None:
    answer = fetch(province.http, KIM, "/artikel/?hal=2")
    assert answer.status == 301
    assert answer.header("Location") == f"https://{KIM}:{province.https}/artikel/?hal=2"
    assert fetch(province.http, CUSTOM, "/").status == 200  # its domain has no certificate


def test_old_addresses_redirect_permanently(province: Province) -> None:
    redirects = {
        "/?p=214": "/artikel/panen-raya-padi-sesela-lauq/",
        "/2026/10/panen-raya-padi-di-sesela-lauq/": "/artikel/panen-raya-padi-sesela-lauq/",
        "/2026/10/panen-raya-padi-di-sesela-lauq": "/artikel/panen-raya-padi-sesela-lauq/",
        "/?page_id=12": "/sejarah-cukli/",
        "/category/kegiatan/": "/kategori/berita/",
    }
    for old, new in redirects.items():
        answer = province.get(KIM, old)
        assert answer.status == 301, old
        assert answer.header("Location") == new
        assert province.get(KIM, new).status == 200
    # A KIM's old addresses are its own: the same path on another host is not redirected.
    assert fetch(province.http, CUSTOM, "/?p=214").status == 200  # its home page
    assert fetch(province.http, CUSTOM, "/category/kegiatan/").status == 404


def test_pages_and_search_work_under_the_security_policy(province: Province, browser) -> None:  # type: ignore[no-untyped-def]
    """In Chromium, through nginx (as its proxy, so the real host names are asked): nothing
    the policy refuses, and the search (WebAssembly) finds an article."""
    context = browser.new_context(proxy={"server": f"http://127.0.0.1:{province.http}"})
    refused: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda m: refused.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: refused.append(str(e)))
        site = province.current / CUSTOM
        slug = first_article(site)
        for path in ("/", f"/artikel/{slug}/", "/profil/"):
            page.goto(f"http://{CUSTOM}{path}")
            page.wait_for_load_state("load")
            rules = page.evaluate(
                "[...document.styleSheets].map(s => s.cssRules.length).reduce((a, b) => a + b, 0)"
            )
            assert rules > 20, path  # the stylesheet arrived and applies
        word = "pemandu"
        page.goto(f"http://{CUSTOM}/cari/?q={word}")
        page.wait_for_selector("#cari-hasil li a", timeout=15_000)
        links = page.eval_on_selector_all("#cari-hasil li a", "els => els.map(e => e.href)")
        assert any("/artikel/" in link for link in links)
        page.goto(f"http://{INDEX}/cari/?q={word}")
        page.wait_for_selector("#cari-hasil li a", timeout=15_000)
    finally:
        context.close()
    assert refused == []


# -- releases ------------------------------------------------------------------------------


def release_of(target: Path) -> Path:
    return (target / "current").resolve()


def test_second_release_sends_only_what_changed_and_never_mixes(
    province: Province, nginx: Nginx, tmp_path: Path
) -> None:
    root = tmp_path / "proyek"
    shutil.copytree(province.root, root, ignore=shutil.ignore_patterns("build"))
    shutil.copytree(province.current, root / "build")  # the same bytes: the same first release
    (root / "config.yaml").write_text(
        (root / "config.yaml").read_text().split("\ntls:")[0]  # plain HTTP here
    )
    target = tmp_path / "rilis"
    kimsite("deploy", "sync", str(target), cwd=root)
    first = release_of(target)
    before = snapshot(first)
    port = free_port()
    conf = kimsite(
        "deploy",
        "nginx",
        "--root",
        str(target / "current"),
        "--listen",
        f"127.0.0.1:{port}",
        cwd=root,
    ).stdout
    article = root / "content/sesela/artikel/musyawarah-desa-rkp-2027.md"
    article.write_text(article.read_text() + "\nTambahan: notulen rapat sudah dibagikan.\n")
    report = build(root / "config.yaml", now=SAMPLE_NOW)
    assert report.ok
    url = "/artikel/musyawarah-desa-rkp-2027/"
    new_page = (root / "build" / KIM / url.strip("/") / "index.html").read_bytes()
    old_page = before[f"{KIM}{url}index.html"]
    assert new_page != old_page
    pages = {url: {old_page, new_page}, "/": {before[f"{KIM}/index.html"]}}
    pages["/"].add((root / "build" / KIM / "index.html").read_bytes())

    seen: list[tuple[str, int, bytes]] = []
    stop = threading.Event()

    def read_in_a_loop() -> None:
        while not stop.is_set():
            for path in pages:
                answer = fetch(port, KIM, path)
                seen.append((path, answer.status, answer.body))

    # What a build keeps beside the sites (its lock, a killed build's journal) is not a site.
    assert (root / "build" / ".kimsite-kunci").is_file()
    (root / "build" / ".kimsite-jurnal").mkdir(exist_ok=True)
    (root / "build" / ".kimsite-jurnal" / f"{KIM}.txt").write_text("artikel/x/index.html\n")
    with nginx.serving(conf):
        reader = threading.Thread(target=read_in_a_loop)
        reader.start()
        try:
            kimsite("deploy", "sync", str(target), cwd=root)
        finally:
            stop.set()
            reader.join()
        served_after = fetch(port, KIM, url).body
    second = release_of(target)
    assert second != first and served_after == new_page
    assert sorted(p.name for p in second.iterdir() if p.name.startswith(".")) == []
    assert seen and all(status == 200 for _path, status, _body in seen)
    assert all(body in pages[path] for path, _status, body in seen), "a mix of releases"

    # Unchanged files are the first release's, hard-linked; only changed ones are new.
    new_files = []
    for file in sorted(p for p in second.rglob("*") if p.is_file()):
        rel = file.relative_to(second)
        old = first / rel
        if old.is_file() and old.read_bytes() == file.read_bytes():
            assert old.stat().st_ino == file.stat().st_ino, rel
        else:
            new_files.append(rel.as_posix())
    assert f"{KIM}{url}index.html" in new_files
    # The other KIMs: nothing new (the index's feed carries the article's text).
    assert {f.split("/")[0] for f in new_files} == {KIM, INDEX}, new_files
    assert len(new_files) < len(list(second.rglob("*"))) / 10

    kimsite("deploy", "rollback", str(target), cwd=root)
    assert release_of(target) == first
    assert snapshot(target / "current") == before


def test_a_failed_sync_leaves_the_live_release(province: Province, tmp_path: Path) -> None:
    from kimsite.deploy.sync import DeployFailure, Target, sync

    target = tmp_path / "rilis"
    kimsite("deploy", "sync", str(target), "--build", str(province.current), cwd=province.root)
    live = release_of(target)
    before = snapshot(target / "current")
    # An rsync that stops half-way (here: after the small files) with rsync's own code for
    # a partial transfer, as a dropped connection does.
    partial = tmp_path / "rsync-putus"
    partial.write_text('#!/bin/sh\nrsync --max-size=2k "$@"\nexit 23\n')
    partial.chmod(0o755)
    with pytest.raises(DeployFailure):
        sync(province.current, Target.parse(str(target)), rsync=(str(partial),))
    assert release_of(target) == live and snapshot(target / "current") == before
    assert sorted(p.name for p in (target / "releases").iterdir()) == [live.name]
    # What an interrupted deploy left (a killed process leaves its folder) is cleared next.
    (target / "releases" / "20260101T000000000000Z.partial").mkdir()
    kimsite("deploy", "sync", str(target), "--build", str(province.current), cwd=province.root)
    assert not list((target / "releases").glob("*.partial"))


def test_old_releases_are_pruned_and_rollback_walks_back(
    province: Province, tmp_path: Path
) -> None:
    target = tmp_path / "rilis"
    names = []
    for _ in range(4):
        kimsite(
            "deploy",
            "sync",
            str(target),
            "--build",
            str(province.current),
            "--keep",
            "2",
            cwd=province.root,
        )
        names.append(release_of(target).name)
    assert sorted(p.name for p in (target / "releases").iterdir()) == names[-2:]
    kimsite("deploy", "rollback", str(target), cwd=province.root)
    assert release_of(target).name == names[-2]
    failed = subprocess.run(
        [sys.executable, "-m", "kimsite", "deploy", "rollback", str(target)],
        cwd=province.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode == 1 and "tidak ada rilis sebelum" in failed.stderr
    assert release_of(target).name == names[-2]  # a refused rollback changes nothing


def test_deploy_and_rollback_over_ssh(province: Province, tmp_path: Path) -> None:
    from tests.webserver import Sshd

    sshd = Sshd(tmp_path / "sshd")
    try:
        target = tmp_path / "server"
        remote = f"root@127.0.0.1:{target}"
        kimsite(
            "deploy",
            "sync",
            remote,
            "--build",
            str(province.current),
            "--ssh",
            sshd.ssh,
            cwd=province.root,
        )
        first = release_of(target)
        changed = tmp_path / "build2"
        shutil.copytree(province.current, changed)
        (changed / KIM / "index.html").write_bytes(b"<!DOCTYPE html><title>baru</title>")
        kimsite(
            "deploy", "sync", remote, "--build", str(changed), "--ssh", sshd.ssh, cwd=province.root
        )
        second = release_of(target)
        assert second != first
        assert (second / KIM / "index.html").read_bytes().endswith(b"<title>baru</title>")
        same = second / CUSTOM / "index.html"
        assert same.stat().st_ino == (first / CUSTOM / "index.html").stat().st_ino
        kimsite("deploy", "rollback", remote, "--ssh", sshd.ssh, cwd=province.root)
        assert release_of(target) == first
        assert "Accepted publickey" in (tmp_path / "sshd/sshd.log").read_text()
    finally:
        sshd.stop()


def test_a_hostile_redirect_file_cannot_reach_the_server_configuration(
    province: Province, nginx: Nginx, tmp_path: Path
) -> None:
    """What a writer puts in pengalihan.yaml is data: nothing in it becomes nginx syntax, no
    target leaves the KIM's own site, and the generated configuration still loads."""
    root = tmp_path / "proyek"
    shutil.copytree(province.root, root, ignore=shutil.ignore_patterns("build"))
    (root / "build").symlink_to(province.current)
    (root / "config.yaml").write_text((root / "config.yaml").read_text().split("\ntls:")[0])
    (root / "content/sesela/pengalihan.yaml").write_text(
        "'/a\"; } server { listen 1; } #': /artikel/\n"
        "'/b$host${x};': /artikel/\n"
        "'/c\\\\d': /artikel/\n"
        "/keluar/: https://penipu.example/\n"
        "/keluar2/: //penipu.example/\n"
        "/keluar3/: '/artikel/\"; return 302 https://penipu.example; #'\n"
        "'/?p=1': /artikel/\n",
        encoding="utf-8",
    )
    port = free_port()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kimsite",
            "deploy",
            "nginx",
            "--root",
            str(province.current),
            "--listen",
            f"127.0.0.1:{port}",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for line in (1, 4, 5, 6):  # a '#' (never sent by a browser), and the three targets
        assert f"pengalihan.yaml:{line}:" in done.stderr, done.stderr
    conf = done.stdout
    entries = [line for line in conf.splitlines() if line.startswith(f'    "{KIM}/')]
    # Two odd old addresses (each also without its last slash) and /?p=1; no bad target.
    assert len(entries) == 5, entries
    for line in entries:
        key, value = line.strip().rstrip(";").split('" "')
        assert value == '/artikel/"' and not set(key[1:]) & set(" ;{}$\\\"'"), line
    assert "penipu" not in conf and "listen 1;" not in conf
    with nginx.serving(conf):
        assert fetch(port, KIM, "/?p=1").header("Location") == "/artikel/"
        odd = fetch(port, KIM, "/a%22;%20%7D%20server%20%7B%20listen%201;%20%7D%20#")
        assert odd.status in (301, 400, 404)  # never anything but this host's own answer
        assert fetch(port, KIM, "/keluar/").status == 404
