"""`teichaku api token create|list|revoke`: a user's API tokens from the command line (the
same as the account page /accounts/api-tokens/). The token is printed once, never stored."""

from __future__ import annotations

import sys
from typing import Any

import click

from teichaku.cli.web import django_setup

SCOPES = ("surveys:read", "coding:read", "offices:export")  # api.models.Scope's values


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(2)


def _user(login: str) -> Any:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    found = users.filter(username=login).first() or users.filter(email__iexact=login).first()
    if found is None:
        _fail(f"ユーザー {login} はいない（ユーザー名またはメールアドレスを指定する）。")
    return found


@click.group("api")
def api() -> None:
    """API / The read API (docs/api.md)."""


@api.group("token")
def token() -> None:
    """API トークン / API tokens."""


@token.command("create")
@click.option("--user", "login", required=True, help="ユーザー名またはメールアドレス")
@click.option("--scope", type=click.Choice(SCOPES), required=True, help="トークンの範囲")
@click.option("--name", default="", help="名前（用途）")
def token_create(login: str, scope: str, name: str) -> None:
    """トークンを作成し、一度だけ表示する / Create a token and print it once."""
    django_setup()
    from django.utils import translation

    from teichaku.web.api.tokens import TokenError, create_token

    with translation.override("ja"):
        try:
            row, secret = create_token(_user(login), scope, name)
        except TokenError as error:
            _fail(str(error))
            return
    click.echo(f"トークン {row.pk}（{scope}）を作成した。この値は再表示しない:", err=True)
    click.echo(secret)


@token.command("list")
@click.option("--user", "login", required=True, help="ユーザー名またはメールアドレス")
def token_list(login: str) -> None:
    """有効なトークンの一覧 / The user's live tokens (id, scope, name, created, last used)."""
    django_setup()
    from teichaku.web.api.tokens import tokens_of

    for row in tokens_of(_user(login)):
        used = row.last_used_at.isoformat(timespec="seconds") if row.last_used_at else "-"
        created = row.created_at.isoformat(timespec="seconds")
        click.echo(f"{row.pk}\t{row.scope}\t{row.name or '-'}\t{created}\t{used}")


@token.command("revoke")
@click.option("--user", "login", required=True, help="ユーザー名またはメールアドレス")
@click.argument("token_id", type=int)
def token_revoke(login: str, token_id: int) -> None:
    """トークンを無効にする / Revoke one of the user's tokens by its id."""
    django_setup()
    from teichaku.web.api.tokens import revoke

    if not revoke(_user(login), token_id):
        _fail(f"ユーザー {login} の有効なトークン {token_id} はない。")
    click.echo(f"トークン {token_id} を無効にした。")
