"""A real browser (Debian chromium via Playwright) prints a 支援レポート as a PDF, opens a month's
サービス提供実績記録票 and its CSV, and looks at every office page on a 390 px wide phone."""

from __future__ import annotations

import csv
import io
import os
import re
import zlib
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from teichaku import pdf
from teichaku.cells import read_csv_cell
from teichaku.practice.months import month_of, shift_month
from teichaku.web.offices import actions
from teichaku.web.offices.context import OfficeContext
from teichaku.web.offices.models import (
    AuditEntry,
    Channel,
    Contact,
    Employment,
    Office,
    Person,
    Role,
    StaffMembership,
)

from .conftest import World, sign_in
from .test_office_matrix import MATRIX, url_of

pytestmark = [pytest.mark.browser]

NAME = "架空 印子"
SECRET_NOTE = "内部メモ:服薬の変更を主治医と相談"
SECRET_STEP = "上司に体調の件を確認する"
SECTIONS = ["就労状況", "生活面", "課題", "支援内容", "次月の予定"]
PHONE = {"width": 390, "height": 844}


def office_with_a_month(manager_password: str) -> tuple[Office, Person, date, int]:
    """An office, its サービス管理責任者, a person and last month's contacts (with internal
    notes), plus one contact of the month before and one of this month (not on the sheet)."""
    users = get_user_model().objects
    admin = users.create_user(username="sheet-admin", password="unused-pass-1")
    office = actions.create_office("架空印刷事業所", "9900000077", "その他", admin)
    office.contact = "000-0000-0000(架空)"
    office.save()
    manager = users.create_user(username="sheet-manager", password=manager_password)
    StaffMembership.objects.create(user=manager, office=office, role=Role.SERVICE_MANAGER)
    ctx = OfficeContext(None, manager, office, Role.SERVICE_MANAGER)
    month = shift_month(month_of(date.today()), -1)
    person = Person(
        display_name=NAME,
        disability_category="mental",
        came_from_service="transition",
        plan_type="self_plan",
        service_start=shift_month(month, -2),
    )
    actions.save_owned(ctx, person, "person")
    job = Employment(
        person=person, employer_name="架空商事", job_title="事務補助", hired_on=date(2023, 4, 3)
    )
    actions.save_owned(ctx, job, "employment", person=person)
    channels = {c.key: c for c in Channel.objects.for_office(office)}
    days = [
        (month.replace(day=3), "workplace_visit", True, 40),
        (month.replace(day=12), "phone", False, 15),
        (month.replace(day=12), "email", False, None),
        (month.replace(day=27), "workplace_visit", True, 60),
        (shift_month(month, -1).replace(day=20), "phone", False, 10),
        (month_of(date.today()), "phone", False, 5),
    ]
    for day, key, face, minutes in days:
        Contact.objects.create(
            office=office,
            person=person,
            day=day,
            channel=channels[key],
            with_whom="person",
            face_to_face=face,
            minutes=minutes,
            notes=SECRET_NOTE,
            next_step=SECRET_STEP,
            staff=manager,
        )
    return office, person, month, 4


