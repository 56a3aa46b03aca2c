"""Time kimsite against Hugo and Pelican on the same generated articles; print medians and
ratios. Not part of the test suite: it prints figures, it does not pass or fail.

    python -m benchmarks.run --scale 4000 --repeat 3
    python -m benchmarks.run --scale all
    python -m benchmarks.run --scale 4000 --photos 40 --repeat 3   # 1 article in 100 with a photo
    python -m benchmarks.run --scale small --repeat 1              # a quick check of the harness

It installs what it needs (Debian's hugo; PyPI's pelican in a venv of its own under
benchmarks/work/) when missing, generates the corpora
into benchmarks/work/ (git-ignored), and alternates the tools run by run so that a slow
moment of the machine does not land on one tool only. Every run writes to a fresh folder
(deleting thousands of files just before a run slows the next one on this disk).

`--photos N`: N articles of the corpus carry a 4000×3000 phone photo of their own, which
all three tools publish (see benchmarks/corpus.py for what each does with it); the corpus
is then generated apart, in benchmarks/work/c<scale>-p<N>/.

Every run also records its CPU time: user + system of the process and all its descendants
(kimsite's workers and their Pagefind services, Hugo's threads), from
`getrusage(RUSAGE_CHILDREN)` before and after; on Linux this process adopts the orphans a
command leaves (a worker's Pagefind outlives it) and waits for them, so none is missed, and
counts their memory too. From the cold builds at `--jobs 1` and
`--jobs 2` the report gives the share of the build that runs in parallel, by Amdahl's law
from the wall times (speedup S = T1/T2 on n = 2 workers: p = (1 − 1/S) / (1 − 1/n)), and the
same share of the CPU time at `--jobs 2` (2 (C2 − T2) / C2: the time both cores were busy).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.corpus import REPO, write

WORK = Path(__file__).resolve().parent / "work"
PELICAN = WORK / "pelican-venv" / "bin" / "pelican"
SCALES = {"small": (20, 10), "4000": (100, 40), "20000": (500, 40), "100000": (5000, 20)}


def ensure_tools() -> None:
    if shutil.which("hugo") is None:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "hugo"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    if not PELICAN.is_file():
        # A virtual environment of its own: kimsite's .venv holds exactly the lock (the test
        # suite checks it), and Pelican is no dependency of kimsite's.
        subprocess.run([sys.executable, "-m", "venv", str(PELICAN.parent.parent)], check=True)
        subprocess.run(
            [
                str(PELICAN.parent / "python"),
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                "pelican[markdown]",
            ],
            check=True,
        )


def _tree_rss_kb(root: int, with_root: bool = True) -> int:
    """Resident memory of a process and all its descendants, from /proc (`with_root`
    False: of its descendants only)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            with open(f"/proc/{entry}/statm") as f:
                pages = int(f.read().split()[1])
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    total, stack = 0, [root]
    if not with_root:
        stack = children.get(root, [])
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


@dataclass
class Sample:
    seconds: float
    peak_mb: float
    cpu: float = 0.0  # user + system seconds of the whole (waited) process tree


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


PR_SET_CHILD_SUBREAPER = 36  # linux/prctl.h
_adopting: bool | None = None


def _adopt_orphans() -> bool:
    """Make this process the parent of its descendants' orphans (Linux), once. A process
    whose parent ends before it is otherwise given to PID 1, and its CPU time and memory are
    lost to the measurement (a kimsite worker's Pagefind service outlives the worker)."""
    global _adopting
    if _adopting is None:
        _adopting = False
        with contextlib.suppress(OSError, AttributeError, TypeError):
            libc = ctypes.CDLL(None, use_errno=True)
            _adopting = libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    return _adopting


def _reap(wait: float) -> None:
    """Wait for this process's children (the orphans adopted from a command that ended) for
    up to `wait` seconds: their CPU time joins RUSAGE_CHILDREN when they are waited for."""
    end = time.monotonic() + wait
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:  # no child left
            return
        if pid == 0:
            if time.monotonic() >= end:
                print("  (a process the command left is still running)", flush=True)
                return
            time.sleep(0.005)


