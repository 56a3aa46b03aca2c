"""Worker processes that one KIM cannot take down: each task's work is bounded whatever the
code path, C code included.

- Memory: each worker's address space is capped (RLIMIT_AS), so a KIM that needs more fails
  inside its own worker (a MemoryError, or the worker dying) and never takes the machine's
  memory from the others.
- Time: the parent kills a worker still busy past its task's deadline. The worker's own
  alarm (`build.kim.deadline`) normally ends the task first, with a better message; a loop
  inside C code (a sanitiser, an image decoder) never sees that alarm, but it is killed.
- Death: a worker that dies for any reason (killed by the kernel's OOM killer, a crash in C
  code, the kill above) makes its task's failure, said by `failed`; a new worker takes its
  place and the other tasks go on.

Results come back in the tasks' order, so what a build prints does not depend on which
worker finished first. Workers are forked: a task and its function need not be importable
by name, and what the parent set up (a test's injected fault) is the worker's too.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:  # multiprocessing is imported when workers start: a build that renders
    from multiprocessing.connection import Connection  # nothing should not pay for it.
    from multiprocessing.process import BaseProcess

T = TypeVar("T")
R = TypeVar("R")

# How long past its own deadline a task may take before its worker is killed: the worker's
# alarm goes first, so that its message (with the template's line) is the one seen.
GRACE_SECONDS = 5.0


@dataclass(frozen=True)
class Limits:
    seconds: float = 0  # one task's deadline; 0: none
    memory_bytes: int = 0  # what one worker may add to its address space; 0: none


class _Raised:
    """An exception a task let through (the machine failing): raised again in the parent."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def _address_space() -> int:
    """This process's address space now, in bytes (0 where /proc cannot tell)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _serve(
    conn: Connection,
    work: Callable[[T], R],
    memory_bytes: int,
    finish: Callable[[], None] | None = None,
) -> None:
    import resource

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    if memory_bytes:
        # On top of what the fork brought along (a preview server, a test runner): the
        # ceiling is what the KIM's own work may take, whoever started the build.
        ceiling = _address_space() + memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    try:
        while True:
            try:
                message = conn.recv()  # (task,), or None: stop
            except EOFError:
                return
            if message is None:
                return
            try:
                answer: object = work(message[0])
            except BaseException as exc:  # the parent decides; a worker never prints
                answer = _Raised(exc)
            conn.send(answer)
    finally:
        if finish is not None:
            finish()  # what the worker started for its tasks (a search service) ends with it


@dataclass
class _Worker(Generic[T]):
    process: BaseProcess
    conn: Connection
    index: int = -1  # the task it works on, -1 when idle
    deadline: float = float("inf")


def run_isolated(
    tasks: Sequence[T],
    work: Callable[[T], R],
    failed: Callable[[T, str], R],
    jobs: int,
    limits: Limits,
    finish: Callable[[], None] | None = None,
) -> Iterator[R]:
    """`work(task)` for each task in up to `jobs` worker processes, the results in the
    tasks' order. A task whose worker died or ran out of time gives `failed(task, why)`,
    `why` being "timeout" or "died:<how>". A worker calls `finish()` before it ends."""
    return _Pool(tasks, work, failed, jobs, limits, finish).run()


class _Pool(Generic[T, R]):
    """The workers of one `run_isolated`: hands out tasks, watches answers, deaths and
    deadlines, and gives back results in order."""

    def __init__(
        self,
        tasks: Sequence[T],
        work: Callable[[T], R],
        failed: Callable[[T, str], R],
        jobs: int,
        limits: Limits,
        finish: Callable[[], None] | None = None,
    ) -> None:
        self.tasks, self.work, self.failed, self.finish = tasks, work, failed, finish
        import multiprocessing

        self.jobs, self.limits = jobs, limits
        self.context = multiprocessing.get_context("fork")
        self.workers: list[_Worker[T]] = []
        self.results: dict[int, R] = {}
        self.pending = list(range(len(tasks)))[::-1]
        self.wanted = 0

    def run(self) -> Iterator[R]:
        try:
            while self.wanted < len(self.tasks):
                self._hand_out()
                self._collect()
                while self.wanted in self.results:
                    yield self.results.pop(self.wanted)
                    self.wanted += 1
        finally:
            for worker in self.workers:
                _stop(worker, kill=worker.index >= 0)

    def _start(self) -> _Worker[T]:
        parent, child = self.context.Pipe()
        # Not a daemon: a task may start processes of its own (an import converts HTML on
        # every core). A worker whose parent is gone ends at its pipe's end of file.
        process = self.context.Process(
            target=_serve, args=(child, self.work, self.limits.memory_bytes, self.finish)
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _hand_out(self) -> None:
        while self.pending and len(self.workers) < self.jobs:
            self.workers.append(self._start())
        for worker in self.workers:
            if worker.index < 0 and self.pending:
                worker.index = self.pending.pop()
                if self.limits.seconds:
                    worker.deadline = time.monotonic() + self.limits.seconds + GRACE_SECONDS
                worker.conn.send((self.tasks[worker.index],))

    def _collect(self) -> None:
        """Wait for an answer, a death or the nearest deadline, and take what came."""
        from multiprocessing.connection import wait

        busy = [w for w in self.workers if w.index >= 0]
        nearest = min((w.deadline for w in busy), default=float("inf"))
        ready = wait(
            [w.conn for w in busy] + [w.process.sentinel for w in busy],
            None if nearest == float("inf") else max(0.0, nearest - time.monotonic()),
        )
        for worker in busy:
            if worker.conn in ready:
                try:
                    answer = worker.conn.recv()
                except (EOFError, OSError):
                    self._replace(worker, _death(worker))
                    continue
                if isinstance(answer, _Raised):
                    raise answer.exc
                self._finish(worker, answer)
            elif worker.process.sentinel in ready:
                self._replace(worker, _death(worker))
            elif time.monotonic() >= worker.deadline:
                self._replace(worker, "timeout")

    def _finish(self, worker: _Worker[T], result: R) -> None:
        self.results[worker.index] = result
        worker.index, worker.deadline = -1, float("inf")

    def _replace(self, worker: _Worker[T], why: str) -> None:
        self._finish(worker, self.failed(self.tasks[worker.index], why))
        _stop(worker, kill=True)
        self.workers.remove(worker)


def _death(worker: _Worker[T]) -> str:
    worker.process.join(5)
    code = worker.process.exitcode
    if code is not None and code < 0:
        return f"died:{signal.Signals(-code).name}"
    return f"died:exit {code}"


def _stop(worker: _Worker[T], kill: bool) -> None:
    """End a worker: politely when idle, at once when it may be stuck (in C code too)."""
    try:
        if kill and worker.process.pid:
            os.kill(worker.process.pid, signal.SIGKILL)
        elif not kill:
            worker.conn.send(None)
    except (OSError, ValueError):
        pass
    worker.process.join(10)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join()
    worker.conn.close()


__all__ = ["GRACE_SECONDS", "Limits", "run_isolated"]
