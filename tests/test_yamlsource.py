"""YAML read as writers write it: each mistake named at the line to fix (where a quote or a
bracket was opened, not where the file ended), values kept as typed until a field says what
it wants, and nothing in a writer's YAML able to ask for an object. Read here on the reader
itself; tests/test_bad_input.py shows the same mistakes through a whole build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kimsite.model.problems import ProblemLog
from kimsite.source import yaml_text
from kimsite.source.yaml_fields import Fields
from kimsite.source.yaml_text import MAX_DEPTH, YamlUnreadable, parse_yaml, split_front_matter

PATH = Path("content/desa/kim.yaml")


def _said(log: ProblemLog) -> list[tuple[int | None, str, dict[str, Any]]]:
    return [(p.line, p.code, dict(p.params)) for p in log]


def _refusal(text: str, offset: int = 0) -> list[tuple[int | None, str, dict[str, Any]]]:
    """What parse_yaml said of a text it refused, every problem at PATH."""
    log = ProblemLog()
    with pytest.raises(YamlUnreadable):
        parse_yaml(text, PATH, log, offset)
    assert [p.path for p in log] == [str(PATH)] * len(list(log))
    return _said(log)


def _refused(text: str, offset: int = 0) -> list[tuple[int | None, str]]:
    return [(line, code) for line, code, _ in _refusal(text, offset)]


@pytest.mark.parametrize(
    ("text", "line", "code"),
    [
        ("nama: KIM\n\tdesa: x\n", 2, "yaml.tab"),
        ("- a\nb: 1\n", 2, "yaml.syntax"),
        ("misi: [satu,\tdua\n", 1, "yaml.unclosed_bracket"),  # a tab, but not the mistake
        ("nama: KIM\nmisi: [satu, dua\ndesa: x\nkode: 1\n", 2, "yaml.unclosed_bracket"),
        ("nama: KIM\nkontak: {telepon: 1\ndesa: x\n", 2, "yaml.unclosed_brace"),
        # Cut off by the end of the text: libyaml marks the line after the last one; the
        # line to fix is where the innermost open bracket began, as libyaml's own message
        # names it (quotes, comments, closed pairs and apostrophes in words do not count).
        ("nama: KIM\nmisi: [satu,\n  [dua,\n\n", 3, "yaml.unclosed_bracket"),
        ("nama: KIM\nsk: {nomor: '1 }', tanggal: x,  # }\n", 2, "yaml.unclosed_brace"),
        ('sk: {nomor: 1}\nhari:\n  Jum\'at: [{jam: pagi}, "sore]",', 3, "yaml.unclosed_bracket"),
        ("misi: [satu,\n%\n", 1, "yaml.unclosed_bracket"),
        # Cut off after a comma (libyaml says only "expected node content" at the end), so
        # kimsite's own scan finds the bracket. What it must not count: a bracket in a
        # closed quote, or in a quote at the start of a line, or in a comment that starts a
        # line or follows a space (not one glued to a word); a capital X (a plain letter);
        # an apostrophe in a word.
        ('misi: ["a", [\n  b],\n', 1, "yaml.unclosed_bracket"),
        ('[satu,\n"]dua", # ya\n', 1, "yaml.unclosed_bracket"),
        ("misi: [satu, dua,\n# [\n", 1, "yaml.unclosed_bracket"),
        ("nama: KIM\nsk: {nomor: 1, #}\n", 2, "yaml.unclosed_brace"),
        ("misi: [Xaverius, [\n  b],\n", 1, "yaml.unclosed_bracket"),
        ("foto: [HDX'2, [\n  b],\n", 1, "yaml.unclosed_bracket"),
        ('misi: [satu, "dua\n', 1, "yaml.unclosed_quote"),  # the quote, not the bracket
        ("misi: [\n  - satu\n", 2, "yaml.syntax"),  # not at the end: the `-` is the mistake
        ("misi: [satu,\n  dua, @\n", 2, "yaml.syntax"),  # the last character is the mistake
        ("nama: KIM\njudul: Rapat: hasil\n", 2, "yaml.colon"),
        ('nama: KIM\njudul: "Rapat desa\n\ndesa: x\n', 2, "yaml.unclosed_quote"),
        ("a:\n  b: 1\n c: 2\n", 3, "yaml.indent"),
        # Glued too, but the indent is the mistake: `c: 2` there would fail as well.
        ("a:\n  b: 1\n c:2\n", 3, "yaml.indent"),
        ("nama: *tidak_ada\n", 1, "yaml.alias"),
        ("nama: KIM\nkategori:berita\ndesa: x\n", 2, "yaml.colon_space"),
        ("nama: KIM\ndesa\n\n\nkode: 1\n", 2, "yaml.no_colon"),  # the line without it
        ("nama: !!python/object:os.system x\n", 1, "yaml.tag_refused"),
        ("nama: !rahasia x\n", 1, "yaml.tag_refused"),
        ("a: &x [1]\nb: 2\nc: *x\n", 3, "yaml.alias_refused"),
        ("- &x [1]\n- *x\n", 1, "yaml.alias_refused"),
        # The root mapping is one level: 1 + MAX_DEPTH brackets. The comment's dashes make
        # the text worth scanning (fewer nesting characters cannot nest deep enough).
        (
            "nama: KIM\n" + "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n# " + "-" * 200 + "\n",
            2,
            "yaml.too_deep",
        ),
    ],
    ids=[
        "tab",
        "syntax",
        "bracket and tab",
        "bracket",
        "brace",
        "bracket at end",
        "brace at end",
        "closed pair at end",
        "directive at end",
        "closed quote",
        "quote at line start",
        "comment at line start",
        "comment after space",
        "capital X",
        "apostrophe after X",
        "quote in bracket",
        "block in flow",
        "bad last character",
        "colon",
        "quote",
        "indent",
        "indent and glued",
        "alias",
        "glued",
        "no colon",
        "python tag",
        "own tag",
        "alias reused",
        "alias in list",
        "too deep",
    ],
)
def test_a_yaml_mistake_is_named_at_the_line_to_fix(text: str, line: int, code: str) -> None:
    assert _refused(text) == [(line, code)]
    # In a front matter the YAML starts on the file's second line: the line moves with it.
    assert _refused(text, 1) == [(line + 1, code)]


def test_a_mistake_libyaml_finds_past_the_last_line_is_still_reported() -> None:
    """libyaml may stop at the end of the text where no open bracket explains it (found by
    generating short texts): the tab check must not read a line that is not there, and
    the line named is the last one the writer has, not the one after it."""
    assert _refused("{?# }?]") == [(1, "yaml.syntax")]
    assert _refused("x:\n  - {?# }?]") == [(2, "yaml.syntax")]


def test_the_message_carries_what_the_writer_needs() -> None:
    assert _refusal("judul: Rapat: hasil\n") == [
        (1, "yaml.colon", {"detail": "mapping values are not allowed in this context"})
    ]
    [(line, code, params)] = _refusal("a: [1\n")
    assert (line, code) == (1, "yaml.unclosed_bracket")
    assert params["detail"].endswith("while parsing a flow sequence"), params
    assert _refusal("judul: x\nkategori:berita desa\n") == [
        (2, "yaml.colon_space", {"key": "kategori", "value": "berita desa"})
    ]
    assert _refusal("judul: x\nkategori:berita\n\n\n\nlain: y\n", 1) == [
        (3, "yaml.colon_space", {"key": "kategori", "value": "berita"})
    ]
    [(line, code, params)] = _refusal("a: \x00b\n")
    assert (line, code) == (None, "yaml.syntax") and "#x0000" in params["detail"], params
    assert _refusal("a: !!python/name:os.system x\n") == [
        (1, "yaml.tag_refused", {"tag": "tag:yaml.org,2002:python/name:os.system"})
    ]
    assert _refusal("x: " + "[" * 60 + "]" * 60 + "\n" + "-" * 200 + "\n") == [
        (1, "yaml.too_deep", {"depth": MAX_DEPTH})
    ]


def test_what_is_not_a_mistake_reads() -> None:
    log = ProblemLog()
    assert parse_yaml("", PATH, log) is None
    assert parse_yaml("# hanya komentar\n", PATH, log) is None
    node = parse_yaml("url: https://desa.id/a:b\nwaktu: 2026-05-01 08:00\n", PATH, log)
    assert isinstance(node, yaml.MappingNode) and not list(log)
    # Deep but within the limit, and many dashes that nest nothing (a Markdown rule).
    fine = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\nb: '" + "-" * 300 + "'\n"
    assert parse_yaml(fine, PATH, log) is not None and not list(log)
    # A hundred thousand levels on one line (libyaml's composer crashed the process on it):
    # PyYAML's scanner refuses it before the count does; the writer reads the same message.
    assert _refused("nama: KIM\na: " + "[" * 100_000 + "\n") == [(2, "yaml.too_deep")]
    assert _refused("a:\n" + "  - " * 1 + "{b: " * 60_000 + "\n") == [(2, "yaml.too_deep")]
    # Many lists side by side are not deep: the scan counts what closes, too.
    siblings = "".join(f"k{i}: [a, [b, {{c: d}}]]\n" for i in range(120))
    assert parse_yaml(siblings, PATH, log) is not None and not list(log)
    # Deep after a closed sibling: the levels still open count, not the ones that closed.
    after = "a:\n- [x]\n- " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n# " + "-" * 200
    assert _refused(after) == [(3, "yaml.too_deep")]
    # A line that is only a URL has no key glued to a value: its colon is not the mistake.
    with pytest.raises(YamlUnreadable):
        parse_yaml("nama: A\nhttps://desa.id\ndesa: x\n", PATH, log)
    assert [(p.line, p.code) for p in log] == [(2, "yaml.no_colon")]


def test_front_matter_is_split_or_its_absence_named() -> None:
    log = ProblemLog()
    fm = split_front_matter("---\njudul: A\ntanggal: 2026-05-01\n---\nIsi\n\nlagi\n", PATH, log)
    assert fm is not None and not list(log)
    assert (fm.yaml_text, fm.yaml_line, fm.body, fm.body_line) == (
        "judul: A\ntanggal: 2026-05-01\n",
        2,
        "Isi\n\nlagi\n",
        5,
    )
    dots = split_front_matter("---\njudul: A\n...\nIsi\n", PATH, log)
    assert dots is not None and dots.body == "Isi\n" and dots.body_line == 4
    empty = split_front_matter("---\n---\n", PATH, log)
    assert empty is not None and (empty.yaml_text, empty.body, empty.body_line) == ("", "", 3)
    for text, line, code in (
        ("", 1, "frontmatter.missing"),
        ("judul: A\n", 1, "frontmatter.missing"),
        ("\n\n---\njudul: A\n---\n", 3, "frontmatter.leading_blank"),
        ("---\njudul: A\nIsi tanpa penutup\n", 1, "frontmatter.unclosed"),
        ("---\n", 1, "frontmatter.unclosed"),
    ):
        log = ProblemLog()
        assert split_front_matter(text, PATH, log) is None
        assert [(p.line, p.code) for p in log] == [(line, code)], text


def _fields(text: str, offset: int = 0, **kwargs: Any) -> tuple[Fields, ProblemLog]:
    log = ProblemLog()
    fields = Fields.open(parse_yaml(text, PATH, log), PATH, log, offset, "profil", **kwargs)
    assert fields is not None
    return fields, log


@pytest.mark.parametrize("loader", ["libyaml", "python"])
def test_values_are_read_as_the_field_wants_them(
    loader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same with libyaml (PyYAML's usual parser) and without it (a PyYAML built
    without libyaml): their nodes differ in small ways (a plain scalar's style)."""
    if loader == "python":
        monkeypatch.setattr(yaml_text, "_LOADER", yaml.SafeLoader)
    else:
        assert yaml_text._LOADER is yaml.CSafeLoader
    fields, log = _fields(
        "telepon: 08123\nkode: 52.71\naktif: Ya\ntutup: tidak\nharga: 1_500\nluas: 12.5\n"
        "pengurus: [Ani, '', Budi]\nsatu: Ani\nkosong: ~\nkutip: ''\nada: x\n"
    )
    assert fields.text("telepon") == "08123"  # a phone number stays a phone number
    assert fields.text("kode") == "52.71"
    assert fields.boolean("aktif") is True and fields.boolean("tutup") is False
    assert fields.boolean("tidak_ada", default=True) is True
    assert fields.integer("harga") == 1500 and fields.number("luas") == 12.5
    assert fields.text_list("pengurus") == ("Ani", "Budi") and fields.text_list("satu") == ("Ani",)
    assert fields.text_list("tidak_ada") == () and fields.text_list("kosong") == ()
    assert fields.text("kosong") is None and fields.text("kutip") is None
    assert not fields.has("kosong") and fields.has("kutip") and fields.has("ada")
    assert not fields.has("tidak_ada")
    fields.finish()
    assert not list(log)
    assert [fields.boolean(k) for k in ("a", "b")] == [False, False]
    words, said = _fields("a: TRUE\nb: yes\nc: No\nd: FALSE\ne: YA\nf: Tidak\ng: false\nh: no\n")
    assert [words.boolean(k, default=True) for k in "abcdefgh"] == [
        True,
        True,
        False,
        False,
        True,
        False,
        False,
        False,
    ]
    assert not list(said)  # each read as written, none a mistake
    assert fields.text_list("kutip") == ()  # quoted empty: text, but nothing in it
    assert fields.line("tidak_ada") == 1
    late, _ = _fields("nama: A\njudul:\n  Rapat warga\n  di balai desa\n", offset=1)
    assert late.text("judul") == "Rapat warga di balai desa" and late.line("judul") == 3


