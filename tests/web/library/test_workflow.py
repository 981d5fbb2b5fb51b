"""From draft to published through the pages, and who sees what."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from teichaku.web.library.models import CaseVersion, FlagConfirmation, PracticeCase, State

from .conftest import CASE_FORM, Site

pytestmark = pytest.mark.django_db


def signed(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="ja")
    client.force_login(user)
    return client


def write(site: Site, **changes: Any) -> tuple[Client, PracticeCase]:
    author = signed(site.author)
    response = author.post("/practices/new/", {**CASE_FORM, **changes})
    assert response.status_code == 302, response.content.decode()[:2000]
    return author, PracticeCase.objects.get(title=changes.get("title", CASE_FORM["title"]))


def test_a_name_stops_submission_until_removed_then_review_and_publish(site: Site) -> None:
    author, case = write(site)
    page = author.get(f"/practices/{case.public_id}/edit/").content.decode()
    assert "田中" in page and "人名" in page
    author.post(f"/practices/{case.public_id}/submit/")
    case.refresh_from_db()
    assert case.state == State.DRAFT
    fixed = {**CASE_FORM, "situation": "職場の担当者が異動し、職場での様子が分かりづらくなった。"}
    author.post(f"/practices/{case.public_id}/edit/", fixed)
    author.post(f"/practices/{case.public_id}/submit/")
    case.refresh_from_db()
    assert case.state == State.SUBMITTED

    reviewer = signed(site.reviewer)
    url = f"/practices/{case.public_id}/review/"
    reviewer.post(url, {"decision": "changes_requested", "body": "留意点を書いてください"})
    case.refresh_from_db()
    assert case.state == State.CHANGES_REQUESTED
    assert (
        "留意点を書いてください"
        in author.get(f"/practices/{case.public_id}/edit/").content.decode()
    )
    author.post(f"/practices/{case.public_id}/edit/", {**fixed, "cautions": "同意をとる。"})
    author.post(f"/practices/{case.public_id}/submit/")
    reviewer.post(url, {"decision": "published", "body": ""})
    case.refresh_from_db()
    assert case.state == State.PUBLISHED and case.published_at is not None
    # every save is a version: new, edit, submit, changes requested, edit, submit, publish
    assert CaseVersion.objects.filter(case=case).count() == 7

    anonymous = Client(HTTP_ACCEPT_LANGUAGE="ja")
    listing = anonymous.get("/practices/", {"q": "わかりにくい"}).content.decode()
    assert case.title in listing
    assert case.title not in anonymous.get("/practices/", {"q": "医療機関"}).content.decode()
    facet = anonymous.get("/practices/", {"partner": "employer", "prefecture": "愛知県"})
    assert case.title in facet.content.decode()
    assert case.title not in anonymous.get("/practices/", {"prefecture": "北海道"}).content.decode()
    assert anonymous.get(f"/practices/{case.public_id}/").status_code == 200


def test_a_reviewer_confirms_a_flag_and_it_is_recorded(site: Site) -> None:
    author, case = write(
        site, title="長野県の事例", situation="トヨタ自動車の職場で連絡ノートを使った。"
    )
    author.post(f"/practices/{case.public_id}/submit/", {"ask_confirmation": "on"})
    case.refresh_from_db()
    assert case.state == State.SUBMITTED
    reviewer = signed(site.reviewer)
    url = f"/practices/{case.public_id}/review/"
    reviewer.post(url, {"decision": "published"})
    case.refresh_from_db()
    assert case.state == State.SUBMITTED  # an open flag stops publication
    reviewer.post(
        f"{url}confirm/", {"field": "situation", "words": "トヨタ自動車", "kind": "organisation"}
    )
    assert FlagConfirmation.objects.get(case=case).confirmed_by == site.reviewer
    reviewer.post(url, {"decision": "published"})
    case.refresh_from_db()
    assert case.state == State.PUBLISHED


def test_drafts_and_declined_are_404_to_the_public_and_other_offices(site: Site) -> None:
    author, draft = write(site, title="下書きの事例", situation="連絡ノートを使った。")
    _a, declined = write(site, title="不採用の事例", situation="連絡ノートを使った。")
    author.post(f"/practices/{declined.public_id}/submit/")
    signed(site.reviewer).post(
        f"/practices/{declined.public_id}/review/", {"decision": "declined", "body": "対象外"}
    )
    declined.refresh_from_db()
    assert declined.state == State.DECLINED
    anonymous, outsider = Client(), signed(site.outsider)
    for case in (draft, declined):
        for client in (anonymous, outsider):
            assert client.get(f"/practices/{case.public_id}/").status_code == 404
        assert outsider.get(f"/practices/{case.public_id}/edit/").status_code == 404
        assert author.get(f"/practices/{case.public_id}/").status_code == 200
    assert signed(site.reviewer).get(f"/practices/{draft.public_id}/").status_code == 404
    for url in (
        "/practices/",
        "/api/v1/practices/",
        "/practices/practices.csv",
        "/practices/feed.atom",
    ):
        body = anonymous.get(url).content.decode()
        assert "下書きの事例" not in body and "不採用の事例" not in body, url
    assert anonymous.get("/api/v1/practices/").json() == {"items": [], "next": None}


def test_only_reviewers_review(site: Site) -> None:
    _author, case = write(site, situation="連絡ノートを使った。")
    assert signed(site.author).get("/practices/review/").status_code == 403
    assert signed(site.outsider).get(f"/practices/{case.public_id}/review/").status_code == 403
    assert Client().get("/practices/review/").status_code == 302
