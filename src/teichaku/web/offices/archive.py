"""An office's whole record as one zip: a CSV per table, one XLSX with a sheet per table, and
manifest.json (rows per table, its columns' field names, when, which office, which version).

`TABLES` is the one list of what an office owns, parents before children: the archive walks
it, and closing an office (`offices.closing`) deletes in its reverse order. A test fails
when a model of the app is missing here. The archive holds personal data by design — it is
the office's own record — so building one is audited (`export` of `office_archive`) and its
file name carries only the office number and the date.

Cells pass through `teichaku.cells` (no text runs as a formula); CSVs are UTF-8 with a BOM so
that Excel reads the Japanese; headers are the fields' Japanese labels, choices their labels.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teichaku import __version__
from teichaku.cells import append_row, csv_row
from teichaku.web.accounts.names import display_name
from teichaku.web.offices import models as m

# Never in the file: the hash of an invitation's secret link.
SECRET_FIELDS = frozenset({"token_hash"})
# The database's own row numbers: rows refer to each other by their ID (`public_id`).
INTERNAL_FIELDS = frozenset({"id", "office"})
# Labels of fields declared without one (Django would show the field name).
PLAIN_LABELS = {
    "public_id": gettext_lazy("ID"),
    "office": gettext_lazy("事業所"),
    "person": gettext_lazy("利用者"),
    "plan": gettext_lazy("計画"),
    "report": gettext_lazy("支援レポート"),
    "user": gettext_lazy("職員"),
    "staff": gettext_lazy("担当職員"),
    "recorded_by": gettext_lazy("記録者"),
    "created_by": gettext_lazy("作成者"),
    "actor": gettext_lazy("実行者(氏名)"),
    "key": gettext_lazy("キー"),
    "position": gettext_lazy("表示順"),
    "created_at": gettext_lazy("作成日時"),
    "updated_at": gettext_lazy("更新日時"),
}


@dataclass(frozen=True)
class Table:
    name: str  # the file name (without .csv) and the manifest key
    label: Any  # the sheet's name, in Japanese
    model: type[models.Model]


TABLES: tuple[Table, ...] = (
    Table("office", gettext_lazy("事業所"), m.Office),
    Table("staff_memberships", gettext_lazy("職員"), m.StaffMembership),
    Table("invitations", gettext_lazy("職員の招待"), m.OfficeInvitation),
    Table("channels", gettext_lazy("連絡方法"), m.Channel),
    Table("partners", gettext_lazy("関係機関"), m.Partner),
    Table("people", gettext_lazy("利用者"), m.Person),
    Table("employments", gettext_lazy("就労"), m.Employment),
    Table("person_partners", gettext_lazy("利用者の関係機関"), m.PersonPartner),
    Table("role_divisions", gettext_lazy("役割分担"), m.RoleAssignment),
    Table("contacts", gettext_lazy("連絡記録"), m.Contact),
    Table("meetings", gettext_lazy("ケース会議"), m.Meeting),
    Table("handover_profiles", gettext_lazy("引継ぎ情報"), m.HandoverProfile),
    Table("consents", gettext_lazy("同意"), m.Consent),
    Table("disclosures", gettext_lazy("情報提供"), m.Disclosure),
    Table("plans", gettext_lazy("就労定着支援計画"), m.SupportPlan),
    Table("plan_reviews", gettext_lazy("計画の見直し"), m.PlanReview),
    Table("reports", gettext_lazy("支援レポート"), m.MonthlyReport),
    Table("report_shares", gettext_lazy("レポートの共有"), m.ReportShare),
    Table("situations", gettext_lazy("減算の事由"), m.OfficeSituation),
    Table("audit_log", gettext_lazy("監査ログ"), m.AuditEntry),
)


def rows_of(table: Table, office: m.Office) -> models.QuerySet[Any]:
    """The office's rows of a table, in the order they were made."""
    manager: Any = table.model._default_manager
    rows: models.QuerySet[Any]
    if table.model is m.Office:
        rows = manager.filter(pk=office.pk)
    elif hasattr(manager, "for_office"):
        rows = manager.for_office(office)
    else:
        rows = manager.filter(office=office)
    return rows.order_by("pk")


def columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in SECRET_FIELDS | INTERNAL_FIELDS
    ]


def header(field: models.Field[Any, Any]) -> str:
    label = str(field.verbose_name)
    if label == field.name.replace("_", " ") and field.name in PLAIN_LABELS:
        return str(PLAIN_LABELS[field.name])
    return label


def cell(row: models.Model, field: models.Field[Any, Any]) -> Any:
    """The value as a person reads it: a label for a choice, the related row's ID (a
    staff member's name), text."""
    if field.is_relation:
        related = getattr(row, field.name)
        if related is None:
            return ""
        public = getattr(related, "public_id", None)
        return str(public) if public is not None else display_name(related)
    value = getattr(row, field.attname)
    if value is None:
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("はい") if value else _("いいえ")
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def table_rows(table: Table, office: m.Office) -> Iterator[list[Any]]:
    fields = columns(table.model)
    for row in rows_of(table, office).iterator():
        yield [cell(row, field) for field in fields]


def file_name(office: m.Office, day: date) -> str:
    """Nothing personal: the office number and the date."""
    return f"teichaku-office-{office.number}-{day.isoformat()}.zip"


def build(office: m.Office, progress: Callable[[int, str], None] | None = None) -> bytes:
    """The zip of every table of the office (see the module's docstring)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    manifest: dict[str, Any] = {
        "format": "teichaku.office_archive/1",
        "office_number": office.number,
        "created_at": timezone.localtime().isoformat(timespec="seconds"),
        "teichaku_version": __version__,
        "tables": {},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, table in enumerate(TABLES):
            if progress is not None:
                progress(5 + 90 * number // len(TABLES), str(table.label))
            fields = columns(table.model)
            headers = [header(field) for field in fields]
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow(csv_row(headers))
            sheet = workbook.create_sheet(str(table.label)[:31])
            append_row(sheet, headers)
            count = 0
            for values in table_rows(table, office):
                writer.writerow(csv_row(values))
                append_row(sheet, values)
                count += 1
            archive.writestr(f"{table.name}.csv", "\ufeff" + text.getvalue())
            manifest["tables"][table.name] = {
                "label": str(table.label),
                "file": f"{table.name}.csv",
                "sheet": str(table.label)[:31],
                "rows": count,
                "columns": [
                    {"field": field.name, "label": label}
                    for field, label in zip(fields, headers, strict=True)
                ],
            }
        xlsx = io.BytesIO()
        workbook.save(xlsx)
        archive.writestr("office.xlsx", xlsx.getvalue())
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return buffer.getvalue()
