"""`teichaku analyze --practices-url`: report.html links each challenge item and coded
category of the analysed instrument to the practice list filtered by it."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from teichaku.cli import main
from teichaku.library.challenges import builtin_challenges

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "retention-challenges-2024"
pytestmark = pytest.mark.slow  # writes the whole report with its figures


def test_the_cli_report_links_every_challenge(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["analyze", str(EXAMPLE / "responses.csv"), "--instrument", "retention-challenges-2024",
         "--codings", str(EXAMPLE / "codings.csv"), "--out", str(tmp_path),
         "--practices-url", "https://pref.example.jp/practices/"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    linked = {
        parse_qs(urlsplit(href.replace("&amp;", "&")).query)["challenge"][0]
        for href in re.findall(r'href="(https://pref\.example\.jp/practices/\?[^"]+)"', html)
    }
    assert linked == {c.key for c in builtin_challenges()}
    assert len([k for k in linked if ":" not in k]) == 12
