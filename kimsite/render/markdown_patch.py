"""A faster, equal bracket matcher for Python-Markdown's link and image patterns.

Python-Markdown 3.10+ finds, for a paragraph holding `[`, the closing bracket of every
position at once (`LinkInlineProcessor._findBracketEnds`), which fixed a quadratic case but
walks the paragraph one character at a time in Python: a fifth of all Markdown time on a
province's village news (two links per article, 0.3 ms per paragraph). `bracket_ends`
returns the same list touching only the brackets, and filling the positions between them
with slice assignments.

Markdown stays the engine: the answer is the same list for every text
(`tests/test_units.py` compares the two on generated texts), and when a Markdown release
no longer has the method this patch does nothing.
"""

from __future__ import annotations

import re

from markdown.inlinepatterns import LinkInlineProcessor

_BRACKET = re.compile(r"[\[\]]")
# Markdown's own, kept for the test that compares the two.
ORIGINAL = LinkInlineProcessor.__dict__.get("_findBracketEnds")


def bracket_ends(data: str) -> list[int | None]:
    """For each index of `data` (and one past its end), the index just past the `]` that
    closes a bracket opened before it, or None: Markdown's own contract.

    Positions between two brackets share a depth, so they are pushed, and popped, as one
    run: a run closes at the first position whose depth is below its own.
    """
    ends: list[int | None] = [None] * (len(data) + 1)
    runs: list[tuple[int, int, int]] = []  # (first position, one past the last, depth)
    depth = 0
    start = 0
    for match in _BRACKET.finditer(data):
        pos = match.start()
        runs.append((start, pos + 1, depth))
        depth += 1 if data[pos] == "[" else -1
        start = pos + 1
        while runs and depth < runs[-1][2]:
            first, stop, _depth = runs.pop()
            ends[first:stop] = [start] * (stop - first)
    return ends


def install() -> bool:
    """Use `bracket_ends` in Markdown's link and image patterns, when Markdown has the
    method it replaces; whether it did."""
    if not isinstance(ORIGINAL, staticmethod):
        return False
    setattr(LinkInlineProcessor, "_findBracketEnds", staticmethod(bracket_ends))  # noqa: B010
    return True


__all__ = ["ORIGINAL", "bracket_ends", "install"]
