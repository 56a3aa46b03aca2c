"""Text to YAML nodes, and where a mistake in that text is.

libyaml knows a YAML text is broken but often marks the wrong place for a writer: an
unclosed quote or bracket is noticed at the end of the file, a missing colon on a later
line, a tab not at all by name. parse_yaml turns its complaint into the line to fix and a
message id of the catalogue, refuses what data may not hold (tags that ask for objects,
aliases, nesting deep enough to crash the C composer), and splits a Markdown file's front
matter from its body. Reading the nodes, typed and line by line, is `yaml_fields`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kimsite.model.problems import ProblemLog

_FRIENDLY_YAML = (
    ("found character '\\t'", "yaml.tab"),
    ("while parsing a flow sequence", "yaml.unclosed_bracket"),
    ("while parsing a flow mapping", "yaml.unclosed_brace"),
    ("mapping values are not allowed", "yaml.colon"),
    ("could not find expected ':'", "yaml.no_colon"),
    ("while scanning a quoted scalar", "yaml.unclosed_quote"),
    ("found unexpected end of stream", "yaml.unclosed_quote"),
    ("expected <block end>", "yaml.indent"),
    ("expected <document start>", "yaml.indent"),
    ("while parsing a block mapping", "yaml.indent"),
    ("found undefined alias", "yaml.alias"),
)

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


_KEY_LINE = re.compile(r"^(\s+)([A-Za-z_][\w-]*):(\s|$)")


def _indented_key(text: str, line: int) -> str | None:
    """`  ringkasan: …` under `judul: …`: a key whose line starts with spaces continues the
    text above it, and libyaml then finds a colon inside that text. Quoting (the advice for
    a colon in a text) cannot help: the spaces must go. The key, when that is the case."""
    lines = text.splitlines()
    found = _KEY_LINE.match(lines[line]) if line < len(lines) else None
    if found is None:
        return None
    above = next(
        (x for x in reversed(lines[:line]) if x.strip() and not x.lstrip().startswith("#")), ""
    )
    indent = len(above) - len(above.lstrip(" "))
    return found.group(2) if indent < len(found.group(1)) else None


def _first_key_indented(text: str) -> tuple[int, str] | None:
    """` pengurus:` as the first key (a `# pengurus:` line with only its `#` deleted): the
    whole mapping is then indented by it, and the next key at the margin ends it."""
    for number, raw in enumerate(text.splitlines()):
        if raw.strip() and not raw.lstrip().startswith("#"):
            found = _KEY_LINE.match(raw)
            return (number, found.group(2)) if found else None
    return None


def _continued_item(root: yaml.Node, text: str) -> tuple[int, str] | None:
    """A list item read as the continuation of the one above it: `- apel` indented one space
    more than `- pertanian` makes the one text "pertanian - apel". YAML allows it (a plain
    text may go on over several lines); a writer never means it. The (0-based) line of the
    `-` that starts no item, and the text as read."""
    lines = text.splitlines()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            plain = not node.style  # None from PyYAML's own composer, "" from libyaml's
            if plain and node.end_mark.line > node.start_mark.line:
                for number in range(node.start_mark.line + 1, node.end_mark.line + 1):
                    if number < len(lines) and lines[number].lstrip().startswith(("- ", "-\t")):
                        return number, str(node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))
    return None


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
        lines = text.splitlines()
        # libyaml may stop past the last line (the text's end): the writer's editor has no
        # such line, so the last one is named.
        line = (min(mark.line, max(len(lines) - 1, 0)) + 1 + line_offset) if mark else None
        key = _indented_key(text, mark.line) if code == "yaml.colon" and mark else None
        if key is not None:
            log.add(path, line, "yaml.key_indented", key=key)
            raise YamlUnreadable from None
        first = _first_key_indented(text) if code == "yaml.indent" else None
        if first is not None:
            log.add(path, first[0] + 1 + line_offset, "yaml.first_key_indented", key=first[1])
            raise YamlUnreadable from None
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
        tab = mark is not None and mark.line < len(lines) and "\t" in lines[mark.line]
        if code == "yaml.syntax" and tab:
            code = "yaml.tab"  # libyaml does not name the tab; the line shows it
        log.add(path, line, code, detail=detail)
    except yaml.YAMLError as exc:
        log.add(path, None, "yaml.syntax", detail=str(exc))
    else:
        refused = _refused_node(node) if node is not None else None
        continued = _continued_item(node, text) if node is not None else None
        if refused is None and continued is None:
            return node
        if refused is not None:
            line, code, tag = refused
            log.add(path, line + 1 + line_offset, code, tag=tag)
        else:
            assert continued is not None
            log.add(
                path,
                continued[0] + 1 + line_offset,
                "yaml.item_continues",
                value=continued[1][:100],
            )
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
