"""The writer's promises that a whole build only shows now and then: a copied file is judged
by its bytes when the cache is lost, a page kept from the last build stays as it was, a
failure while staging leaves the site and the staging folder as they were, and a build can
tell (without reading them) whether its last outputs are still on the disk as it left them.
The rest (claims, stale files, journal, planted links) is in test_units.py."""

from __future__ import annotations

import os
import threading
from pathlib import Path, PurePosixPath

import pytest

from kimsite.output.staging import STAGING
from kimsite.output.writer import JOURNAL, WriteStats, commit, forget_journal, outputs_intact
from kimsite.render.site_output import OutputConflict, Owner, SiteOutput
from tests.helpers import snapshot


def _stamp(path: Path, ns: int) -> None:
    os.utime(path, ns=(ns, ns))


def test_a_lost_cache_keeps_copies_whose_bytes_are_the_same(tmp_path: Path) -> None:
    """Without the last manifest (a fresh CI runner with the output restored, not the cache),
    a copied photo is rewritten only when its bytes differ: same size and time is trusted,
    same size but another time is read and compared."""
    photos = tmp_path / "media"
    photos.mkdir()
    for name, data in (("sama.jpg", b"jpeg-1"), ("waktu.jpg", b"jpeg-2"), ("beda.jpg", b"jpeg-3")):
        (photos / name).write_bytes(data)
    site = SiteOutput()
    for name in ("sama.jpg", "waktu.jpg", "beda.jpg"):
        site.add_copy(f"/media/{name}", photos / name, Owner(name))
    out = tmp_path / "out"
    stats, _manifest = commit(site, out)
    assert (stats.written, stats.unchanged) == (3, 0)
    _stamp(out / "media/sama.jpg", 1_000)
    _stamp(photos / "sama.jpg", 1_000)
    _stamp(out / "media/waktu.jpg", 2_000)  # same bytes, another time
    _stamp(photos / "waktu.jpg", 3_000)
    (photos / "beda.jpg").write_bytes(b"JPEG-3")  # same size, other bytes, another time
    _stamp(photos / "beda.jpg", 4_000)
    stats, manifest = commit(site, out)
    assert (stats.written, stats.unchanged) == (1, 2)
    assert (out / "media/beda.jpg").read_bytes() == b"JPEG-3"
    assert (out / "media/waktu.jpg").stat().st_mtime_ns == 2_000  # not rewritten
    assert manifest["media/waktu.jpg"] == (6, 2_000, "copy:6:3000")
    # A source that was replaced by one of another size is copied, whatever its time.
    (photos / "sama.jpg").write_bytes(b"jpeg-1 lebih besar")
    _stamp(photos / "sama.jpg", 1_000)
    stats, _ = commit(site, out)
    assert stats.written == 1 and (out / "media/sama.jpg").read_bytes() == b"jpeg-1 lebih besar"
    # A copy whose target is gone is copied again.
    (out / "media/waktu.jpg").unlink()
    stats, _ = commit(site, out)
    assert stats.written == 1 and (out / "media/waktu.jpg").read_bytes() == b"jpeg-2"


