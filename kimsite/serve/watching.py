"""Watching the files a preview depends on, so that no edit is ever missed.

`kimsite serve` watches the folders of the KIMs it shows, the themes and `config.yaml`: never
the preview's own output or cache, and not the province's other KIMs (a province has
thousands of folders, and the kernel's watches and event queue are limited). Only events
that change files are asked for: watchdog would otherwise ask for every open and close as
well, and a build reading thousands of files overflows the kernel's queue.

When the kernel drops events anyway (its queue overflowed), the preview is told to compare
every watched file again (`on_lost`: the incremental build's stamp scan does it); when
inotify cannot watch at all (its limits, network drives, bind mounts, WSL), or with
`--poll`, the folders are polled instead. Each is said once, in one plain line.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kimsite.i18n.messages import render_message

POLL_SECONDS = 0.5


def _event_filter() -> list[Any]:
    from watchdog import events

    return [
        events.FileCreatedEvent,
        events.FileModifiedEvent,
        events.FileDeletedEvent,
        events.FileMovedEvent,
        events.FileClosedEvent,
        events.DirCreatedEvent,
        events.DirDeletedEvent,
        events.DirMovedEvent,
    ]


class Watch:
    def __init__(
        self,
        root: Path,
        on_change: Callable[[Path], None],
        on_lost: Callable[[], None],
        say: Callable[[str], None],
        lang: str = "id",
        poll: bool = False,
    ) -> None:
        self.root, self.on_change, self.on_lost = root, on_change, on_lost
        self.say, self.lang, self.polling = say, lang, poll
        self.folders: dict[Path, bool] = {}  # watched folder → recursively
        self.observer: Any = None
        self._told_lost = False

    def start(self, kim_folders: Iterable[Path] = ()) -> None:
        self.folders = {self.root: False, self.root / "content": False, self.root / "themes": True}
        self.folders.update({folder: True for folder in kim_folders})
        self._start()

    def _start(self) -> None:
        if not self.polling:
            from watchdog.observers import Observer

            try:
                self.observer = Observer()
                for folder, recursive in self.folders.items():
                    self._schedule(folder, recursive)
                self.observer.start()
                self._listen_for_lost_events()
                return
            except OSError as exc:
                self._fall_back(exc)
        from watchdog.observers.polling import PollingObserver

        self.observer = PollingObserver(timeout=POLL_SECONDS)
        for folder, recursive in self.folders.items():
            self._schedule(folder, recursive)
        self.observer.start()

    def _schedule(self, folder: Path, recursive: bool) -> None:
        if folder.is_dir():
            self.observer.schedule(
                _Handler(self.on_change),
                str(folder),
                recursive=recursive,
                event_filter=_event_filter(),
            )

    def add(self, folder: Path) -> None:
        """Watch one more KIM folder (the preview has just shown it)."""
        if folder in self.folders:
            return
        self.folders[folder] = True
        if self.observer is None:
            return
        try:
            self._schedule(folder, True)
        except OSError as exc:  # inotify's limit reached by a later folder: poll from now
            self.stop()
            self._fall_back(exc)
            self._start()

    def _fall_back(self, exc: OSError) -> None:
        if self.observer is not None:
            with contextlib.suppress(RuntimeError):  # never started
                self.observer.stop()
        self.observer = None
        self.polling = True
        why = exc.strerror or str(exc)
        self.say(render_message("serve.polling", {"why": why}, self.lang))

    def lost(self) -> None:
        if not self._told_lost:
            self._told_lost = True
            self.say(render_message("serve.overflow", {}, self.lang))
        self.on_lost()

    def _listen_for_lost_events(self) -> None:
        watch = self

        class Lost(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                if "overflow" in record.getMessage().lower():
                    watch.lost()

        for name in ("watchdog.observers.inotify_c", "watchdog.observers.inotify"):
            logger = logging.getLogger(name)
            if not any(isinstance(h, Lost) for h in logger.handlers):
                logger.addHandler(Lost())
            logger.propagate = False  # one line of ours, not one of watchdog's per overflow

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join()
            self.observer = None


class _Handler:
    """watchdog's handler protocol: the paths of every event of a watched folder."""

    def __init__(self, on_change: Callable[[Path], None]) -> None:
        self.on_change = on_change

    def dispatch(self, event: Any) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw:
                self.on_change(Path(os.fsdecode(raw)))


__all__ = ["Watch"]
