"""What a file change means to the preview: which changes are noise (an editor's
temporary files), what each change asks to be redone (`classify`: a KIM, its theme's users,
everything), and how a save storm becomes one rebuild (`Debouncer`)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kimsite.source.config import CONFIG_NAME
from kimsite.source.files import is_content_file

DEBOUNCE_SECONDS = 0.15
ALL = frozenset({"*"})


# -- what a change means ---------------------------------------------------------------------
@dataclass(frozen=True)
class Plan:
    """What to rebuild: some KIMs (ALL for every one) and whether the index must follow."""

    kims: frozenset[str] = frozenset()
    index: bool = False

    def __or__(self, other: Plan) -> Plan:
        if ALL in (self.kims, other.kims):
            return Plan(ALL, self.index or other.index)
        return Plan(self.kims | other.kims, self.index or other.index)

    @property
    def empty(self) -> bool:
        return not self.kims and not self.index


def is_noise(path: Path) -> bool:
    """Editor droppings and our own output: never a reason to rebuild."""
    name = path.name
    return (
        not is_content_file(path.name)
        or name in ("4913",)  # vim's write test
        or name.endswith((".swx", ".swo", ".part", ".crdownload"))
        or any(part.startswith(".") for part in path.parts[:-1] if part not in (".", ".."))
    )


def classify(path: Path, root: Path, theme_users: Callable[[str], frozenset[str]]) -> Plan:
    """What one changed file asks for.

    content/<kim>/kim.yaml → that KIM and the index; any other file of a KIM (articles,
    pages, media, its templat/ overrides) → that KIM (the build redoes only the affected
    pages, and the index only if the KIM's summary changed); themes/<name>/… → the KIMs
    using that theme, and the index; config.yaml → everything.
    """
    try:
        rel = path.resolve().relative_to(root)
    except ValueError:
        return Plan()
    parts = rel.parts
    if not parts or is_noise(rel):
        return Plan()
    if parts == (CONFIG_NAME,):
        return Plan(ALL, True)
    if parts[0] == "content" and len(parts) >= 2:
        if len(parts) == 2:  # a whole KIM folder appeared, vanished or was renamed
            return Plan(ALL, True)
        return Plan(frozenset({parts[1]}), parts[2] == "kim.yaml")
    if parts[0] == "themes" and len(parts) >= 2:
        return Plan(theme_users(parts[1]), True)
    return Plan()


@dataclass
class Burst:
    """The changes of one burst of saves, and when it is over: `delay` seconds after its
    last change. Pure (the times are given), so the folding is tested with exact times."""

    delay: float
    plan: Plan = field(default_factory=Plan)
    deadline: float | None = None

    def add(self, plan: Plan, now: float) -> None:
        self.plan, self.deadline = self.plan | plan, now + self.delay

    def take(self, now: float) -> Plan | None:
        """The burst's changes once it is over (and a new, empty burst), else None."""
        if self.deadline is None or now < self.deadline:
            return None
        plan, self.plan, self.deadline = self.plan, Plan(), None
        return plan


class Debouncer:
    """Calls `action` once, `delay` seconds after the last of a burst of `push`es: one
    thread waits for the burst's end and runs the action outside the lock, so pushes made
    meanwhile start the next burst."""

    def __init__(
        self,
        action: Callable[[Plan], None],
        delay: float = DEBOUNCE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.action, self.clock = action, clock
        self._burst = Burst(delay)
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def push(self, plan: Plan) -> None:
        if plan.empty:
            return
        with self._wake:
            self._burst.add(plan, self.clock())
            self._wake.notify()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._wake:
                while (plan := self._burst.take(now := self.clock())) is None:
                    deadline = self._burst.deadline
                    self._wake.wait(None if deadline is None else deadline - now)
            if not plan.empty:
                self.action(plan)
