"""`teichaku responses …`: the answers a web survey collected, from the command line.

SURVEY is the survey's token, as `teichaku responses list` prints it (the same token that
is in the survey's URLs). The database is the web app's (DATABASE_URL, TEICHAKU_VAR).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import click

FORMATS = {
    "csv": "data.csv",
    "sav": "data.sav",
    "xlsx": "report.xlsx",
    "html": "report.html",
    "json": "tables.json",
}


def _setup() -> None:
    from teichaku.cli.web import django_setup

    django_setup()


def _survey(token: str):  # type: ignore[no-untyped-def]
    from teichaku.web.surveys.models import Survey

    survey = Survey.objects.filter(token=token).defer("instrument_file").first()
    if survey is None:
        raise click.ClickException(
            f"{token}: no such survey; `teichaku responses list` shows the surveys"
        )
    return survey


@click.group("responses")
def responses() -> None:
    """Web 調査の回答：一覧・書き出し・取り込み / Web survey answers: list, export, import."""


@responses.command("list")
def list_surveys() -> None:
    """調査と回答数の一覧 / Surveys with their tokens and answer counts."""
    _setup()
    from django.db.models import Count

    from teichaku.web.surveys.models import Survey

    rows = (
        Survey.objects.defer("instrument_file")
        .select_related("team")
        .annotate(answers=Count("submissions"))
        .order_by("id")
    )
    for survey in rows:
        state = "open" if survey.accepting() else "closed"
        click.echo(f"{survey.token}\t{survey.answers}\t{state}\t{survey.team.name}\t{survey.title}")


@responses.command("export")
@click.argument("survey")
@click.option(
    "--format", "format_", type=click.Choice(list(FORMATS)), default="csv", show_default=True
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="file to write; '-' = stdout"
)
def export(survey: str, format_: str, out: Path | None) -> None:
    """回答・集計を書き出す / Write data.csv, data.sav, report.xlsx, report.html or tables.json."""
    _setup()
    from teichaku.web.surveys import services

    found = _survey(survey)
    kind = FORMATS[format_]
    with tempfile.TemporaryDirectory() as folder:
        written = services.write_export(found, kind, Path(folder))
        if out is not None and str(out) == "-":
            sys.stdout.buffer.write(written.read_bytes())
            return
        target = out or Path(f"{found.token}-{kind}")
        shutil.copyfile(written, target)
    click.echo(str(target))


@responses.command("import")
@click.argument("survey")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_file(survey: str, file: Path) -> None:
    """他のツールで集めた回答のうち新しい行を取り込む / Import a response file's new rows.

    Rows already in the survey (a second export of the same survey) are skipped; a
    duplicate row inside the file is refused and named. One unreadable value: nothing stored.
    """
    _setup()
    from teichaku.responses import ResponseFileError
    from teichaku.web.surveys import imports

    found = _survey(survey)
    try:
        summary = imports.import_answers(found, file.read_bytes(), file.name)
    except (ResponseFileError, imports.ImportConflict) as error:
        raise click.ClickException(str(error)) from None
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):  # the site's language, not a request's
        click.echo(f"{found.token}: {summary.text()}")
