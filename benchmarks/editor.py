"""What the browser editor (`penyunting:` in config.yaml) costs a province's builds.

    python -m benchmarks.editor [--kims 100] [--per-kim 40] [--repeat 3]

The same generated province (benchmarks/corpus.py) is built with the editor off and on,
interleaved, each from a fresh copy: a cold build (no cache, no output) and then a build
with nothing changed. Decap's tarball is in the cache before the cold build (it is fetched
once per machine, not per build; its fetch is timed once, separately). Prints medians, the
ratio on/off, and the bytes the editor adds to the output.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

from benchmarks.corpus import write_kimsite
from benchmarks.run import WORK, Sample, timed
from kimsite.admin.bundle import load_bundle, tarball_path
from kimsite.model.problems import ProblemLog

EDITOR = """
penyunting:
  backend: gitlab
  repo: kominfo-jateng/kim-jateng
  app_id: "0123456789abcdef"
"""


def _size(folder: Path, part: str) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and part in p.parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kims", type=int, default=100)
    parser.add_argument("--per-kim", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    base = WORK / "editor"
    shutil.rmtree(base, ignore_errors=True)
    source = base / "source"
    write_kimsite(source, args.kims, args.per_kim)
    cache = base / "decap-cache"
    started = time.perf_counter()
    if load_bundle(cache, ProblemLog(), source) is None:
        sys.exit("Decap CMS could not be fetched (see `kimsite admin fetch`)")
    print(f"first fetch of Decap's tarball: {time.perf_counter() - started:.2f} s (once)")
    samples: dict[str, list[Sample]] = {}
    sizes: dict[str, tuple[int, int]] = {}
    command = [sys.executable, "-m", "kimsite", "build", "--quiet"]
    for round_ in range(args.repeat):
        for label in ("off", "on"):
            project = base / f"{label}-{round_}"
            shutil.copytree(source, project)
            if label == "on":
                with (project / "config.yaml").open("a") as f:
                    f.write(EDITOR)
                target = tarball_path(project / ".kimsite-cache")
                target.parent.mkdir(parents=True)
                shutil.copy(tarball_path(cache), target)
            for scenario in ("cold", "no change"):
                sample = timed(command, cwd=project)
                samples.setdefault(f"{label} {scenario}", []).append(sample)
                print(
                    f"  editor {label:<3} {scenario:<10} {sample.seconds:7.2f} s "
                    f"{sample.peak_mb:6.0f} MB",
                    flush=True,
                )
            out = project / "build"
            sizes[label] = (_size(out, "admin"), _size(out, "_decap"))
            if round_ < args.repeat - 1:
                shutil.rmtree(project)
    print(f"\n{args.kims} KIMs × {args.per_kim} articles, median of {args.repeat}:")
    for scenario in ("cold", "no change"):
        off = statistics.median(s.seconds for s in samples[f"off {scenario}"])
        on = statistics.median(s.seconds for s in samples[f"on {scenario}"])
        print(f"  {scenario:<10} off {off:7.2f} s   on {on:7.2f} s   ratio {on / off:5.2f}×")
    admin, bundle = sizes["on"]
    print(
        f"  output added: /admin/ on every KIM {admin / 1024:.0f} KB in all "
        f"({admin / args.kims / 1024:.1f} KB per KIM), Decap once {bundle / 1024 / 1024:.1f} MB"
    )


if __name__ == "__main__":
    main()
