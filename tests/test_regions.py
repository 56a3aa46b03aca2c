"""Region names from Kemendagri codes (`kimsite.indonesia.regions`)."""

from __future__ import annotations

from kimsite.indonesia.regions import lookup, suggest


def test_regions_come_from_kemendagri_data() -> None:
    region = lookup("52.71.01.1004")
    assert region is not None
    assert (region.desa, region.kecamatan, region.kabkota, region.provinsi) == (
        "Ampenan Selatan",
        "Ampenan",
        "Kota Mataram",
        "Nusa Tenggara Barat",
    )
    assert region.desa_label == "Kelurahan Ampenan Selatan"
    assert lookup("5271011004") == region
    assert lookup("52.71.01.9999") is None
    assert any(r.code == "52.71.01.1004" for r in suggest("Ampenan Selatan", "52"))
    assert all(r.code.startswith("52.71.01.") for r in suggest("52.71.01.1040", "52"))
