"""Which host each KIM's site is published at: the province's to give, never a KIM's to take.

A host comes from the KIM's folder name under `domain_induk`, or from `domain_kustom` in
`config.yaml`; a profile's `domain:` must agree with it (`profiles`). Every consumer of
hosts (the build, `kimsite check`, the preview, the nginx configuration, the editor's
addresses) asks here, so none can disagree on who owns a host.
"""

from __future__ import annotations

from pathlib import Path

from kimsite.indonesia.conventions import is_dns_label, slugify
from kimsite.model.problems import Problem, printable, problem
from kimsite.source.config import SiteConfig
from kimsite.source.files import PROFILE_NAME


def host_of(slug: str, config: SiteConfig) -> str:
    """A KIM's host is the province's to give: its folder under `domain_induk`, unless
    `config.yaml` gives it a custom domain."""
    return config.domain_kustom.get(slug) or f"{slug}.{config.domain_induk}"


def host_problems(folders: dict[str, Path], config: SiteConfig) -> dict[str, list[Problem]]:
    """Two KIMs never share a host, none takes the index's or one under it, and a folder
    whose name is not a host label (`is_dns_label`) gets none: every consumer of hosts (the
    build, check, deploy, the editor's addresses) leaves out the folders named here.

    Hosts come from the folder names and `config.yaml` alone (a KIM cannot choose its
    own), so this needs no profile. On a clash, the KIM whose folder name gives the host
    keeps it; the KIM the province mapped onto it is the one in error.
    """
    found: dict[str, list[Problem]] = {}
    natural = {f"{slug}.{config.domain_induk}": slug for slug in folders}
    for slug, folder in sorted(folders.items()):
        if not is_dns_label(slug):  # a name that is no host label gives no host at all
            hint = slugify(slug) or "kim-desa"
            shown = printable(slug)  # a byte that is not UTF-8 is shown, never printed raw
            found[slug] = [problem(folder, None, "kim.bad_slug", slug=shown, hint=hint)]
            continue
        host = host_of(slug, config)
        where = folder / PROFILE_NAME
        owner = natural.get(host, slug)
        if host == config.domain_indeks or host.endswith("." + config.domain_indeks):
            found.setdefault(slug, []).append(problem(where, None, "kim.host_is_index", host=host))
        elif owner != slug:
            found.setdefault(slug, []).append(
                problem(where, None, "kim.duplicate_host", host=host, others=owner)
            )
    return found


__all__ = ["host_of", "host_problems"]
