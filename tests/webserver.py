"""Real servers for the tests: `kimsite serve` itself (`running`), and for the deploy tests
Debian's nginx and OpenSSH's sshd, each in a folder of its own (configuration, pid, logs), listening on 127.0.0.1 only, stopped by its pid.

`scripts/test.sh` installs them. One nginx serves the whole session: a test that needs
another configuration swaps it in and back (`Nginx.serving`), waiting until every worker of
the old one has gone, so no request is answered by the wrong configuration.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kimsite.serve.live import free_port

# How long a test waits for what must come: long, since a busy machine is slow; how fast it
# comes is measured by the benchmarks (benchmarks/preview.py), never asserted here.
WAIT_MS = 30_000


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    root: Path
    lines: list[str] = field(default_factory=list)

    def rebuilds(self) -> int:
        return sum(1 for line in list(self.lines) if "dibangun ulang #" in line)

    def wait_rebuilds(self, count: int, timeout: float = WAIT_MS / 1000) -> None:
        deadline = time.monotonic() + timeout
        while self.rebuilds() < count:
            assert time.monotonic() < deadline, "\n".join(self.lines)
            time.sleep(0.05)

    @property
    def out(self) -> Path:
        return self.root / ".kimsite-cache" / "serve" / "out"


@contextmanager
def running(root: Path, *args: str, port: int) -> Iterator[Served]:
    """`kimsite serve ARGS --port PORT` in `root`, its lines collected, once it says where it
    serves; stopped on the way out."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kimsite", "serve", *args, "--port", str(port)],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    result = Served(process, f"http://127.0.0.1:{port}", root)

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            result.lines.append(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    try:
        deadline = time.monotonic() + WAIT_MS / 1000
        while not any("Pratinjau" in line for line in list(result.lines)):
            assert process.poll() is None and time.monotonic() < deadline, "\n".join(result.lines)
            time.sleep(0.05)
        yield result
    finally:
        process.terminate()
        try:
            # A preview that ignores SIGTERM is a bug; one slow to stop on a busy machine
            # is not.
            process.wait(timeout=WAIT_MS / 1000)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise
        if process.stdout is not None:
            process.stdout.close()


NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
SSHD = "/usr/sbin/sshd"


def _workers(master: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                found.add(int(entry.name))
    return found


class Nginx:
    """nginx run as root (its workers too: pytest's folders are private to root)."""

    def __init__(self, prefix: Path) -> None:
        self.prefix = prefix
        self.site_conf = prefix / "kimsite.conf"
        prefix.mkdir(parents=True, exist_ok=True)
        (prefix / "nginx.conf").write_text(
            f"load_module {BROTLI_MODULE};\n"
            "user root;\n"
            "worker_processes 1;\n"
            f"pid {prefix}/nginx.pid;\n"
            f"error_log {prefix}/error.log;\n"
            "events { worker_connections 256; }\n"
            "http {\n"
            "    include /etc/nginx/mime.types;\n"
            "    default_type application/octet-stream;\n"
            f"    access_log {prefix}/access.log;\n"
            + "".join(
                f"    {kind}_temp_path {prefix}/{kind};\n"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            )
            + f"    include {self.site_conf};\n"
            "}\n"
        )
        self.pid: int | None = None

    def _nginx(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                NGINX,
                "-p",
                str(self.prefix),
                "-c",
                str(self.prefix / "nginx.conf"),
                "-e",
                str(self.prefix / "error.log"),
                *args,
            ],
            capture_output=True,
            text=True,
            check=False,
        )

    def check(self, conf: str, folder: Path) -> subprocess.CompletedProcess[str]:
        """`nginx -t` of a configuration in `folder`, beside (never instead of) the one
        being served: what an operator runs before reloading."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "kimsite.conf").write_text(conf)
        main = (
            (self.prefix / "nginx.conf")
            .read_text()
            .replace(str(self.site_conf), str(folder / "kimsite.conf"))
        )
        (folder / "nginx.conf").write_text(main.replace(f"pid {self.prefix}/", f"pid {folder}/"))
        return subprocess.run(
            [
                NGINX,
                "-t",
                "-p",
                str(folder),
                "-c",
                str(folder / "nginx.conf"),
                "-e",
                str(folder / "error.log"),
            ],
            capture_output=True,
            text=True,
            check=False,
        )

    def start(self, conf: str) -> None:
        self.site_conf.write_text(conf)
        tested = self._nginx("-t")
        assert tested.returncode == 0, tested.stderr
        started = self._nginx()
        assert started.returncode == 0, started.stderr
        deadline = time.monotonic() + 10
        pid_file = self.prefix / "nginx.pid"
        while not pid_file.is_file() or not pid_file.read_text().strip():
            assert time.monotonic() < deadline, "nginx did not write its pid"
            time.sleep(0.02)
        self.pid = int(pid_file.read_text())
        self._wait_for_workers(set())

    def reload(self, conf: str) -> None:
        assert self.pid is not None
        old = _workers(self.pid)
        self.site_conf.write_text(conf)
        tested = self._nginx("-t")
        assert tested.returncode == 0, tested.stderr
        os.kill(self.pid, signal.SIGHUP)
        self._wait_for_workers(old)

    def _wait_for_workers(self, old: set[int]) -> None:
        assert self.pid is not None
        deadline = time.monotonic() + 10
        while True:
            now = _workers(self.pid)
            if now and not now & old:
                return
            assert time.monotonic() < deadline, (self.prefix / "error.log").read_text()
            time.sleep(0.02)

    @contextlib.contextmanager
    def serving(self, conf: str) -> Iterator[None]:
        previous = self.site_conf.read_text()
        self.reload(conf)
        try:
            yield
        finally:
            self.reload(previous)

    def stop(self) -> None:
        if self.pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGQUIT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        self.pid = None


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


class _Https(http.client.HTTPSConnection):
    """To 127.0.0.1, presenting `sni` as the server name (as a browser does for the host)."""

    def __init__(self, sni: str, port: int, context: ssl.SSLContext) -> None:
        super().__init__("127.0.0.1", port, context=context, timeout=10)
        self._sni = sni
        self._ctx = context

    def connect(self) -> None:
        sock = socket.create_connection((self.host, self.port), self.timeout)
        self.sock = self._ctx.wrap_socket(sock, server_hostname=self._sni)


def fetch(
    port: int,
    host: str,
    path: str,
    headers: dict[str, str] | None = None,
    tls: ssl.SSLContext | None = None,
) -> Response:
    """One request to 127.0.0.1:`port` for `host`, the path sent exactly as written."""
    conn: http.client.HTTPConnection
    if tls is None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    else:
        conn = _Https(host, port, tls)
    try:
        conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        conn.endheaders()
        answer = conn.getresponse()
        return Response(answer.status, answer.headers, answer.read())
    finally:
        conn.close()


def self_signed(folder: Path, names: list[str]) -> tuple[Path, Path]:
    """A throwaway certificate for `names` (wildcards allowed) and its key."""
    cert, key = folder / "sertifikat.pem", folder / "kunci.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={names[0]}",
            "-addext",
            "subjectAltName=" + ",".join(f"DNS:{n}" for n in names),
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


class Sshd:
    """OpenSSH's server on 127.0.0.1:`port` with a throwaway host key, letting in one user
    key for this machine's user; the client side comes as an `ssh` command line."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        host_key, user_key = folder / "host_ed25519", folder / "user_ed25519"
        for key in (host_key, user_key):
            subprocess.run(
                ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True
            )
        (folder / "authorized_keys").write_text((folder / "user_ed25519.pub").read_text())
        host_pub = (folder / "host_ed25519.pub").read_text().split()
        (folder / "known_hosts").write_text(
            f"[127.0.0.1]:{self.port} {host_pub[0]} {host_pub[1]}\n"
        )
        (folder / "sshd_config").write_text(
            f"Port {self.port}\nListenAddress 127.0.0.1\nHostKey {host_key}\n"
            f"PidFile {folder}/sshd.pid\nAuthorizedKeysFile {folder}/authorized_keys\n"
            "PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
            "PermitRootLogin prohibit-password\nStrictModes no\nUsePAM no\n"
        )
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege separation
        self.log = (folder / "sshd.log").open("w")
        self.process = subprocess.Popen(
            [SSHD, "-D", "-e", "-f", str(folder / "sshd_config")],
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        deadline = time.monotonic() + 10
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    break
            assert self.process.poll() is None, (folder / "sshd.log").read_text()
            assert time.monotonic() < deadline, "sshd did not start"
            time.sleep(0.05)

    @property
    def ssh(self) -> str:
        return (
            f"ssh -p {self.port} -i {self.folder}/user_ed25519 -o BatchMode=yes "
            f"-o UserKnownHostsFile={self.folder}/known_hosts -o StrictHostKeyChecking=yes"
        )

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()