def test_a_wrong_value_is_named_at_its_key_with_what_was_written() -> None:
    fields, log = _fields(
        "nama: KIM\naktif: mungkin\nharga: 15.000\nluas: banyak\ntak_hingga: .inf\n"
        'besar: 1234567890123456\njudul: [a, b]\npengurus: {a: 1}\ndaftar:\n  - [a]\n  - "x\\x01"\n'
        'deskripsi: "a\\x07b"\n',
        offset=1,
    )
    assert fields.boolean("aktif", default=True) is True
    assert fields.integer("harga") is None and fields.number("luas") is None
    assert fields.number("tak_hingga") is None and fields.integer("besar") is None
    assert fields.text("judul") is None and fields.text_list("pengurus") == ()
    assert fields.text_list("daftar") == () and fields.text("deskripsi") is None
    assert fields.text("wajib", required=True) is None
    assert _said(log) == [
        (3, "field.type_bool", {"key": "aktif", "value": "mungkin"}),
        (4, "field.type_int", {"key": "harga", "value": "15.000"}),
        (5, "field.type_number", {"key": "luas", "value": "banyak"}),
        (6, "field.type_number", {"key": "tak_hingga", "value": ".inf"}),
        (7, "field.type_int", {"key": "besar", "value": "1234567890123456"}),
        (8, "field.type_text", {"key": "judul"}),
        (9, "field.type_list", {"key": "pengurus"}),
        (11, "field.type_list_item", {"key": "daftar"}),
        (12, "field.control_char", {"key": "daftar"}),
        (13, "field.control_char", {"key": "deskripsi"}),
        (2, "field.required", {"key": "wajib"}),
    ]