def log_in(page: Any, base: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/office/")
    page.locator("#id_login").fill("sheet-manager")
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{base}/office/")


def pdf_fonts(data: bytes) -> set[str]:
    """The /BaseFont names of a PDF, its compressed object streams included."""
    chunks = [data]
    for found in re.finditer(rb"stream\r?\n", data):
        try:
            chunks.append(zlib.decompressobj().decompress(data[found.end() :]))
        except zlib.error:
            continue
    names = re.findall(rb"/BaseFont\s*/([^\s/<>\[\]]+)", b"\n".join(chunks))
    return {name.decode() for name in names}


def page_text(document: Any) -> str:
    """The text WeasyPrint laid out on the document's pages (what the PDF shows)."""

    def walk(box: Any) -> list[str]:
        found = [box.text] if hasattr(box, "text") else []
        for child in getattr(box, "children", None) or []:
            found += walk(child)
        return found

    return "\n".join("".join(walk(p._page_box)) for p in document.pages)


def test_a_report_prints_as_a_pdf_with_the_sections_and_nothing_internal(
    live_server: Any, watched_page: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    office, person, month, _n = office_with_a_month("Sheet-pass-1")
    rendered: list[Any] = []
    real_render = pdf.render

    def keep(html: str, css: Any = ()) -> Any:
        document = real_render(html, css)
        rendered.append(document)
        return document

    monkeypatch.setattr(pdf, "render", keep)
    page, problems = watched_page()
    log_in(page, live_server.url, "Sheet-pass-1")
    page.goto(f"{live_server.url}/office/people/{person.public_id}/")
    page.get_by_role("link", name="支援レポートを作成").click()
    page.locator("#id_month").fill(month.strftime("%Y-%m"))
    page.get_by_role("button", name="保存").click()
    for key in ("work", "life", "issues", "support", "next_month"):
        value = page.locator(f"#id_{key}").input_value()
        assert SECRET_NOTE not in value and SECRET_STEP not in value, key
    page.locator("#id_life").fill("生活リズムは安定している。")
    page.locator("#id_next_month").fill("職場訪問で業務量を確認する。")
    page.get_by_role("button", name="保存").click()

    page.get_by_role("link", name="印刷用の表示").click()
    sheet = page.get_by_test_id("report-sheet")
    for title in [*SECTIONS, "確認欄", "本人", "対象期間", "作成者", "連絡先"]:
        assert sheet.get_by_text(title, exact=True).first.is_visible(), title
    confirm = sheet.locator("section.confirm").inner_text()
    assert "本人" in confirm and "企業" in confirm and "架空商事" in confirm  # who confirms
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDFで保存").click()
    download = download_info.value
    assert re.fullmatch(r"report-[0-9a-f-]{36}\.pdf", download.suggested_filename)
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    fonts = pdf_fonts(data)
    assert fonts and all(name.endswith(("IPAexGothic", "IPAexGothic-Bold")) for name in fonts)

    assert len(rendered) == 1
    text = page_text(rendered[0])
    positions = [text.index(title) for title in SECTIONS]
    assert positions == sorted(positions)
    for expected in ("支援レポート", NAME, "架空商事", "生活リズムは安定している。", "確認欄"):
        assert expected in text, expected
    assert "000-0000-0000" in text and office.number in text
    assert SECRET_NOTE not in text and SECRET_STEP not in text
    # No compliance counts: no "N回" and no minutes anywhere in the report.
    assert not re.search(r"\d+\s*回|\d+\s*分", text), text
    assert AuditEntry.objects.for_office(office).filter(action="export", detail="pdf").count() == 1
    assert problems == []
    page.context.close()


def test_a_months_record_sheet_matches_the_contact_log(live_server: Any, watched_page: Any) -> None:
    _office, person, month, count = office_with_a_month("Sheet-pass-1")
    page, problems = watched_page()
    log_in(page, live_server.url, "Sheet-pass-1")
    page.goto(f"{live_server.url}/office/people/{person.public_id}/")
    log = page.get_by_test_id("contact-log").locator("tbody tr")
    logged = sorted(
        day
        for day in log.locator("td:first-child").all_inner_texts()
        if day.startswith(f"{month:%Y-%m}")
    )
    assert len(logged) == count
    page.get_by_role("link", name=f"{month.year}年{month.month}月", exact=True).click()
    rows = page.get_by_test_id("record-rows").locator("tbody tr")
    assert rows.count() == count
    assert sorted(rows.evaluate_all("rows => rows.map(r => r.dataset.day)")) == logged
    foot = page.get_by_test_id("record-rows").locator("tfoot").inner_text()
    assert f"{count}回" in foot and "対面 2回" in foot and "115" in foot  # 40 + 15 + 60
    sheet = page.get_by_test_id("service-record").inner_text()
    assert SECRET_NOTE not in sheet and "就労定着支援提供実績記録票" in sheet

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSVで保存").click()
    download = download_info.value
    assert download.suggested_filename == (f"service-record-{person.public_id}-{month:%Y-%m}.csv")
    text = Path(download.path()).read_bytes().decode("utf-8-sig")
    table = [[read_csv_cell(c) for c in row] for row in csv.reader(io.StringIO(text))]
    assert table[0][5] == "日付" and len(table) == 1 + count
    assert sorted(row[5] for row in table[1:]) == logged
    assert {row[4] for row in table[1:]} == {NAME}
    assert SECRET_NOTE not in text
    assert problems == []
    page.context.close()


# The matrix's URLs that answer a file, not a page.
FILES = {
    "records",
    "person_export",
    "report_pdf",
    "service_record_pdf",
    "service_record_csv",
    "handover_template_csv",
    "handover_template_xlsx",
}


def test_every_office_page_reads_on_a_390px_phone(
    world: World, live_server: Any, watched_page: Any, tmp_path: Path
) -> None:
    """Every page of the office URL matrix, as the 管理者 (who may open them all)."""
    channel = Channel.objects.for_office(world.office).get(key="phone")
    for day in (1, 2):
        Contact.objects.create(
            office=world.office,
            person=world.person,
            day=date.today() - timedelta(days=day),
            channel=channel,
            with_whom="employer",
            minutes=15,
            notes="勤務時間の調整について上司と電話で相談した(架空の記録)" * 3,
            next_step="来週に職場訪問",
            staff=world.users["admin"],
        )
    client = sign_in(Client(), world.users["admin"])  # with TOTP passed in the session
    page, problems = watched_page(viewport=PHONE)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    shots = Path(os.environ.get("TEICHAKU_SCREENSHOTS", str(tmp_path)))
    narrow: list[str] = []
    seen = 0
    for entry in MATRIX:
        if entry.name in FILES:
            continue
        response = page.goto(live_server.url + url_of(entry, world))
        assert response is not None and response.status == 200, entry.name
        seen += 1
        page.screenshot(path=str(shots / f"{entry.name}.png"), full_page=True)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (entry.name, overflow)
        if entry.name in ("person", "contacts"):
            # No cell of a table whose text box is narrower than 2em of its font (a column
            # squeezed to one character a line; padding does not count); a
            # header the cards hide from sight (left for screen readers) is not shown.
            narrow += page.evaluate(
                """() => [...document.querySelectorAll('main table td, main table th')]
                .filter(c => c.getClientRects().length && c.textContent.trim())
                .filter(c => !c.closest('thead')
                             || c.closest('thead').getBoundingClientRect().width > 1)
                .filter(c => {
                    const s = getComputedStyle(c);
                    const text = c.getBoundingClientRect().width
                        - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
                    return text < 2 * parseFloat(s.fontSize);
                })
                .map(c => c.textContent.trim().slice(0, 20))"""
            )
    assert seen == len(MATRIX) - len(FILES)
    assert narrow == []
    # The contact log shows one card per contact, as wide as the page's content.
    page.goto(f"{live_server.url}/office/people/{world.person.public_id}/")
    widths = (
        page.get_by_test_id("contact-log")
        .locator("tbody tr")
        .evaluate_all("rows => rows.map(r => r.getBoundingClientRect().width)")
    )
    main = page.locator("main").bounding_box()
    assert main is not None and len(widths) == 3 and min(widths) > main["width"] * 0.8
    assert problems == []
    page.context.close()
