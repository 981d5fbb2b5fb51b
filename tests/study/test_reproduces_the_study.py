"""`teichaku analyze` on the rebuilt example reproduces every published figure to 0.1 point.

The figures below are the study's, as restated in shared/spec/published-figures.md.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "retention-challenges-2024"

AFFILIATION_CASES = {  # §3.1, count and % of the 307 respondents
    "就労定着支援事業所": (97, 31.6),
    "就労移行支援事業所": (143, 46.6),
    "就労継続支援A型事業所": (69, 22.5),
    "就労継続支援B型事業所": (106, 34.5),
    "自立訓練事業所": (22, 7.2),
    "障害者就業・生活支援センター": (27, 8.8),
}
OPERATING_BODY = {"民間企業": 50.8, "社会福祉法人": 29.6, "NPO法人": 12.4}
ROLE_OF_RESPONSES = {"支援者": 56.5, "サービス管理責任者": 24.2, "管理者": 16.1}
ITEM_MODES = {
    "利用者の確保": ("7", 21.7),
    "利用者への支援提供における制約": ("4", 35.8),
    "企業との連携": ("5", 26.3),
    "生活支援に関わる関係者との連携": ("5", 27.8),
    "医療機関との連携": ("4", 26.4),
    "定着率を高める難しさ": ("5", 26.4),
    "事業所職員の確保": ("5", 24.3),
    "本人のキャリアアップ(転職含む)の支援": ("5", 27.6),
    "報酬単価と事業所の安定運営": ("4", 25.2),
    "退職後の定着率から除外される期間の長さ": ("4", 31.1),
    "就職後６カ月以内における就労定着支援事業所の支援提供に係る報酬": ("4", 40.0),
    "報酬体系の変更として、令和６年度から利用者数を考慮した報酬体系から定着率のみを"
    "報酬の基準とする報酬体系へ変更されること": ("5", 21.0),
}
TABLE_13 = {  # count and % of 493 mentions
    "電話連絡": (155, 31.4),
    "職場訪問": (131, 26.6),
    "メールでの連絡": (89, 18.1),
    "家庭訪問": (44, 8.9),
    "LINEなどでの連絡": (37, 7.5),
    "事業所での面談": (23, 4.7),
    "オンラインフォーム": (5, 1.0),
    "医療機関同行": (3, 0.6),
    "相談支援など他機関との連携": (3, 0.6),
    "テレビ会議システムによる面談": (2, 0.4),
    "喫茶店などで面談": (1, 0.2),
}
OTHER_ORG_CHALLENGE = {"課題がある": 40.2, "課題がない": 17.8}
TABLE_14 = {
    "企業と支援機関等との連携の課題": (19, 31.1),
    "利用者の情報の不足": (16, 26.2),
    "信頼関係構築の困難": (10, 16.4),
    "マッチングの精度の課題": (4, 6.6),
    "前例ない": (4, 6.6),
    "その他": (4, 6.6),
    "特になし": (5, 8.2),
}
TABLE_15 = {
    "多角的視点と支援の質の確保": (35, 36.8),
    "利用者の生活支援の範囲と役割分担の課題": (16, 16.8),
    "企業や他の支援機関との連携の課題": (12, 12.6),
    "計画相談支援事業所確保の困難": (5, 5.3),
    "違いはない・課題はない": (11, 11.6),
    "事例がない": (17, 17.9),
    "利用終了後の資源への接続": (1, 1.1),
}


def agrees(value: float | None, published: float) -> bool:
    """Equal to the published figure once rounded to one decimal place."""
    return value is not None and abs(value - published) <= 0.05 + 1e-9


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("study")
    command = [
        sys.executable,
        "-m",
        "teichaku.cli",
        "analyze",
        str(EXAMPLE / "responses.csv"),
        "--instrument",
        "retention-challenges-2024",
        "--codings",
        str(EXAMPLE / "codings.csv"),
        "--out",
        str(out),
        "--tables-only",
    ]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    data: dict[str, Any] = json.loads((out / "tables.json").read_text(encoding="utf-8"))
    return data


def question(tables: dict[str, Any], label: str) -> dict[str, Any]:
    return next(q for q in tables["questions"] if q["label"] == label)


def by_label(entry: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {option["label"]: option for option in entry.get("options", entry.get("codes", []))}


def test_schema_and_respondents(tables: dict[str, Any]) -> None:
    assert tables["schema"] == "teichaku.tables/1"
    assert tables["respondents"] == 307


def test_affiliation_shares_of_the_307_respondents(tables: dict[str, Any]) -> None:
    options = by_label(question(tables, "所属"))
    for label, (count, share) in AFFILIATION_CASES.items():
        assert options[label]["count"] == count, label
        assert agrees(options[label]["percent_of_cases"], share), label


def test_operating_body_and_role(tables: dict[str, Any]) -> None:
    body = by_label(question(tables, "事業所の設置法人"))
    for label, share in OPERATING_BODY.items():
        assert agrees(body[label]["percent"], share), label
    role = by_label(question(tables, "職務内容"))
    for label, share in ROLE_OF_RESPONSES.items():
        assert agrees(role[label]["percent_of_responses"], share), label


def test_each_item_mode_and_mode_share(tables: dict[str, Any]) -> None:
    for label, (mode, share) in ITEM_MODES.items():
        item = question(tables, label)
        assert item["kind"] == "likert"
        assert item["modes"] == [mode], label
        assert agrees(item["mode_percent"], share), (label, item["mode_percent"])


def test_table_13_monitoring_methods_as_shares_of_mentions(tables: dict[str, Any]) -> None:
    methods = question(tables, "就職後の利用者の状態把握の方法")
    assert methods["mentions"] == 493
    options = by_label(methods)
    for label, (count, share) in TABLE_13.items():
        assert options[label]["count"] == count, label
        assert agrees(options[label]["percent_of_responses"], share), label


def test_users_from_other_organisations_challenge_shares(tables: dict[str, Any]) -> None:
    name = "other_org_users_challenge"
    options = by_label(next(q for q in tables["questions"] if q["name"] == name))
    for label, share in OTHER_ORG_CHALLENGE.items():
        assert agrees(options[label]["percent"], share), label


@pytest.mark.parametrize(
    ("name", "published", "descriptions", "codes"),
    [("other_org_users_text", TABLE_14, 61, 62), ("self_plan_text", TABLE_15, 95, 97)],
)
def test_tables_14_and_15_with_more_codes_than_descriptions(
    tables: dict[str, Any],
    name: str,
    published: dict[str, tuple[int, float]],
    descriptions: int,
    codes: int,
) -> None:
    table = next(q for q in tables["questions"] if q["name"] == name)
    assert table["kind"] == "coded_text"
    assert table["descriptions"] == descriptions
    assert table["assignments"] == codes
    found = by_label(table)
    for label, (count, share) in published.items():
        assert found[label]["count"] == count, label
        assert agrees(found[label]["percent_of_descriptions"], share), label


def test_the_example_is_what_its_seeded_script_makes(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(EXAMPLE / "generate.py"), str(tmp_path)], check=True)
    for name in ("responses.csv", "codings.csv"):
        assert (tmp_path / name).read_bytes() == (EXAMPLE / name).read_bytes(), name
