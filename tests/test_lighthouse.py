"""Lighthouse (npm `lighthouse`, its mobile defaults: a mid-range phone, simulated slow 4G)
on what readers open most: an article whose writer uploaded a photo straight from a phone
camera, and the KIM's home page. Accessibility, best practices and SEO at 100, performance
at 90 or more; Lighthouse drives Debian's Chromium, the one the other browser tests use.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from benchmarks.images import phone_photo
from kimsite.build.pipeline import build
from tests.helpers import CHROMIUM, CHROMIUM_ARGS, REPO, article, profile, serving, write_project

LIGHTHOUSE = REPO / ".tools/node_modules/lighthouse/cli/index.js"
NOW = datetime(2026, 6, 1, tzinfo=UTC)
AT_LEAST = {"performance": 0.9, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = write_project(
        tmp_path_factory.mktemp("lighthouse") / "p",
        {
            "content/desa/kim.yaml": profile("KIM Desa", "52.71.01.1004"),
            "content/desa/media/panen.jpg": phone_photo(7),
            "content/desa/artikel/2026-05-01-panen.md": article(
                "Panen raya di sawah desa",
                "2026-05-01",
                gambar="../media/panen.jpg",
                gambar_alt="Petani memanen padi",
                body=("Petani memanen padi bersama-sama di sawah desa. " * 40 + "\n\n") * 4
                + "![Sawah menjelang panen](../media/panen.jpg)\n",
            ),
        },
    )
    assert build(root / "config.yaml", now=NOW).ok
    with serving(root / "build/desa.kim.id") as url:
        yield url


def _lighthouse(url: str, out: Path) -> dict[str, object]:
    if not LIGHTHOUSE.is_file():
        pytest.fail("lighthouse is missing: scripts/test.sh installs it into .tools/")
    done = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={out}",
            f"--chrome-path={CHROMIUM}",
            f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, object] = json.loads(out.read_text())
    return report


@pytest.mark.parametrize("path", ["/artikel/panen/", "/"], ids=["article-with-phone-photo", "home"])
def test_lighthouse_mobile_scores(site: str, path: str, tmp_path: Path) -> None:
    report = _lighthouse(site + path, tmp_path / "report.json")
    categories = report["categories"]
    audits = report["audits"]
    assert isinstance(categories, dict) and isinstance(audits, dict)
    scores = {name: categories[name]["score"] for name in AT_LEAST}
    lcp = audits["largest-contentful-paint"]["displayValue"]
    weight = audits["total-byte-weight"]["displayValue"]
    print(f"\nLighthouse mobile {path}: {scores}, LCP {lcp}, {weight}")
    failing = [
        (cat, ref["id"], audits[ref["id"]]["score"])
        for cat in AT_LEAST
        for ref in categories[cat]["auditRefs"]
        if ref["weight"]
        and (audits[ref["id"]]["score"] or 0) < 1
        and audits[ref["id"]]["scoreDisplayMode"] == "binary"
    ]
    assert all(scores[name] >= floor for name, floor in AT_LEAST.items()), (scores, failing)
