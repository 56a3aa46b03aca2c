"""Themes: an ordered template search path and the Jinja environment built on it.

A theme is a folder `themes/<name>/` with `theme.yaml` (optional `extends: <parent>`),
`templates/` and `static/`. A KIM's own `content/<kim>/templat/` comes first, then its
theme, then the theme's parents, so a KIM can override one template and inherit the rest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kimsite.indonesia import conventions
from kimsite.model import routes
from kimsite.model.problems import ProblemLog
from kimsite.source.yaml_fields import Fields
from kimsite.source.yaml_text import YamlUnreadable, parse_yaml

if TYPE_CHECKING:  # Jinja is imported when a template is first needed: a build that renders
    import jinja2  # nothing (nothing changed) should not pay for it.

THEME_FILE = "theme.yaml"
FINGERPRINTED = frozenset({"css", "js", "mjs"})


@dataclass(frozen=True)
class ThemeAsset:
    url: str
    source: Path
    data: bytes


class AssetUrls:
    """`aset('kimsite.css')` in a template: the URL a theme file is published at."""

    def __init__(self, assets: dict[str, ThemeAsset], theme: str) -> None:
        self._urls = {rel: asset.url for rel, asset in assets.items()}
        self._theme = theme

    def __call__(self, name: str) -> str:
        url = self._urls.get(str(name).lstrip("/"))
        if url is None:
            known = ", ".join(sorted(self._urls)) or "-"
            raise ValueError(
                f"aset '{name}' tidak ada di static/ tema {self._theme} (yang ada: {known})"
            )
        return url


@dataclass(frozen=True)
class Theme:
    name: str
    chain: tuple[Path, ...]  # theme folders, the theme itself first, then its parents

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        return tuple(d / "templates" for d in self.chain if (d / "templates").is_dir())

    def assets(self) -> dict[str, ThemeAsset]:
        """The theme's static files as published: name below static/ → where and what.

        Stylesheets and scripts get their content's digest in their name
        (`kimsite.css` → `/assets/kimsite.3f9a0c1b2d.css`) so a server may let browsers keep
        them for a year: a changed file is a new URL. Other files (images, fonts) keep their
        names, so a stylesheet's `url(font.woff2)` still finds them.
        """
        found: dict[str, ThemeAsset] = {}
        for rel, path in self.static_files():
            data = path.read_bytes()
            url = routes.ASSETS + rel
            stem, dot, ext = rel.rpartition(".")
            if dot and ext.lower() in FINGERPRINTED:
                digest = hashlib.blake2b(data, digest_size=5).hexdigest()
                url = f"{routes.ASSETS}{stem}.{digest}.{ext}"
            found[rel] = ThemeAsset(url, path, data)
        return found

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
        "tanggal": conventions.date_full,
        "tanggal_pendek": conventions.date_long,
        "rupiah": conventions.rupiah,
    }


_ENVIRONMENTS: dict[tuple[tuple[Path, ...], bool], jinja2.Environment] = {}

# Bounds on what one template expression may ask for. A KIM's own `templat/` renders in a
# sandbox (written by people the build machine does not trust); these stop the cheap ways
# to make a sandboxed template eat the machine: `"x" * 10**9`,
# `"x"|center(10**9)`, `lipsum(10**9)`.
MAX_TEMPLATE_NUMBER = 100_000
MAX_TEMPLATE_SEQUENCE = 1_000_000
# (type of object, attribute) → Jinja sandbox's verdict, which depends on nothing else.
_SAFE_ATTRIBUTES: dict[tuple[type, str], bool] = {}
MAX_PAGE_CHARS = 20_000_000  # one rendered page; the largest real page is under 1 MB


def template_environment(theme: Theme, overrides: Path | None) -> jinja2.Environment:
    """The environment a site's pages render in. The theme's templates are the province's
    (the maintainers own `themes/`, like `config.yaml`), so a site with only them renders
    in plain Jinja. A KIM with its own `templat/` renders every template in the sandbox,
    the theme's too: its template may extend or include a theme template, and whatever
    runs for that KIM's page runs under the same checks."""
    if overrides is not None and overrides.is_dir():
        return environment((overrides, *theme.template_dirs), sandboxed=True)
    return environment(theme.template_dirs, sandboxed=False)


