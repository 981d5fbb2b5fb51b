"""The respondents' side from the desk: consent page texts, preview, QR code, closing."""

from __future__ import annotations

import io

import pytest
import segno
from django.test import Client, override_settings
from PIL import Image

from teichaku.web.surveys.models import FormToken, RateCounter, Submission, Survey

from .conftest import World, client_for

CONSENT = {
    "organiser": "高松大学 福祉学部\n山田研究室",
    "purpose": "就労定着支援の課題を明らかにするため",
    "contact": "<script>alert(1)</script> yamada@example.jp",
    "ethics_approval": "高大倫審 2023001",
}


def test_new_and_existing_surveys_have_consent_defaults(world: World) -> None:
    assert world.survey.organiser == "チームA"
    assert world.survey.purpose == world.survey.title != ""
    assert world.survey.contact == "" and world.survey.ethics_approval == ""


def test_owner_edits_the_consent_page_and_respondents_see_it_escaped(world: World) -> None:
    t = world.survey.token
    client = client_for(world.owner)
    form = client.get(f"/desk/{t}/consent/").content.decode()
    assert "実施者" in form and "倫理審査" in form and "問い合わせ先" in form
    response = client.post(f"/desk/{t}/consent/", CONSENT)
    assert response.status_code == 302
    world.survey.refresh_from_db()
    assert world.survey.contact == CONSENT["contact"]

    page = Client().get(f"/s/{t}/").content.decode()
    assert "高松大学 福祉学部<br>山田研究室" in page  # line breaks kept
    assert "&lt;script&gt;alert(1)&lt;/script&gt; yamada@example.jp" in page  # escaped
    assert "<script>alert(1)" not in page
    assert "高大倫審 2023001" in page and "就労定着支援の課題を明らかにするため" in page


def test_empty_consent_fields_are_left_out_and_over_long_ones_refused(world: World) -> None:
    t = world.survey.token
    client = client_for(world.owner)
    client.post(f"/desk/{t}/consent/", {**CONSENT, "contact": "", "ethics_approval": ""})
    page = Client().get(f"/s/{t}/").content.decode()
    assert "<dt>問い合わせ先</dt>" not in page and "<dt>倫理審査</dt>" not in page
    assert "<dt>実施者</dt>" in page
    refused = client.post(f"/desk/{t}/consent/", {**CONSENT, "purpose": "あ" * 2001})
    assert refused.status_code == 400
    assert "error-summary" in refused.content.decode()
    world.survey.refresh_from_db()
    assert world.survey.purpose == CONSENT["purpose"]


def test_analyst_may_edit_the_consent_page_viewer_may_not(world: World) -> None:
    t = world.survey.token
    assert client_for(world.analyst).post(f"/desk/{t}/consent/", CONSENT).status_code == 302
    viewer = client_for(world.viewer)
    assert viewer.post(f"/desk/{t}/consent/", {**CONSENT, "organiser": "x"}).status_code == 403
    world.survey.refresh_from_db()
    assert world.survey.organiser == CONSENT["organiser"]
    assert f"/desk/{t}/consent/" not in viewer.get(f"/desk/{t}/").content.decode()


@pytest.mark.parametrize("is_open", [True, False])
def test_preview_shows_every_page_and_stores_nothing(world: World, is_open: bool) -> None:
    survey = world.survey
    Survey.objects.filter(pk=survey.pk).update(is_open=is_open, ethics_approval="高大倫審 X")
    client = client_for(world.analyst)
    consent = client.get(f"/desk/{survey.token}/preview/")
    html = consent.content.decode()
    assert consent.status_code == 200
    assert "プレビュー" in html and "高大倫審 X" in html
    assert 'name="form_token"' not in html and "<form" not in html.split("</header>")[-1]
    titles = []
    for number in (1, 2, 3):
        page = client.get(f"/desk/{survey.token}/preview/?page={number}").content.decode()
        assert f"{number} / 3 ページ" in page and "プレビュー" in page
        assert 'name="form_token"' not in page
        titles.append(page)
    assert "利用者の確保" in titles[1]
    # Questions behind skip logic are shown too (nothing answered, nothing hidden).
    assert "就職後の利用者の状態把握の方法" in titles[2]
    assert client.get(f"/desk/{survey.token}/preview/?page=abc").status_code == 200
    assert FormToken.objects.count() == 0
    assert RateCounter.objects.count() == 0
    assert Submission.objects.count() == 0