def test_nested_mappings_name_their_keys_in_full() -> None:
    fields, log = _fields(
        "kontak:\n  telepon: 0812\n  surel: [a]\npotensi:\n  - nama: Pantai\n    harga: x\n"
        "  - Pantai\n  - nama: ''\nalamat: Jalan\nsk: ~\n",
        offset=1,  # as in a front matter
    )
    kontak = fields.mapping("kontak")
    assert kontak is not None and kontak.text("telepon") == "0812" and kontak.line("telepon") == 3
    assert kontak.text("surel") is None
    items = list(fields.mapping_list("potensi"))
    assert [item.text("nama", required=True) for item in items] == ["Pantai", None]
    assert items[0].integer("harga") is None
    assert fields.mapping("alamat") is None and list(fields.mapping_list("alamat")) == []
    assert fields.mapping("sk", required=True) is None
    assert list(fields.mapping_list("tidak_ada")) == [] and fields.mapping("tidak_ada") is None
    assert _said(log) == [
        (4, "field.type_text", {"key": "kontak.surel"}),
        (8, "field.type_mapping_item", {"key": "potensi", "index": 2}),
        (9, "field.required", {"key": "potensi[3].nama"}),
        (7, "field.type_int", {"key": "potensi[1].harga", "value": "x"}),
        (10, "field.type_mapping", {"key": "alamat"}),
        (10, "field.type_mapping_list", {"key": "alamat"}),
        (11, "field.required", {"key": "sk"}),
    ]


