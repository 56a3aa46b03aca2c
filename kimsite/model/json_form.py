"""The KIM model as plain JSON data, and back, checked field by field.

A template-only rebuild reuses the KIM as the last build loaded it (reading and parsing
every article again is a quarter of that rebuild). The copy lives in the cache, and a
cache may come from anywhere CI restores it from, so it is data, never code: no pickle.
Decoding builds only the model's own frozen dataclasses from the types their annotations
name, refuses anything else, and refuses any path outside the KIM's folder, so a planted
or damaged file is simply no model.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kimsite.model.content import Kim


class NotAModel(ValueError):
    """The data does not describe a model of the expected shape."""


def encode(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, datetime):
        zone = obj.tzinfo.key if isinstance(obj.tzinfo, ZoneInfo) else None
        return [obj.isoformat(), zone]
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, tuple | list):
        return [encode(item) for item in obj]
    if obj is None or isinstance(obj, str | int | float | bool):
        return obj
    raise TypeError(f"cannot encode {type(obj).__name__}")


def decode_kim(data: Any, folder: Path) -> Kim:
    """The KIM in `data`, whose every path lies inside `folder`; raises NotAModel."""
    kim = _decode(Kim, data, folder)
    if not isinstance(kim, Kim) or kim.folder != folder:
        raise NotAModel("another folder")
    return kim


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(kind: Any, data: Any, root: Path) -> Any:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if data is None and type(None) in options:
            return None
        for option in options:
            if option is not type(None):
                return _decode(option, data, root)
    if origin is tuple:
        if not isinstance(data, list):
            raise NotAModel("expected a list")
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item, root) for item in data)
        if len(args) != len(data):
            raise NotAModel("wrong length")
        return tuple(_decode(a, item, root) for a, item in zip(args, data, strict=True))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(data, dict):
            raise NotAModel("expected an object")
        hints = _hints(kind)
        names = {f.name for f in dataclasses.fields(kind)}
        if set(data) != names:
            raise NotAModel(f"fields of {kind.__name__}")
        return kind(**{name: _decode(hints[name], data[name], root) for name in names})
    return _scalar(kind, data, root)


def _scalar(kind: Any, data: Any, root: Path) -> Any:
    if kind is Path:
        if not isinstance(data, str):
            raise NotAModel("path")
        path = Path(data)
        if not path.is_absolute() or ".." in path.parts or not path.is_relative_to(root):
            raise NotAModel("a path outside the KIM folder")
        return path
    if kind is datetime:
        if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], str)):
            raise NotAModel("datetime")
        at = datetime.fromisoformat(data[0])
        if data[1] is not None:
            if not isinstance(data[1], str):
                raise NotAModel("zone")
            at = at.replace(tzinfo=None).replace(tzinfo=ZoneInfo(data[1]))
        if at.tzinfo is None:
            raise NotAModel("naive datetime")
        return at
    if kind is date:
        if not isinstance(data, str):
            raise NotAModel("date")
        return date.fromisoformat(data)
    if kind is float and type(data) in (int, float):
        return float(data)
    if kind in (str, int, bool) and type(data) is kind:
        return data
    raise NotAModel(f"expected {getattr(kind, '__name__', kind)}")