def test_preview_does_not_count_toward_the_rate_limit(world: World) -> None:
    client = client_for(world.owner)
    with override_settings(TEICHAKU_FORM_RATE="1/600"):
        for _ in range(3):
            assert client.get(f"/desk/{world.survey.token}/preview/").status_code == 200
        assert Client().post(f"/s/{world.survey.token}/", {"consent": "yes"}).status_code == 200
    assert FormToken.objects.count() == 1


def _png_modules(png: bytes, scale: int = 10, border: int = 4) -> list[list[bool]]:
    image = Image.open(io.BytesIO(png)).convert("L")
    size = image.width // scale - 2 * border
    return [
        [
            image.getpixel(((border + x) * scale + scale // 2, (border + y) * scale + scale // 2))
            < 128
            for x in range(size)
        ]
        for y in range(size)
    ]


@pytest.mark.parametrize("base", ["", "https://survey.example.jp"])
def test_qr_code_encodes_the_absolute_public_link(world: World, base: str) -> None:
    t = world.survey.token
    client = client_for(world.analyst)
    with override_settings(TEICHAKU_BASE_URL=base):
        png = client.get(f"/desk/{t}/qr.png")
        svg = client.get(f"/desk/{t}/qr.svg")
        desk = client.get(f"/desk/{t}/").content.decode()
    url = f"{base or 'http://testserver'}/s/{t}/"
    assert png["Content-Type"] == "image/png" and svg["Content-Type"] == "image/svg+xml"
    assert 'filename="qr.png"' in png["Content-Disposition"]
    expected = [[bool(m) for m in row] for row in segno.make(url, error="m").matrix]
    assert _png_modules(png.content) == expected
    assert b"<svg" in svg.content
    assert url in desk and "<svg" in desk and f"/desk/{t}/qr.svg" in desk


def test_closing_asks_for_confirmation(world: World) -> None:
    t = world.survey.token
    client = client_for(world.owner)
    page = client.get(f"/desk/{t}/status/").content.decode()
    assert "新しい回答は保存されません" in page and "再開" in page
    assert 'name="confirm" value="yes"' in page
    unconfirmed = client.post(f"/desk/{t}/status/", {"open": "0"})
    assert (
        unconfirmed.status_code == 200
        and "回答の受付を終了しますか" in unconfirmed.content.decode()
    )
    world.survey.refresh_from_db()
    assert world.survey.is_open
    assert Client().get(f"/s/{t}/").status_code == 200
    confirmed = client.post(f"/desk/{t}/status/", {"open": "0", "confirm": "yes"})
    assert confirmed.status_code == 302
    world.survey.refresh_from_db()
    assert not world.survey.is_open
    assert Client().get(f"/s/{t}/").status_code == 410


def test_english_labels_on_the_consent_page_and_the_close_confirmation(world: World) -> None:
    t = world.survey.token
    Survey.objects.filter(pk=world.survey.pk).update(contact="info@example.jp")
    page = Client().get(f"/s/{t}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<dt>Conducted by</dt>" in page and "<dt>Contact</dt>" in page
    close = client_for(world.owner).get(f"/desk/{t}/status/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Close the survey to new answers?" in close.content.decode()


def test_the_migration_gives_existing_surveys_the_same_defaults(world: World) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("teichaku.web.surveys.migrations.0002_consent_page")
    Survey.objects.update(organiser="", purpose="")
    migration.fill_defaults(apps, None)
    world.other_survey.refresh_from_db()
    assert (world.other_survey.organiser, world.other_survey.purpose) == ("チームB", "B の調査")
