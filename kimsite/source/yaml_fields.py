"""YAML as nodes that remember their line, and typed reading of those nodes.

PyYAML's `safe_load` turns `no` into False, `52.71` into a float, `0812…` into a number
and forgets where everything was. kimsite instead composes the node tree (`yaml_text`,
which also says where a broken text is broken) and reads each
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

from kimsite.model.problems import ProblemLog

# `~`, `null` or nothing, written plain: the resolver tags them so (a quoted "null" is text).
_NULL_TAG = "tag:yaml.org,2002:null"

# C0 controls but tab, newline and carriage return, DEL, and the C1 block: XML 1.0 and
# HTML forbid or discourage them, and one in a title would break every feed it reaches.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


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
