"""The build cache on its own: what it stores reads back as it was, what it cannot trust
reads as absent (never as an error, never as somebody else's), and what tells the next
build "nothing changed" changes whenever a file does. The builds that rest on it are tested
in test_incremental.py; these are the promises each of them counts on."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from kimsite.build.cache import (
    RACY_SECONDS,
    BuildState,
    Cache,
    IndexState,
    KimState,
    SiteDetail,
    entry_hash,
    inputs_fingerprint,
    racy_hashes,
    read_json,
    same_inputs,
    scan,
    write_json,
)
from kimsite.model.problems import Problem, Severity, problem_from_json, problem_to_json
from kimsite.output.atomic import TEMP_PREFIX
from kimsite.output.digest import bytes_digest, file_hash
from kimsite.render.markup import RenderedBody, body_from_json, body_to_json


def test_json_reads_back_what_was_written_and_nothing_it_cannot_trust(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b.json"
    odd = "berkas-\udcff.md"  # a file name that is not UTF-8 (kept by surrogateescape)
    write_json(path, {"z": 1, "a": [odd, None, 2.5]})
    assert read_json(path) == {"z": 1, "a": [odd, None, 2.5]}
    assert path.read_bytes().isascii()
    assert [p.name for p in path.parent.iterdir()] == ["b.json"]  # no temporary left behind
    other = tmp_path / "c.json"
    write_json(other, {"a": [odd, None, 2.5], "z": 1})
    assert other.read_bytes() == path.read_bytes()  # the same data, the same bytes

    stamp = json.loads(path.read_bytes())["cache"]
    cases = {
        "missing": None,
        "not json": b'{"cache": ',
        "another version": json.dumps({"cache": stamp + "x", "data": 1}).encode(),
        "no stamp": json.dumps({"data": 1}).encode(),
        "not an object": json.dumps([stamp, 1]).encode(),
        "too deep": b"[" * 100_000 + b"]" * 100_000,
        "not utf-8": b"\xff\xfe{",
    }
    for name, content in cases.items():
        bad = tmp_path / f"{name}.json"
        if content is not None:
            bad.write_bytes(content)
        assert read_json(bad) is None, name
    (tmp_path / "folder.json").mkdir()
    assert read_json(tmp_path / "folder.json") is None


def test_a_file_hash_is_the_hash_of_its_bytes_however_long(tmp_path: Path) -> None:
    data = os.urandom(3 * (1 << 20) + 17)  # past the read size, not a multiple of it
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    expected = hashlib.blake2b(data, digest_size=16).hexdigest()
    assert file_hash(path) == bytes_digest(data) == expected
    path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    assert file_hash(path) != expected
    (tmp_path / "empty").write_bytes(b"")
    assert file_hash(tmp_path / "empty") == bytes_digest(b"")


def test_an_entry_is_hashed_without_following_links(tmp_path: Path) -> None:
    (tmp_path / "file.md").write_text("isi", encoding="utf-8")
    assert entry_hash(tmp_path / "file.md") == bytes_digest(b"isi")
    link = tmp_path / "link.md"
    link.symlink_to("/etc/passwd")
    assert entry_hash(link) == "link:" + bytes_digest(b"/etc/passwd")
    link.unlink()
    link.symlink_to("file.md")  # another target, even one with the same bytes: another hash
    assert entry_hash(link) == "link:" + bytes_digest(b"file.md")
    dangling = tmp_path / "nowhere.md"
    dangling.symlink_to("tidak-ada")
    assert entry_hash(dangling) == "link:" + bytes_digest(b"tidak-ada")
    (tmp_path / "folder").mkdir()
    assert entry_hash(tmp_path / "folder") == "unreadable:21"  # EISDIR, not an exception
    assert entry_hash(tmp_path / "gone.md") == "unreadable:2"


def test_a_scan_lists_every_file_below_by_size_and_time(tmp_path: Path) -> None:
    kim = tmp_path / "kim"
    (kim / "artikel" / "2026").mkdir(parents=True)
    (kim / "kim.yaml").write_text("nama: KIM\n", encoding="utf-8")
    (kim / "artikel" / "2026" / "a.md").write_text("isi panjang", encoding="utf-8")
    (kim / "media").symlink_to(tmp_path)  # a link to a folder is an entry, never entered
    (kim / "kosong").mkdir()
    os.utime(kim / "kim.yaml", ns=(1, 1_700_000_000_123_456_789))
    found = scan(kim)
    assert sorted(found) == ["artikel/2026/a.md", "kim.yaml", "media"]
    assert found["kim.yaml"] == (10, 1_700_000_000_123_456_789)
    assert found["artikel/2026/a.md"][0] == 11
    link = os.lstat(kim / "media")
    assert found["media"] == (link.st_size, link.st_mtime_ns)
    assert scan(tmp_path / "tidak-ada") == {}
    assert scan(kim / "kim.yaml") == {}


def _too_deep_to_open(top: Path) -> None:
    """Folders nested past PATH_MAX (4096 bytes): made one by one relative to the last,
    they exist, but none below the limit can be opened by its path (ENAMETOOLONG). As root,
    no permission can make a folder unreadable; this can."""
    fd = os.open(top, os.O_RDONLY)
    for level in range(17):
        name = f"d{level:02d}" + "x" * 250
        os.mkdir(name, dir_fd=fd)
        deeper = os.open(name, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = deeper
    os.close(fd)


def test_a_folder_that_cannot_be_listed_does_not_end_the_scan(tmp_path: Path) -> None:
    """Whichever of the two folders the scan enters first, the other is still waiting when
    the first one's deep folder fails to open: both files are found."""
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "berkas.md").write_text("isi", encoding="utf-8")
        _too_deep_to_open(tmp_path / name)
    assert sorted(scan(tmp_path)) == ["a/berkas.md", "b/berkas.md"]