def environment(search_path: tuple[Path, ...], *, sandboxed: bool) -> jinja2.Environment:
    """One Jinja environment per search path and trust, kept for the whole run (templates
    compile once). Compiled templates are never cached on disk: the cache folder may come
    from elsewhere, and Jinja's bytecode cache runs what it loads."""
    key = (search_path, sandboxed)
    env = _ENVIRONMENTS.get(key)
    if env is None:
        import jinja2

        env = (_sandbox_class() if sandboxed else jinja2.Environment)(
            loader=jinja2.FileSystemLoader([str(p) for p in search_path]),
            bytecode_cache=_memory_bytecode(sandboxed),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
        )
        env.globals.pop("lipsum", None)
        env.filters.update(_filters())
        if sandboxed:
            env.filters = {name: _bounded(f) for name, f in env.filters.items()}
        _ENVIRONMENTS[key] = env
    return env


@cache
def _memory_bytecode(sandboxed: bool) -> jinja2.BytecodeCache:
    """Compiled templates kept in this process only, keyed by Jinja on name and source
    checksum: a long `kimsite serve` or a test session compiles each template once, and
    nothing compiled is ever read back from disk. One store per trust: the sandbox compiles
    a theme template with its bounds, plain Jinja without, and neither may load the
    other's code."""
    import jinja2

    class MemoryBytecodeCache(jinja2.BytecodeCache):
        def __init__(self) -> None:
            self.store: dict[str, bytes] = {}

        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            code = self.store.get(bucket.key)
            if code is not None:
                bucket.bytecode_from_string(code)

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            self.store[bucket.key] = bucket.bytecode_to_string()

    return MemoryBytecodeCache()


