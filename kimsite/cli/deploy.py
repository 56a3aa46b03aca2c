"""`kimsite deploy nginx|sync|rollback`: the web server's configuration, releases sent
to a server atomically, and the way back to the last one."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from kimsite.cli.options import Options, Subparsers, print_problems, say
from kimsite.deploy import nginx
from kimsite.deploy.sync import DeployFailure, Target, rollback, sync
from kimsite.model.problems import KimsiteError, ProblemLog
from kimsite.output.atomic import write_atomic
from kimsite.source.config import load_config


def add(sub: Subparsers, o: Options) -> None:
    d = o.command(
        sub,
        "deploy",
        run,
        help=o.t(
            "terbitkan situs: konfigurasi nginx, kirim rilis ke server, kembali ke rilis lama",
            "publish the sites: nginx configuration, releases to a server, rollback",
        ),
    )
    dsub = d.add_subparsers(dest="deploy", required=True, metavar=o.t("PERINTAH", "COMMAND"))
    _add_nginx(dsub, o)
    target_help = o.t(
        "folder rilis: jalur lokal atau user@host:/jalur (lewat ssh)",
        "releases folder: a local path or user@host:/path (over ssh)",
    )
    ssh_help = o.t(
        'perintah ssh beserta opsinya (bawaan: ssh), misalnya "ssh -p 2222 -i kunci"',
        "the ssh command with its options (default: ssh)",
    )
    ds = dsub.add_parser(
        "sync",
        help=o.t(
            "kirim build/ sebagai rilis baru lalu aktifkan (atomik)",
            "send build/ as a new release and switch to it (atomically)",
        ),
    )
    ds.add_argument("target", metavar="TARGET", help=target_help)
    ds.add_argument(
        "--build",
        type=Path,
        default=Path("build"),
        help=o.t("folder hasil build (bawaan: build/)", "the build folder (default: build/)"),
    )
    ds.add_argument(
        "--keep",
        type=int,
        default=5,
        help=o.t(
            "simpan sekian rilis terakhir (bawaan: 5)", "keep this many releases (default: 5)"
        ),
    )
    ds.add_argument("--ssh", default="ssh", help=ssh_help)
    dr = dsub.add_parser(
        "rollback",
        help=o.t("kembali ke rilis sebelumnya", "switch back to the previous release"),
    )
    dr.add_argument("target", metavar="TARGET", help=target_help)
    dr.add_argument("--ssh", default="ssh", help=ssh_help)
    for parser_ in (ds, dr):
        o.language(parser_)


def _add_nginx(dsub: Subparsers, o: Options) -> None:
    """`kimsite deploy nginx`: where the sites are on the server, and how it listens."""
    dn = dsub.add_parser(
        "nginx",
        help=o.t(
            "tulis konfigurasi nginx untuk semua host (untuk conf.d/)",
            "write an nginx configuration for every host (for conf.d/)",
        ),
    )
    dn.add_argument(
        "--root",
        required=True,
        help=o.t(
            "folder di server yang berisi <host>/ tiap situs, misalnya /srv/kim/current",
            "folder on the server holding each site's <host>/, e.g. /srv/kim/current",
        ),
    )
    dn.add_argument(
        "--listen",
        default="80",
        help=o.t("alamat:port HTTP (bawaan: 80)", "HTTP address:port (default: 80)"),
    )
    dn.add_argument(
        "--listen-tls",
        default="443",
        help=o.t(
            "alamat:port HTTPS, untuk host yang punya sertifikat di config.yaml (bawaan: 443)",
            "HTTPS address:port, for hosts with a certificate in config.yaml (default: 443)",
        ),
    )
    dn.add_argument(
        "--brotli",
        action="store_true",
        help=o.t(
            "sajikan salinan .br (perlu modul nginx brotli_static, Debian: "
            "libnginx-mod-http-brotli-static)",
            "serve the .br copies (needs nginx's brotli_static module)",
        ),
    )
    dn.add_argument(
        "--output",
        "-o",
        type=Path,
        default=None,
        help=o.t("tulis ke berkas ini (bawaan: layar)", "write to this file (default: stdout)"),
    )
    dn.add_argument(
        "--build",
        type=Path,
        default=None,
        help=o.t(
            "folder hasil build, untuk memeriksa tujuan pengalihan (bawaan: build/)",
            "the build folder, to check redirect targets (default: build/)",
        ),
    )
    o.common(dn, fmt=True)


def run(args: argparse.Namespace, lang: str) -> int:
    if args.deploy == "nginx":
        return _nginx(args, lang)
    try:
        target = Target.parse(args.target)
    except ValueError:
        say("deploy.bad_target", lang, target=args.target)
        return 2
    ssh = tuple(shlex.split(args.ssh))
    try:
        if args.deploy == "sync":
            name = sync(args.build, target, keep=args.keep, ssh=ssh)
            say("deploy.synced", lang, release=name, target=args.target)
        else:
            name = rollback(target, ssh=ssh)
            say("deploy.rolled_back", lang, release=name, target=args.target)
    except (DeployFailure, OSError) as exc:
        say("deploy.failed", lang, detail=str(exc))
        return 1
    return 0


def _nginx(args: argparse.Namespace, lang: str) -> int:
    try:
        config = load_config(args.config)
    except KimsiteError as exc:
        print_problems(exc.problems, args.format, lang)
        return 1
    try:
        listen = nginx.Listen.parse(args.listen)
        listen_tls = nginx.Listen.parse(args.listen_tls)
    except ValueError as exc:
        say("deploy.bad_listen", lang, value=str(exc))
        return 2
    root = args.root.rstrip("/") or "/"
    if not root.startswith("/") or any(c in root for c in " ;{}\"'$\\\n"):
        say("deploy.bad_root", lang, value=args.root)
        return 2
    build = args.build or config.root / "build"
    log = ProblemLog()
    hosts = nginx.province_hosts(config, build if build.is_dir() else None, log)
    text = nginx.render(hosts, root, listen, listen_tls, args.brotli, config.kompresi)
    print_problems(list(log), args.format, lang)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_atomic(args.output, text)
        say("deploy.nginx_written", lang, path=str(args.output), hosts=len(hosts))
    # A KIM's broken redirect file or clashing host was already an error of its build; here
    # it only leaves that KIM's entries out. Failing would stop every other KIM's deploy.
    return 0


__all__ = ["add", "run"]
