"""Demo coding projects for `make run`: the built-in survey's two text questions, made
from its stored answers, with the example's codings imported as the demo researcher's own
work. Safe to run again: a question that already has a project is left as it is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from teichaku.coding import read_codings
from teichaku.coding.answers import answers_from_survey
from teichaku.coding.codebook import read_codebooks
from teichaku.instrument.builtin import builtin_folder
from teichaku.web.accounts.models import Team
from teichaku.web.coding import services
from teichaku.web.coding.models import CodingProject
from teichaku.web.demo import served_url

BUILTIN = "retention-challenges-2024"
CODINGS = Path(__file__).resolve().parents[4] / "examples" / BUILTIN / "codings.csv"
QUESTIONS = {
    "other_org_users_text": "例: 表14 他法人の利用者についての課題",
    "self_plan_text": "例: 表15 セルフプランの利用者についての課題",
}


def seed_demo_coding(team: Team, coder_username: str) -> Iterator[str]:
    from teichaku.web.surveys.models import Survey
    from teichaku.web.surveys.services import survey_responses

    survey = Survey.objects.filter(team=team, instrument_name=BUILTIN).order_by("id").first()
    if survey is None or not survey.submissions.exists():
        yield "コーディングの例なし / no demo coding: the demo survey has no answers"
        return
    if not CODINGS.is_file():
        yield f"コーディングの例がありません / no example codings at {CODINGS}"
        return
    coder = get_user_model().objects.get(username=coder_username)
    books = read_codebooks(builtin_folder(BUILTIN) / "codebooks")
    table = None
    for question, name in QUESTIONS.items():
        project = CodingProject.objects.filter(team=team, survey=survey, question=question).first()
        if project is None:
            table = table or survey_responses(survey)
            label = table.instrument.question(question).label
            with transaction.atomic():
                project = services.create_project(
                    team,
                    name,
                    question,
                    label,
                    books[question],
                    answers_from_survey(table, question),
                    survey,
                )
                touched = services.import_codings(project, int(coder.pk), read_codings(CODINGS))
                services.reveal(project)  # one coder: the results page shows the table
            yield f"コーディング / coding {question}: {touched} answers coded by {coder_username}"
        yield f"コーディング / coding (after login): {served_url(f'/coding/{project.token}/')}"
