"""`teichaku serve` and `teichaku manage`: the web app on this machine."""

from __future__ import annotations

import os
import sys

import click

SETTINGS = "teichaku.web.settings"


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()


@click.command("manage", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Django の管理コマンド / Run a Django management command."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["teichaku manage", *args])


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--workers", default=2, show_default=True)
@click.option("--threads", default=4, show_default=True)
@click.option("--demo/--no-demo", default=True, show_default=True, help="load the demo data")
def serve(host: str, port: int, workers: int, threads: int, demo: bool) -> None:
    """マイグレーションとデモデータの投入を行い、Web アプリを起動する / Migrate, seed, serve."""
    django_setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if demo:
        from teichaku.web.demo import seed_demo

        for line in seed_demo():
            click.echo(line)
    click.echo(f"http://{host}:{port}/")
    os.execvp(
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "teichaku.web.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--access-logfile",
            "-",
            "--access-logformat",
            '%(t)s "%(m)s %(U)s" %(s)s %(M)sms',  # path only: no query string, no client data
        ],
    )
