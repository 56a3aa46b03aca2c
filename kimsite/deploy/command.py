"""`kimsite deploy …`: what the command line runs; prints, and returns the exit code."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable, Sequence

from kimsite.deploy import nginx
from kimsite.deploy.sync import DeployFailure, Target, rollback, sync
from kimsite.i18n.messages import render_message
from kimsite.model.problems import KimsiteError, Problem, ProblemLog
from kimsite.output.atomic import write_atomic
from kimsite.source.config import load_config

Printer = Callable[[Sequence[Problem], str, str], None]


def deploy(args: argparse.Namespace, lang: str, print_problems: Printer) -> int:
    if args.deploy == "nginx":
        return _nginx(args, lang, print_problems)
    try:
        target = Target.parse(args.target)
    except ValueError:
        _say("deploy.bad_target", lang, target=args.target)
        return 2
    ssh = tuple(shlex.split(args.ssh))
    try:
        if args.deploy == "sync":
            name = sync(args.build, target, keep=args.keep, ssh=ssh)
            _say("deploy.synced", lang, release=name, target=args.target)
        else:
            name = rollback(target, ssh=ssh)
            _say("deploy.rolled_back", lang, release=name, target=args.target)
    except (DeployFailure, OSError) as exc:
        _say("deploy.failed", lang, detail=str(exc))
        return 1
    return 0


def _nginx(args: argparse.Namespace, lang: str, print_problems: Printer) -> int:
    try:
        config = load_config(args.config)
    except KimsiteError as exc:
        print_problems(exc.problems, args.format, lang)
        return 1
    try:
        listen = nginx.Listen.parse(args.listen)
        listen_tls = nginx.Listen.parse(args.listen_tls)
    except ValueError as exc:
        _say("deploy.bad_listen", lang, value=str(exc))
        return 2
    root = args.root.rstrip("/") or "/"
    if not root.startswith("/") or any(c in root for c in " ;{}\"'$\\\n"):
        _say("deploy.bad_root", lang, value=args.root)
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
        _say("deploy.nginx_written", lang, path=str(args.output), hosts=len(hosts))
    # A KIM's broken redirect file or clashing host was already an error of its build; here
    # it only leaves that KIM's entries out. Failing would stop every other KIM's deploy.
    return 0


def _say(code: str, lang: str, **params: object) -> None:
    print(render_message(code, params, lang), file=sys.stderr)


__all__ = ["deploy"]
