"""kimsite.render.markdown_patch: Markdown's bracket matcher replaced by an equal, faster one."""

from __future__ import annotations

import random

import pytest
from markdown.inlinepatterns import LinkInlineProcessor

from kimsite.render import markdown_patch
from kimsite.render.markdown_patch import ORIGINAL, bracket_ends


def _texts() -> list[str]:
    rng = random.Random(29)
    texts = ["", "[", "]", "[]", "][", "[[]", "[]]", "a[b]c", "[a[b]c]d]e[", "![x](y) [z]"]
    for _ in range(3000):
        alphabet = rng.choice(["[]", "[]a", "[] ab(", "[[]]x!\\"])
        texts.append("".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60))))
    return texts


def test_the_same_answer_as_markdown_s_own() -> None:
    assert isinstance(ORIGINAL, staticmethod), "Markdown changed: see markdown_patch.install"
    own = ORIGINAL.__func__
    for text in _texts():
        assert bracket_ends(text) == own(text), text


def test_installed_and_the_same_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The renderer uses it, and a body full of links, images and stray brackets renders
    to the same HTML with Markdown's own matcher."""
    import markdown

    import kimsite.render.markup  # noqa: F401  (installs it)

    assert LinkInlineProcessor._findBracketEnds is bracket_ends
    body = (
        'Lihat [situs [kabupaten]](https://example.org/) dan ![foto](a.jpg "x").\n\n'
        "[tidak ditutup [a](b) ]] [ref][1] [[ganda]](c)\n\n[1]: https://example.org/r\n"
    ) * 3
    fast = markdown.markdown(body)
    monkeypatch.setattr(LinkInlineProcessor, "_findBracketEnds", ORIGINAL)
    assert markdown.markdown(body) == fast
    assert markdown_patch.install() and LinkInlineProcessor._findBracketEnds is bracket_ends


def test_a_markdown_without_the_method_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Markdown release that no longer has `_findBracketEnds` keeps its own code."""
    monkeypatch.setattr(markdown_patch, "ORIGINAL", None)
    monkeypatch.setattr(LinkInlineProcessor, "_findBracketEnds", ORIGINAL)
    assert markdown_patch.install() is False
    assert LinkInlineProcessor.__dict__["_findBracketEnds"] is ORIGINAL
