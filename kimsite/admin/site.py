"""What the editor adds to the sites: a small `/admin/` on each KIM host, and Decap's
bundle with the shared script once, on the index host."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kimsite.admin.bundle import DECAP_VERSION, load_bundle, tarball_path
from kimsite.admin.decap import collection_names, config_yaml, decap_config
from kimsite.admin.page import ADMIN_CONFIG, ADMIN_PAGE, admin_page, bundle_url, shared_script
from kimsite.model.content import Kim
from kimsite.model.problems import ProblemLog
from kimsite.render.site_output import Owner, SiteOutput
from kimsite.source.config import SiteConfig


def add_admin(
    out: SiteOutput, slug: str, kim_name: str, host: str, config: SiteConfig, styles: list[str]
) -> None:
    """`/admin/` and its `config.yml` on a KIM host (only when `penyunting:` is on)."""
    editor = config.penyunting
    if editor is None:
        return
    owner = Owner("penyunting (config.yaml: penyunting)")
    origin = f"{config.skema}://{config.domain_indeks}"
    names = collection_names(slug)
    out.add_text(
        ADMIN_PAGE,
        admin_page(
            kim_name,
            origin,
            DECAP_VERSION,
            styles,
            names["artikel"],
            config.zone,
            (config.foto_maks_px, config.foto_kualitas),
        ),
        owner,
    )
    out.add_text(ADMIN_CONFIG, config_yaml(decap_config(slug, host, config, editor)), owner)


def kim_extras(kim: Kim, config: SiteConfig) -> Callable[[SiteOutput, list[str]], None]:
    """The editor's files of one KIM's site, as `render_kim(extras=…)` adds them: inside
    the site before its redirects are checked, so no redirect can hide `/admin/`."""
    return lambda out, styles: add_admin(out, kim.slug, kim.profile.nama, kim.host, config, styles)


def editor_key(config: SiteConfig, cache_root: Path) -> str | None:
    """What the index's bundle depends on, for its build fingerprint: a bundle that could
    not be fetched is tried again at the next build, not only after the next edit."""
    if config.penyunting is None:
        return None
    return f"{DECAP_VERSION}:{tarball_path(cache_root).is_file()}"


def add_bundle(out: SiteOutput, config: SiteConfig, cache_root: Path, log: ProblemLog) -> None:
    """Decap's bundle and the shared script below `/_decap/<version>/` of the index host."""
    if config.penyunting is None:
        return
    bundle = load_bundle(cache_root, log, config.root / "config.yaml")
    if bundle is None:
        return
    owner = Owner(f"Decap CMS {bundle.version}")
    for name, data in bundle.files:
        out.add_text(bundle_url(bundle.version, name), data, owner)
    name, data = shared_script()
    out.add_text(bundle_url(bundle.version, name), data, Owner("penyunting kimsite"))
