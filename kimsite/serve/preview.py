"""`kimsite serve`: a live preview of one KIM's site (or the index) for writers.

One owner of file watching: watchdog reports changes; a debouncer folds an editor's save
storm (temporary files, renames, many events within milliseconds) into one rebuild; the
incremental build redoes only what the change touched; then livereload tells the browser
to reload. livereload's own polling watcher is switched off.

When a rebuild fails, the last good pages stay served (the build never touches a broken
KIM's output) and every HTML page carries a banner with the errors — file, line and the
message in plain Indonesian — until the file is fixed.
"""

from __future__ import annotations

import html
import mimetypes
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from kimsite.build.cache import BuildState, Cache
from kimsite.build.pipeline import BuildReport, build
from kimsite.i18n.messages import render_message
from kimsite.indonesia.conventions import is_dns_label
from kimsite.model.problems import KimsiteError, Problem, ProblemLog, Severity, sort_problems
from kimsite.serve.changes import ALL, Debouncer, Plan, classify
from kimsite.serve.live import available_port, free_port, live_server
from kimsite.serve.watching import Watch
from kimsite.source.config import SiteConfig, load_config
from kimsite.source.files import REDIRECTS_NAME, list_kim_folders
from kimsite.source.hosts import host_of
from kimsite.source.redirects import load_redirects, old_address

if TYPE_CHECKING:
    from kimsite.admin.local import LocalEditor

SERVE_DIR = "serve"  # inside the cache folder: the preview never touches build/
# Where the preview serves a KIM's site and the index's, beside each other on one port.
KIM_PREFIX, INDEX_PREFIX = "/_kim/", "/_indeks/"


_SITE_LINK = re.compile(rb"(https?)://([a-z0-9.-]+)/")