def test_kept_pages_stay_as_the_last_build_left_them(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = SiteOutput()
    first.add_text("/", "beranda", Owner("beranda"))
    for url in ("/tentang/", "/kontak/"):
        first.add_text(url, f"halaman {url}", Owner(url))
    first.add_text("/artikel/a/", "<p>Kabar desa hari ini.</p>\n" * 40, Owner("a"))
    _stats, manifest = commit(first, out, encodings=("gzip",))
    mtime = (out / "artikel/a/index.html").stat().st_mtime_ns
    again = SiteOutput()
    again.add_text("/", "beranda baru", Owner("beranda"))
    for url in ("/tentang/", "/kontak/"):
        again.add_text(url, f"halaman {url}", Owner(url))
    again.keep("/artikel/a/", Owner("a"))
    again.keep("/artikel/b/", Owner("b"))  # kept, but the last build never wrote it
    stats, new = commit(again, out, manifest, encodings=("gzip",))
    assert (stats.written, stats.unchanged, stats.removed) == (1, 3, 0)
    assert new["artikel/a/index.html"] == manifest["artikel/a/index.html"]
    assert new["artikel/a/index.html.gz"] == manifest["artikel/a/index.html.gz"]
    assert "artikel/b/index.html" not in new
    assert (out / "artikel/a/index.html").stat().st_mtime_ns == mtime
    assert again.html_paths() == [
        PurePosixPath(p)
        for p in (
            "artikel/a/index.html",
            "artikel/b/index.html",
            "index.html",
            "kontak/index.html",
            "tentang/index.html",
        )
    ]
    assert len(again) == 5
    with pytest.raises(OutputConflict):
        again.keep("/", Owner("lain"))
    with pytest.raises(OutputConflict):
        again.add_copy("/artikel/a/", tmp_path / "x", Owner("lain"))


def test_a_failure_while_staging_leaves_the_site_and_no_staged_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    site = SiteOutput()
    site.add_text("/", "lama", Owner("beranda"))
    _stats, manifest = commit(site, out)
    broken = SiteOutput()
    broken.add_text("/", "baru", Owner("beranda"))
    broken.add_text("/artikel/2026/a/", "a", Owner("a"))
    broken.add_copy("/media/hilang.jpg", tmp_path / "hilang.jpg", Owner("foto"))
    with pytest.raises(FileNotFoundError):
        commit(broken, out, manifest)
    assert (out / "index.html").read_text() == "lama"
    assert not (out / "artikel").exists()
    assert list((tmp_path / STAGING).iterdir()) == []
    # A copy that fails before its staged file exists: the error is the copy's own, not
    # one from cleaning up a file that was never made.
    folder = tmp_path / "bukan-berkas.jpg"
    folder.mkdir()
    odd = SiteOutput()
    odd.add_text("/", "baru", Owner("beranda"))
    odd.add_copy("/media/foto.jpg", folder, Owner("foto"))
    with pytest.raises(IsADirectoryError):
        commit(odd, out, manifest)
    assert (out / "index.html").read_text() == "lama" and not (out / "media").exists()
    assert list((tmp_path / STAGING).iterdir()) == []
    # Forgetting a journal that was never written (or already forgotten) is no error.
    forget_journal(out)
    forget_journal(tmp_path / "tidak-ada")


def test_a_build_tells_whether_its_outputs_are_still_as_it_left_them(tmp_path: Path) -> None:
    out = tmp_path / "out"
    site = SiteOutput()
    site.add_text("/", "beranda", Owner("beranda"))
    site.add_text("/artikel/a/", "artikel", Owner("a"))
    _stats, manifest = commit(site, out)
    assert outputs_intact(out, manifest)
    assert outputs_intact(out, {})
    page = out / "artikel/a/index.html"
    st = page.stat()
    _stamp(page, st.st_mtime_ns + 1)  # touched: same size, another time
    assert not outputs_intact(out, manifest)
    page.write_text("ARTIKEL")  # same size, then the time put back as it was
    _stamp(page, st.st_mtime_ns)
    assert outputs_intact(out, manifest)  # (stat only: what the cheap check can see)
    page.write_text("artikel yang lebih panjang")
    _stamp(page, st.st_mtime_ns)  # another size, the same time
    assert not outputs_intact(out, manifest)
    page.unlink()
    assert not outputs_intact(out, manifest)


def test_statistics_add_up_and_conflicts_name_both_claimants() -> None:
    total = WriteStats(1, 2, 3)
    total.add(WriteStats(10, 20, 30))
    total.add(WriteStats(100, 200, 300))
    assert (total.written, total.unchanged, total.removed) == (111, 222, 333)
    conflict = OutputConflict(PurePosixPath("a/index.html"), Owner("halaman a"), Owner("artikel a"))
    assert str(conflict) == "a/index.html: halaman a / artikel a"
    assert conflict.source is None
    first = OutputConflict(PurePosixPath("x"), Owner("a", Path("a.md")), Owner("b"))
    assert first.source == Path("a.md")


def test_compressed_copies_are_kept_without_compressing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unchanged page keeps its .gz and .br as they are, known by the manifest without
    compressing anything (brotli costs more than rendering); with no manifest (a lost
    cache) a copy with the same bytes is kept too, and recorded so that the next build
    knows it."""
    import kimsite.output.writer

    compressed: list[str] = []
    real = kimsite.output.writer.variants

    def counting(name: str, data: bytes, encodings: tuple[str, ...]):  # type: ignore[no-untyped-def]
        compressed.append(name)
        return real(name, data, encodings)

    monkeypatch.setattr(kimsite.output.writer, "variants", counting)
    page = "<p>Kabar desa: panen raya dan kerja bakti.</p>\n" * 40
    site = SiteOutput()
    site.add_text("/", page, Owner("beranda"))
    site.add_text("/artikel/a/", page.upper(), Owner("a"))
    out, both = tmp_path / "out", ("gzip", "br")
    _stats, manifest = commit(site, out, encodings=both)
    assert sorted(manifest) == [
        "artikel/a/index.html",
        "artikel/a/index.html.br",
        "artikel/a/index.html.gz",
        "index.html",
        "index.html.br",
        "index.html.gz",
    ]
    assert sorted(compressed) == ["index.html", "index.html"]
    for name in manifest:
        _stamp(out / name, 5_000)
    compressed.clear()
    _stats, lost = commit(site, out, encodings=both)  # no manifest: bytes compared
    assert sorted(compressed) == ["index.html", "index.html"]
    assert all((out / name).stat().st_mtime_ns == 5_000 for name in lost)
    compressed.clear()
    _stats, again = commit(site, out, lost, encodings=both)
    assert compressed == [] and again == lost
    assert all((out / name).stat().st_mtime_ns == 5_000 for name in again)
    # One page changed: only it is compressed again, and its copies rewritten.
    changed = SiteOutput()
    changed.add_text("/", page + "<p>Baru.</p>\n", Owner("beranda"))
    changed.add_text("/artikel/a/", page.upper(), Owner("a"))
    _stats, last = commit(changed, out, again, encodings=both)
    assert compressed == ["index.html"]
    assert last["artikel/a/index.html.gz"] == again["artikel/a/index.html.gz"]
    assert (out / "index.html.gz").stat().st_mtime_ns != 5_000
    assert last["index.html.gz"][:2] == (
        (out / "index.html.gz").stat().st_size,
        (out / "index.html.gz").stat().st_mtime_ns,
    )


def test_one_sites_journal_going_leaves_the_others(tmp_path: Path) -> None:
    site = SiteOutput()
    site.add_text("/", "beranda", Owner("beranda"))
    commit(site, tmp_path / "a.kim.id")
    commit(site, tmp_path / "b.kim.id")
    journals = tmp_path / JOURNAL
    assert sorted(p.name for p in journals.iterdir()) == ["a.kim.id.txt", "b.kim.id.txt"]
    forget_journal(tmp_path / "a.kim.id")
    assert [p.name for p in journals.iterdir()] == ["b.kim.id.txt"]
    forget_journal(tmp_path / "b.kim.id")
    assert not journals.exists()


def test_sites_committing_while_others_forget_their_journals(tmp_path: Path) -> None:
    """The journal folder is shared: one KIM's worker removing it (its journal was the last)
    while another's is about to write into it must not fail that other KIM (seen in CI as a
    FileNotFoundError on a journal's temporary file)."""
    failures: list[str] = []

    def publish_often(name: str) -> None:
        out = tmp_path / name
        try:
            for n in range(400):
                site = SiteOutput()
                site.add_text("/", f"beranda {n}", Owner("beranda"))
                commit(site, out)
                forget_journal(out)
        except Exception as err:  # any failure is the finding
            failures.append(f"{name}: {err!r}")

    workers = [threading.Thread(target=publish_often, args=(f"{c}.kim.id",)) for c in "abc"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    assert not (tmp_path / JOURNAL).exists()


def test_a_journal_that_cannot_be_written_stops_the_commit(tmp_path: Path) -> None:
    """Retrying is for another worker's rmdir, not for a lasting fault (here a file where the
    journal folder must be): after the retries the commit fails, with the site as it was,
    rather than publishing files that no journal names."""
    site = SiteOutput()
    site.add_text("/", "beranda", Owner("beranda"))
    (tmp_path / JOURNAL).write_text("bukan folder")
    with pytest.raises(OSError):
        commit(site, tmp_path / "a.kim.id")
    assert not (tmp_path / "a.kim.id" / "index.html").exists()


def test_a_file_where_folders_must_now_be_gives_way(tmp_path: Path) -> None:
    """The output is kimsite's own: a file left (or put by hand) where a page now needs a
    folder two levels deep is replaced by the folders, and the page is written."""
    out = tmp_path / "a.kim.id"
    out.mkdir()
    (out / "artikel").write_text("berkas lama")
    site = SiteOutput()
    site.add_text("/artikel/baru/", "halaman baru", Owner("baru"))
    commit(site, out)
    assert (out / "artikel/baru/index.html").read_text() == "halaman baru"


def test_a_folder_where_a_file_must_now_be_gives_way(tmp_path: Path) -> None:
    """The other way round: a folder (made by hand on the server, or a page's folder from
    an older layout) where the site now needs a file is removed with what it holds, for a
    page and for a copied photo alike; a link in that place is only replaced, never
    followed."""
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"jpeg")
    elsewhere = tmp_path / "milik-lain"
    elsewhere.mkdir()
    (elsewhere / "jangan.txt").write_text("jangan dihapus")
    out = tmp_path / "a.kim.id"
    for folder in ("feed.xml", "media/foto.jpg"):
        (out / folder).mkdir(parents=True)
        (out / folder / "isi.txt").write_text("lama")
    (out / "tautan.html").symlink_to(elsewhere, target_is_directory=True)
    site = SiteOutput()
    site.add_text("/feed.xml", "<feed/>", Owner("umpan"))
    site.add_copy("/media/foto.jpg", photo, Owner("foto"))
    site.texts[PurePosixPath("tautan.html")] = b"halaman"
    stats, _ = commit(site, out)
    assert stats.written == 3
    assert (out / "feed.xml").read_text() == "<feed/>"
    assert (out / "media/foto.jpg").read_bytes() == b"jpeg"
    assert (out / "tautan.html").read_text() == "halaman" and not (out / "tautan.html").is_symlink()
    assert (elsewhere / "jangan.txt").read_text() == "jangan dihapus"


def test_with_the_manifest_a_replaced_photo_is_copied_and_the_rest_kept(tmp_path: Path) -> None:
    photos = tmp_path / "media"
    photos.mkdir()
    site = SiteOutput()
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        (photos / name).write_bytes(b"jpeg " + name.encode())
        site.add_copy(f"/media/{name}", photos / name, Owner(name))
    out = tmp_path / "out"
    _stats, manifest = commit(site, out)
    (photos / "c.jpg").write_bytes(b"jpeg baru, lebih besar")
    stats, manifest = commit(site, out, manifest)
    assert (stats.written, stats.unchanged) == (1, 2)
    assert (out / "media/c.jpg").read_bytes() == b"jpeg baru, lebih besar"
    stats, _ = commit(site, out, manifest)
    assert (stats.written, stats.unchanged) == (0, 3)


def test_a_path_that_leaves_the_site_is_refused_even_unclaimed(tmp_path: Path) -> None:
    """`claim` refuses such URLs; the writer refuses them again, whatever put them there."""
    for bad in ("../luar.html", "/etc/luar.html", "a/../../luar.html"):
        site = SiteOutput()
        site.texts[PurePosixPath(bad)] = b"x"
        with pytest.raises(ValueError, match="refusing to write outside"):
            commit(site, tmp_path / "out")
    assert not (tmp_path / "luar.html").exists()


def test_a_journal_half_written_by_a_killed_build_is_cleared(tmp_path: Path) -> None:
    """A build killed while writing a site's journal leaves the journal's temporary file;
    the next build's start removes it, and keeps the journals (they name files to remove)."""
    from kimsite.output.atomic import TEMP_PREFIX
    from kimsite.output.writer import JOURNAL, clear_staging

    out = tmp_path / "out"
    journal = out / JOURNAL
    journal.mkdir(parents=True)
    (journal / f"{TEMP_PREFIX}1-2-kediri.kim.id.txt").write_text("index.html\n")
    (journal / "kediri.kim.id.txt").write_text("index.html\n")
    (out / STAGING).mkdir()
    (out / STAGING / "1-1").write_bytes(b"setengah")
    clear_staging(out)
    assert sorted(p.name for p in journal.iterdir()) == ["kediri.kim.id.txt"]
    assert not (out / STAGING).exists()


def test_threads_write_the_same_site_and_a_failed_write_publishes_nothing(
    tmp_path: Path,
) -> None:
    """Files written by threads (a process with cores to itself) give the same site and
    manifest as one thread; a write that fails in a thread stops the commit before anything
    is published, as a failure in the committing thread does."""

    def site() -> SiteOutput:
        out = SiteOutput()
        for n in range(60):
            out.add_text(f"/artikel/a{n}/", f"<p>Kabar {n}</p>\n" * (n * 20), Owner(str(n)))
        return out

    results = {}
    for threads in (1, 3):
        root = tmp_path / f"t{threads}"
        _stats, manifest = commit(site(), root, encodings=("gzip",), threads=threads)
        results[threads] = ({k: (v[0], v[2]) for k, v in manifest.items()}, snapshot(root))
    assert results[1] == results[3]
    before = snapshot(tmp_path / "t3")
    broken = site()
    broken.texts[PurePosixPath("artikel/a7/index.html")] = "bukan bytes"  # type: ignore[assignment]
    with pytest.raises(TypeError):
        commit(broken, tmp_path / "t3", threads=3)
    assert snapshot(tmp_path / "t3") == before
    assert list((tmp_path / STAGING).iterdir()) == []


def test_writer_claims_each_path_once() -> None:
    site = SiteOutput()
    site.add_text("/a/", "satu", Owner("pertama"))
    with pytest.raises(OutputConflict) as info:
        site.add_text("/a/", "dua", Owner("kedua", Path("halaman/a.md")))
    assert info.value.first.label == "pertama"
    assert info.value.source == Path("halaman/a.md")


def test_writer_skips_unchanged_and_removes_stale(tmp_path: Path) -> None:
    source = tmp_path / "foto.jpg"
    source.write_bytes(b"jpeg")
    site = SiteOutput()
    site.add_text("/", "<p>halo</p>", Owner("beranda"))
    site.add_text("/artikel/a/", "a", Owner("a"))
    site.add_copy("/media/foto.jpg", source, Owner("foto"))
    out = tmp_path / "out"
    first, manifest = commit(site, out)
    assert (first.written, first.unchanged, first.removed) == (3, 0, 0)
    assert sorted(manifest) == ["artikel/a/index.html", "index.html", "media/foto.jpg"]
    mtime = (out / "index.html").stat().st_mtime_ns
    # Without a manifest: compare bytes, and remove anything else found in the folder.
    (out / "sisa.html").write_text("lama")
    (out / "lama" / "x").mkdir(parents=True)
    (out / "lama" / "x" / "catatan.txt").write_text("lama")
    (out / "kosong" / "x").mkdir(parents=True)
    second, manifest = commit(site, out)
    assert (second.written, second.unchanged, second.removed) == (0, 3, 2)
    assert (out / "index.html").stat().st_mtime_ns == mtime
    assert sorted(p.name for p in out.iterdir()) == ["artikel", "index.html", "media"]
    # With the manifest: only files the last build wrote are ever removed.
    (out / "milik-orang-lain.txt").write_text("jangan dihapus")
    smaller = SiteOutput()
    smaller.add_text("/", "<p>baru</p>", Owner("beranda"))
    third, manifest = commit(smaller, out, manifest)
    assert (third.written, third.removed) == (1, 2)
    assert sorted(p.name for p in out.rglob("*")) == ["index.html", "milik-orang-lain.txt"]
    assert not any(p.name.startswith(".tmp-") for p in out.rglob("*"))
    # A file changed behind the writer's back is noticed by its stat and written again.
    (out / "index.html").write_text("diubah tangan")
    fourth, _ = commit(smaller, out, manifest)
    assert fourth.written == 1
    assert (out / "index.html").read_text() == "<p>baru</p>"


def test_writer_replaces_a_file_with_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "artikel").mkdir(parents=True)
    (out / "artikel" / "a").write_text("berkas, bukan folder")
    site = SiteOutput()
    site.add_text("/artikel/a/", "halaman", Owner("a"))
    commit(site, out)
    assert (out / "artikel/a/index.html").read_text() == "halaman"


def test_writer_never_writes_or_deletes_through_a_planted_link(tmp_path: Path) -> None:
    import os

    outside = tmp_path / "luar"
    outside.mkdir()
    (outside / "penting.txt").write_text("jangan disentuh")
    out = tmp_path / "out"
    site = SiteOutput()
    site.add_text("/artikel/a/", "halaman", Owner("a"))
    _, manifest = commit(site, out)
    # Someone replaces a folder of the site with a link to elsewhere.
    import shutil

    shutil.rmtree(out / "artikel")
    os.symlink(outside, out / "artikel")
    (outside / "a").mkdir()
    (outside / "a" / "index.html").write_text("bukan milik kimsite")
    commit(SiteOutput(), out, manifest)  # the page is gone: kimsite removes what it wrote
    assert (outside / "a" / "index.html").read_text() == "bukan milik kimsite"
    commit(site, out)  # and writing it again goes into a real folder of the site
    assert not (out / "artikel").is_symlink()
    assert (out / "artikel/a/index.html").read_text() == "halaman"
    assert (outside / "penting.txt").read_text() == "jangan disentuh"
    assert (outside / "a" / "index.html").read_text() == "bukan milik kimsite"


def test_writer_journal_removes_what_a_killed_build_published_but_never_recorded(
    tmp_path: Path,
) -> None:
    """A commit whose manifest was never saved (the build was killed after moving its files
    into place): the next commit, given the older manifest, still removes the files that
    one added, because the journal named them; once a manifest is saved, no journal stays."""
    out = tmp_path / "build" / "desa.kim.id"

    def site(*urls: str) -> SiteOutput:
        made = SiteOutput()
        for url in urls:
            made.add_text(url, f"halaman {url}", Owner(url))
        return made

    _stats, first = commit(site("/a/", "/b/"), out)
    forget_journal(out)
    assert not (tmp_path / "build" / JOURNAL).exists()
    commit(site("/a/", "/b/", "/baru/", "/lagi/"), out, first)  # killed: never recorded
    assert (out / "baru/index.html").is_file()
    # Killed again (after removing what the first added): its journal names what it added,
    # and what the one before it added, in case that removal had not happened yet.
    commit(site("/a/", "/b/", "/ketiga/"), out, first)
    stats, third = commit(site("/a/", "/lagi/"), out, first)
    assert not (out / "baru").exists() and not (out / "b").exists()
    assert not (out / "ketiga").exists()
    assert (out / "lagi/index.html").read_text() == "halaman /lagi/"
    assert sorted(third) == ["a/index.html", "lagi/index.html"] and stats.removed == 2
    commit(site("/a/", "/x/", "/y/"), out, third)  # killed: adds two
    stats, _ = commit(site("/a/"), out, third)
    assert sorted(p.name for p in out.iterdir()) == ["a"] and stats.removed == 2  # x, y
    forget_journal(out)
    assert not (tmp_path / "build" / JOURNAL).exists()