def _check_numbers(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    from jinja2.exceptions import SecurityError

    for value in (*args, *kwargs.values()):
        if type(value) is int and abs(value) > MAX_TEMPLATE_NUMBER:
            raise SecurityError(f"angka {value} terlalu besar (batas {MAX_TEMPLATE_NUMBER})")


def _check_texts(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """A filter's output grows at most with its value times its text arguments
    (`s|replace("x", s)`); refuse what could reach a hundred million characters."""
    from jinja2.exceptions import SecurityError

    texts = [a for a in args if isinstance(a, str)] + [
        v for v in kwargs.values() if isinstance(v, str)
    ]
    if len(texts) > 1:
        longest = max(len(t) for t in texts)
        if longest * sum(len(t) for t in texts) > 100 * MAX_TEMPLATE_SEQUENCE * 100:
            raise SecurityError("teks dalam filter terlalu panjang")


def _bounded(func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses huge numbers (`center(10**9)`, `slice(10**9)`)."""
    import functools

    @functools.wraps(func)  # keeps Jinja's pass_context/pass_environment marks
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_numbers(args[1:], kwargs)
        _check_texts(args, kwargs)
        return func(*args, **kwargs)

    return bounded


@cache
def _sandbox_class() -> type[jinja2.Environment]:
    from pathlib import PurePath
    from types import ModuleType

    from jinja2.compiler import CodeGenerator, Frame
    from jinja2.exceptions import SecurityError
    from jinja2.nodes import Concat
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedConcat(CodeGenerator):
        """`a ~ b` checked like `*` and `+`: doubling a text in a loop stops at the bound
        instead of filling the memory."""

        def visit_Concat(self, node: Concat, frame: Frame) -> None:  # noqa: N802  (Jinja's)
            self.write("environment.bounded_text(")
            super().visit_Concat(node, frame)
            self.write(")")

    class KimsiteSandbox(ImmutableSandboxedEnvironment):
        """Jinja's immutable sandbox, and: no paths, modules or classes reach a template
        (a `Path` can read any file), and no call or operator builds something huge."""

        intercepted_binops = frozenset({"*", "**", "+"})
        code_generator_class = BoundedConcat

        def bounded_text(self, value: Any) -> Any:
            if len(value) > MAX_TEMPLATE_SEQUENCE:
                raise SecurityError("hasil penggabungan teks terlalu panjang")
            return value

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            if isinstance(obj, PurePath | ModuleType | type) or isinstance(
                value, PurePath | ModuleType | type
            ):
                return False
            # Jinja's own verdict depends only on the object's type and the attribute's name
            # (internal names, functions' and frames' insides, mutating methods): asked
            # about a million times in a province's build, it is remembered per pair.
            key = (type(obj), attr)
            safe = _SAFE_ATTRIBUTES.get(key)
            if safe is None:
                safe = _SAFE_ATTRIBUTES[key] = bool(super().is_safe_attribute(obj, attr, value))
            return safe

        def call(
            __self,  # noqa: N805  (Jinja's own signature: a template may pass `self`)
            __context: Any,
            __obj: Any,
            *args: Any,
            **kwargs: Any,
        ) -> Any:
            _check_numbers(args, kwargs)
            return super().call(__context, __obj, *args, **kwargs)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and (
                not isinstance(right, int | float) or abs(right) > 64 or abs(left) > 2**64
            ):
                raise SecurityError("pangkat terlalu besar")
            if (
                operator == "+"
                and isinstance(left, str | list | tuple)
                and isinstance(right, str | list | tuple)
                and len(left) + len(right) > MAX_TEMPLATE_SEQUENCE
            ):
                raise SecurityError("hasil penjumlahan terlalu panjang")
            if operator == "*":
                for seq, times in ((left, right), (right, left)):
                    if (
                        isinstance(seq, str | list | tuple)
                        and isinstance(times, int)
                        and len(seq) * times > MAX_TEMPLATE_SEQUENCE
                    ):
                        raise SecurityError("hasil perkalian teks terlalu panjang")
            return super().call_binop(context, operator, left, right)

    return KimsiteSandbox


def render_page(template: jinja2.Template, context: dict[str, Any]) -> str:
    """Render; in the sandbox, refusing a page that grows past MAX_PAGE_CHARS (a loop
    printing a large text a hundred thousand times) before it fills the memory. A trusted
    theme's page renders in one call (Jinja joins its pieces at C speed)."""
    if not template.environment.sandboxed:
        return template.render(context)
    from jinja2.exceptions import SecurityError

    parts = []
    size = 0
    for chunk in template.generate(context):
        size += len(chunk)
        if size > MAX_PAGE_CHARS:
            raise SecurityError(f"halaman lebih dari {MAX_PAGE_CHARS // 1_000_000} juta karakter")
        parts.append(chunk)
    return "".join(parts)


def forget_environments() -> None:
    """Drop compiled templates: a new build must see templates edited since the last one
    (a long-running `kimsite serve` builds many times in one process)."""
    _ENVIRONMENTS.clear()
    _TEMPLATE_FILES.clear()


def template_problem(exc: Exception, log: ProblemLog, fallback: Path, template: str) -> None:
    """Turn a Jinja failure into a problem naming the template file and line."""
    import jinja2
    from jinja2.exceptions import SecurityError

    if isinstance(exc, jinja2.TemplateSyntaxError):
        log.add(
            exc.filename or fallback, exc.lineno, "theme.syntax", detail=exc.message or str(exc)
        )
        return
    if isinstance(exc, SecurityError):
        filename, line = template_frame(exc)
        log.add(filename or fallback, line, "theme.sandbox", name=template, detail=str(exc))
        return
    if isinstance(exc, jinja2.TemplateNotFound):
        log.add(fallback, None, "theme.missing_template", name=exc.name or template)
        return
    filename, line = template_frame(exc)
    if isinstance(exc, RecursionError):
        log.add(filename or fallback, line, "theme.too_deep", name=template)
        return
    detail = str(exc) or type(exc).__name__
    log.add(filename or fallback, line, "theme.render", name=template, detail=detail)


def template_frame(exc: BaseException) -> tuple[str | None, int | None]:
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