def timed(command: list[str], cwd: Path | None = None, source: Path | None = None) -> Sample:
    """Run a command; its wall time, CPU time and the peak total memory of its process tree.

    `source`: a checkout whose `kimsite` package the command imports instead of this one.
    """
    env = {**os.environ, "PYTHONPATH": str(source)} if source else None
    # `python -m` puts the working folder first on the path, before PYTHONPATH: run a
    # checkout's code from inside that checkout, or this repository's code runs instead.
    cwd = cwd or source
    # Only one command runs at a time, so the growth of this process's children's CPU time
    # is the command's and its descendants' (all of them waited for, adopted if orphaned).
    adopting = _adopt_orphans()
    _reap(0)  # what an earlier command (or a tool's installation) left
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            # Every process below this one (orphans too, when adopted) is the command's.
            peak = max(
                peak,
                _tree_rss_kb(os.getpid(), with_root=False)
                if adopting
                else _tree_rss_kb(process.pid),
            )
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    elapsed = time.perf_counter() - started
    _reap(30)
    cpu = _children_cpu() - cpu_before
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{err.decode()[-2000:]}")
    return Sample(elapsed, peak / 1024, cpu)


@dataclass
class Results:
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)  # files in a cold run's output

    def add(self, name: str, sample: Sample, out: Path | None = None) -> None:
        """`out`: the run's output folder, whose files are counted (on a disk where each new
        file costs about a millisecond, the count explains much of a cold build's time)."""
        self.samples.setdefault(name, []).append(sample)
        if out is not None:
            self.files[name] = sum(len(files) for _d, _s, files in os.walk(out))
        print(
            f"  {name:<28} {sample.seconds:8.2f} s {sample.cpu:8.2f} s CPU "
            f"{sample.peak_mb:8.0f} MB",
            flush=True,
        )

    def median(self, name: str) -> float:
        return statistics.median(s.seconds for s in self.samples[name])

    def cpu(self, name: str) -> float:
        return statistics.median(s.cpu for s in self.samples[name])

    def peak(self, name: str) -> float:
        return max(s.peak_mb for s in self.samples[name])