def test_duplicate_and_unknown_keys_are_named_with_a_hint() -> None:
    fields, log = _fields("nama: A\ndesa: B\nnama: C\nalmat: Jalan\nzzz: 1\n", offset=1)
    assert fields.text("nama") == "A"  # the first one, as written first; the second is named
    fields.text("desa")
    fields.text("alamat")
    fields.finish()
    assert _said(log) == [
        (4, "field.duplicate", {"key": "nama", "first_line": 2}),
        (5, "field.unknown_hint", {"key": "almat", "hint": "alamat"}),
        (6, "field.unknown", {"key": "zzz", "known": "alamat, desa, nama"}),
    ]
    assert fields.line("nama") == 2 and fields.line("tidak_ada") == 2 and fields.line() == 2
    # The first one's line is its key's, wherever its value begins; a key that is not text
    # (a list used as a key) is named as "?".
    odd, said = _fields("? [a, b]\n: 1\nnama:\n  A\nnama: B\n")
    odd.text("nama")
    odd.finish()
    assert _said(said) == [
        (5, "field.duplicate", {"key": "nama", "first_line": 3}),
        (1, "field.unknown", {"key": "?", "known": "nama"}),
    ]
    kims, _ = _fields("desa-a: x\ndesa-b: y\n")
    assert list(kims.entries()) == ["desa-a", "desa-b"]
    kims.finish()  # keys that are data are all known once read


