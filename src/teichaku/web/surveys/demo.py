"""Demo survey for `make run`: the built-in instrument, published, with the example's
answers (rebuilt from the published aggregates) imported through the core's importer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from teichaku.web.accounts.models import Team
from teichaku.web.demo import served_url
from teichaku.web.surveys import imports, services
from teichaku.web.surveys.models import Survey

BUILTIN = "retention-challenges-2024"
EXAMPLE = Path(__file__).resolve().parents[4] / "examples" / BUILTIN / "responses.csv"


def seed_demo_survey(team: Team) -> Iterator[str]:
    survey = Survey.objects.filter(team=team, instrument_name=BUILTIN).order_by(
        "id"
    ).first() or services.create_survey(team, None, builtin=BUILTIN)
    if not survey.submissions.exists():
        if EXAMPLE.is_file():
            summary = imports.import_answers(survey, EXAMPLE.read_bytes(), EXAMPLE.name)
            yield f"例の回答 / example answers: {summary.new} imported from {EXAMPLE.name}"
        else:
            yield f"例の回答がありません / no example answers at {EXAMPLE}"
    url = served_url("")
    yield f"回答フォーム / public form: {url}/s/{survey.token}/"
    yield f"集計（ログイン後） / live results (after login): {url}/desk/{survey.token}/"
    yield (
        f"報告書のダウンロード / report download: {url}/desk/{survey.token}/download/report.html"
    )
