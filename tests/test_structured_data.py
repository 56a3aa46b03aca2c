"""JSON-LD on real pages: parsed from the built HTML and checked field by field."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import lxml.html

from kimsite.build.pipeline import build
from tests.helpers import PIXEL, article, profile, write_project

NOW = datetime(2026, 6, 1, tzinfo=UTC)
HOSTILE_TITLE = "Rapat </script><script>alert(1)</script> & lain-lain"


def _jsonld(path: Path) -> list[dict[str, Any]]:
    page = lxml.html.fromstring(path.read_bytes())
    scripts = page.xpath("//script[@type='application/ld+json']")
    assert not page.xpath("//script[not(@type='application/ld+json')]"), "no other script"
    return [json.loads(s.text) for s in scripts]


def _site(tmp_path: Path) -> Path:
    root = write_project(
        tmp_path / "p",
        {
            "content/desa/kim.yaml": profile(
                "KIM Desa Maju",
                "52.71.01.1004",
                logo="media/logo.png",
                media_sosial="{facebook: https://facebook.com/kimdesamaju}",
            ),
            "content/desa/media/logo.png": PIXEL,
            "content/desa/media/panen.png": PIXEL,
            "content/desa/artikel/2026-05-01-panen.md": article(
                json.dumps(HOSTILE_TITLE),
                "2026-05-01 08:30",
                gambar="../media/panen.png",
                gambar_alt="Panen",
                penulis="Ibu Sari",
                kategori="kegiatan",
                tag="[padi, panen]",
                diperbarui="2026-05-02 09:00",
            ),
            "content/desa/artikel/2026-05-03-rapat.md": article("Rapat desa", "2026-05-03"),
        },
    )
    assert build(root / "config.yaml", now=NOW).ok
    return root / "build/desa.kim.id"


def test_article_has_news_article_and_breadcrumbs(tmp_path: Path) -> None:
    site = _site(tmp_path)
    [data] = _jsonld(site / "artikel/panen/index.html")
    assert data["@context"] == "https://schema.org"
    news, trail = data["@graph"]
    assert news["@type"] == "NewsArticle"
    assert news["headline"] == HOSTILE_TITLE  # read back exactly, script never closed
    assert news["datePublished"] == "2026-05-01T08:30:00+08:00"
    assert news["dateModified"] == "2026-05-02T09:00:00+08:00"
    assert news["image"] == ["https://desa.kim.id/media/panen-bagikan.jpg"]
    assert news["author"] == {"@type": "Person", "name": "Ibu Sari"}
    assert news["publisher"]["name"] == "KIM Desa Maju"
    assert news["publisher"]["logo"] == "https://desa.kim.id/media/logo.png"
    assert news["keywords"] == ["padi", "panen"] and news["inLanguage"] == "id"
    assert news["mainEntityOfPage"] == "https://desa.kim.id/artikel/panen/"
    assert trail["@type"] == "BreadcrumbList"
    assert [(i["position"], i["item"]) for i in trail["itemListElement"]] == [
        (1, "https://desa.kim.id/"),
        (2, "https://desa.kim.id/kategori/kegiatan/"),
        (3, "https://desa.kim.id/artikel/panen/"),
    ]
    # An article without author or photo: the KIM is its author, no image claimed.
    [plain] = _jsonld(site / "artikel/rapat/index.html")
    assert plain["@graph"][0]["author"]["@type"] == "Organization"
    assert "image" not in plain["@graph"][0]


def test_home_has_organization_and_website(tmp_path: Path) -> None:
    site = _site(tmp_path)
    [data] = _jsonld(site / "index.html")
    org, web = data["@graph"]
    assert org["@type"] == "Organization" and org["name"] == "KIM Desa Maju"
    assert org["url"] == "https://desa.kim.id/"
    assert org["sameAs"] == ["https://facebook.com/kimdesamaju"]
    assert web["@type"] == "WebSite" and web["publisher"] == {"@id": org["@id"]}
    action = web["potentialAction"]
    assert action["@type"] == "SearchAction"
    target = action["target"]["urlTemplate"]
    assert target == "https://desa.kim.id/cari/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    # The target is a real page of the site, with a form that sends `q`.
    search_page = lxml.html.parse(str(site / "cari/index.html")).getroot()
    assert search_page.xpath("//form[@role='search']//input[@name='q']")
    assert _jsonld(site / "profil/index.html") == []
