"""Tenant isolation and roles, checked on every desk URL from one list."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver

from teichaku.web.surveys import services
from teichaku.web.surveys.models import Submission, Survey
from teichaku.web.surveys.waves import link_previous_wave
from teichaku.web.webhooks.models import Delivery, DeliveryState, Webhook

from .conftest import BUILTIN, World, client_for, full_answer
from .helpers import answer_all


def desk_urls(survey: Survey) -> list[tuple[str, str]]:
    """(method, URL) of every page and download of one survey on the desk."""
    t = survey.token
    # A webhook and a delivered delivery, so that their URLs exist (nothing is due: no send).
    hook, _ = Webhook.objects.get_or_create(survey=survey, url="https://example.org/hook")
    sent, _ = Delivery.objects.get_or_create(
        webhook=hook, event="survey.closed", body="{}", state=DeliveryState.DELIVERED
    )
    return [
        ("get", f"/desk/{t}/"),
        ("get", f"/desk/{t}/tables/"),
        ("get", f"/desk/{t}/figures/q01_securing_users.svg"),
        ("get", f"/desk/{t}/cross/?question=q01_securing_users&by=operating_body"),
        ("get", f"/desk/{t}/download/report.html"),
        ("get", f"/desk/{t}/download/report.xlsx"),
        ("get", f"/desk/{t}/download/data.csv"),
        ("get", f"/desk/{t}/download/data.sav"),
        ("get", f"/desk/{t}/download/tables.json"),
        ("post", f"/desk/{t}/exports/data.csv"),
        ("get", f"/desk/{t}/download/report.html?text_appendix=all"),
        ("get", f"/desk/{t}/texts/self_plan_text/"),
        ("get", f"/desk/{t}/texts/self_plan_text/?q=連携&page=2"),
        ("get", f"/desk/{t}/texts/self_plan_text/answers.csv"),
        ("get", f"/desk/{t}/import/"),
        ("post", f"/desk/{t}/import/"),
        ("get", f"/desk/{t}/status/"),
        ("post", f"/desk/{t}/status/"),
        ("get", f"/desk/{t}/consent/"),
        ("post", f"/desk/{t}/consent/"),
        ("get", f"/desk/{t}/preview/"),
        ("get", f"/desk/{t}/preview/?page=2"),
        ("get", f"/desk/{t}/qr.svg"),
        ("get", f"/desk/{t}/qr.png"),
        ("get", f"/desk/{t}/schedule/"),
        ("post", f"/desk/{t}/schedule/"),
        ("get", f"/desk/{t}/invitations/"),
        ("post", f"/desk/{t}/invitations/"),
        ("get", f"/desk/{t}/weights/"),
        ("post", f"/desk/{t}/weights/"),
        ("get", f"/desk/{t}/waves/"),
        ("post", f"/desk/{t}/waves/"),
        ("get", f"/desk/{t}/waves/waves.html"),
        ("get", f"/desk/{t}/waves/waves.json"),
        ("get", f"/desk/{t}/webhooks/"),
        ("post", f"/desk/{t}/webhooks/"),
        ("post", f"/desk/{t}/webhooks/{hook.pk}/"),
        ("post", f"/desk/{t}/webhooks/deliveries/{sent.pk}/redeliver"),
    ]


def test_the_list_covers_every_desk_view() -> None:
    """A new desk view must be added to `desk_urls`, or this fails."""
    named = {
        p.name
        for p in get_resolver().url_patterns
        for p in getattr(p, "url_patterns", [p])
        if isinstance(p, URLPattern) and str(p.pattern).startswith("desk/<str:token>")
    }
    covered = {
        "results",
        "tables",
        "figure",
        "cross",
        "download",
        "export_job",
        "import",
        "status",
        "schedule",
        "invitations",
        "consent",
        "preview",
        "qr_svg",
        "qr_png",
        "weights",
        "waves",
        "waves_download",
        "texts",
        "texts_csv",
        "webhooks",
        "webhook",
        "redeliver",
    }
    assert named == covered


@pytest.fixture
def answered(world: World) -> World:
    for survey in (world.survey, world.other_survey):
        response, _ = answer_all(Client(), survey, full_answer())
        assert response.status_code == 303
    # an earlier wave of team A's survey, so that the comparison's downloads exist
    earlier = services.create_survey(world.team_a, world.owner, builtin=BUILTIN, title="前回")
    link_previous_wave(world.survey, earlier)
    return world


def test_another_teams_analyst_gets_404_everywhere(answered: World) -> None:
    client = client_for(answered.outsider)
    for method, url in desk_urls(answered.survey):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url, response.status_code)
    # …while the same URLs of the outsider's own survey work (so the 404 is not an accident).
    own = client.get(f"/desk/{answered.other_survey.token}/")
    assert own.status_code == 200
    assert answered.survey.title not in client.get("/desk/").content.decode() or (
        answered.survey.title == answered.other_survey.title
    )
    assert answered.survey.token not in client.get("/desk/").content.decode()


def test_owner_reaches_every_desk_url(answered: World) -> None:
    client = client_for(answered.owner)
    for method, url in desk_urls(answered.survey):
        response = getattr(client, method)(url)
        assert response.status_code in (200, 302, 400), (method, url, response.status_code)


def test_viewer_cannot_import_close_or_invite(answered: World) -> None:
    client = client_for(answered.viewer)
    t = answered.survey.token
    for method, url in [
        ("get", f"/desk/{t}/import/"),
        ("post", f"/desk/{t}/import/"),
        ("post", f"/desk/{t}/status/"),
        ("get", f"/desk/{t}/invitations/"),
        ("get", f"/desk/{t}/schedule/"),
        ("post", f"/desk/{t}/schedule/"),
        ("get", f"/desk/{t}/cross/"),
        ("get", f"/desk/{t}/status/"),
        ("get", f"/desk/{t}/consent/"),
        ("post", f"/desk/{t}/consent/"),
        ("get", f"/desk/{t}/preview/"),
        ("get", f"/desk/{t}/qr.svg"),
        ("get", f"/desk/{t}/qr.png"),
        ("get", f"/desk/{t}/weights/"),
        ("post", f"/desk/{t}/weights/"),
        ("get", f"/desk/{t}/waves/"),
        ("post", f"/desk/{t}/waves/"),
        ("get", f"/desk/{t}/webhooks/"),
        ("post", f"/desk/{t}/webhooks/"),
    ]:
        assert getattr(client, method)(url).status_code == 403, url
    assert client.post(f"/desk/{t}/status/", {"open": "0"}).status_code == 403
    assert client.post(f"/desk/{t}/status/", {"open": "0", "confirm": "yes"}).status_code == 403
    answered.survey.refresh_from_db()
    assert answered.survey.is_open
    assert client.get(f"/desk/{t}/").status_code == 200
    assert client.get(f"/desk/{t}/download/data.csv").status_code == 200
    html = client.get(f"/desk/{t}/").content.decode()
    assert f"/desk/{t}/import/" not in html and f"/desk/{t}/status/" not in html
    assert f"/desk/{t}/schedule/" not in html and f"/desk/{t}/invitations/" not in html
    assert f"/desk/{t}/preview/" not in html and f"/desk/{t}/qr.png" not in html


def test_analyst_can_import_but_not_close(answered: World) -> None:
    client = client_for(answered.analyst)
    t = answered.survey.token
    assert client.get(f"/desk/{t}/import/").status_code == 200
    assert client.post(f"/desk/{t}/status/", {"open": "0"}).status_code == 403
    assert client.post(f"/desk/{t}/status/", {"open": "0", "confirm": "yes"}).status_code == 403
    assert client.get(f"/desk/{t}/preview/").status_code == 200
    assert client.get(f"/desk/{t}/qr.png").status_code == 200
    assert client.get(f"/desk/{t}/webhooks/").status_code == 403
    assert client.post(f"/desk/{t}/webhooks/", {"url": "https://example.org/"}).status_code == 403
    assert client.post(f"/desk/{t}/schedule/", {"closes_at": "2000-01-01T00:00"}).status_code == 403
    answered.survey.refresh_from_db()
    assert answered.survey.closes_at is None
    assert f"/desk/{t}/schedule/" not in client.get(f"/desk/{t}/").content.decode()
    assert client.get("/desk/new/").status_code == 404


def test_anonymous_visitor_reaches_only_the_public_form(answered: World) -> None:
    client = Client()
    for method, url in [*desk_urls(answered.survey), ("get", "/desk/"), ("get", "/desk/new/")]:
        response = getattr(client, method)(url)
        assert response.status_code in (302, 403), (method, url, response.status_code)
        if response.status_code == 302:
            assert response.headers["Location"].startswith("/accounts/login/")
    assert client.get(f"/s/{answered.survey.token}/").status_code == 200
    assert Submission.objects.count() == 2
