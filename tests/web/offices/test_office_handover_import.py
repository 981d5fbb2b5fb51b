"""Importing the 就労パスポート from our template: download, fill, import — all or nothing,
under a consent that covers the hand-over information, audited without values."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from teichaku.practice.handover import SECTION_KEYS
from teichaku.web.offices.models import AuditEntry, Consent, HandoverProfile

from .conftest import World, sign_in


def url(world: World) -> str:
    return reverse("offices:handover_import", kwargs={"person_id": world.person.public_id})


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client: Client, world: World, name: str, data: bytes) -> tuple[int, str]:
    response = client.post(url(world), {"file": SimpleUploadedFile(name, data)})
    return response.status_code, response.content.decode()


def profile(world: World) -> HandoverProfile | None:
    found: HandoverProfile | None = (
        HandoverProfile.objects.for_office(world.office).filter(person=world.person).first()
    )
    return found


def imports(world: World) -> int:
    return AuditEntry.objects.filter(person_id=str(world.person.public_id), action="import").count()


@pytest.mark.django_db
def test_the_downloaded_template_filled_in_excel_is_imported(world: World, client: Client) -> None:
    sign_in(client, world.users["support_worker"])
    template = client.get(reverse("offices:handover_template_xlsx"))
    assert template.status_code == 200
    sheet = load_workbook(io.BytesIO(template.content)).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["項目区分", "項目", "記入内容"]
    for row in rows[1:]:
        if row[0] == "情報の提供元":
            row[2] = "架空B型事業所"
        elif row[1] in ("職歴・実習歴", "仕事上のアピールポイント", "体調管理の工夫"):
            row[2] = f"{row[1]}の架空の記入"
    rows.append([5, "配慮してほしいこと", "指示はメモで"])  # a number for the section
    status, _page = upload(client, world, "passport.xlsx", xlsx(rows))
    assert status == 302
    saved = profile(world)
    assert saved is not None
    assert saved.source_organisation == "架空B型事業所"
    assert saved.work_experience == "【職歴・実習歴】職歴・実習歴の架空の記入"
    assert saved.task_performance == "【配慮してほしいこと】指示はメモで"
    assert saved.communication == ""
    entry = AuditEntry.objects.filter(person_id=str(world.person.public_id)).first()
    assert entry is not None and entry.action == "import" and entry.object_type == "handover"
    assert "架空" not in entry.detail and "items=5" in entry.detail
    page = client.get(reverse("offices:handover", kwargs={"person_id": world.person.public_id}))
    assert "4/7" in page.content.decode()  # the completeness indicator counts the sections


@pytest.mark.django_db
def test_a_cp932_csv_replaces_only_the_sections_it_fills(world: World, client: Client) -> None:
    sign_in(client, world.users["service_manager"])
    HandoverProfile.objects.create(
        office=world.office, person=world.person, strengths="前からの記入", self_check="残る"
    )
    text = "項目区分,項目,記入内容\r\n仕事上のアピールポイント,強み,丁寧\r\n2,強み2,正確\r\n"
    status, _page = upload(client, world, "p.CSV", text.encode("cp932"))
    assert status == 302
    saved = profile(world)
    assert saved is not None
    assert saved.strengths == "【強み】丁寧\n【強み2】正確"
    assert saved.self_check == "残る"


@pytest.mark.django_db
def test_bad_rows_are_named_in_japanese_and_nothing_is_written(
    world: World, client: Client
) -> None:
    sign_in(client, world.users["support_worker"])
    rows: list[list[object]] = [
        ["項目区分", "項目", "記入内容"],
        ["職務経験", "職歴", "正しい行"],
        ["趣味", "読書", "区分が違う"],
        ["作業遂行面", "", "項目がない"],
        ["作業遂行面", "速さ", "ok", "余分"],
        ["情報の提供元", "機関", "x" * 201],
    ]
    status, page = upload(client, world, "bad.xlsx", xlsx(rows))
    assert status == 400
    assert "bad.xlsx を取り込めませんでした" in page
    assert "3行目 A列(項目区分): &#x27;趣味&#x27;" in page
    assert "4行目 B列(項目): 空欄" in page
    assert "5行目 D列以降: &#x27;余分&#x27;" in page
    assert "6行目 C列(記入内容): 201文字" in page
    assert profile(world) is None and imports(world) == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("p.txt", b"a", "ファイルの形式"),
        ("p.csv", b"", "空です"),  # Django refuses an empty upload itself
        ("p.csv", b"section,item\r\n", "1行目(見出し)"),
        ("p.csv", "項目区分,項目,記入内容\r\n1,職歴,\r\n".encode(), "1行もありません"),
        ("p.xlsx", b"not a zip", "Excel ファイルとして開けません"),
    ],
)
def test_unusable_files_are_refused(
    world: World, client: Client, name: str, data: bytes, message: str
) -> None:
    sign_in(client, world.users["support_worker"])
    status, page = upload(client, world, name, data)
    assert status == 400 and message in page
    assert profile(world) is None and imports(world) == 0


@pytest.mark.django_db
def test_import_needs_an_active_consent_covering_the_handover(world: World, client: Client) -> None:
    sign_in(client, world.users["support_worker"])
    good = "項目区分,項目,記入内容\r\n1,職歴,架空\r\n".encode()
    world.consent.categories = ["reports"]
    world.consent.save()
    status, page = upload(client, world, "p.csv", good)
    assert status == 403 and "同意がありません" in page
    world.consent.categories = ["handover"]
    world.consent.revoked_on = date.today() - timedelta(days=1)
    world.consent.save()
    status, _page = upload(client, world, "p.csv", good)
    assert status == 403
    assert profile(world) is None and imports(world) == 0
    Consent.objects.create(
        office=world.office,
        person=world.person,
        purpose="引き継ぎ",
        recipient="架空",
        categories=["handover"],
        given_on=date.today(),
        recorded_by=world.users["admin"],
    )
    status, _page = upload(client, world, "p.csv", good)
    assert status == 302 and imports(world) == 1


@pytest.mark.django_db
def test_the_csv_template_lists_every_section(world: World, client: Client) -> None:
    sign_in(client, world.users["support_worker"])
    response = client.get(reverse("offices:handover_template_csv"))
    text = response.content.decode("utf-8-sig")
    from teichaku.practice.handover import PASSPORT_SECTIONS

    titles = dict(PASSPORT_SECTIONS)
    assert all(titles[key] in text for key in SECTION_KEYS)
    assert text.splitlines()[0] == "項目区分,項目,記入内容"