def test_the_fingerprint_changes_with_any_name_size_or_time() -> None:
    base = {"a.md": (10, 100), "b/c.md": (20, 200)}
    fp = inputs_fingerprint(base)
    assert inputs_fingerprint(dict(reversed(base.items()))) == fp
    for changed in (
        {"a.md": (10, 100), "b/d.md": (20, 200)},
        {"a.md": (11, 100), "b/c.md": (20, 200)},
        {"a.md": (10, 101), "b/c.md": (20, 200)},
        {"a.md": (10, 100)},
        {**base, "e.md": (0, 0)},
        {"a.md\t10": (100, 0), "b/c.md": (20, 200)},  # no way to run fields together
    ):
        assert inputs_fingerprint(changed) != fp, changed
    assert inputs_fingerprint({"\udcff.md": (1, 1)}) != inputs_fingerprint({"?.md": (1, 1)})


def test_files_changed_just_before_a_build_are_judged_by_content(tmp_path: Path) -> None:
    at = 1_800_000_000 * 10**9
    window = int(RACY_SECONDS * 1e9)
    times = {"old.md": at - window - 1, "edge.md": at - window, "new.md": at - 1}
    for name, mtime in times.items():
        (tmp_path / name).write_text(name, encoding="utf-8")
        os.utime(tmp_path / name, ns=(mtime, mtime))
    now = scan(tmp_path)
    racy = racy_hashes(tmp_path, now, at)
    assert racy == {"edge.md": bytes_digest(b"edge.md"), "new.md": bytes_digest(b"new.md")}

    state = KimState(inputs_fp=inputs_fingerprint(now), racy=racy)
    assert same_inputs(tmp_path, now, state)
    # Changed within the same tick: size and time as they were, only the content tells.
    (tmp_path / "new.md").write_text("NEW.md", encoding="utf-8")
    os.utime(tmp_path / "new.md", ns=(at - 1, at - 1))
    assert scan(tmp_path) == now
    assert not same_inputs(tmp_path, now, state)
    (tmp_path / "new.md").write_text("new.md", encoding="utf-8")
    assert same_inputs(
        tmp_path, scan(tmp_path), KimState(inputs_fp=inputs_fingerprint(scan(tmp_path)), racy=racy)
    )
    assert not same_inputs(tmp_path, now, KimState(inputs_fp="0" * 32, racy=racy))


def test_problems_and_rendered_bodies_read_back_as_they_were(tmp_path: Path) -> None:
    problems = [
        Problem(
            "content/a/artikel/x.md",
            12,
            "markup.link_missing",
            (("target", "y.md"), ("n", 2)),
            Severity.WARNING,
        ),
        Problem("content/a/kim.yaml", None, "profile.required", (), Severity.ERROR),
    ]
    body = RenderedBody(
        "<p>Isi</p>", 1, "Isi", problems, [("link", "y.md", "artikel/y.md"), ("image", "f.jpg", "")]
    )
    write_json(tmp_path / "r.json", body_to_json(body, "kunci"))
    data = read_json(tmp_path / "r.json")
    assert data["key"] == "kunci"
    assert body_from_json(data) == body
    assert [problem_from_json(problem_to_json(p)) for p in problems] == problems


def _state() -> BuildState:
    kim = KimState(
        inputs_fp="f" * 32,
        racy={"a.md": "1" * 32},
        config_fp="c",
        theme_chain=["pesisir", "default"],
        theme_fp="t",
        host="desa.kim.id",
        built=True,
        probes={"index.html": (10, 20, "d" * 32)},
        summary_digest="s",
        next_change_ns=99,
    )
    return BuildState(
        built_at_ns=5,
        out_dir="/keluaran",
        kims={"desa": kim, "bumi": KimState()},
        index=IndexState(
            "f", ["default"], "kim.ntbprov.go.id", True, {"index.html": (1, 2, "e" * 32)}
        ),
        themes={"default": {"templates/base.html": (1, 2)}},
    )


