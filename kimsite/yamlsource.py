"""YAML as nodes that remember their line, and typed reading of those nodes.

PyYAML's `safe_load` turns `no` into False, `52.71` into a float, `0812…` into a number
and forgets where everything was. kimsite instead composes the node tree and reads each
scalar as the writer typed it, converting only where the field says what it expects; so a
phone number stays a phone number and every mistake can name its line.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kimsite.problems import ProblemLog

_FRIENDLY_YAML = (
    ("found character '\\t'", "yaml.tab"),
    ("while parsing a flow sequence", "yaml.unclosed_bracket"),
    ("while parsing a flow mapping", "yaml.unclosed_brace"),
    ("mapping values are not allowed", "yaml.colon"),
    ("could not find expected ':'", "yaml.no_colon"),
    ("while scanning a quoted scalar", "yaml.unclosed_quote"),
    ("found unexpected end of stream", "yaml.unclosed_quote"),
    ("expected <block end>", "yaml.indent"),
    ("while parsing a block mapping", "yaml.indent"),
    ("found undefined alias", "yaml.alias"),
)

# `~`, `null` or nothing, written plain: the resolver tags them so (a quoted "null" is text).
_NULL_TAG = "tag:yaml.org,2002:null"

# libyaml's parser when PyYAML was built with it (it usually is): the same nodes and marks,
# several times faster, which matters with thousands of front matters.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlUnreadable(Exception):
    """The text is not YAML at all; the problem is already logged."""


# Nesting deeper than this is never a profile or a front matter; libyaml's composer
# recurses in C and crashes the whole process (not an exception) somewhere past 100,000.
MAX_DEPTH = 50
# Fewer nesting characters than this cannot nest deep enough to matter, so the event scan
# that measures depth is skipped for every ordinary file.
_NESTING_CHARS = ("[", "{", "-", "?")
_DEEP_ENOUGH_TO_SCAN = 200
# Tags a writer's YAML may carry (those PyYAML resolves implicitly); any other (`!!python/…`,
# `!foo`) is refused: writers' files are data, and nothing may ask for an object.
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)
# C0 controls but tab, newline and carriage return, DEL, and the C1 block: XML 1.0 and
# HTML forbid or discourage them, and one in a title would break every feed it reaches.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def _too_deep(text: str) -> int | None:
    """The 0-based line where the text nests deeper than MAX_DEPTH, from parser events (no
    recursion)."""
    if sum(text.count(c) for c in _NESTING_CHARS) < _DEEP_ENOUGH_TO_SCAN:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark: Any = event.start_mark
                    return int(mark.line) if mark is not None else 0
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        # PyYAML 6.0.4 and later stop deep nesting themselves: its scanner reads a long run
        # of `[` ahead of the events, so on one line of them it stops before this count.
        if "nesting depth" in str(exc):
            mark = getattr(exc, "problem_mark", None)
            return int(mark.line) if mark is not None else 0
        return None  # compose will report it, with its line
    return None


_GLUED = re.compile(r"^\s*([A-Za-z_][\w-]*):(\S.*)$")


def _glued_colon(text: str, line: int) -> tuple[str, str] | None:
    """`kategori:berita`, a colon without the space YAML needs after it, on the (0-based)
    line where libyaml began the key it could not finish: the key and the value."""
    lines = text.splitlines()
    found = _GLUED.match(lines[line]) if line < len(lines) else None
    if found and not found.group(2).startswith("/"):  # `https://…` alone is no key
        return found.group(1), found.group(2).strip()
    return None


def _unclosed_at_end(text: str, mark: Any) -> tuple[int, str] | None:
    """`misi: [satu, dua` as the file's last line: libyaml says only "did not find expected
    node content" at the end of the text, a line past the last one. The writer needs the
    line where the `[` or `{` was opened: the (0-based) line and the message id.

    A small scan of the text's flow brackets, skipping quoted text and comments: enough
    because libyaml has already failed at the end of the text, which an open `[` or `{`
    explains whatever else it noticed there first."""
    lines = text.splitlines()
    rest = lines[mark.line][mark.column :] if mark.line < len(lines) else ""
    if rest.strip() or any(line.strip() for line in lines[mark.line + 1 :]):
        return None
    opened: list[tuple[int, str]] = []
    for number, line in enumerate(lines):
        quote = ""
        for at, char in enumerate(line):
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"" and (at == 0 or line[at - 1] in " \t[{,"):
                quote = char  # a quoted scalar; `Jum'at` is plain text with an apostrophe
            elif char == "#" and (at == 0 or line[at - 1].isspace()):
                break
            elif char in "[{":
                opened.append((number, char))
            elif char in "]}" and opened:
                opened.pop()
    if not opened:
        return None
    number, char = opened[-1]  # the innermost, as libyaml names it when it says so itself
    return number, "yaml.unclosed_bracket" if char == "[" else "yaml.unclosed_brace"


def _refused_node(root: yaml.Node) -> tuple[int, str, str] | None:
    """The first (0-based) line, in reading order, that carries a tag asking for more than
    text, or reaches a node a second time (an alias): (line, message id, tag)."""
    seen: set[int] = set()
    # (node, line that refers to it): an alias shares its anchor's node and marks, so the
    # place to name is where it is used: its mapping key, or its sequence.
    stack: list[tuple[yaml.Node, int]] = [(root, root.start_mark.line)]
    while stack:
        node, line = stack.pop()
        if id(node) in seen:
            return line, "yaml.alias_refused", node.tag
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            return node.start_mark.line, "yaml.tag_refused", node.tag
        if isinstance(node, yaml.SequenceNode):
            stack.extend((item, node.start_mark.line) for item in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend(((value, key.start_mark.line), (key, key.start_mark.line)))
    return None


def parse_yaml(text: str, path: Path, log: ProblemLog, line_offset: int = 0) -> yaml.Node | None:
    """Compose `text` into a node tree (None for an empty document).

    Raises `YamlUnreadable` after logging why the text cannot be read, so that callers do
    not go on to report the empty result as a second, misleading problem.
    """
    deep = _too_deep(text)
    if deep is not None:
        log.add(path, deep + 1 + line_offset, "yaml.too_deep", depth=MAX_DEPTH)
        raise YamlUnreadable
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        detail = f"{exc.problem or ''} {exc.context or ''}".strip()
        code = next((c for needle, c in _FRIENDLY_YAML if needle in detail), "yaml.syntax")
        # An unclosed quote is noticed at the end of the file; the writer needs the line
        # where it was opened. So is an unclosed [ or {: the place to fix is where it
        # opened. A line without its colon is noticed on a later line (after any blank
        # ones); the message says "this line", so it names the line without the colon.
        opened = (
            "yaml.unclosed_quote",
            "yaml.unclosed_bracket",
            "yaml.unclosed_brace",
            "yaml.no_colon",
        )
        marks = (
            (exc.context_mark, exc.problem_mark)
            if code in opened
            else (exc.problem_mark, exc.context_mark)
        )
        mark: Any = next((m for m in marks if m is not None), None)
        line = (mark.line + 1 + line_offset) if mark else None
        if code == "yaml.no_colon" and mark is not None:
            glued = _glued_colon(text, mark.line)
            if glued is not None:
                key, value = glued
                log.add(path, line, "yaml.colon_space", key=key, value=value)
                raise YamlUnreadable from None
        if code == "yaml.syntax" and mark is not None:
            unclosed = _unclosed_at_end(text, mark)
            if unclosed is not None:
                line, code = unclosed[0] + 1 + line_offset, unclosed[1]
        if code == "yaml.syntax" and mark is not None:
            lines = text.splitlines()
            if mark.line < len(lines) and "\t" in lines[mark.line]:
                code = "yaml.tab"  # libyaml does not name the tab; the line shows it
        log.add(path, line, code, detail=detail)
    except yaml.YAMLError as exc:
        log.add(path, None, "yaml.syntax", detail=str(exc))
    else:
        refused = _refused_node(node) if node is not None else None
        if refused is None:
            return node
        line, code, tag = refused
        log.add(path, line + 1 + line_offset, code, tag=tag)
    raise YamlUnreadable


@dataclass
class FrontMatter:
    yaml_text: str
    yaml_line: int  # line of the first YAML line, 1-based
    body: str
    body_line: int


def split_front_matter(text: str, path: Path, log: ProblemLog) -> FrontMatter | None:
    """Split `---` front matter from the Markdown body.

    A missing or unclosed header is an error, never silently body text: a writer who
    forgot a `---` must learn it now, not find their YAML printed on the page.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        first = next((i for i, raw in enumerate(lines) if raw.strip()), None)
        if first is not None and lines[first].strip() == "---":
            log.add(path, first + 1, "frontmatter.leading_blank")
        else:
            log.add(path, 1, "frontmatter.missing")
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return FrontMatter(
                yaml_text="".join(lines[1:i]),
                yaml_line=2,
                body="".join(lines[i + 1 :]),
                body_line=i + 2,
            )
    log.add(path, 1, "frontmatter.unclosed")
    return None