@dataclass
class Preview:
    config_path: Path
    slug: str | None  # None: the province index
    lang: str = "id"
    say: Callable[[str], None] = print
    root: Path = field(init=False)
    out: Path = field(init=False)
    cache: Path = field(init=False)
    host: str = ""
    problems: list[Problem] = field(default_factory=list)
    rebuilds: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    on_rebuilt: Callable[[], None] | None = None
    # Every site of the province: host → KIM folder name (None: the index), from the folder
    # names and config.yaml alone (no KIM is read for it). Links to them are rewritten to
    # `/_kim/<slug>/…` (or `/_indeks/…`), which switch the preview, building that site
    # the first time it is asked for.
    sites: dict[str, str | None] = field(default_factory=dict)
    _redirects: tuple[tuple[Path, int] | None, dict[str, str]] = (None, {})
    built: set[str] = field(default_factory=set)  # KIMs this preview has built
    index_built: bool = False
    on_first_build: Callable[[str], None] | None = None  # a KIM the preview now follows
    editor: LocalEditor | None = None  # `--admin`: the browser editor at /admin/
    live_script: bytes = b""  # livereload's, for the site's pages

    def __post_init__(self) -> None:
        config = load_config(self.config_path)
        self.root = config.root
        self.cache = config.root / ".kimsite-cache" / SERVE_DIR
        self.out = self.cache / "out"
        self.host = self._host(config)
        self.sites = {
            host_of(f.name, config): f.name for f in self._folders() if is_dns_label(f.name)
        }
        self.sites[config.domain_indeks] = None

    def _host(self, config: SiteConfig) -> str:
        if self.slug is None:
            return config.domain_indeks
        return host_of(self.slug, config)

    @property
    def site(self) -> Path:
        return self.out / self.host

    def theme_users(self, theme: str) -> frozenset[str]:
        state: BuildState = Cache(self.cache / "cache").load_state(self.out.resolve())
        users = frozenset(slug for slug, kim in state.kims.items() if theme in kim.theme_chain)
        return users if users else ALL

    def rebuild(self, plan: Plan, jobs: int = 1, everything: bool = False) -> None:
        """Build what the plan names (drafts and future articles shown: this is a preview).

        A KIM's preview rebuilds only the KIMs it has shown (and the index once it has been
        asked for); `everything` builds every KIM, as the index needs. Only the first build
        may use worker processes: later ones run beside the server's and watchdog's
        threads, where forking is unsafe.
        """
        with self._lock:
            self.rebuilds += 1
            folders = {f.name for f in self._folders()}
            everything = everything or (plan.kims == ALL and self.slug is None)
            with_index = plan.index and (self.slug is None or self.index_built or everything)
            if everything:
                only: list[str] = []
            else:
                # A KIM preview rebuilds the KIMs it has shown; the others wait until asked.
                wanted = self.built if plan.kims == ALL else plan.kims
                only = sorted((wanted & (self.built | plan.kims)) & folders)
            if not only and not everything and not with_index:
                return
            started = time.perf_counter()
            try:
                report: BuildReport | None = build(
                    self.config_path,
                    out_dir=self.out,
                    cache_dir=self.cache / "cache",
                    only=only,
                    drafts=True,
                    future=True,
                    jobs=jobs,
                    with_index=with_index,
                )
                problems = [] if report is None else list(report.problems)
                if report is not None:
                    new = {k.slug for k in report.kims} - self.built
                    self.built |= {k.slug for k in report.kims}
                    self.index_built = self.index_built or report.index_built
                    self.sites.update({k.host: k.slug for k in report.kims if k.host})
                    for slug in sorted(new):
                        if self.on_first_build is not None:
                            self.on_first_build(slug)
                if report is not None and self.slug is not None:
                    self.host = next(
                        (k.host for k in report.kims if k.slug == self.slug and k.host), self.host
                    )
            except KimsiteError as exc:
                problems = exc.problems
            self.problems = [p for p in problems if p.severity is Severity.ERROR]
            seconds = time.perf_counter() - started
            self.say(
                render_message(
                    "serve.rebuilt",
                    {
                        "n": self.rebuilds,
                        "seconds": f"{seconds:.2f}",
                        "errors": len(self.problems),
                    },
                    self.lang,
                )
            )
            for problem in sort_problems(self.problems):
                self.say("  " + problem.format(self.lang))
        if self.on_rebuilt is not None:
            self.on_rebuilt()

    def _folders(self) -> list[Path]:
        return list_kim_folders(self.root / "content")

    # -- HTTP ----------------------------------------------------------------------------
    def banner(self) -> bytes:
        if not self.problems:
            return b""
        title = html.escape(
            render_message("serve.banner_title", {"count": len(self.problems)}, self.lang)
        )
        items = "".join(
            f"<li><code>{html.escape(p.location())}</code> {html.escape(p.message(self.lang))}</li>"
            for p in sort_problems(self.problems)
        )
        hint = html.escape(render_message("serve.banner_hint", {}, self.lang))
        return (
            '<div id="kimsite-galat" role="alert" style="position:sticky;top:0;z-index:9999;'
            "background:#fff3f3;color:#5c0000;border:3px solid #c00;padding:1rem;"
            'font:16px/1.5 system-ui,sans-serif">'
            f"<strong>{title}</strong><ul>{items}</ul><p>{hint}</p></div>"
        ).encode()

    def wsgi(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Serve the site's files at their own paths, as the real host would."""
        path = environ.get("PATH_INFO", "/") or "/"
        if self.editor is not None:
            answer = self.editor.answer(path, self.slug, self.host, self.site)
            if answer is not None:
                kind = (
                    "text/yaml"
                    if path.endswith(".yml")
                    else (mimetypes.guess_type(path)[0] or "text/html")
                )
                start_response(
                    "200 OK",
                    [("Content-Type", f"{kind}; charset=utf-8"), ("Cache-Control", "no-store")],
                )
                return [answer]
        switched = self._switch(path)
        if switched is not None:
            start_response("302 Found", [("Location", switched), ("Cache-Control", "no-store")])
            return [b""]
        moved = self._redirect(path, environ)
        if moved is not None:  # an old address of the KIM's imported site, as nginx answers
            start_response("301 Moved Permanently", [("Location", moved)])
            return [b""]
        target = self._file_for(path)
        status = "200 OK"
        if target is None:
            status, target = "404 Not Found", self.site / "404.html"
        if not target.is_file():
            if self._lock.locked():  # being built (the index, the first time): wait
                body = (
                    b'<meta http-equiv="refresh" content="2">'
                    + render_message("serve.building", {}, self.lang).encode()
                )
            else:
                body = self.banner() + render_message("serve.not_built", {}, self.lang).encode()
            start_response(
                "503 Service Unavailable", [("Content-Type", "text/html; charset=utf-8")]
            )
            return [body]
        data = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html":
            data = data.replace(b"<body>", b"<body>" + self.banner(), 1)
            data = data.replace(b"</head>", self.live_script + b"</head>", 1)
            data = _SITE_LINK.sub(self._local_link, data)
            kind += "; charset=utf-8"
        start_response(status, [("Content-Type", kind), ("Cache-Control", "no-store")])
        return [data]

    def _redirect(self, path: str, environ: dict[str, Any]) -> str | None:
        """The KIM's `pengalihan.yaml` target for this old address (path and query, as the
        browser sent them), read again only when the file changed."""
        if self.slug is None:
            return None
        source = self.root / "content" / self.slug / REDIRECTS_NAME
        try:
            stamp = source.stat().st_mtime_ns
        except OSError:
            return None
        if self._redirects[0] != (source, stamp):
            table = {r.old: r.new for r in load_redirects(source, ProblemLog())}
            self._redirects = ((source, stamp), table)
        query = environ.get("QUERY_STRING", "")
        asked = old_address(path + (f"?{query}" if query else ""))
        if asked is None:
            return None
        table = self._redirects[1]
        return table.get(asked) or table.get(asked.rstrip("/")) or table.get(asked + "/")

    def _switch(self, path: str) -> str | None:
        """`/_kim/<slug>/rest` or `/_indeks/rest`: preview that site from now on; where to go."""
        if path.startswith(INDEX_PREFIX):
            slug: str | None = None
            rest = path[len(INDEX_PREFIX) :]
        elif path.startswith(KIM_PREFIX):
            slug, _, rest = path[len(KIM_PREFIX) :].partition("/")
            if slug not in self.sites.values():
                return None
        else:
            return None
        host = next((h for h, s in self.sites.items() if s == slug), None)
        if host is None:
            return None
        if slug is None and not self.index_built:
            # The index needs every KIM's summary: built beside the server, so the pages
            # being previewed stay served; until then its pages say it is on its way.
            threading.Thread(
                target=self.rebuild,
                args=(Plan(ALL, True),),
                kwargs={"everything": True},
                daemon=True,
            ).start()
        elif slug is not None and slug not in self.built:
            self.rebuild(Plan(frozenset({slug})))
        self.slug, self.host = slug, host
        return "/" + rest.lstrip("/")

    def _local_link(self, found: re.Match[bytes]) -> bytes:
        host = found.group(2).decode("ascii", "replace")
        if host not in self.sites:
            return found.group(0)  # another site: the link stays as it is
        slug = self.sites[host]
        return (INDEX_PREFIX if slug is None else f"{KIM_PREFIX}{slug}/").encode()

    def _file_for(self, url_path: str) -> Path | None:
        clean = PurePosixPath("/" + url_path.lstrip("/"))
        if ".." in clean.parts:
            return None
        target = self.site.joinpath(*clean.parts[1:])
        if target.is_dir():
            target = target / "index.html"
        try:
            target.resolve().relative_to(self.site.resolve())
        except ValueError:
            return None
        return target if target.is_file() else None


def serve(
    config_path: Path,
    slug: str | None,
    port: int,
    lang: str = "id",
    say: Callable[[str], None] = print,
    poll: bool = False,
    admin: bool = False,
) -> None:
    """Build, serve on 127.0.0.1:`port` and rebuild on every change until interrupted."""
    from livereload.handlers import LiveReloadHandler
    from tornado.ioloop import IOLoop

    preview = Preview(config_path, slug, lang=lang, say=say)
    _first_build(preview, slug)
    loop = IOLoop.current()
    preview.on_rebuilt = lambda: loop.add_callback(LiveReloadHandler.reload_waiters, "*")
    debouncer = Debouncer(preview.rebuild)
    port = _port(port, say, lang)

    def stopped(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # as Ctrl+C: the `finally` below stops what was started

    signal.signal(signal.SIGTERM, stopped)
    if admin:
        from kimsite.admin.local import LocalEditor

        config = load_config(config_path)
        preview.editor = LocalEditor(config, config.root / ".kimsite-cache")
        preview.editor.start(origin=f"http://127.0.0.1:{port}")
    server = live_server(preview.wsgi, lambda script: setattr(preview, "live_script", script))
    ready = render_message(
        "serve.ready", {"url": f"http://127.0.0.1:{port}/", "host": preview.host}, lang
    )

    def rescan() -> None:  # events were lost: every watched KIM's files are compared again
        debouncer.push(Plan(ALL, preview.index_built))

    watch = Watch(
        preview.root,
        lambda path: debouncer.push(classify(path, preview.root, preview.theme_users)),
        rescan,
        say,
        lang,
        poll,
    )
    preview.on_first_build = lambda slug: watch.add(preview.root / "content" / slug)
    watch.start(preview.root / "content" / kim for kim in sorted(preview.built))

    def announce() -> None:  # from the loop, once serve() has bound the port: a reader (or
        # a test) following the printed address the moment it appears is not refused
        say(ready)
        if preview.editor is not None:
            url = f"http://127.0.0.1:{port}/admin/"
            folder = preview.root / "content" / (slug or "")
            say(render_message("serve.admin_ready", {"url": url, "folder": folder}, lang))

    try:
        loop.add_callback(announce)
        server.serve(port=port, host="127.0.0.1", debug=False, restart_delay=0)
    finally:
        watch.stop()
        if preview.editor is not None:
            preview.editor.stop()


def _first_build(preview: Preview, slug: str | None) -> None:
    """The KIM being previewed is built first and alone: a province of thousands of KIMs
    starts as fast as one. Other KIMs are built when their pages are first asked for.
    The index preview needs every KIM's summary, so it builds them all first (in worker
    processes: no thread runs yet, so forking is safe). A KIM not in `content/` is an
    error naming the ones that are."""
    if slug is not None and slug not in {f.name for f in preview._folders()}:
        known = ", ".join(sorted(f.name for f in preview._folders())[:20])
        raise KimsiteError(
            [
                Problem(
                    str(preview.root / "content" / slug),
                    None,
                    "build.unknown_kim",
                    (("known", known), ("slug", slug)),
                )
            ]
        )
    if slug is None:
        preview.rebuild(Plan(ALL, True), jobs=os.cpu_count() or 1)
    else:
        preview.rebuild(Plan(frozenset({slug})))


def _port(wanted: int, say: Callable[[str], None], lang: str) -> int:
    """The port asked for, or the next free one (said), or any free one for 0."""
    port = available_port(wanted) if wanted else free_port()
    if wanted and port != wanted:
        say(render_message("serve.port_busy", {"wanted": wanted, "port": port}, lang))
    return port
