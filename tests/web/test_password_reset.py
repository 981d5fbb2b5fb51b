"""A forgotten password is reset by e-mail: the message goes through a real SMTP server on the
loopback, in Japanese with an English part, and its link sets a new password."""

from __future__ import annotations

import re
from email.message import EmailMessage
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_a_forgotten_password_is_reset_by_email(
    client: Client, smtp_outbox: list[EmailMessage]
) -> None:
    get_user_model().objects.create_user(
        username="hanako",
        email="hanako@example.org",
        password="Old-pass-word-1",
        first_name="山田 花子",
    )
    asked = client.post(reverse("account_reset_password"), {"email": "hanako@example.org"})
    assert asked.status_code == 302
    assert "メールを送りました" in client.get(asked["Location"]).content.decode()
    [message] = smtp_outbox
    assert message["To"] == "hanako@example.org"
    assert "パスワードの再設定" in message["Subject"] and "Password reset" in message["Subject"]
    body = message.get_body().get_content()  # type: ignore[union-attr]
    assert body.index("山田 花子 様") < body.index("(English)")  # Japanese first
    assert "hanako" not in body.split("(English)")[0].split("様")[0]  # named by 氏名
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert "新しいパスワードの設定" in form.content.decode()
    action = urlsplit(form.redirect_chain[-1][0]).path if form.redirect_chain else link.group(1)
    done = client.post(action, {"password1": "New-pass-word-2", "password2": "New-pass-word-2"})
    assert done.status_code == 302
    old = client.post(reverse("accounts:login"), {"login": "hanako", "password": "Old-pass-word-1"})
    assert old.status_code == 200 and "_auth_user_id" not in client.session
    signed = client.post(
        reverse("accounts:login"), {"login": "hanako@example.org", "password": "New-pass-word-2"}
    )
    assert signed.status_code == 302 and "_auth_user_id" in client.session


@pytest.mark.django_db
def test_an_unknown_address_learns_nothing(client: Client, smtp_outbox: list[EmailMessage]) -> None:
    asked = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert asked.status_code == 302  # the same answer as for a known address
    [message] = smtp_outbox
    body = message.get_body().get_content()  # type: ignore[union-attr]
    assert "アカウントはありません" in body and "no account uses this address" in body
    assert "/accounts/password/reset/key/" not in body


@pytest.mark.django_db
def test_open_sign_up_is_closed(client: Client) -> None:
    response = client.post(
        reverse("account_signup"),
        {
            "username": "x",
            "email": "x@example.org",
            "password1": "Pw-123456!",
            "password2": "Pw-123456!",
        },
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="x").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "japanese", "english"),
    [
        ("accounts:login", "パスワードを忘れた場合", "Forgot your password?"),
        ("account_reset_password", "パスワードの再設定", "Reset your password"),
    ],
)
def test_the_account_pages_speak_japanese_then_english(
    client: Client, name: str, japanese: str, english: str
) -> None:
    page = client.get(reverse(name)).content.decode()
    assert japanese in page and 'href="/static/teichaku/site.css"' in page  # the site's layout
    assert english in client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="en").content.decode()