def test_the_build_state_reads_back_for_the_same_output_folder_only(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    assert cache.load_state(Path("/keluaran")) == BuildState(out_dir="/keluaran")
    cache.save_state(_state())
    assert cache.load_state(Path("/keluaran")) == _state()
    assert cache.load_state(Path("/lain")) == BuildState(out_dir="/lain")
    saved = json.loads((tmp_path / "cache" / "state.json").read_bytes())
    assert list(saved["data"]["kims"]) == ["bumi", "desa"]  # sorted: the same state, same bytes
    for field, broken in (
        ("kims", []),
        ("index", {"built": True}),
        ("themes", {"d": {"x": 1}}),
        ("built_at_ns", None),
    ):
        data = json.loads(json.dumps(saved))
        if broken is None:
            del data["data"][field]
        else:
            data["data"][field] = broken
        (tmp_path / "cache" / "state.json").write_text(json.dumps(data), encoding="utf-8")
        assert cache.load_state(Path("/keluaran")) == BuildState(out_dir="/keluaran"), field


def test_details_renders_and_models_read_back_or_read_as_absent(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    detail = SiteDetail(
        outputs={"index.html": (1, 2, "x")},
        templates={"article": ["a.html"]},
        templates_key="k",
        search_key="s",
    )
    desa = cache.kim_site("desa")
    desa.save_detail(detail)
    cache.index_site().save_detail(SiteDetail(templates_key="indeks"))
    assert desa.load_detail() == detail
    assert cache.index_site().load_detail() == SiteDetail(templates_key="indeks")
    assert (tmp_path / "kims" / "desa.json").is_file() and (tmp_path / "index.json").is_file()
    assert cache.kim_site("bumi").load_detail() is None
    older = read_json(tmp_path / "kims" / "desa.json")
    del older["search_key"]  # written before search existed: an empty key, not a failure
    write_json(tmp_path / "kims" / "desa.json", older)
    assert desa.load_detail() == SiteDetail(detail.outputs, detail.templates, "k", "")
    write_json(
        tmp_path / "kims" / "desa.json",
        {"outputs": {"a": [1]}, "templates": {}, "templates_key": ""},
    )
    assert desa.load_detail() is None

    cache.save_renders("desa", {"artikel/a.md": {"key": "k"}})
    assert cache.load_renders("desa") == {"artikel/a.md": {"key": "k"}}
    write_json(tmp_path / "renders" / "desa.json", ["bukan", "peta"])
    assert cache.load_renders("desa") == {} and cache.load_renders("bumi") == {}

    assert cache.load_model("desa", tmp_path) is None
    write_json(tmp_path / "models" / "desa.json", {"slug": "desa"})
    assert cache.load_model("desa", tmp_path) is None


def test_forgetting_a_kim_leaves_the_others_and_temporaries_go(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    for slug in ("desa", "bumi"):
        for path in (
            cache.summary_path(slug),
            cache.feed_path(slug),
            cache.search_path(slug),
            tmp_path / "renders" / f"{slug}.json",
            tmp_path / "kims" / f"{slug}.json",
            tmp_path / "models" / f"{slug}.json",
        ):
            write_json(path, slug)
    assert cache.summary_path("desa") == tmp_path / "summaries" / "desa.json"
    assert cache.feed_path("desa") == tmp_path / "summaries" / "desa.feed.json"
    assert cache.search_path("desa") == tmp_path / "summaries" / "desa.cari.json"
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.json"))
    cache.forget("desa")
    cache.forget("tidak-ada")
    after = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.json"))
    assert after == [p for p in before if "desa" not in p] and len(after) == 6

    folders = ["", "renders", "summaries", "kims", "models"]
    for folder in folders:
        (tmp_path / folder / f"{TEMP_PREFIX}x").write_bytes(b"setengah")
    (tmp_path / "kims" / "keep.tmp").write_bytes(b"bukan sementara")
    cache.clear_temporaries()
    assert not [p for p in tmp_path.rglob(f"{TEMP_PREFIX}*")]
    assert (tmp_path / "kims" / "keep.tmp").is_file()
    Cache(tmp_path / "belum-ada").clear_temporaries()  # no cache yet: nothing to do
    # A cache with some folders only (an older one, or one whose build stopped early):
    # a missing folder is passed over, the temporaries of the others still go.
    shutil.rmtree(tmp_path / "renders")
    (tmp_path / "models" / f"{TEMP_PREFIX}y").write_bytes(b"setengah")
    cache.clear_temporaries()
    assert not (tmp_path / "models" / f"{TEMP_PREFIX}y").exists()
