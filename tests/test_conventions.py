"""Indonesian conventions (`kimsite.indonesia.conventions`): slugs, dates and zones, Rupiah,
phone numbers, reading time, host names."""

from __future__ import annotations

from datetime import date

import pytest

from kimsite.indonesia import conventions


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Jum'at Bersih", "jumat-bersih"),
        ("Harga Rp15.000 per kg", "harga-rp15000-per-kg"),
        ("Pesta  Adat   Bau Nyale!", "pesta-adat-bau-nyale"),
        ("Désa Wisata Sembalun", "desa-wisata-sembalun"),
        ("HUT RI ke-80, 17/08/2025", "hut-ri-ke-80-17-08-2025"),
        ("Kopi 1,5 kg", "kopi-15-kg"),
        ("  --  ", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert conventions.slugify(text) == slug


def test_dates_in_indonesian() -> None:
    assert conventions.date_full(date(2023, 7, 24)) == "Senin, 24 Juli 2023"
    assert conventions.date_full(date(2025, 7, 4)) == "Jumat, 4 Juli 2025"
    assert conventions.date_long(date(2024, 12, 1)) == "1 Desember 2024"


def test_times_follow_the_kim_zone() -> None:
    wita = conventions.zone_for_province("52")
    m = conventions.parse_moment("2023-07-24 14:05", wita)
    assert m is not None and m.has_time
    assert conventions.moment_text(m, wita) == "Senin, 24 Juli 2023, 14.05 WITA"
    assert m.at.utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]
    jakarta = conventions.parse_moment("2023-07-24T14:05:00+07:00", wita)
    assert jakarta is not None and conventions.moment_text(jakarta, wita).endswith("15.05 WITA")
    assert conventions.zone_for_province("31").abbr == "WIB"
    assert conventions.zone_for_province("94").abbr == "WIT"
    assert conventions.parse_moment("2023-02-29", wita) is None
    assert conventions.parse_moment("24/07/2023", wita) is None
    assert conventions.parse_moment("2023-07-24 25:00", wita) is None


def test_money_phone_reading_time() -> None:
    assert conventions.rupiah(1_500_000) == "Rp1.500.000"
    assert conventions.rupiah(500) == "Rp500"
    assert conventions.whatsapp_number("0812-3456-7890") == "6281234567890"
    assert conventions.whatsapp_number("+62 812 3456 7890") == "6281234567890"
    assert conventions.whatsapp_number("12345") is None
    assert conventions.reading_minutes(0) == 1
    assert conventions.reading_minutes(201) == 2


def test_host_names() -> None:
    assert conventions.is_dns_label("sesela")
    assert not conventions.is_dns_label("Sesela")
    assert not conventions.is_dns_label("-sesela")
    assert not conventions.is_dns_label("1234")
    assert not conventions.is_dns_label("a" * 64)
    assert conventions.is_host_name("kim.ntbprov.go.id")
    assert not conventions.is_host_name("kim..id")
    assert not conventions.is_host_name("localhost")
