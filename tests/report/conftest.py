"""A survey shaped like the study's: the built-in instrument, answers built by hand."""

from __future__ import annotations

import numpy as np
import pytest

from teichaku.coding import Coding, read_codebooks
from teichaku.instrument import Instrument, builtin_folder, load_instrument
from teichaku.responses import ChoiceAnswers, MultiAnswers, ResponseTable, TextAnswers
from teichaku.responses.table import Answers
from teichaku.tabulate import SurveyTables, tabulate_survey

BUILTIN = "retention-challenges-2024"
RESPONDENTS = 307
# q01: 300 answers, 65 of them 「７：非常に課題である」 → 21.7 %
Q01_COUNTS = (20, 25, 30, 60, 50, 50, 65)
# Table 14: 61 descriptions carrying 62 codes
OTHER_ORG_CODES = (
    ("collaboration", 19),
    ("lack_of_information", 16),
    ("building_trust", 10),
    ("matching", 4),
    ("no_precedent", 4),
    ("other", 4),
    ("nothing_in_particular", 5),
)
SELF_PLAN_CODES = (
    ("perspectives_and_quality", 35),
    ("life_support_roles", 16),
    ("collaboration", 12),
    ("finding_consultation_office", 5),
    ("no_difference", 11),
    ("no_cases", 17),
    ("connection_after_service", 1),
)


def _codes(counts: tuple[int, ...], size: int) -> np.ndarray:
    codes = np.full(size, -1, dtype=np.int16)
    codes[: sum(counts)] = np.repeat(np.arange(len(counts)), counts)
    return codes


def build_responses(instrument: Instrument) -> tuple[ResponseTable, list[Coding]]:
    rng = np.random.default_rng(2024)
    ids = np.array([f"r{i:03d}" for i in range(RESPONDENTS)], dtype=object)
    answers: dict[str, Answers] = {}
    for q in instrument.questions:
        size = len(q.options)
        if q.name == "q01_securing_users":
            answers[q.name] = ChoiceAnswers(q, _codes(Q01_COUNTS, RESPONDENTS))
        elif q.kind.value in ("likert", "single"):
            codes = rng.integers(0, size, RESPONDENTS).astype(np.int16)
            codes[rng.random(RESPONDENTS) < 0.05] = -1
            answers[q.name] = ChoiceAnswers(q, codes)
        elif q.kind.value == "multi":
            selected = rng.random((RESPONDENTS, size)) < np.linspace(0.5, 0.02, size)
            answers[q.name] = MultiAnswers(q, selected, selected.any(axis=1))
        else:
            values = np.full(RESPONDENTS, None, dtype=object)
            wrote = 61 if q.name == "other_org_users_text" else 95
            values[:wrote] = [f"記述{i}" for i in range(wrote)]
            answers[q.name] = TextAnswers(q, values)
    codings: list[Coding] = []
    for question, codes, wrote in (
        ("other_org_users_text", OTHER_ORG_CODES, 61),
        ("self_plan_text", SELF_PLAN_CODES, 95),
    ):
        row = 0
        for code, count in codes:
            for _ in range(count):
                codings.append(Coding(str(ids[row % wrote]), question, code))
                row += 1
    return ResponseTable(instrument, ids, answers), codings


@pytest.fixture(scope="session")
def instrument() -> Instrument:
    return load_instrument(BUILTIN)


@pytest.fixture(scope="session")
def tables(instrument: Instrument) -> SurveyTables:
    responses, codings = build_responses(instrument)
    codebooks = read_codebooks(builtin_folder(BUILTIN) / "codebooks")
    return tabulate_survey(responses, codings, codebooks, by="operating_body")