class Scale:
    def __init__(self, name: str, kims: int, per_kim: int, photos: int = 0) -> None:
        self.name, self.kims, self.per_kim = name, kims, per_kim
        self.photos = min(photos, kims * per_kim)
        self.root = WORK / (f"c{name}-p{self.photos}" if self.photos else f"c{name}")
        self.runs = 0

    @property
    def articles(self) -> int:
        return self.kims * self.per_kim

    def prepare(self) -> None:
        photos = f"-p{self.photos}" if self.photos else ""
        stamp = self.root / f".generated-{self.kims}x{self.per_kim}{photos}"
        if not stamp.exists():
            with_photos = f", {self.photos} with a phone photo" if self.photos else ""
            print(
                f"generating {self.articles} articles ({self.kims} KIMs{with_photos})…",
                flush=True,
            )
            write(self.root, self.kims, self.per_kim, photos=self.photos)
            stamp.touch()
        # The themes are the repository's as they are now, not as when the corpus was made.
        themes = self.root / "kimsite" / "themes"
        shutil.rmtree(themes, ignore_errors=True)
        shutil.copytree(REPO / "themes", themes)

    def fresh(self, label: str) -> Path:
        self.runs += 1
        path = self.root / "out" / f"{label}-{self.runs}"
        shutil.rmtree(path, ignore_errors=True)  # left by an interrupted run: not "cold"
        return path

    def project_for(self, checkout: Path | None) -> Path:
        """The kimsite project a version builds: the same content, with the themes of that
        version (a baseline's code cannot render templates written for later code)."""
        if checkout is None:
            return self.root / "kimsite"
        return self._linked_project(f"kimsite-{checkout.name}", checkout / "themes")

    def without_copies(self) -> Path:
        """The same project with `kompresi: []`: no .gz/.br copies, so its output holds the
        same kind of files as Hugo's and Pelican's (neither compresses ahead of time)."""
        themes = self.root / "kimsite" / "themes"
        return self._linked_project("kimsite-plain", themes, "kompresi: []\n")

    def _linked_project(self, name: str, themes: Path, config_extra: str = "") -> Path:
        """The corpus's content (linked, not copied) with these themes and the corpus's
        config, plus `config_extra`."""
        project = self.root / name
        if not project.exists():
            project.mkdir()
            (project / "content").symlink_to(self.root / "kimsite" / "content")
        config = (self.root / "kimsite" / "config.yaml").read_text(encoding="utf-8")
        (project / "config.yaml").write_text(config + config_extra, encoding="utf-8")
        shutil.rmtree(project / "themes", ignore_errors=True)
        shutil.copytree(themes, project / "themes")
        return project

    def kimsite(
        self, out: Path, cache: Path, jobs: int = 2, project: Path | None = None
    ) -> list[str]:
        return [
            sys.executable,
            "-m",
            "kimsite",
            "build",
            "--config",
            str((project or self.root / "kimsite") / "config.yaml"),
            "--out",
            str(out),
            "--cache",
            str(cache),
            "--jobs",
            str(jobs),
            "--quiet",
        ]

    def hugo(self, out: Path) -> list[str]:
        command = ["hugo", "--quiet", "--source", str(self.root / "hugo")]
        command += ["--destination", str(out)]
        if self.photos:  # an empty image cache (the corpus's config puts it there): cold
            command += ["--cacheDir", str(self.fresh("hugo-cache"))]
        return command

    def pelican(self, out: Path) -> list[str]:
        return [
            str(PELICAN),
            str(self.root / "pelican" / "content"),
            "-o",
            str(out),
            "-s",
            str(self.root / "pelican" / "pelicanconf.py"),
            "-q",
        ]

    def edit(self, what: str, n: int) -> None:
        content = self.root / "kimsite" / "content"
        kim = sorted(content.iterdir())[n % self.kims]
        if what == "article":
            article = sorted((kim / "artikel").iterdir())[n % self.per_kim]
            with article.open("a", encoding="utf-8") as f:
                f.write(f"\nParagraf tambahan nomor {n} untuk mengukur satu suntingan.\n")
        elif what == "profile":
            profile = kim / "kim.yaml"
            text = profile.read_text(encoding="utf-8")
            profile.write_text(
                text.replace("untuk semua", f"untuk semua ({n})", 1)
                if "untuk semua" in text
                else text + f"# {n}\n",
                encoding="utf-8",
            )
        else:
            edited = self.root.glob("kimsite*/themes/default/templates/article.html")
            for template in sorted(edited):
                text = template.read_text(encoding="utf-8")
                template.write_text(
                    text.replace("</article>", f"<!-- {n} --></article>", 1), encoding="utf-8"
                )


def baseline_checkout(rev: str) -> Path:
    """This repository at `rev`, checked out beside the corpora (a git worktree)."""
    path = WORK / f"baseline-{rev}"
    if not path.exists():
        repo = Path(__file__).resolve().parent.parent
        subprocess.run(
            ["git", "-C", str(repo), "worktree", "add", "--detach", "-f", str(path), rev],
            check=True,
            capture_output=True,
        )
    return path