def node_line(node: yaml.Node, offset: int) -> int:
    return int(node.start_mark.line) + 1 + offset


@dataclass
class Fields:
    """Typed, line-aware access to one YAML mapping.

    Each accessor records the key as known; `finish()` then reports every key that no
    accessor asked for, with the nearest known key as a hint. Duplicate keys (which YAML
    itself would silently let the last one win) are reported when the mapping is opened.
    """

    path: Path
    node: yaml.MappingNode
    log: ProblemLog
    offset: int = 0
    prefix: str = ""
    # The keys this mapping may hold (`contract.shape`): reading any other is a bug in
    # kimsite, and so is a key of the contract that the loader never read.
    schema: dict[str, Any] | None = None
    _values: dict[str, tuple[yaml.Node, yaml.Node]] = field(default_factory=dict)
    _known: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for key_node, value_node in self.node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            if key in self._values:
                first = node_line(self._values[key][0], self.offset)
                self.log.add(
                    self.path,
                    node_line(key_node, self.offset),
                    "field.duplicate",
                    key=self.prefix + key,
                    first_line=first,
                )
                continue
            self._values[key] = (key_node, value_node)

    @classmethod
    def open(
        cls,
        node: yaml.Node | None,
        path: Path,
        log: ProblemLog,
        offset: int = 0,
        what: str = "",
        schema: dict[str, Any] | None = None,
    ) -> Fields | None:
        if node is None or _is_null(node):
            log.add(path, node_line(node, offset) if node else 1, "yaml.empty", what=what)
            return None
        if not isinstance(node, yaml.MappingNode):
            log.add(path, node_line(node, offset), "yaml.not_mapping", what=what)
            return None
        return cls(path, node, log, offset, schema=schema)

    # -- where things are -------------------------------------------------------------
    def line(self, key: str | None = None) -> int:
        if key is not None and key in self._values:
            return node_line(self._values[key][0], self.offset)
        return node_line(self.node, self.offset)

    def _ask(self, key: str) -> None:
        if self.schema is not None and key not in self.schema:
            raise KeyError(f"{self.prefix}{key} is not in the content contract (contract.py)")
        self._known.add(key)

    def _below(self, key: str) -> dict[str, Any] | None:
        return None if self.schema is None else self.schema[key]

    def has(self, key: str) -> bool:
        self._ask(key)
        return key in self._values and not _is_null(self._values[key][1])

    def _get(self, key: str, required: bool) -> yaml.Node | None:
        self._ask(key)
        pair = self._values.get(key)
        if pair is None or _is_null(pair[1]):
            if required:
                self.log.add(
                    self.path,
                    self.line(key if pair else None),
                    "field.required",
                    key=self.prefix + key,
                )
            return None
        return pair[1]

    def _bad(self, key: str, code: str, **params: object) -> None:
        self.log.add(self.path, self.line(key), code, key=self.prefix + key, **params)

    def entries(self) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """Every key of a mapping whose keys are data (KIM folders), not a schema."""
        self._known.update(self._values)
        return dict(self._values)

    # -- typed accessors --------------------------------------------------------------
    def text(self, key: str, required: bool = False) -> str | None:
        node = self._get(key, required)
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode):
            self._bad(key, "field.type_text")
            return None
        value = str(node.value).strip()
        if not value:
            if required:
                self._bad(key, "field.required")
            return None
        if CONTROL_CHARS.search(value):
            self._bad(key, "field.control_char")
            return None
        return value

    def boolean(self, key: str, default: bool = False) -> bool:
        raw = self.text(key)
        if raw is None:
            return default
        low = raw.lower()
        if low in ("true", "ya", "yes"):
            return True
        if low in ("false", "tidak", "no"):
            return False
        self._bad(key, "field.type_bool", value=raw)
        return default

    def number(self, key: str) -> float | None:
        raw = self.text(key)
        if raw is None:
            return None
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            self._bad(key, "field.type_number", value=raw)
            return None
        return value

    def integer(self, key: str) -> int | None:
        raw = self.text(key)
        if raw is None:
            return None
        cleaned = raw.replace("_", "")
        if not re.fullmatch(r"[0-9]{1,15}", cleaned):
            self._bad(key, "field.type_int", value=raw)
            return None
        return int(cleaned)

    def text_list(self, key: str) -> tuple[str, ...]:
        """A list of short texts; a single text is accepted as a list of one."""
        node = self._get(key, False)
        if node is None:
            return ()
        if isinstance(node, yaml.ScalarNode):
            single = self.text(key)
            return (single,) if single else ()
        if not isinstance(node, yaml.SequenceNode):
            self._bad(key, "field.type_list")
            return ()
        out = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode):
                self.log.add(
                    self.path,
                    node_line(item, self.offset),
                    "field.type_list_item",
                    key=self.prefix + key,
                )
                continue
            value = str(item.value).strip()
            if CONTROL_CHARS.search(value):
                self.log.add(
                    self.path,
                    node_line(item, self.offset),
                    "field.control_char",
                    key=self.prefix + key,
                )
            elif value:
                out.append(value)
        return tuple(out)

    def mapping(self, key: str, required: bool = False) -> Fields | None:
        node = self._get(key, required)
        if node is None:
            return None
        if not isinstance(node, yaml.MappingNode):
            self._bad(key, "field.type_mapping")
            return None
        return Fields(
            self.path,
            node,
            self.log,
            self.offset,
            prefix=f"{self.prefix}{key}.",
            schema=self._below(key),
        )

    def mapping_list(self, key: str) -> Iterator[Fields]:
        node = self._get(key, False)
        if node is None:
            return
        if not isinstance(node, yaml.SequenceNode):
            self._bad(key, "field.type_mapping_list")
            return
        for index, item in enumerate(node.value, start=1):
            if not isinstance(item, yaml.MappingNode):
                self.log.add(
                    self.path,
                    node_line(item, self.offset),
                    "field.type_mapping_item",
                    key=self.prefix + key,
                    index=index,
                )
                continue
            yield Fields(
                self.path,
                item,
                self.log,
                self.offset,
                prefix=f"{self.prefix}{key}[{index}].",
                schema=self._below(key),
            )

    def finish(self) -> None:
        """Report keys nobody asked for, with a 'did you mean' when one is close."""
        if self.schema is not None and self._known != set(self.schema):
            unread = ", ".join(sorted(set(self.schema) - self._known))
            raise KeyError(f"the loader never read {self.prefix}{{{unread}}} (contract.py)")
        for key, (key_node, _value) in self._values.items():
            if key in self._known:
                continue
            close = difflib.get_close_matches(key, sorted(self._known), n=1, cutoff=0.6)
            line = node_line(key_node, self.offset)
            if close:
                self.log.add(
                    self.path, line, "field.unknown_hint", key=self.prefix + key, hint=close[0]
                )
            else:
                self.log.add(
                    self.path,
                    line,
                    "field.unknown",
                    key=self.prefix + key,
                    known=", ".join(sorted(self._known)),
                )


def _is_null(node: yaml.Node) -> bool:
    """By the tag, not the style: PyYAML's own loader leaves a plain scalar's style None,
    libyaml's (the one used when PyYAML has it) leaves ''. Testing the style made `logo: ~`
    a file named "~" wherever libyaml was installed."""
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG
