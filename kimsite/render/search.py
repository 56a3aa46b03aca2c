"""Site search with Pagefind: each KIM's site and the province index get a static bundle at
`/pagefind/` that the reader's browser queries, with no server.

Pagefind indexes *records* that kimsite hands it (URL, title, plain text), not the HTML
pages: what is searchable then depends on the content alone, so a theme edit re-indexes
nothing and a theme cannot break search. The index's combined search holds a short record
per article of every KIM (title, summary, topics, place) whose URL is on the KIM's own host.

The Pagefind binary (PyPI `pagefind_bin`) runs as a service speaking base64 JSON over its
standard input and output; the client here is kept one per process, so a build with
hundreds of KIMs starts it once per worker. `start` hands the conversation to a thread, so
the worker renders the site's pages while Pagefind indexes its records (most of a bundle's
time is Pagefind's, spent waiting on the pipe, which frees the interpreter). The bundle's
bytes come back over the pipe and go to the site through the one writer, like every other
file.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import subprocess
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO, TYPE_CHECKING, Any

from kimsite.model import routes

if TYPE_CHECKING:  # the index's build needs only `Record`: no Markdown at start-up
    from kimsite.render.views import ArticleView, PageView, SiteView

BUNDLE_DIR = "pagefind"
LANGUAGE = "id"
# Records sent before their replies are read: the replies of one batch must fit the pipe
# (64 KiB on Linux) or the service and this client would wait on each other for ever.
BATCH = 32
MAX_TEXT = 200_000  # characters of one record: a longer page is indexed by its beginning
# Pagefind's own result interfaces are left out: the theme has its own small script.
_UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")


class SearchFailure(Exception):
    """The Pagefind service could not be started or answered with an error."""


@dataclass(frozen=True)
class Record:
    url: str
    title: str
    text: str
    # No Pagefind filters: their files come out in a different order from run to run
    # (pagefind_bin 1.5.2), and the build must be byte-for-byte reproducible.
    meta: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "title": self.title,
            "text": self.text,
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, data: Any) -> Record | None:
        """A record read back from the cache, or None when it is not one (cache is data)."""
        if not isinstance(data, dict):
            return None
        url, title, text = data.get("url"), data.get("title"), data.get("text")
        meta = data.get("meta", {})
        if not (isinstance(url, str) and isinstance(title, str) and isinstance(text, str)):
            return None
        if not (isinstance(meta, dict) and all(isinstance(v, str) for v in meta.values())):
            return None
        return cls(url, title, text, {str(k): v for k, v in meta.items()})


def site_records(
    site: SiteView, articles: Sequence[ArticleView], pages: Sequence[PageView]
) -> list[Record]:
    """What a KIM's own search finds: every published article and page, whole, and its
    potensi and produk pages."""
    from kimsite.render.markup import html_to_text

    records = [
        Record(
            a.url,
            a.judul,
            f"{html_to_text(str(a.html))} {' '.join(t.label for t in a.tags)}",
            {"tanggal": a.tanggal.date_text},
        )
        for a in articles
    ]
    records += [Record(p.url, p.judul, html_to_text(str(p.html))) for p in pages]
    if site.potensi:
        text = " ".join(f"{x.nama}. {x.jenis}. {x.deskripsi}" for x in site.potensi)
        records.append(Record(routes.POTENTIALS, "Potensi desa", text))
    if site.produk:
        text = " ".join(f"{x.nama}. {x.pemilik or ''}. {x.deskripsi or ''}" for x in site.produk)
        records.append(Record(routes.PRODUCTS, "Produk UMKM", text))
    return records


# One KIM's share of the index's combined search: its newest articles, each record cut
# (the whole text stays on the KIM's own search). Every KIM of a province is then findable
# there, and none can fill it with its own records.
PROVINCE_RECORDS_PER_KIM = 100
# The whole index's share. Pagefind's service holds a bundle in memory while it makes it:
# 26 KB and, past ~20,000 records, more than linear time per record (100,000 short records:
# 2.5 GB and 98 s, in one process after every KIM; 10,000: 260 MB and 3 s). A province of
# thousands of KIMs then finds every KIM and its newest news on the index, and all of its
# news on the KIM's own search.
PROVINCE_RECORDS = 10_000


def province_share(kims: int) -> int:
    """How many of its newest records each of `kims` KIMs gives the index's search."""
    return max(1, min(PROVINCE_RECORDS_PER_KIM, PROVINCE_RECORDS // max(1, kims)))


PROVINCE_RECORD_CHARS = {"title": 150, "text": 500, "kim": 120}


def province_records(site: SiteView, articles: Sequence[ArticleView]) -> list[Record]:
    """What the index's combined search holds of a KIM: a short record per article (the
    newest PROVINCE_RECORDS_PER_KIM), on the KIM's own host, with the KIM and its
    kabupaten/kota (the whole text stays on the KIM's own search, so the index's bundle
    stays small at province scale)."""
    from kimsite.render.markup import shorten

    cut = PROVINCE_RECORD_CHARS
    region = site.wilayah
    kabkota = str(getattr(region, "kabkota", ""))
    kim = shorten(site.nama, cut["kim"])
    place = f"{kim}, {getattr(region, 'desa_label', '')}, {kabkota}"
    return [
        Record(
            a.abs_url,
            shorten(a.judul, cut["title"]),
            shorten(f"{a.ringkasan} {' '.join(t.label for t in a.tags)}", cut["text"])
            + f" {place}",
            {"kim": kim, "tanggal": a.tanggal.date_text},
        )
        for a in articles[:PROVINCE_RECORDS_PER_KIM]  # newest first, as the KIM lists them
    ]


def digest(records: Iterable[Record]) -> str:
    """What the bundle depends on: equal digests, equal bundles."""
    h = hashlib.blake2b(digest_size=16)
    h.update(_version().encode())
    for record in records:
        h.update(json.dumps(record.to_json(), sort_keys=True, ensure_ascii=True).encode())
        h.update(b"\n")
    return h.hexdigest()


class Pending:
    """A bundle being made in a thread of its own; `result` waits for it."""

    def __init__(self, records: Sequence[Record]) -> None:
        self._files: dict[PurePosixPath, bytes] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(records,), daemon=True)
        self._thread.start()

    def _run(self, records: Sequence[Record]) -> None:
        try:
            self._files = bundle(records)
        except BaseException as exc:  # handed to whoever waits, in its thread
            self._error = exc

    def result(self) -> dict[PurePosixPath, bytes]:
        """The bundle's files; raises what `bundle` raised (`SearchFailure`)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._files is not None
        return self._files


def start(records: Sequence[Record]) -> Pending:
    """Begin the bundle for `records` while the caller goes on; see `bundle`."""
    return Pending(list(records))


# One conversation with this process's service at a time: a bundle started in a thread
# and one asked for directly wait for each other.
_conversation = threading.Lock()


def bundle(records: Sequence[Record]) -> dict[PurePosixPath, bytes]:
    """The search bundle for these records, as paths below `/pagefind/` → bytes.

    Deterministic: the records are indexed in URL order and Pagefind names its files by
    their content. Raises `SearchFailure` when Pagefind fails.
    """
    ordered = sorted(records, key=lambda r: r.url)
    with _conversation:
        return _bundle(ordered)


def _bundle(ordered: list[Record]) -> dict[PurePosixPath, bytes]:
    while True:
        kept = _service is not None and _service.usable()
        try:
            return _client().bundle(ordered)
        except SearchFailure:
            _close_client()
            if not kept:
                raise
            # The service kept from an earlier build (a preview runs for hours) stopped
            # answering in between: one more try, with a service started now.
        except BaseException:
            # Half a conversation (a time limit, an interrupt) leaves the service unusable.
            _close_client()
            raise


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("pagefind_bin")
    except Exception:
        return "unknown"


class _Service:
    def __init__(self) -> None:
        try:
            from pagefind_bin import get_executable  # type: ignore[import-untyped]
        except ImportError as exc:  # a broken installation, not a writer's mistake
            raise SearchFailure("pagefind_bin is not installed") from exc
        try:
            self.process = subprocess.Popen(
                [str(get_executable()), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as exc:
            raise SearchFailure(f"pagefind: {exc}") from exc
        self.next_id = 0
        self.pending = bytearray()

    def usable(self) -> bool:
        # After a fork, the parent's service is no child of this process: poll() sees
        # ECHILD and answers as for a stopped one, so a forked worker starts its own.
        return self.process.poll() is None

    def let_go(self) -> None:
        """Close this process's ends of the pipes. A service that died, or that the
        parent started before a fork, is not ours to kill; its pipes would otherwise be
        left to the garbage collector (and the child could write into the parent's)."""
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()

    def _write(self, payload: dict[str, Any]) -> None:
        self.next_id += 1
        message = {"message_id": self.next_id, "payload": payload}
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")

    def _read(self) -> dict[str, Any]:
        stdout: IO[bytes] | None = self.process.stdout
        assert stdout is not None
        while b"," not in self.pending:
            chunk = stdout.read1(1 << 20)  # type: ignore[attr-defined]
            if not chunk:
                raise SearchFailure("pagefind stopped")
            self.pending += chunk
        end = self.pending.index(b",")
        raw = bytes(self.pending[:end])
        del self.pending[: end + 1]
        reply = json.loads(base64.b64decode(raw))
        payload = reply.get("payload") if isinstance(reply, dict) else None
        if not isinstance(payload, dict):
            raise SearchFailure("pagefind: unreadable reply")
        if payload.get("type") == "Error":
            raise SearchFailure(f"pagefind: {payload.get('message', '')}"[:300])
        return payload

    def _ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        self._write(payload)
        assert self.process.stdin is not None
        self.process.stdin.flush()
        return self._read()

    def bundle(self, records: Sequence[Record]) -> dict[PurePosixPath, bytes]:
        created = self._ask({"type": "NewIndex", "config": {"force_language": LANGUAGE}})
        index = created["index_id"]
        try:
            for start in range(0, len(records), BATCH):
                batch = records[start : start + BATCH]
                for r in batch:
                    self._write(
                        {
                            "type": "AddRecord",
                            "index_id": index,
                            "url": r.url,
                            "content": f"{r.title}. {r.text[:MAX_TEXT]}",
                            "language": LANGUAGE,
                            "meta": {"title": r.title, **r.meta},
                            "filters": None,
                            "sort": None,
                        }
                    )
                assert self.process.stdin is not None
                self.process.stdin.flush()
                for _ in batch:
                    self._read()
            files = self._ask({"type": "GetFiles", "index_id": index})["files"]
        finally:
            self._ask({"type": "DeleteIndex", "index_id": index})
        out: dict[PurePosixPath, bytes] = {}
        for entry in files:
            path = PurePosixPath(entry["path"])
            if path.is_absolute() or ".." in path.parts or path.name.startswith(_UNUSED):
                continue
            out[path] = base64.b64decode(entry["content"])
        return out


_service: _Service | None = None


def _client() -> _Service:
    global _service
    if _service is not None and not _service.usable():
        _service.let_go()
        _service = None
    if _service is None:
        _service = _Service()
    return _service


def close() -> None:
    """Stop this process's service (a worker ending); the next bundle starts another. A
    conversation still going (a bundle no one waited for) gets a few seconds to end."""
    held = _conversation.acquire(timeout=5)
    try:
        _close_client()
    finally:
        if held:
            _conversation.release()


def _close_client() -> None:
    global _service
    if _service is not None:
        service, _service = _service, None
        try:
            service.process.kill()
            service.process.wait()
        except OSError:
            pass
        service.let_go()


__all__ = ["BUNDLE_DIR", "Pending", "Record", "SearchFailure", "bundle", "close", "digest", "start"]
