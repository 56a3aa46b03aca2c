"""Themes: an ordered template search path and the Jinja environment built on it.

A theme is a folder `themes/<name>/` with `theme.yaml` (optional `extends: <parent>`),
`templates/` and `static/`. A KIM's own `content/<kim>/templat/` comes first, then its
theme, then the theme's parents, so a KIM can override one template and inherit the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kimsite import indonesian
from kimsite.problems import ProblemLog
from kimsite.yamlsource import Fields, YamlUnreadable, parse_yaml

if TYPE_CHECKING:  # Jinja is imported when a template is first needed: a build that renders
    import jinja2  # nothing (nothing changed) should not pay for it.

THEME_FILE = "theme.yaml"


@dataclass(frozen=True)
class Theme:
    name: str
    chain: tuple[Path, ...]  # theme folders, the theme itself first, then its parents

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        return tuple(d / "templates" for d in self.chain if (d / "templates").is_dir())

    def static_files(self) -> Iterator[tuple[str, Path]]:
        """(path below /assets/, file) with a child theme's file shadowing its parent's."""
        seen: set[str] = set()
        for folder in self.chain:
            static = folder / "static"
            if not static.is_dir():
                continue
            for path in sorted(static.rglob("*")):
                rel = path.relative_to(static).as_posix()
                if path.is_file() and rel not in seen and not path.name.startswith("."):
                    seen.add(rel)
                    yield rel, path


def load_theme(
    themes_dir: Path, name: str, log: ProblemLog, where: Path, line: int | None
) -> Theme | None:
    """Resolve a theme and its parents; an unknown name or a cycle is a problem at `where`."""
    chain: list[Path] = []
    current: str | None = name
    available = (
        sorted(p.name for p in themes_dir.iterdir() if p.is_dir()) if themes_dir.is_dir() else []
    )
    while current is not None:
        folder = themes_dir / current
        if current not in available:
            log.add(
                where, line, "theme.unknown", name=current, available=", ".join(available) or "-"
            )
            return None
        if folder in chain:
            log.add(folder / THEME_FILE, None, "theme.cycle", name=current)
            return None
        chain.append(folder)
        current = _parent_of(folder, log)
        where, line = folder / THEME_FILE, None
    return Theme(name, tuple(chain))


def _parent_of(folder: Path, log: ProblemLog) -> str | None:
    path = folder / THEME_FILE
    if not path.is_file():
        return None
    try:
        node = parse_yaml(path.read_text(encoding="utf-8"), path, log)
    except YamlUnreadable:
        return None
    fields = Fields.open(node, path, log, what=THEME_FILE)
    if fields is None:
        return None
    parent = fields.text("extends")
    fields.text("nama")
    fields.text("deskripsi")
    fields.finish()
    return parent


Filters = dict[str, Callable[..., Any]]


def _filters() -> Filters:
    return {
        "tanggal": indonesian.date_full,
        "tanggal_pendek": indonesian.date_long,
        "rupiah": indonesian.rupiah,
    }


_ENVIRONMENTS: dict[tuple[Path, ...], jinja2.Environment] = {}


def environment(search_path: tuple[Path, ...]) -> jinja2.Environment:
    """One Jinja environment per search path, kept for the whole run (templates compile once)."""
    env = _ENVIRONMENTS.get(search_path)
    if env is None:
        import jinja2

        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(p) for p in search_path]),
            bytecode_cache=(
                jinja2.FileSystemBytecodeCache(str(_bytecode_dir)) if _bytecode_dir else None
            ),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
        )
        env.filters.update(_filters())
        _ENVIRONMENTS[search_path] = env
    return env


_bytecode_dir: Path | None = None


def use_bytecode_cache(folder: Path | None) -> None:
    """Keep compiled templates in `folder` between runs (Jinja keys them by source checksum,
    so an edited template is compiled again)."""
    global _bytecode_dir
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    _bytecode_dir = folder


def forget_environments() -> None:
    """Drop compiled templates: a new build must see templates edited since the last one
    (a long-running `kimsite serve` builds many times in one process)."""
    _ENVIRONMENTS.clear()
    _TEMPLATE_FILES.clear()


def search_path(theme: Theme, overrides: Path | None) -> tuple[Path, ...]:
    dirs = theme.template_dirs
    if overrides is not None and overrides.is_dir():
        return (overrides, *dirs)
    return dirs


def template_problem(exc: Exception, log: ProblemLog, fallback: Path, template: str) -> None:
    """Turn a Jinja failure into a problem naming the template file and line."""
    import jinja2

    if isinstance(exc, jinja2.TemplateSyntaxError):
        log.add(
            exc.filename or fallback, exc.lineno, "theme.syntax", detail=exc.message or str(exc)
        )
        return
    if isinstance(exc, jinja2.TemplateNotFound):
        log.add(fallback, None, "theme.missing_template", name=exc.name or template)
        return
    filename, line = _template_frame(exc)
    log.add(filename or fallback, line, "theme.render", name=template, detail=str(exc))


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """Jinja rewrites tracebacks so template frames carry the template's file and line."""
    tb = exc.__traceback__
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt", ".j2")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


_TEMPLATE_FILES: dict[tuple[int, str], list[str]] = {}


def template_files(env: jinja2.Environment, name: str) -> list[str]:
    """Every template file a template reads, through extends, include and import."""
    key = (id(env), name)
    if key not in _TEMPLATE_FILES:
        _TEMPLATE_FILES[key] = _template_files(env, name)
    return _TEMPLATE_FILES[key]


def _template_files(env: jinja2.Environment, name: str) -> list[str]:
    import jinja2
    from jinja2 import meta as jinja_meta

    loader = env.loader
    assert loader is not None
    seen: dict[str, str] = {}
    stack = [name]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        try:
            source, filename, _ = loader.get_source(env, current)
        except jinja2.TemplateNotFound:
            continue
        seen[current] = filename or current
        stack.extend(ref for ref in jinja_meta.find_referenced_templates(env.parse(source)) if ref)
    return sorted(seen.values())
