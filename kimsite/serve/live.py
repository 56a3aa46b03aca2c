"""The livereload server of the preview, fitted to it: a free port on 127.0.0.1, no polling
watcher of its own (watchdog owns file events, kimsite.serve.watching), no log lines of its own
(the preview's say what happened), and its reload script in pages only."""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from typing import Any


def available_port(wanted: int, tries: int = 20) -> int:
    """`wanted` if nothing listens there, else the next free one after it (as Hugo does),
    else any free port: a writer's second preview must not end in a traceback."""
    for candidate in range(wanted, min(wanted + tries, 65536)):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            return candidate
    return free_port()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _silent_watcher() -> Any:
    """A livereload watcher that watches nothing: watchdog owns file events."""
    from livereload.watcher import Watcher

    class Silent(Watcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self._tasks = {"kimsite": None}  # stops livereload from watching the cwd itself

        def start(self, callback: Callable[[], None]) -> bool:
            return True  # "handled": livereload starts no polling of its own

        def examine(self) -> tuple[None, None]:
            return None, None

    return Silent()


def live_server(app: Callable[..., Any], take_script: Callable[[bytes], None]) -> Any:
    """A livereload Server for the WSGI `app`. `take_script` receives livereload's script,
    for the app to put in its HTML pages: livereload itself puts it before any `</head>` in
    any answer, scripts and JSON included (Decap's bundle holds that text)."""
    from livereload import Server
    from livereload.server import LiveScriptContainer
    from tornado.web import FallbackHandler

    logging.getLogger("livereload").setLevel(logging.WARNING)
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
    logging.getLogger("tornado.application").setLevel(logging.ERROR)

    class QuietServer(Server):  # type: ignore[misc]
        def _setup_logging(self) -> None:
            """Our own lines say what happened; livereload's would repeat them."""

        def get_web_handlers(self, script: bytes) -> list[Any]:
            take_script(script)
            return [(r".*", FallbackHandler, {"fallback": LiveScriptContainer(self.app, b"")})]

    return QuietServer(app=app, watcher=_silent_watcher())
