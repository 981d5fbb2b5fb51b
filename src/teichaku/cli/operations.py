"""`teichaku backup`, `restore`, `check` and `worker`: running the site for real."""

from __future__ import annotations

from pathlib import Path

import click

from teichaku.cli.web import django_setup


@click.command("backup")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="書き出すバックアップファイル / the backup file to write",
)
def backup(out: Path) -> None:
    """データベースをバックアップする（行数のマニフェスト付き） / Back up the database."""
    django_setup()
    from teichaku.web.backups import BackupError
    from teichaku.web.backups import backup as write_backup

    try:
        manifest = write_backup(out)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    rows = sum(manifest.tables.values())
    click.echo(
        f"{out}: {manifest.engine}, {len(manifest.tables)} 表, {rows} 行 "
        f"/ {len(manifest.tables)} tables, {rows} rows"
    )


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore(archive: Path) -> None:
    """空のデータベースにバックアップを戻し、行数を確かめる / Restore into an empty database."""
    django_setup()
    from teichaku.web.backups import BackupError
    from teichaku.web.backups import restore as read_backup

    try:
        manifest = read_backup(archive)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"{archive}: {len(manifest.tables)} 表の行数と回答のダイジェストがマニフェストと一致 "
        f"/ every table's row count and the answers' digest match ({manifest.created_at})"
    )


@click.command("check")
def check() -> None:
    """本番環境の設定を Django のデプロイ検査で確かめる（警告も失敗） / Deploy checks."""
    django_setup()
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=True, fail_level="WARNING")
    except SystemCheckError as error:
        raise click.ClickException(str(error)) from error


@click.command("worker")
@click.option("--concurrency", default=2, show_default=True, help="同時に実行するジョブ数")
def worker(concurrency: int) -> None:
    """バックグラウンドジョブを実行するワーカーを起動する / Start a job worker."""
    django_setup()
    from django.conf import settings

    if not settings.CELERY_BROKER_URL:
        raise click.ClickException(
            "REDIS_URL も CELERY_BROKER_URL も設定されていません。ブローカーがなければ、"
            "ジョブはウェブのプロセスの中で実行されます（ワーカーは不要です） / "
            "no broker configured: jobs run in the web process"
        )
    from teichaku.web.jobs.celery_app import app

    app.worker_main(
        ["worker", "--loglevel=INFO", f"--concurrency={concurrency}", "--without-gossip"]
    )
