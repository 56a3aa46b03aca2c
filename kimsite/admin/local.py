"""`kimsite serve KIM --admin`: the same editor against the local repository, no account.

Decap's local backend is `decap-server` (npm), installed once from the lock file shipped
with kimsite (`npm ci`: exact versions and digests) into the cache folder, started on
127.0.0.1 beside the preview and stopped with it. It writes the writer's saves straight
into `content/<kim>/`, where the preview's watcher picks them up like any other edit.

decap-server answers any page of the browser that knows its port; `ORIGIN` limits its
CORS answers to the preview's own address, so another site open in the same browser
cannot write into the repository through it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from kimsite.admin.bundle import Bundle, load_bundle
from kimsite.admin.decap import collection_names, config_yaml, decap_config
from kimsite.admin.page import ADMIN_CONFIG, ADMIN_PAGE, admin_page, bundle_url, shared_script
from kimsite.model.problems import KimsiteError, ProblemLog
from kimsite.model.routes import ADMIN, EDITOR_BUNDLE
from kimsite.source.config import SiteConfig

SERVER_DIR = "decap-server"
START_SECONDS = 60.0
_ENTRY = Path("node_modules") / "decap-server" / "dist" / "index.js"


def _unavailable(where: Path, detail: str) -> KimsiteError:
    log = ProblemLog()
    log.add(where, None, "admin.server_failed", detail=detail)
    return KimsiteError(log)


def install_server(cache_root: Path) -> Path:
    """decap-server's folder, installed from the shipped lock file when it is not there
    (or the lock file changed with a new kimsite)."""
    folder = cache_root / SERVER_DIR
    shipped = resources.files("kimsite.admin") / "npm"
    lock = (shipped / "package-lock.json").read_bytes()
    stamp = folder / ".kimsite-lock"
    if (folder / _ENTRY).is_file() and stamp.is_file() and stamp.read_bytes() == lock:
        return folder
    npm = shutil.which("npm")
    if npm is None:
        raise _unavailable(cache_root, "npm tidak ada")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_bytes((shipped / "package.json").read_bytes())
    (folder / "package-lock.json").write_bytes(lock)
    done = subprocess.run(
        [npm, "ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise _unavailable(folder, (done.stderr.strip().splitlines() or ["npm ci"])[-1])
    stamp.write_bytes(lock)
    return folder


@dataclass
class LocalEditor:
    """decap-server and the editor's files for the preview."""

    config: SiteConfig
    cache_root: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    bundle: Bundle | None = None
    origin: str = ""  # the preview's own address
    log_path: Path = field(init=False)

    def start(self, origin: str) -> None:
        """Install if needed and start decap-server; returns once it accepts connections."""
        self.origin = origin
        node = shutil.which("node")
        if node is None:
            raise _unavailable(self.cache_root, "node tidak ada")
        log = ProblemLog()
        self.bundle = load_bundle(self.cache_root, log, self.config.root / "config.yaml")
        if self.bundle is None:
            raise KimsiteError(log)
        folder = install_server(self.cache_root)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": os.environ.get("HOME", str(folder)),
            "PORT": str(self.port),
            "BIND_HOST": "127.0.0.1",
            "GIT_REPO_DIRECTORY": str(self.config.root),
            "MODE": "fs",
            "ORIGIN": origin,
            "LOG_LEVEL": "warn",
        }
        self.log_path = folder / "decap-server.log"
        with self.log_path.open("wb") as output:
            self.process = subprocess.Popen(
                [node, str(_ENTRY)], cwd=folder, env=env, stdout=output, stderr=output
            )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                detail = self.log_path.read_text(errors="replace").strip()[-300:]
                raise _unavailable(folder, detail or f"exit {self.process.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise _unavailable(folder, f"tidak menjawab dalam {START_SECONDS:.0f} detik")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1"

    def answer(self, path: str, slug: str | None, host: str, site: Path) -> bytes | None:
        """The editor's file for `path` in the preview of KIM `slug`, or None."""
        if self.bundle is None:
            return None
        if path.startswith(EDITOR_BUNDLE):
            name = path.removeprefix(bundle_url(self.bundle.version, ""))
            shared, data = shared_script()
            return data if name == shared else self.bundle.file(name)
        if slug is None or not path.startswith(ADMIN):
            return None
        if path in (ADMIN, ADMIN_PAGE):
            styles = sorted("/assets/" + p.name for p in (site / "assets").glob("*.css"))
            name = collection_names(slug)["artikel"]
            page = admin_page(
                self._kim_name(slug),
                "",
                self.bundle.version,
                styles,
                name,
                self.config.zone,
                (self.config.foto_maks_px, self.config.foto_kualitas),
            )
            return page.encode()  # no livereload: a save must not reload the editor
        if path == ADMIN_CONFIG:
            settings = decap_config(
                slug, host, self.config, self.config.penyunting, self.proxy_url, self.origin + "/"
            )
            return config_yaml(settings).encode()
        return None

    def _kim_name(self, slug: str) -> str:
        return slug.replace("-", " ").title()