def run_scale(
    scale: Scale, repeat: int, pelican: bool, jobs1: bool, baseline: str | None = None
) -> Results:
    """Every tool and scenario, round by round; with `baseline`, the same kimsite scenarios
    also for that revision, interleaved, so that before and after meet the same machine."""
    scale.prepare()
    results = Results()
    versions: list[tuple[str, Path | None]] = [("kimsite", None)]
    if baseline:
        versions.append((f"kimsite@{baseline}", baseline_checkout(baseline)))
    projects = {label: scale.project_for(source) for label, source in versions}
    plain = scale.without_copies()
    for n in range(repeat):
        print(f"[{scale.name}] round {n + 1}/{repeat}", flush=True)
        out = scale.fresh("hugo")
        results.add("hugo cold", timed(scale.hugo(out)), out)
        if pelican:
            out = scale.fresh("pelican")
            results.add("pelican cold", timed(scale.pelican(out)), out)
        out = scale.fresh("plain")
        command = scale.kimsite(out, scale.fresh("plain-cache"), project=plain)
        results.add("kimsite cold, kompresi: []", timed(command), out)
        places = {}
        for label, source in versions:
            out, cache = scale.fresh(label), scale.fresh(label + "-cache")
            project = projects[label]
            places[label] = (out, cache, source, project)
            cold = "kimsite cold (--jobs 2)".replace("kimsite", label)
            command = scale.kimsite(out, cache, project=project)
            results.add(cold, timed(command, source=source), out)
            # The first build with nothing changed right after a cold one compares every
            # file (the folders' times were read too soon after writing to be trusted) and
            # stamps them; the next one is what an hourly build without edits costs.
            time.sleep(3)
            results.add(f"{label} no change, first after cold", timed(command, source=source))
            results.add(f"{label} no change", timed(command, source=source))
        for what in ("article", "template", "profile"):
            scale.edit(what, n)
            for label, (out, cache, source, project) in places.items():
                run = timed(scale.kimsite(out, cache, project=project), source=source)
                results.add(f"{label} one {what} edited", run)
        if jobs1:  # every version: the parallel share of each (report())
            for label, source in versions:
                out, cache = scale.fresh(label + "-jobs1"), scale.fresh(label + "-jobs1-cache")
                command = scale.kimsite(out, cache, jobs=1, project=projects[label])
                results.add(f"{label} cold (--jobs 1)", timed(command, source=source))
    shutil.rmtree(scale.root / "out", ignore_errors=True)
    return results


@dataclass
class Target:
    label: str
    value: Callable[[Results], float]
    limit: float
    unit: str = "×"
    at_least: bool = False  # the target is a floor, not a ceiling

    def line(self, r: Results) -> str:
        v = self.value(r)
        ok = "met" if (v >= self.limit if self.at_least else v <= self.limit) else "missed"
        if self.unit == "%":
            measured, limit = f"{v:.0%}", f"{self.limit:.0%}"
        else:
            measured, limit = f"{v:.3f}{self.unit}", f"{self.limit}{self.unit}"
        return f"| {self.label} | {measured} | {'≥' if self.at_least else '≤'} {limit} | {ok} |"


WORKERS = 2  # the --jobs of the parallel runs
PARALLEL_TARGET = 0.9  # issue 29: at least 90% of a cold build's work runs in parallel


def amdahl_share(t1: float, t2: float, n: int = WORKERS) -> float:
    """The parallel fraction p of a run that takes t1 on one worker and t2 on n:
    speedup S = t1 / t2 = 1 / ((1 − p) + p / n), so p = (1 − 1/S) / (1 − 1/n)."""
    return (1 - t2 / t1) / (1 - 1 / n)


def cpu_share(cpu: float, wall: float, n: int = WORKERS) -> float:
    """The share of `cpu` seconds spent while all n workers were busy, if the run alternated
    between one busy core and n: wall = s + q, cpu = s + n·q, so n·q / cpu."""
    return min(1.0, max(0.0, n * (cpu - wall) / (n - 1) / cpu)) if cpu else 0.0