def test_writer_restores_what_was_deleted_or_resized_behind_its_back(tmp_path: Path) -> None:
    """With the last manifest, a file that is gone, or has the manifest's size in the wrong
    field, is written again: the stat must match in both size and time."""
    site = SiteOutput()
    site.add_text("/", "<p>halo</p>" * 60, Owner("beranda"))  # worth compressing
    site.add_text("/artikel/a/", "a", Owner("a"))
    out = tmp_path / "out"
    _stats, manifest = commit(site, out, encodings=("gzip",))
    assert "index.html.gz" in manifest
    (out / "artikel/a/index.html").unlink()
    (out / "index.html.gz").unlink()
    again, manifest = commit(site, out, manifest, encodings=("gzip",))
    assert again.written == 1 and (out / "artikel/a/index.html").read_text() == "a"
    assert (out / "index.html.gz").is_file()  # its copy too (not counted: the same file)
    record = manifest["index.html"]
    forged = {**manifest, "index.html": (record[1], record[1], record[2])}
    third, _ = commit(site, out, forged, encodings=("gzip",))
    assert third.written == 1  # a record whose size is not the file's size


def test_removing_files_never_leaves_the_site(tmp_path: Path) -> None:
    from kimsite.output.writer import remove_files

    root = tmp_path / "situs"
    (root / "a/b").mkdir(parents=True)
    (root / "a/b/x.html").write_text("x")
    (root / "a/y.html").write_text("y")
    (root / "z.html").write_text("z")
    outside = tmp_path / "rahasia.txt"
    outside.write_text("jangan")
    (tmp_path / "luar").mkdir()
    (tmp_path / "luar/w.html").write_text("w")
    (root / "tautan").symlink_to(tmp_path / "luar")
    removed = remove_files(
        root.resolve(),
        [
            "../rahasia.txt",
            str(outside),
            "tautan/w.html",
            "tidak-ada.html",
            "a",
            "a/b/x.html",
            "a/y.html",
            "a/../z.html",  # a name with ".." is refused, even one that stays inside
        ],
    )
    assert removed == 2  # the two files of the site, nothing else
    assert outside.read_text() == "jangan" and (tmp_path / "luar/w.html").is_file()
    assert not (root / "a").exists()  # folders left empty go, deepest first
    assert (root / "z.html").is_file()


def test_removing_a_sites_last_files_keeps_the_folders_above_it(tmp_path: Path) -> None:
    """A folder that still holds a file stays (quietly), and emptying a whole site removes
    the site's folder but never the (now empty) build folder above it."""
    from kimsite.output.writer import remove_files

    build = tmp_path / "build"
    root = build / "lama.kim.id"
    (root / "artikel/a").mkdir(parents=True)
    (root / "artikel/a/index.html").write_text("a")
    (root / "artikel/b.html").write_text("b")
    assert remove_files(root.resolve(), ["artikel/a/index.html"]) == 1
    assert (root / "artikel/b.html").is_file() and not (root / "artikel/a").exists()
    assert remove_files(root.resolve(), ["artikel/b.html"]) == 1
    assert not root.exists() and build.is_dir() and tmp_path.is_dir()
