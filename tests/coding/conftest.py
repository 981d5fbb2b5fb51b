"""The rebuilt example and the second coded set, loaded through the coding core."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from teichaku.coding import Answer, Codebook, Coding, read_codebooks, read_codings
from teichaku.coding.answers import answers_from_responses, read_answers
from teichaku.coding.codebook import read_codebook
from teichaku.instrument import load_instrument
from teichaku.instrument.builtin import builtin_folder
from teichaku.responses import responses_from_records

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "retention-challenges-2024"
SECOND = ROOT / "tests" / "fixtures" / "coding" / "second-set"
QUESTIONS = ("other_org_users_text", "self_plan_text")


def example_answers() -> tuple[Answer, ...]:
    form = load_instrument("retention-challenges-2024")
    with (EXAMPLE / "responses.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    records = [{k: (v or None) for k, v in r.items() if k != "response_id"} for r in rows]
    table = responses_from_records(form, records, [r["response_id"] for r in rows])
    return tuple(
        a
        for q in QUESTIONS
        for a in answers_from_responses(table, q, ["affiliation", "operating_body"])
    )


@pytest.fixture(scope="session")
def example() -> tuple[tuple[Answer, ...], tuple[Coding, ...], dict[str, Codebook]]:
    codebooks = read_codebooks(builtin_folder("retention-challenges-2024") / "codebooks")
    return example_answers(), read_codings(EXAMPLE / "codings.csv"), codebooks


@pytest.fixture(scope="session")
def second_set() -> tuple[tuple[Answer, ...], tuple[Coding, ...], Codebook]:
    return (
        read_answers(SECOND / "answers.csv"),
        read_codings(SECOND / "codings.csv"),
        read_codebook(SECOND / "codebook.csv", "wishes"),
    )
