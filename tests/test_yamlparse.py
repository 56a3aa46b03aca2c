"""kimsite.source.yaml_text: a writer's YAML is read as written, or refused at a line.

Property: front matter generated as a writer types it (keys, a tag list, with the slips a
writer makes: one space too many before a key or a list item) either reads back exactly as
meant, or is refused with a problem naming a line of the text. Never a third outcome: a
value read differently from what was typed, with nothing said.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kimsite.model.problems import ProblemLog
from kimsite.source.yaml_text import YamlUnreadable, parse_yaml

WORDS = st.sampled_from(["pertanian", "apel", "panen raya", "desa", "kerja bakti", "pasar"])
KEYS = ("judul", "ringkasan", "kategori")


@st.composite
def front_matter(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    """(text, what the writer meant): each line may get stray spaces at its start."""
    meant: dict[str, object] = {}
    lines = []
    for key in KEYS:
        value = draw(WORDS)
        meant[key] = value
        lines.append(" " * draw(st.sampled_from([0, 0, 0, 1, 2])) + f"{key}: {value}")
    tags = draw(st.lists(WORDS, min_size=1, max_size=4))
    meant["tag"] = tags
    lines.append("tag:")
    base = draw(st.sampled_from([0, 2]))
    for tag in tags:
        lines.append(" " * (base + draw(st.sampled_from([0, 0, 0, 1, 2]))) + f"- {tag}")
    return "\n".join(lines) + "\n", meant


@settings(max_examples=400, deadline=None)
@given(front_matter())
def test_read_as_written_or_refused_at_a_line(case: tuple[str, dict[str, object]]) -> None:
    import yaml

    text, meant = case
    log = ProblemLog()
    try:
        node = parse_yaml(text, Path("a.md"), log, line_offset=1)
    except YamlUnreadable:
        assert [p for p in log if p.line is not None and 2 <= p.line <= text.count("\n") + 1]
        return
    assert not list(log)
    read = yaml.safe_load(text)
    assert node is not None and read == meant, (text, read)
