"""How the audit log's stored codes read on its page: the action and the kind of record.

The log stores stable codes (`view`, `person`, …) that never change with the wording; this is
the one place that words them. A code with no label here is shown as it is stored.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTIONS: dict[str, str | Promise] = {
    "view": _("閲覧"),
    "create": _("作成"),
    "update": _("変更"),
    "delete": _("削除"),
    "export": _("書き出し"),
    "import": _("取り込み"),
    "grant": _("権限の付与"),
    "revoke": _("取り消し"),
    "invite": _("招待"),
    "accept": _("招待の承認"),
    "decline": _("招待の辞退"),
    "denied": _("拒否(他事業所・存在しない記録)"),
    "seed_demo": _("デモデータの作成"),
    "close": _("事業所の閉鎖"),
}

OBJECT_TYPES: dict[str, str | Promise] = {
    "office": _("事業所"),
    "office_situation": _("減算の事由"),
    "office_archive": _("事業所の全記録"),
    "person": _("利用者"),
    "employment": _("雇用"),
    "contact": _("支援記録"),
    "meeting": _("会議"),
    "report": _("月次報告"),
    "monthlyreport": _("月次報告"),
    "report_share": _("月次報告の共有"),
    "plan": _("就労定着支援計画"),
    "plan_review": _("計画の見直し"),
    "consent": _("同意"),
    "disclosure": _("情報提供"),
    "handover": _("引き継ぎ"),
    "partner": _("関係機関"),
    "person_partner": _("利用者の関係機関"),
    "channel": _("連絡方法"),
    "role_division": _("役割分担"),
    "membership": _("職員の役割"),
    "invitation": _("招待"),
    "officeinvitation": _("招待"),
    "records": _("就労定着率の計算用データ"),
    "dashboard": _("ダッシュボード"),
    "audit_log": _("監査ログ"),
    "person_list": _("利用者一覧"),
    "contact_overview": _("支援記録の一覧"),
    "partner_list": _("関係機関の一覧"),
}


# The model of each corrected record: its fields' labels name a change in the history.
RECORD_MODELS = {
    "contact": "Contact",
    "meeting": "Meeting",
    "employment": "Employment",
    "report": "MonthlyReport",
    "plan": "SupportPlan",
    "plan_review": "PlanReview",
}


def field_label(object_type: str, field: str) -> str:
    """A stored field name as its label (the field as it is stored when unknown)."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    name = RECORD_MODELS.get(object_type)
    if name is None:
        return field
    try:
        return str(apps.get_model("offices", name)._meta.get_field(field).verbose_name)
    except FieldDoesNotExist:
        return field


def action_label(code: str) -> str:
    return str(ACTIONS.get(code, code))


def object_label(code: str) -> str:
    return str(OBJECT_TYPES.get(code, code))