def test_what_cannot_be_a_mapping_is_named() -> None:
    for text, line, code in (
        ("", 1, "yaml.empty"),
        ("~\n", 1, "yaml.empty"),
        ("\n\n~\n", 3, "yaml.empty"),
        ("\n\n- a\n", 3, "yaml.not_mapping"),
        ("teks saja\n", 1, "yaml.not_mapping"),
    ):
        log = ProblemLog()
        assert Fields.open(parse_yaml(text, PATH, log), PATH, log, 0, "profil") is None
        assert _said(log) == [(line, code, {"what": "profil"})], text


def test_a_schema_keeps_the_loader_and_the_contract_equal() -> None:
    fields, _ = _fields(
        "nama: A\nkontak:\n  telepon: 1\n", schema={"nama": None, "kontak": {"telepon": None}}
    )
    with pytest.raises(KeyError, match="alamat is not in the content contract"):
        fields.text("alamat")
    fields.text("nama")
    with pytest.raises(KeyError, match=r"never read \{kontak\}"):
        fields.finish()
    two, _ = _fields("a: 1\n", schema={"a": None, "b": None, "c": None})
    with pytest.raises(KeyError, match=r"never read \{a, b, c\}"):
        two.finish()
    kontak = fields.mapping("kontak")
    assert kontak is not None
    with pytest.raises(KeyError, match=r"kontak\.surel is not in"):
        kontak.text("surel")
    kontak.text("telepon")
    kontak.finish()
    fields.finish()
    listed, _ = _fields("potensi:\n  - nama: Pantai\n", schema={"potensi": {"nama": None}})
    [item] = list(listed.mapping_list("potensi"))
    assert item.text("nama") == "Pantai"
    with pytest.raises(KeyError, match=r"potensi\[1\]\.harga is not in"):
        item.integer("harga")
