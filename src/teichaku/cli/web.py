"""`teichaku serve` and `teichaku manage`: the web app on this machine."""

from __future__ import annotations

import os
import sys

import click

SETTINGS = "teichaku.web.settings"
# Environment `teichaku serve` gives gunicorn's workers unless already set: keep database
# connections for a minute instead of opening one per request (the settings read it).
SERVE_ENVIRONMENT = {"CONN_MAX_AGE": "60"}
DEFAULT_WORKERS = max(2, os.cpu_count() or 2)
DEFAULT_THREADS = 4


def base_url(host: str, port: int) -> str:
    """Where a browser on this machine reaches the server."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    return f"http://[{shown}]:{port}" if ":" in shown else f"http://{shown}:{port}"


def gunicorn_command(app: str, bind: str, workers: int, threads: int) -> list[str]:
    """The gunicorn command line of `teichaku serve` (the bench serves the same way)."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--config",
        "python:teichaku.web.gunicorn_conf",  # no `Server: gunicorn` header
    ]


def django_setup() -> None:
    """Settings, local folder and secret key (made here, never on import), then Django."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    from teichaku.web.local_state import prepare

    prepare()
    django.setup()


@click.command("manage", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Django の管理コマンド / Run a Django management command."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    from django.core.management import execute_from_command_line

    from teichaku.web.local_state import prepare

    prepare()
    execute_from_command_line(["teichaku manage", *args])


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--workers", default=DEFAULT_WORKERS, show_default=True)
@click.option("--threads", default=DEFAULT_THREADS, show_default=True)
@click.option("--demo/--no-demo", default=True, show_default=True, help="load the demo data")
def serve(host: str, port: int, workers: int, threads: int, demo: bool) -> None:
    """マイグレーションとデモデータの投入を行い、Web アプリを起動する / Migrate, seed, serve."""
    for name, value in SERVE_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    django_setup()
    from django.conf import settings
    from django.core.management import call_command

    if not settings.TEICHAKU_BASE_URL:  # the demo prints links with the port actually served
        settings.TEICHAKU_BASE_URL = base_url(host, port)
    call_command("migrate", interactive=False, verbosity=0)
    if demo:
        from teichaku.web.demo import seed_demo

        for line in seed_demo():
            click.echo(line)
    from teichaku.web.mailbox import mail_notice

    notice = mail_notice()
    if notice:
        click.echo(notice)
    click.echo(f"{settings.TEICHAKU_BASE_URL}/")
    command = gunicorn_command("teichaku.web.wsgi:application", f"{host}:{port}", workers, threads)
    command += [
        "--access-logfile",
        "-",
        "--access-logformat",
        '%(t)s "%(m)s %(U)s" %(s)s %(M)sms',  # path only: no query string, no client data
    ]
    os.execvp(sys.executable, command)
