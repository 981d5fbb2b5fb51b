"""An office's archive: every table of the office as CSV and as a sheet, counted in manifest.json,
taken by the 管理者 only, audited, no formula run from a cell."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from teichaku.web.jobs.models import Job
from teichaku.web.offices.archive import TABLES, columns, header
from teichaku.web.offices.models import AuditEntry, Contact, Office

from .conftest import World, fill_every_table, sign_in

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("http://example.invalid","x")'


def office_rows(model: Any, office: Office) -> int:
    """Counted in SQL, apart from the archive's own queries."""
    table = connection.ops.quote_name(model._meta.db_table)
    column = "id" if model is Office else "office_id"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} = %s", [office.pk])
        (count,) = cursor.fetchone()
    return int(count)


def take_archive(client: Client, capture: Callable[..., Any]) -> tuple[Job, bytes]:
    with capture(execute=True):
        started = client.post("/office/archive/")
    assert started.status_code == 302
    job = Job.objects.filter(kind="office_archive").latest("created_at")
    assert started["Location"] == f"/jobs/{job.pk}/"
    assert '<a href="/office/archive/">' in client.get(started["Location"]).content.decode()
    fetched = client.get(f"/jobs/{job.pk}/file")
    assert fetched.status_code == 200, client.get(started["Location"]).content.decode()
    return job, fetched.content


def test_every_model_of_the_office_app_is_a_table_of_the_archive() -> None:
    models = set(apps.get_app_config("offices").get_models())
    assert {table.model for table in TABLES} == models
    assert len({table.name for table in TABLES}) == len(TABLES)


def test_every_column_is_headed_in_japanese() -> None:
    # in Japanese whatever an earlier test in this process left active (a request in English)
    with translation.override("ja"):
        for table in TABLES:
            for field in columns(table.model):
                assert header(field) == "ID" or not header(field).isascii(), (
                    table.name,
                    field.name,
                )


def test_the_archive_holds_every_row_of_the_office_and_none_of_another(
    world: World, client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    Contact.objects.for_office(world.office).filter(pk=world.contact.pk).update(notes=FORMULA)
    fill_every_table(world)
    sign_in(client, world.users["admin"])
    job, data = take_archive(client, django_capture_on_commit_callbacks)
    archive = zipfile.ZipFile(io.BytesIO(data))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["office_number"] == world.office.number
    workbook = load_workbook(io.BytesIO(archive.read("office.xlsx")))
    for table in TABLES:
        expected = office_rows(table.model, world.office)
        assert expected > 0, table.name
        raw = archive.read(f"{table.name}.csv")
        assert raw.startswith("\ufeff".encode())  # Excel reads it as UTF-8
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert len(rows) - 1 == expected, table.name
        sheet = workbook[manifest["tables"][table.name]["sheet"]]
        assert sheet.max_row - 1 == expected, table.name
        assert manifest["tables"][table.name]["rows"] == expected
        fields = [c["field"] for c in manifest["tables"][table.name]["columns"]]
        assert "token_hash" not in fields
        assert len(rows[0]) == len(fields)
    # the audit log's count above was taken after the job's own export entry
    assert AuditEntry.objects.filter(
        office=world.office, action="export", object_type="office_archive", actor_name="a-admin"
    ).exists()
    # text of the office's, not another office's
    text = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8", "replace")
    assert world.person.display_name in text
    assert world.other_person.display_name not in text
    # the file's name: the office number and the date only
    assert job.file_name == f"teichaku-office-{world.office.number}-{date.today().isoformat()}.zip"
    assert re.fullmatch(r"[a-z0-9.-]+", job.file_name)


def test_a_formula_typed_into_a_record_stays_text(
    world: World, client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    Contact.objects.for_office(world.office).filter(pk=world.contact.pk).update(notes=FORMULA)
    sign_in(client, world.users["admin"])
    _job, data = take_archive(client, django_capture_on_commit_callbacks)
    archive = zipfile.ZipFile(io.BytesIO(data))
    rows = list(csv.DictReader(io.StringIO(archive.read("contacts.csv").decode("utf-8-sig"))))
    assert [row["内容"] for row in rows] == ["'" + FORMULA]
    sheet = load_workbook(io.BytesIO(archive.read("office.xlsx")))["連絡記録"]
    notes = [cell for row in sheet.iter_rows() for cell in row if cell.value == FORMULA]
    assert len(notes) == 1 and notes[0].data_type == "s"


@pytest.mark.parametrize("role", ["service_manager", "support_worker", "auditor"])
def test_only_the_offices_admin_may_take_the_archive(
    world: World, client: Client, role: str
) -> None:
    sign_in(client, world.users[role])
    assert client.post("/office/archive/").status_code == 403
    assert not Job.objects.exists()


def test_another_office_neither_sees_the_job_nor_gets_this_offices_rows(
    world: World, client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    sign_in(client, world.users["admin"])
    job, _data = take_archive(client, django_capture_on_commit_callbacks)
    outsider = sign_in(Client(), world.outsider)
    assert outsider.get(f"/jobs/{job.pk}/").status_code == 404
    assert outsider.get(f"/jobs/{job.pk}/file").status_code == 404
    _their_job, theirs = take_archive(outsider, django_capture_on_commit_callbacks)
    archive = zipfile.ZipFile(io.BytesIO(theirs))
    text = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8", "replace")
    assert world.person.display_name not in text
    assert world.other_person.display_name in text
