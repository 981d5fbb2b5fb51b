"""Surveys linked as waves: the previous wave of a survey, and the comparison of the chain.

A survey's previous wave is another survey of the same team with the same instrument
(`teichaku.instrument.compare.instrument_difference`); links never form a cycle. The
comparison and its files come only from the core (`tabulate.waves`, `report.wave_*`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction

from teichaku.bilingual import half, worded
from teichaku.instrument.compare import instrument_difference
from teichaku.web.surveys.models import Survey
from teichaku.web.surveys.services import instrument_of, survey_responses

if TYPE_CHECKING:
    from teichaku.tabulate.waves import WavesComparison

MAX_WAVES = 12  # the chain shown and compared: this survey and up to 11 before it
EXPORTS = {
    "waves.html": "text/html; charset=utf-8",
    "waves.json": "application/json",
}


class WaveLinkError(ValueError):
    """A link refused: in English, with its Japanese wording (`bilingual.worded`)."""


def wave_chain(survey: Survey) -> list[Survey]:
    """The survey and its previous waves, oldest first, within the survey's team."""
    chain = [survey]
    seen = {survey.pk}
    current = survey
    while current.previous_wave_id is not None and len(chain) < MAX_WAVES:
        previous = (
            Survey.objects.defer("instrument_file")
            .filter(pk=current.previous_wave_id, team_id=survey.team_id)
            .first()
        )
        if previous is None or previous.pk in seen:
            break
        chain.append(previous)
        seen.add(previous.pk)
        current = previous
    return chain[::-1]


def _problem(survey: Survey, previous: Survey) -> tuple[str, str] | None:
    """Why `previous` cannot be the survey's previous wave, in Japanese and English."""
    if previous.team_id != survey.team_id:
        # Never reached from the desk (other teams' surveys are not looked up); a guard.
        return (
            "同じチームの調査だけを前回の調査にできます。",
            "Only a survey of the same team can be the previous wave.",
        )
    if previous.pk == survey.pk or survey.pk in {s.pk for s in wave_chain(previous)}:
        return (
            "この調査自身や、この調査より後の回は、前回の調査にできません。",
            "Neither the survey itself nor a later wave can be its previous wave.",
        )
    difference = instrument_difference(instrument_of(previous), instrument_of(survey))
    if difference is not None:
        return (
            f"調査票が異なるため、前回の調査にできません（{half(difference, 'ja')}）。",
            f"Not the same instrument ({half(difference, 'en')}).",
        )
    return None


def wave_candidates(survey: Survey) -> list[Survey]:
    """Surveys of the same team that could be this survey's previous wave."""
    others = Survey.objects.defer("instrument_file").filter(team_id=survey.team_id)
    return [other for other in others.exclude(pk=survey.pk) if _problem(survey, other) is None]


@transaction.atomic
def link_previous_wave(survey: Survey, previous: Survey | None) -> None:
    """Make `previous` the survey's previous wave (``None`` unlinks); refuses other teams'
    surveys, other instruments and cycles with `WaveLinkError`."""
    if previous is not None:
        problem = _problem(survey, previous)
        if problem is not None:
            raise worded(WaveLinkError(problem[1]), problem[0])
    Survey.objects.filter(pk=survey.pk).update(previous_wave=previous)
    survey.previous_wave = previous


def results_context(survey: Survey) -> dict[str, object]:
    """What the results page shows of the waves: the previous survey and the downloads."""
    chain = wave_chain(survey)
    return {
        "previous_wave": chain[-2] if len(chain) > 1 else None,
        "wave_exports": list(EXPORTS),
    }


def wave_labels(chain: list[Survey]) -> list[str]:
    """Each survey's title; a repeated title gets its creation date."""
    titles = [s.title for s in chain]
    return [
        f"{s.title}（{s.created_at:%Y-%m-%d}）" if titles.count(s.title) > 1 else s.title
        for s in chain
    ]


def waves_comparison(survey: Survey) -> WavesComparison:
    """The comparison of the survey with its previous waves (at least one must be linked)."""
    from teichaku.tabulate.waves import Wave, compare_waves

    chain = wave_chain(survey)
    labels = wave_labels(chain)
    if len(set(labels)) < len(labels):  # same title, same day: number them
        labels = [f"{index}. {label}" for index, label in enumerate(labels, start=1)]
    return compare_waves(
        [Wave(label, survey_responses(s)) for label, s in zip(labels, chain, strict=True)]
    )


def write_waves_export(survey: Survey, kind: str, folder: Path) -> Path:
    """waves.html or waves.json of the survey's waves, by the core's writers."""
    from teichaku.report.wave_html import write_waves_html
    from teichaku.tabulate.waves_json import write_waves_json

    if kind not in EXPORTS:
        raise ValueError(f"no export {kind!r}; accepted: {', '.join(EXPORTS)}")
    comparison = waves_comparison(survey)
    path = folder / kind
    if kind == "waves.json":
        write_waves_json(comparison, path)
    else:
        write_waves_html(comparison, path)
    return path
