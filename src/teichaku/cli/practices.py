"""`teichaku practices export` and `import`: published 実践事例 as teichaku.practices/1;
`teichaku practices reviewer grant|revoke --user U`: the reviewer role, recorded."""

from __future__ import annotations

from pathlib import Path

import click

from teichaku.cli.web import django_setup


@click.group("practices")
def practices() -> None:
    """実践事例の書き出しと取り込み / Export and import practice cases."""


@practices.command("export")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="書き出す JSON ファイル / the JSON file to write",
)
def export(out: Path) -> None:
    """公開中の事例を出典付きで書き出す / Write the published cases with provenance."""
    django_setup()
    from teichaku.web.library.exchange import export_text

    text = export_text()
    out.write_text(text, encoding="utf-8")
    click.echo(f"{out}: 書き出した / written")


@practices.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_(file: Path) -> None:
    """事例を取り込む（同じ出典の事例は更新し、重複させない） / Import cases by provenance."""
    django_setup()
    from teichaku.library.exchange import PracticesFileError
    from teichaku.textfiles import read_text
    from teichaku.web.library.exchange import import_text

    try:
        count = import_text(read_text(file), str(file))
    except PracticesFileError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"{file}: 新規 {count.created} 件、更新 {count.updated} 件、変更なし {count.unchanged} 件 "
        f"/ created {count.created}, updated {count.updated}, unchanged {count.unchanged}"
    )


@practices.group("reviewer")
def reviewer() -> None:
    """審査者の役割の付与と取り消し / Grant or revoke the reviewer role."""


def _change(login: str, granting: bool) -> None:
    django_setup()
    from django.utils import translation

    from teichaku.web.library import reviewers

    with translation.override("ja"):
        try:
            user = reviewers.find_user(login)
            (reviewers.grant if granting else reviewers.revoke)(user)
        except reviewers.ReviewerRefused as refusal:
            raise click.ClickException(str(refusal)) from refusal
    done = "審査者にした / granted" if granting else "審査者を取り消した / revoked"
    click.echo(f"{user.get_username()}: {done}")


@reviewer.command("grant")
@click.option("--user", "login", required=True, help="ユーザー名またはメールアドレス")
def reviewer_grant(login: str) -> None:
    """審査者にする（記録される） / Make a user a reviewer (recorded)."""
    _change(login, True)


@reviewer.command("revoke")
@click.option("--user", "login", required=True, help="ユーザー名またはメールアドレス")
def reviewer_revoke(login: str) -> None:
    """審査者の役割を取り消す（記録される） / Revoke a user's reviewer role (recorded)."""
    _change(login, False)
