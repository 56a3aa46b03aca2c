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
        help=o.t("help.deploy_deploy"),
    )
    dsub = d.add_subparsers(dest="deploy", required=True, metavar=o.t("help.metavar_command"))
    _add_nginx(dsub, o)
    target_help = o.t("help.deploy_target")
    ssh_help = o.t("help.deploy_ssh")
    ds = dsub.add_parser(
        "sync",
        help=o.t("help.deploy_sync"),
    )
    ds.add_argument("target", metavar="TARGET", help=target_help)
    ds.add_argument(
        "--build",
        type=Path,
        default=Path("build"),
        help=o.t("help.deploy_build"),
    )
    ds.add_argument(
        "--keep",
        type=int,
        default=5,
        help=o.t("help.deploy_keep"),
    )
    ds.add_argument("--ssh", default="ssh", help=ssh_help)
    dr = dsub.add_parser(
        "rollback",
        help=o.t("help.deploy_rollback"),
    )
    dr.add_argument("target", metavar="TARGET", help=target_help)
    dr.add_argument("--ssh", default="ssh", help=ssh_help)
    for parser_ in (ds, dr):
        o.language(parser_)


def _add_nginx(dsub: Subparsers, o: Options) -> None:
    """`kimsite deploy nginx`: where the sites are on the server, and how it listens."""
    dn = dsub.add_parser(
        "nginx",
        help=o.t("help.deploy_nginx"),
    )
    dn.add_argument(
        "--root",
        required=True,
        help=o.t("help.deploy_root"),
    )
    dn.add_argument(
        "--listen",
        default="80",
        help=o.t("help.deploy_listen"),
    )
    dn.add_argument(
        "--listen-tls",
        default="443",
        help=o.t("help.deploy_listen_tls"),
    )
    dn.add_argument(
        "--brotli",
        action="store_true",
        help=o.t("help.deploy_brotli"),
    )
    dn.add_argument(
        "--output",
        "-o",
        type=Path,
        default=None,
        help=o.t("help.deploy_output"),
    )
    dn.add_argument(
        "--build",
        type=Path,
        default=None,
        help=o.t("help.deploy_nginx_build"),
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
