"""The サービス提供実績記録票 of one person and month, built from the contact log.

The sheet follows the layout of the 就労定着支援提供実績記録票 as billing software prints it
(not verified against the official 様式 itself; see docs/office.md): a heading with the month
(和暦 + 年月分), the 受給者証番号, the person's name (支給決定障害者氏名), the 事業所番号 and the
office (事業者及びその事業所); one row per support with 日付 and 曜日, then the support as this
service records it — method, with whom, face to face or not, minutes — an empty 利用者確認印
for the person's seal and an empty 備考; totals at the foot; and the 利用開始日 beside
初期加算. A contact's notes are never written on the sheet (they are internal).

Every contact of the month is one row, so the sheet's rows equal the contact log's month.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from teichaku.practice.months import month_end, month_of
from teichaku.practice.report_draft import ContactLine
from teichaku.retention.dates import era_of

WEEKDAYS = "月火水木金土日"
FACE = {True: "対面", False: "非対面"}
# The CSV's columns: one row per support, the month's heading repeated so a row reads alone.
CSV_HEADER = (
    "対象年月",
    "事業所番号",
    "事業者及びその事業所",
    "受給者証番号",
    "支給決定障害者氏名",
    "日付",
    "曜日",
    "提供方法",
    "相手",
    "対面・非対面",
    "所要時間(分)",
    "備考",
)


@dataclass(frozen=True)
class SheetRow:
    day: date
    weekday: str
    method: str
    with_whom: str
    face_to_face: bool
    minutes: int | None

    @property
    def face_label(self) -> str:
        return FACE[self.face_to_face]


@dataclass(frozen=True)
class ServiceRecord:
    month: date
    rows: tuple[SheetRow, ...]

    @property
    def supports(self) -> int:
        return len(self.rows)

    @property
    def face_to_face(self) -> int:
        return sum(1 for r in self.rows if r.face_to_face)

    @property
    def minutes(self) -> int:
        return sum(r.minutes or 0 for r in self.rows)

    @property
    def heading(self) -> str:
        """令和7年5月分 (年月分 as on the form); ISO years before 昭和 do not occur."""
        return f"{wareki_month(self.month)}分"


def wareki_month(month: date) -> str:
    """令和7年5月; 元年 for an era's first year.

    >>> wareki_month(date(2019, 5, 1)), wareki_month(date(2025, 5, 1))
    ('令和元年5月', '令和7年5月')
    """
    era = era_of(month_end(month))
    year = era.year_of(month_end(month))
    return f"{era.name}{'元' if year == 1 else year}年{month.month}月"


def service_record(month: date, contacts: Sequence[ContactLine]) -> ServiceRecord:
    """The month's sheet: one row per contact of the month, in day order.

    A contact outside the month is an error (the caller passes the month's contacts), so no
    support is silently left off or put on the wrong sheet.

    >>> c = ContactLine(date(2025, 5, 12), "電話", "企業", False, 15, "内部メモ", "")
    >>> sheet = service_record(date(2025, 5, 1), [c])
    >>> sheet.heading, sheet.rows[0].weekday, sheet.rows[0].face_label
    ('令和7年5月分', '月', '非対面')
    """
    first, last = month_of(month), month_end(month)
    outside = [c.day.isoformat() for c in contacts if not first <= c.day <= last]
    if outside:
        raise ValueError(
            f"{first:%Y-%m} の記録票に別の月の支援があります / contacts outside the month: "
            + ", ".join(outside)
        )
    rows = tuple(
        SheetRow(
            c.day, WEEKDAYS[c.day.weekday()], c.channel, c.with_whom, c.face_to_face, c.minutes
        )
        for c in sorted(contacts, key=lambda c: c.day)
    )
    return ServiceRecord(first, rows)


def csv_rows(
    sheet: ServiceRecord,
    *,
    office_number: str,
    office_name: str,
    person_name: str,
    recipient_number: str = "",
) -> list[list[str | int]]:
    """The header and one row per support (cells still to pass through `cells.csv_row`)."""
    head: list[str | int] = [
        f"{sheet.month:%Y-%m}",
        office_number,
        office_name,
        recipient_number,
        person_name,
    ]
    rows: list[list[str | int]] = [list(CSV_HEADER)]
    for r in sheet.rows:
        minutes: str | int = "" if r.minutes is None else r.minutes
        rows.append(
            [*head, r.day.isoformat(), r.weekday, r.method, r.with_whom, r.face_label, minutes, ""]
        )
    return rows
