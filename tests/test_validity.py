"""Every page of the sample is valid HTML, as the W3C Nu HTML Checker (vnu) judges it.

scripts/test.sh installs Java and vnu (npm `vnu-jar`) into .tools/; the checker runs
once over every page of the sample build (and of a site with processed phone photos).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kimsite.build.pipeline import BuildReport
from tests.helpers import REPO

VNU = REPO / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"


def _vnu(pages: list[Path]) -> list[str]:
    if not VNU.is_file() or shutil.which("java") is None:
        pytest.fail("vnu is missing: scripts/test.sh installs Java and vnu-jar into .tools/")
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "gnu", "--also-check-css", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return [line for line in done.stderr.splitlines() if line.strip()]


def test_every_sample_page_is_valid_html(sample: tuple[Path, BuildReport]) -> None:
    _root, report = sample
    pages = sorted(report.out_dir.rglob("*.html"))
    assert len(pages) > 150
    findings = _vnu(pages)
    assert findings == [], "\n".join(findings[:30])


def test_vnu_does_report_invalid_html(tmp_path: Path) -> None:
    """The checker is really run: a page with a skipped heading level is reported."""
    page = tmp_path / "salah.html"
    page.write_text(
        '<!DOCTYPE html><html lang="id"><head><title>x</title></head>'
        "<body><h1>a</h1><h3>b</h3></body></html>",
        encoding="utf-8",
    )
    findings = _vnu([page])
    assert any("skipping 1 heading level" in f for f in findings), findings
