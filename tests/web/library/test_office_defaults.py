"""A new case takes the office's attributes from the office's records; the author may
change them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client

from teichaku.web.library.models import PracticeCase
from teichaku.web.offices import clock
from teichaku.web.offices.models import Person

from .conftest import CASE_FORM, Site

pytestmark = pytest.mark.django_db


def people(site: Site, in_service: int, ended: int) -> None:
    today = clock.today()
    for n in range(in_service + ended):
        Person.objects.create(
            office=site.office,
            display_name=f"架空{n}",
            plan_type="self_plan",
            service_start=today - timedelta(days=100),
            service_end=today - timedelta(days=1) if n >= in_service else None,
        )
    Person.objects.create(  # starts next month: not yet in service
        office=site.office, display_name="架空予定", plan_type="self_plan",
        service_start=today + timedelta(days=31),
    )  # fmt: skip


def new_case_page(site: Site, integrated: str) -> tuple[Client, str]:
    """The author's new-case page once the office names these integrated offices."""
    site.office.integrated_offices = integrated
    site.office.save()
    author = Client(HTTP_ACCEPT_LANGUAGE="ja")
    author.force_login(site.author)
    return author, author.get("/practices/new/").content.decode()


def selected(page: str, name: str) -> str:
    start = page.index(f'name="{name}"')
    block = page[start : page.index("</select>", start)]
    return block.split(" selected>")[0].rsplit('value="', 1)[1].split('"')[0]


def test_size_and_integration_come_from_the_office(site: Site) -> None:
    people(site, in_service=12, ended=3)
    author, page = new_case_page(site, "架空就労移行支援事業所\n架空生活介護事業所")
    assert selected(page, "size_band") == "11-20"
    assert selected(page, "integrated_with_transition") == "true"
    assert selected(page, "operating_body") == ""  # the office keeps none
    assert "事業所の記録から入れました" in page
    # Editable: what the author posts is kept.
    form = {**CASE_FORM, "situation": "連絡ノートを使った。", "size_band": "1-10"}
    assert (
        author.post("/practices/new/", {**form, "integrated_with_transition": "false"}).status_code
        == 302
    )
    case = PracticeCase.objects.get()
    assert (case.size_band, case.integrated_with_transition) == ("1-10", False)


def test_nothing_known_nothing_filled(site: Site) -> None:
    _author, page = new_case_page(site, "")
    assert selected(page, "size_band") == ""
    assert selected(page, "integrated_with_transition") == "unknown"
    _author, page = new_case_page(site, "架空生活介護事業所")
    assert selected(page, "integrated_with_transition") == "false"


def test_clock_is_the_offices(monkeypatch: pytest.MonkeyPatch, site: Site) -> None:
    people(site, in_service=1, ended=0)
    monkeypatch.setattr(clock, "today", lambda: date(2000, 1, 1))  # before anyone started
    _author, page = new_case_page(site, "")
    assert selected(page, "size_band") == ""
