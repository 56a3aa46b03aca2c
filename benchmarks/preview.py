"""The writers' live preview in a big province: how long `kimsite serve KIM` takes to answer
its first page on a fresh clone (no cache), and how long an edit takes to reach the page.

    python -m benchmarks.preview [--repeat 3] [--edits 10] [--baseline REV]

Provinces: 100 KIMs × 40 articles and 2,000 KIMs × 2 articles (4,000 articles each), written
by benchmarks/corpus.py. Each run starts the preview on a fresh copy, times the first 200
of the KIM's home page from the moment the command starts, then appends a line to one of
its articles `--edits` times and times until the article's page holds it. With
`--baseline REV`, kimsite as of git REV runs the same, interleaved. Prints medians.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from benchmarks.corpus import write_kimsite
from benchmarks.run import WORK, baseline_checkout

PROVINCES = ((100, 40), (2000, 2))


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return str(answer.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _until(url: str, text: str, limit: float = 120) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        page = _page(url)
        if page is not None and text in page:
            return time.monotonic() - started
        time.sleep(0.02)
    return float("inf")


def one_run(source: Path, code: Path | None, edits: int) -> tuple[float, list[float]]:
    with tempfile.TemporaryDirectory(dir=WORK) as tmp:
        root = Path(tmp) / "provinsi"
        shutil.copytree(source, root)
        if code is not None:  # an older kimsite renders its own themes, not today's
            shutil.rmtree(root / "themes")
            shutil.copytree(code / "themes", root / "themes")
        names = sorted(p.name for p in (root / "content").iterdir())
        slug = names[len(names) // 2]
        port = _port()
        env = dict(os.environ)
        if code is not None:
            env["PYTHONPATH"] = str(code)
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "kimsite", "serve", slug, "--port", str(port)],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            first = _until(f"http://127.0.0.1:{port}/", "<h1", 300)
            first = time.monotonic() - started if first != float("inf") else first
            article = sorted((root / "content" / slug / "artikel").iterdir())[0]
            url = "/artikel/" + re.sub(r"^\d{4}-\d{2}-\d{2}-", "", article.stem) + "/"
            seconds = []
            for n in range(edits):
                mark = f"suntingan{n}z{time.monotonic_ns()}"
                with article.open("a", encoding="utf-8") as f:
                    f.write(f"\n{mark}\n")
                seconds.append(_until(f"http://127.0.0.1:{port}{url}", mark, 15))
            return first, seconds
        finally:
            process.terminate()
            process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--baseline", default=None)
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    tools: list[tuple[str, Path | None]] = [("kimsite", None)]
    if args.baseline:
        tools.append((f"kimsite@{args.baseline}", baseline_checkout(args.baseline)))
    print("| province | preview | first page s | edit → page s (median) | (max) |")
    print("| --- | --- | ---: | ---: | ---: |")
    for kims, per_kim in PROVINCES:
        source = WORK / f"preview-{kims}x{per_kim}"
        if not source.exists():
            write_kimsite(source, kims, per_kim)
        results: dict[str, tuple[list[float], list[float]]] = {n: ([], []) for n, _ in tools}
        for _ in range(args.repeat):
            for name, code in tools:
                first, seconds = one_run(source, code, args.edits)
                print(
                    f"  {kims} KIMs, {name}: first page {first:.2f} s, edits "
                    + " ".join(f"{s:.2f}" for s in seconds),
                    file=sys.stderr,
                    flush=True,
                )
                results[name][0].append(first)
                results[name][1].extend(seconds)
        for name, (firsts, seconds) in results.items():
            print(
                f"| {kims} KIMs × {per_kim} | {name} | {statistics.median(firsts):.2f} | "
                f"{statistics.median(seconds):.2f} | {max(seconds):.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
