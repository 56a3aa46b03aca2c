"""A KIM's old addresses and where they live now: `content/<kim>/pengalihan.yaml`.

A KIM that moves to kimsite from WordPress or Blogger has years of links shared on WhatsApp
and Facebook. The file maps each old address to the page that replaces it:

    /2019/05/panen-raya-gabah/: /artikel/panen-raya-gabah/
    /?p=123: /artikel/panen-raya-gabah/

The web server answers the old ones with a permanent redirect (`kimsite deploy nginx`), and
the build checks that every target exists, so a redirect never leads to a 404. The file is
the KIM's writers' (or an import's), so it is data like the rest of their folder: an old
address is only a path of the KIM's own host, a target only a page of its own site, and
neither may carry anything a server configuration would read as syntax.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlsplit

import yaml

from kimsite.model.content import Redirect
from kimsite.model.problems import ProblemLog, Severity
from kimsite.model.routes import output_path
from kimsite.source.files import read_text
from kimsite.source.yaml_fields import Fields, node_line
from kimsite.source.yaml_text import YamlUnreadable, parse_yaml

MAX_REDIRECT_BYTES = 8_000_000  # a 5,000-post WordPress site with its ?p= forms and tags
MAX_URL_CHARS = 1000
# An old address as it is sent (percent-encoded, up to nine times as long as written) becomes
# one quoted word of nginx's configuration, with the host before it: nginx reads a word of at
# most 4,096 bytes, and refuses the whole configuration past it.
MAX_SENT_CHARS = 2000
# What may stay as written in an old address; everything else is percent-encoded, as a
# browser sends it. No quote, backslash, `$`, brace, `;` or space survives: in a server's
# configuration each of them means something.
_SAFE = "/?=&%:+,@!-._~*()"
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")


def load_redirects(path: Path, log: ProblemLog) -> tuple[Redirect, ...]:
    """Every valid entry of the file, each problem logged at its line."""
    text = read_text(path, log, MAX_REDIRECT_BYTES)
    if text is None:
        return ()
    try:
        node = parse_yaml(text, path, log)
    except YamlUnreadable:
        return ()
    if node is None:
        return ()
    fields = Fields.open(node, path, log, what=path.name)
    if fields is None:
        return ()
    found: list[Redirect] = []
    seen: dict[str, Redirect] = {}  # by the key nginx matches (server_key)
    for key, (key_node, value_node) in fields.entries().items():
        line = node_line(key_node, 0)
        old = old_address(key)
        if old is None:
            log.add(path, line, "redirect.bad_old", old=key[:200])
            continue
        if len(old) > MAX_SENT_CHARS:
            log.add(
                path,
                line,
                "redirect.too_long",
                old=key[:200],
                length=len(old),
                limit=MAX_SENT_CHARS,
            )
            continue
        if not isinstance(value_node, yaml.ScalarNode):
            log.add(path, line, "redirect.bad_new", old=key[:200], new="…")
            continue
        new = str(value_node.value).strip()
        if not is_site_path(new):
            log.add(path, line, "redirect.bad_new", old=key[:200], new=new[:200])
            continue
        first = seen.get(server_key(old))
        if first is not None and first.old == old:
            log.add(path, line, "redirect.twice", old=old, first_line=first.line)
            continue
        if first is not None:
            log.add(
                path,
                line,
                "redirect.same_for_server",
                old=old,
                other=first.old,
                first_line=first.line,
            )
            continue
        redirect = Redirect(old=old, new=new, line=line)
        seen[server_key(old)] = redirect
        found.append(redirect)
    return tuple(sorted(found, key=lambda r: r.old))


def forms(old: str) -> tuple[str, ...]:
    """The addresses an old one answers for: itself, and without its last slash (or with
    it, for a path that does not name a file), as shared links often lose or gain one."""
    bare = "?" not in old
    if bare and old.endswith("/") and len(old) > 1:
        return (old, old.rstrip("/"))
    if bare and not old.endswith("/") and "." not in old.rsplit("/", 1)[-1]:
        return (old, old + "/")
    return (old,)


def server_key(old: str) -> str:
    """What nginx's map matches an old address by: nginx compares a map's keys without
    case. Two entries sharing one would be refused by `nginx -t`, stopping every site of
    the province: the second is the writer's mistake instead. (The forms without or with a
    last slash give way to an entry written for them, so they never clash.)"""
    return old.lower()


def old_address(written: str) -> str | None:
    """The path (and query) a browser asks for, percent-encoded as it sends it; a full
    URL of the old site gives its path. None when it is not an address of a page."""
    written = written.strip()
    if not written or len(written) > MAX_URL_CHARS or any(c in written for c in "\r\n\t\x00"):
        return None
    if written.startswith(("http://", "https://")):
        parts = urlsplit(written)
        written = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    if not written.startswith("/") or written.startswith("//") or "#" in written:
        return None
    path = quote(written, safe=_SAFE)
    # A lone % (not an escape) would be read by a server as the start of one.
    path = "".join(
        part if _PERCENT.fullmatch(part) else part.replace("%", "%25")
        for part in re.split(r"(%[0-9A-Fa-f]{2})", path)
    )
    bare = path.partition("?")[0]
    if any(seg in (".", "..") for seg in bare.split("/")):
        return None
    if path == "/":
        return None  # the home page is the site itself, never an old address
    return path


def is_site_path(new: str) -> bool:
    """A page of the KIM's own site, as its links are written: `/artikel/x/`. ASCII only:
    kimsite's own addresses are (slugs), and a target goes into nginx's configuration."""
    if not new.startswith("/") or new.startswith("//") or len(new) > MAX_URL_CHARS:
        return False
    if not new.isascii():
        return False
    if any(c in new for c in "?#\\\"'$;{}<>` ") or any(ord(c) < 33 for c in new):
        return False
    try:
        output_path(new)
    except ValueError:
        return False
    return True


def check_against_site(
    redirects: tuple[Redirect, ...],
    source: Path,
    outputs: Collection[PurePosixPath],
    log: ProblemLog,
    waiting: Collection[str] = (),
) -> None:
    """Every target is a file of the site; no old address is one (it would hide it).

    A target that is an article not published yet (a draft, or dated later: imports keep
    scheduled posts) is only a warning: its redirect starts working when it is published.
    """
    for r in redirects:
        if output_path(r.new) in outputs:
            pass
        elif r.new in waiting:
            log.add(
                source, r.line, "redirect.waiting_target", Severity.WARNING, old=r.old, new=r.new
            )
        else:
            log.add(source, r.line, "redirect.missing_target", old=r.old, new=r.new)
        bare = r.old.partition("?")[0]
        if "?" not in r.old and _shadows(bare, outputs):
            log.add(source, r.line, "redirect.shadows", old=r.old)


def _shadows(bare: str, outputs: Collection[PurePosixPath]) -> bool:
    try:
        exact = output_path(bare)
        folder = output_path(bare.rstrip("/") + "/")
    except ValueError:
        return False
    return exact in outputs or folder in outputs


__all__ = [
    "check_against_site",
    "forms",
    "is_site_path",
    "load_redirects",
    "old_address",
    "server_key",
]
