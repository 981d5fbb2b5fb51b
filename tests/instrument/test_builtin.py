"""The study's instrument, built in as retention-challenges-2024."""

from __future__ import annotations

import json

from click.testing import CliRunner

from teichaku.cli import main
from teichaku.instrument import QuestionKind, load_instrument

NAME = "retention-challenges-2024"
# §2.3 of the study, in its order and exact wording.
ITEMS = [
    "利用者の確保",
    "利用者への支援提供における制約",
    "企業との連携",
    "生活支援に関わる関係者との連携",
    "医療機関との連携",
    "定着率を高める難しさ",
    "事業所職員の確保",
    "本人のキャリアアップ(転職含む)の支援",
    "報酬単価と事業所の安定運営",
    "退職後の定着率から除外される期間の長さ",
    "就職後６カ月以内における就労定着支援事業所の支援提供に係る報酬",
    "報酬体系の変更として、令和６年度から利用者数を考慮した報酬体系から定着率のみを"
    "報酬の基準とする報酬体系へ変更されること",
]
SCALE = [
    "１：全く課題でない",
    "２：課題でない",
    "３：やや課題でない",
    "４：どちらともいえない",
    "５：やや課題である",
    "６：課題である",
    "７：非常に課題である",
]


def test_twelve_seven_point_items_with_the_study_wording() -> None:
    form = load_instrument(NAME)
    items = form.questions_of(QuestionKind.LIKERT)
    assert [q.label for q in items] == ITEMS
    for item in items:
        assert [o.label for o in item.options] == SCALE
        assert item.likert is not None and item.likert.centre == 4.0
        assert item.labels["en"]


def test_attributes_methods_yes_no_and_free_text() -> None:
    form = load_instrument(NAME)
    kinds = {q.name: q.kind for q in form.questions if q.kind is not QuestionKind.LIKERT}
    assert kinds == {
        "affiliation": QuestionKind.MULTI,
        "operating_body": QuestionKind.SINGLE,
        "role": QuestionKind.MULTI,
        "monitoring_methods": QuestionKind.MULTI,
        "other_org_users_challenge": QuestionKind.SINGLE,
        "other_org_users_text": QuestionKind.TEXT,
        "self_plan_text": QuestionKind.TEXT,
    }
    methods = form.question("monitoring_methods")
    assert methods.or_other and methods.option_values[-1] == "other"
    assert [o.label for o in methods.options][:3] == ["電話連絡", "職場訪問", "メールでの連絡"]


def test_show_json_prints_name_kind_label_and_options() -> None:
    result = CliRunner().invoke(main, ["instrument", "show", NAME, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    first_item = next(q for q in data["questions"] if q["kind"] == "likert")
    assert first_item["name"] == "q01_securing_users"
    assert first_item["label"] == "利用者の確保"
    assert first_item["options"][6] == {"value": "7", "label": "７：非常に課題である"}
    assert {q["kind"] for q in data["questions"]} == {"likert", "single", "multi", "text"}
