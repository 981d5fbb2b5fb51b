"""`teichaku setup`, `teichaku office create`, `teichaku team create`: the site operator's
first steps from the command line (the same as the /operator/ pages)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from teichaku.cli.web import django_setup


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(2)


def _operator() -> Any:
    from django.contrib.auth import get_user_model

    operator = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if operator is None:
        _fail("サイト運営者がいません。先に teichaku setup を実行してください。")
    return operator


def _form_errors(form: Any) -> str:
    return "\n".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())


@click.command("setup")
@click.option("--username", required=True, help="サイト運営者のユーザー名 / login id")
@click.option("--email", required=True, help="サイト運営者のメールアドレス")
@click.option(
    "--password-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="パスワードを1行目から読む / read the password from this file",
)
def setup(username: str, email: str, password_file: Path | None) -> None:
    """サイト運営者を作成する（1回だけ） / Create the site operator (once)."""
    django_setup()
    from django.core.management import call_command
    from django.utils import translation

    from teichaku.web.operator import SetupError, create_operator

    call_command("migrate", interactive=False, verbosity=0)
    if password_file is not None:
        lines = password_file.read_text(encoding="utf-8").splitlines()
        password = lines[0] if lines else ""
    else:
        password = click.prompt("パスワード", hide_input=True, confirmation_prompt=True)
    with translation.override("ja"):
        try:
            create_operator(username, email, password)
        except SetupError as error:
            _fail(str(error))
    click.echo(
        f"サイト運営者 {username} を作成しました。/operator/ から事業所とチームを作成できます。"
    )


@click.group("office")
def office() -> None:
    """事業所 / Offices."""


@office.command("create")
@click.option("--name", required=True, help="事業所名")
@click.option("--number", required=True, help="事業所番号（10桁）")
@click.option("--area-grade", default="その他", show_default=True, help="地域区分")
@click.option("--designated-on", default="", help="指定日 (YYYY-MM-DD)")
@click.option("--admin-email", required=True, help="最初の管理者のメールアドレス")
def office_create(
    name: str, number: str, area_grade: str, designated_on: str, admin_email: str
) -> None:
    """事業所を作成し、管理者を招待する / Create an office and invite its 管理者."""
    django_setup()
    from django.utils import translation

    from teichaku.web.offices.invitations import InvitationError
    from teichaku.web.operator import OfficeForm, create_office

    with translation.override("ja"):
        form = OfficeForm(
            {
                "name": name,
                "number": number,
                "area_grade": area_grade,
                "designated_on": designated_on,
                "admin_email": admin_email,
            }
        )
        if not form.is_valid():
            _fail(_form_errors(form))
        try:
            _office, link = create_office(_operator(), form)
        except InvitationError as error:
            _fail(str(error))
    click.echo(link)


@click.group("team")
def team() -> None:
    """研究チーム / Research teams."""


@team.command("create")
@click.option("--name", required=True, help="チーム名")
@click.option("--owner-email", required=True, help="最初のオーナーのメールアドレス")
def team_create(name: str, owner_email: str) -> None:
    """研究チームを作成し、オーナーを招待する / Create a team and invite its owner."""
    django_setup()
    from django.utils import translation

    from teichaku.web.accounts.invitations import InvitationError
    from teichaku.web.operator import TeamForm, create_team

    with translation.override("ja"):
        form = TeamForm({"name": name, "owner_email": owner_email})
        if not form.is_valid():
            _fail(_form_errors(form))
        try:
            _team, link = create_team(_operator(), form)
        except InvitationError as error:
            _fail(str(error))
    click.echo(link)