def parallel_lines(r: Results, label: str) -> list[str]:
    """The speedup of `label`'s cold build from --jobs 1 to --jobs 2, and what it says of
    the share of the build that runs in parallel."""
    one, two = f"{label} cold (--jobs 1)", f"{label} cold (--jobs {WORKERS})"
    if one not in r.samples or two not in r.samples:
        return []
    t1, t2, c1, c2 = r.median(one), r.median(two), r.cpu(one), r.cpu(two)
    share = amdahl_share(t1, t2)
    need = 1 / (1 - PARALLEL_TARGET * (1 - 1 / WORKERS))
    ok = "met" if share >= PARALLEL_TARGET else "missed"
    name = "" if label == "kimsite" else f"{label}: "
    if not 0 <= share <= 1:  # more than 2× faster, or slower: not the same machine twice
        ok += ", outside 0–100%: the two runs met a different machine (load, disk)"
    return [
        f"{name}`--jobs {WORKERS}` is {t1 / t2:.2f}× faster than `--jobs 1`: by Amdahl's law "
        f"{share:.0%} of the cold build runs in parallel (target ≥ {PARALLEL_TARGET:.0%}: {ok}; "
        f"{PARALLEL_TARGET:.0%} needs {need:.2f}×)",
        f"{name}CPU per cold build: {c1:.2f} s at `--jobs 1` (wall {t1:.2f} s), {c2:.2f} s at "
        f"`--jobs {WORKERS}` (wall {t2:.2f} s: {c2 / t2:.2f} cores busy on average, "
        f"{cpu_share(c2, t2):.0%} of the CPU time spent while both were busy; "
        f"{c2 / c1 - 1:+.0%} CPU for running in parallel)",
    ]


