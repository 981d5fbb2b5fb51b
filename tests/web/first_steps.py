"""Steps the first-steps browser stories share: the link in an invitation e-mail, and the
account form an invitation's link opens for someone signed out."""

from __future__ import annotations

import re
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from teichaku.cli import main


def link_in(message: EmailMessage, base: str) -> str:
    """The one link to the live server in the message's plain-text body."""
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    found = re.search(rf"{re.escape(base)}/\S+", part.get_content())
    assert found is not None, part.get_content()
    return found.group(0)


def fill_new_account(page: Any, username: str, name: str, password: str) -> None:
    """Fill the invitation's account form and send it."""
    page.get_by_label("ユーザー名（ログインID）").fill(username)
    page.get_by_label("氏名").fill(name)
    page.locator("#id_password1").fill(password)
    page.locator("#id_password2").fill(password)
    page.get_by_role("button", name="アカウントを作って承認する").click()


def set_up_operator(tmp_path: Path) -> None:
    """`teichaku setup` as a script runs it: the operator, the password from a file."""
    secret = tmp_path / "password"
    secret.write_text("Unyou-Pass-2026!\n", encoding="utf-8")
    args = ["setup", "--username", "op", "--email", "op@example.org"]
    done = CliRunner().invoke(main, [*args, "--password-file", str(secret)])
    assert done.exit_code == 0, done.output
