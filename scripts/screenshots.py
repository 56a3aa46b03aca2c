"""Screenshots of a built province for a person to look at: every page type of one KIM and
the index, at a phone's width (390 px) and a laptop's (1280 px), full page.

    python scripts/screenshots.py                       # from build/, into /tmp/kimsite-layar
    python scripts/screenshots.py --build build --out ~/layar --kim ampenan-selatan.kim.id

Needs Debian's Chromium (scripts/test.sh installs it) and Playwright (the test extras).
The pictures go outside the repository: they are for looking at, not for committing.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {"390": (390, 844, 2), "1280": (1280, 800, 1)}


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A browser dropping a connection it no longer needs is not an error."""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def pages_of(build: Path, kim: str | None) -> dict[str, list[tuple[str, str]]]:
    """host → (name, path) for each page type; the KIM with potensi and produk by default."""
    hosts = sorted(p.name for p in build.iterdir() if p.is_dir() and not p.name.startswith("."))
    index = next(h for h in hosts if (build / h / "wilayah").is_dir())
    if kim is None:
        full = [h for h in hosts if all((build / h / n).is_dir() for n in ("produk", "potensi"))]
        kim = (full or [h for h in hosts if h != index])[0]
    site = build / kim
    article = sorted((site / "artikel").glob("*/index.html"))[0].parent.name
    kim_pages = [
        ("beranda", "/"),
        ("artikel", f"/artikel/{article}/"),
        ("daftar", "/artikel/"),
        ("profil", "/profil/"),
    ]
    kim_pages += [(n, f"/{n}/") for n in ("potensi", "produk") if (site / n).is_dir()]
    region = sorted((build / index / "wilayah").iterdir())[0].name
    return {kim: kim_pages, index: [("indeks", "/"), ("wilayah", f"/wilayah/{region}/")]}


def take(browser: Any, build: Path, out: Path, kim: str | None = None) -> list[Path]:
    """Write the screenshots with an already launched browser; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for host, pages in pages_of(build, kim).items():
        with serving(build / host) as url:
            for label, (width, height, ratio) in WIDTHS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}, device_scale_factor=ratio
                )
                try:
                    page = context.new_page()
                    for name, path in pages:
                        page.goto(url + path)
                        page.wait_for_load_state("networkidle")
                        target = out / f"{host}-{name}-{label}.png"
                        page.screenshot(path=str(target), full_page=True)
                        written.append(target)
                finally:
                    context.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", type=Path, default=Path("build"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/kimsite-layar"))
    parser.add_argument("--kim", help="host of the KIM to show (default: one with produk)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for path in take(browser, args.build, args.out, args.kim):
                print(path)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