def report(scale: Scale, r: Results) -> None:
    print(
        f"\n### {scale.articles:,} articles ({scale.kims} KIMs), medians of "
        f"{len(r.samples['hugo cold'])} runs\n"
    )
    print("| run | median s | CPU s | peak MB (all processes) | files written |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name in r.samples:
        files = f"{r.files[name]:,}" if name in r.files else ""
        print(
            f"| {name} | {r.median(name):.2f} | {r.cpu(name):.2f} | {r.peak(name):.0f} | {files} |"
        )
    hugo = r.median("hugo cold")
    # The targets of issue 29.
    targets = [
        Target("cold build / Hugo", lambda x: x.median("kimsite cold (--jobs 2)") / hugo, 2.0),
        Target(
            "cold build, kompresi: [] / Hugo",
            lambda x: x.median("kimsite cold, kompresi: []") / hugo,
            2.0,
        ),
        Target("no change / Hugo full build", lambda x: x.median("kimsite no change") / hugo, 0.03),
        Target(
            "one article edited / Hugo",
            lambda x: x.median("kimsite one article edited") / hugo,
            0.05,
        ),
        Target(
            "one template edited / Hugo",
            lambda x: x.median("kimsite one template edited") / hugo,
            0.5,
        ),
        Target(
            "one profile edited / Hugo",
            lambda x: x.median("kimsite one profile edited") / hugo,
            0.05,
        ),
    ]
    if "pelican cold" in r.samples:
        targets.append(
            Target(
                "cold build / Pelican",
                lambda x: x.median("kimsite cold (--jobs 2)") / x.median("pelican cold"),
                0.6,
            )
        )
    if "kimsite cold (--jobs 1)" in r.samples:
        targets.append(
            Target(
                "cold build in parallel work (Amdahl, `--jobs 1` → `--jobs 2`)",
                lambda x: amdahl_share(
                    x.median("kimsite cold (--jobs 1)"), x.median("kimsite cold (--jobs 2)")
                ),
                PARALLEL_TARGET,
                unit="%",
                at_least=True,
            )
        )
    labels = sorted({n.split(" ")[0] for n in r.samples if n.startswith("kimsite")})
    lines = [line for label in labels for line in parallel_lines(r, label)]
    if lines:
        print("\n" + "\n".join(lines))
    print("\n| ratio | measured | target | |\n| --- | ---: | ---: | --- |")
    for t in targets:
        print(t.line(r))
    baselines = sorted({n.split(" ")[0] for n in r.samples if n.startswith("kimsite@")})
    for base in baselines:
        print(f"\n| scenario | this tree s | {base} s | ratio |\n| --- | ---: | ---: | ---: |")
        for name in r.samples:
            other = name.replace("kimsite", base, 1)
            if name.startswith("kimsite ") and other in r.samples:
                now, before = r.median(name), r.median(other)
                print(f"| {name[8:]} | {now:.2f} | {before:.2f} | {now / before:.2f}× |")


def run_huge(repeat: int, per_article_20k: float | None, photos: int = 0) -> None:
    scale = Scale("100000", *SCALES["100000"], photos=photos)
    scale.prepare()
    samples = []
    quiet: list[Sample] = []
    for n in range(repeat):
        out, cache = scale.fresh("kimsite"), scale.fresh("cache")
        samples.append(timed(scale.kimsite(out, cache)))
        print(
            f"  kimsite cold 100k round {n + 1}: {samples[-1].seconds:.1f} s, "
            f"{samples[-1].cpu:.1f} s CPU, {samples[-1].peak_mb:.0f} MB",
            flush=True,
        )
        # Nothing changed: the first build after a cold one compares every file (the
        # folders' times were taken too soon after writing to be trusted) and stamps them;
        # the next ones are what an hourly build with no edit costs.
        time.sleep(3)
        for m in range(4):
            quiet.append(timed(scale.kimsite(out, cache)))
            print(
                f"  kimsite no change {m + 1}: {quiet[-1].seconds:.2f} s, "
                f"{quiet[-1].cpu:.2f} s CPU, {quiet[-1].peak_mb:.0f} MB",
                flush=True,
            )
    shutil.rmtree(scale.root / "out", ignore_errors=True)
    seconds = statistics.median(s.seconds for s in samples)
    peak = max(s.peak_mb for s in samples)
    per_article = seconds / scale.articles * 1000
    print("\n### 100,000 articles (5,000 KIMs), cold, --jobs 2\n")
    print("| time | per article | peak memory, all processes |\n| ---: | ---: | ---: |")
    print(
        f"| {seconds:.1f} s | {per_article:.2f} ms | {peak:.0f} MB (target ≤ 1024 MB: "
        f"{'met' if peak <= 1024 else 'missed'}) |"
    )
    steady = statistics.median(s.seconds for s in quiet[1::4] + quiet[2::4] + quiet[3::4])
    print(
        f"\nNo change at 100,000 articles: first build after the cold one "
        f"{statistics.median(s.seconds for s in quiet[::4]):.2f} s (compares every file, stamps "
        f"the folders), then {steady:.2f} s (median of {len(quiet) - len(quiet[::4])}); "
        f"peak {max(s.peak_mb for s in quiet):.0f} MB."
    )
    if per_article_20k:
        print(
            f"\nPer article at 20,000: {per_article_20k:.2f} ms; at 100,000: {per_article:.2f} ms "
            f"({'no worse' if per_article <= per_article_20k * 1.05 else 'worse'})."
        )


def main() -> None:
    parser = argparse.ArgumentParser(description="kimsite vs Hugo and Pelican")
    parser.add_argument("--scale", choices=[*SCALES, "all"], default="4000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--baseline", metavar="REV", help="also run kimsite as of this git revision, interleaved"
    )
    parser.add_argument(
        "--photos",
        type=int,
        default=0,
        metavar="N",
        help="N articles (spread evenly) with a 4000×3000 phone photo each, in all three sites",
    )
    args = parser.parse_args()
    ensure_tools()
    names = ["4000", "20000", "100000"] if args.scale == "all" else [args.scale]
    per_article_20k = None
    for name in names:
        if name == "100000":
            run_huge(max(1, args.repeat // 3), per_article_20k, args.photos)
            continue
        scale = Scale(name, *SCALES[name], photos=args.photos)
        results = run_scale(
            scale,
            args.repeat,
            pelican=name != "20000",
            jobs1=name != "20000",
            baseline=args.baseline,
        )
        report(scale, results)
        if name == "20000":
            per_article_20k = results.median("kimsite cold (--jobs 2)") / scale.articles * 1000


if __name__ == "__main__":
    main()
