"""A reader asks a published case's author a question: relayed by real SMTP (aiosmtpd) to
the author office's staff with Reply-To the reader; the reader never sees the staff's
addresses; kept as a record, no personal data in the logs; limited per address."""

from __future__ import annotations

import logging
from email.message import EmailMessage
from typing import Any

import pytest
from django.test import Client

from teichaku.web.library.models import AuthorQuestion, PracticeCase, State
from teichaku.web.library.questions import QUESTIONS_PER_SLOT
from teichaku.web.library.workflow import decide, submit
from teichaku.web.offices.models import Role, StaffMembership

from .conftest import CASE_FORM, Site

pytestmark = pytest.mark.django_db

READER = "reader@example.net"
QUESTION = {"name": "架空 読者", "reply_to": READER, "body": "連絡ノートの様式を教えてください。"}


def published_case(site: Site) -> PracticeCase:
    author = Client()
    author.force_login(site.author)
    form = {**CASE_FORM, "situation": "職場の担当者が異動し、様子が分かりづらくなった。"}
    assert author.post("/practices/new/", form).status_code == 302
    case = PracticeCase.objects.get(title=CASE_FORM["title"])
    assert submit(case, site.author) is None
    assert decide(case, site.reviewer, "published", "") is None
    return case


@pytest.fixture
def staff(site: Site) -> Site:
    site.author.email = "writer@office-a.example.org"
    site.author.save()
    admin = StaffMembership.objects.get(office=site.office, role=Role.ADMIN).user
    admin.email = "admin@office-a.example.org"
    admin.save()
    colleague = type(site.author).objects.create_user("colleague", "colleague@office-a.example.org")
    StaffMembership.objects.create(user=colleague, office=site.office, role=Role.SUPPORT_WORKER)
    site.outsider.email = "worker@office-b.example.org"
    site.outsider.save()
    return site


def test_the_question_reaches_the_staff_with_reply_to_the_reader(
    staff: Site, smtp_outbox: list[EmailMessage], caplog: pytest.LogCaptureFixture
) -> None:
    case = published_case(staff)
    reader = Client(HTTP_ACCEPT_LANGUAGE="ja")
    page = reader.get(f"/practices/{case.public_id}/").content.decode()
    assert "執筆した事業所に質問する" in page
    for address in ("writer@", "admin@", "colleague@"):
        assert address not in page
    caplog.set_level(logging.DEBUG)
    response = reader.post(f"/practices/{case.public_id}/ask/", QUESTION, follow=True)
    assert response.status_code == 200
    answer = response.content.decode()
    assert "質問を送りました" in answer
    assert "office-a.example.org" not in answer

    assert len(smtp_outbox) == 1
    sent = smtp_outbox[0]
    # The writer and the office's 管理者; not a colleague who did not write it, nor office B.
    assert sorted(a.strip() for a in sent["To"].split(",")) == [
        "admin@office-a.example.org",
        "writer@office-a.example.org",
    ]
    assert sent["Reply-To"] == READER
    assert sent["Cc"] is None and sent["Bcc"] is None
    assert case.title in sent["Subject"]
    body = sent.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert QUESTION["body"] in text and "架空 読者" in text
    assert f"/practices/{case.public_id}/" in text

    row = AuthorQuestion.objects.get()
    assert (row.case, row.reply_to, row.recipients) == (case, READER, 2)
    assert row.origin and row.asked_at
    # Every log record but the test SMTP server's own (aiosmtpd logs what it receives).
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name != "mail.log")
    assert str(case.public_id) in logged
    for personal in (READER, "架空 読者", QUESTION["body"], "office-a.example.org"):
        assert personal not in logged


def test_bad_input_drafts_and_the_limit(
    staff: Site, smtp_outbox: list[EmailMessage], settings: Any
) -> None:
    case = published_case(staff)
    reader = Client(HTTP_ACCEPT_LANGUAGE="ja")
    url = f"/practices/{case.public_id}/ask/"
    bad = reader.post(url, {**QUESTION, "reply_to": "not-an-address"})
    assert bad.status_code == 400 and "メールアドレス" in bad.content.decode()
    assert reader.post(url, {**QUESTION, "body": ""}).status_code == 400
    assert reader.get(url).status_code == 405

    draft = PracticeCase.objects.create(
        office=staff.office, title="下書き", prefecture="愛知県", situation="s",
        actions="a", outcome="o", challenges=["q01_securing_users"],
    )  # fmt: skip
    assert draft.state == State.DRAFT
    assert reader.post(f"/practices/{draft.public_id}/ask/", QUESTION).status_code == 404

    settings.TEICHAKU_FORM_RATE = "300/86400"  # the slots: a day, not crossed by this test
    for _ in range(QUESTIONS_PER_SLOT):
        assert reader.post(url, QUESTION).status_code == 302
    refused = reader.post(url, QUESTION)
    assert refused.status_code == 429 and "しばらく受け付けません" in refused.content.decode()
    assert len(smtp_outbox) == AuthorQuestion.objects.count() == QUESTIONS_PER_SLOT


def test_no_form_without_anyone_to_answer(staff: Site, smtp_outbox: list[EmailMessage]) -> None:
    case = published_case(staff)
    StaffMembership.objects.filter(office=staff.office).delete()
    reader = Client(HTTP_ACCEPT_LANGUAGE="ja")
    assert (
        "執筆した事業所に質問する"
        not in reader.get(f"/practices/{case.public_id}/").content.decode()
    )
    refused = reader.post(f"/practices/{case.public_id}/ask/", QUESTION)
    assert refused.status_code == 503 and "質問を送れません" in refused.content.decode()
    assert not smtp_outbox and not AuthorQuestion.objects.exists()


def test_the_office_sees_its_questions_on_its_pages_without_the_readers_address(
    staff: Site, smtp_outbox: list[EmailMessage]
) -> None:
    case = published_case(staff)
    reader = Client(HTTP_ACCEPT_LANGUAGE="ja")
    assert reader.post(f"/practices/{case.public_id}/ask/", QUESTION).status_code == 302
    writer = Client(HTTP_ACCEPT_LANGUAGE="ja")
    writer.force_login(staff.author)
    listed = writer.get("/practices/mine/").content.decode()
    questions_url = f"/practices/{case.public_id}/questions/"
    assert f'<a href="{questions_url}">1件</a>' in listed
    page = writer.get(questions_url).content.decode()
    assert QUESTION["body"] in page and "架空 読者" in page
    assert READER not in page and "reader@" not in page  # the address is in the mail only
    # Another office's staff, and a reader, do not see them.
    outsider = Client()
    outsider.force_login(staff.outsider)
    assert outsider.get(questions_url).status_code == 404
    assert reader.get(questions_url).status_code == 302  # to the sign-in page
    english = Client(HTTP_ACCEPT_LANGUAGE="en")
    english.force_login(staff.author)
    page = english.get(questions_url).content.decode()
    assert "Questions about" in page and "(no name)" not in page
    assert ">1 question</a>" in english.get("/practices/mine/").content.decode()
