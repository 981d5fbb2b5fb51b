"""Raking: weights that make the sample's shares match known population shares.

A targets file (CSV) has one row per option: ``question, option, share`` (or 設問, 選択肢,
構成比), the question by name or label, the option by name or label, the share a number
from 0 to 1 (the national share of office types, of age groups …). Each question's shares
must add up to 1 (within `SUM_TOLERANCE`, for rounded published figures; they are then
scaled to exactly 1); an option not listed has share 0. Only single-choice and Likert
questions can be raked on.

The weights are found by iterative proportional fitting (raking, Deming–Stephan): for each
question in turn every respondent's weight is multiplied by target share / current weighted
share of the option they chose, until every share is within `TOLERANCE` of its target.
Respondents who skipped a question keep their weight in its step, so a target is a share of
those who answered (as the tables' percentages are). The weights start from the weight
column when there is one, else from 1, and are scaled to sum to the respondents (mean 1).

Why our own 40 lines and not a library: samplics (kept, `SampleWeight.rake`) and weightipy
are not in the pinned set and would bring their own dataframe stack for a loop of NumPy;
ipfn has had no release since 2021. The test reproduces each target to 1e-6 and checks the
weighted figures against an independent computation.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from teichaku.bilingual import worded
from teichaku.instrument import Instrument, QuestionKind
from teichaku.responses import ChoiceAnswers, ResponseTable
from teichaku.responses.values import accepted_options, option_lookup, parse_number
from teichaku.tabulate.results import TargetShare, Weighting
from teichaku.tabulate.weighted import FloatArray, describe_weights
from teichaku.textfiles import decode
from teichaku.textform import normal_form

SUM_TOLERANCE = 1e-3
TOLERANCE = 1e-10
MAX_SWEEPS = 1000
_COLUMNS = {
    "question": ("question", "設問"),
    "option": ("option", "選択肢"),
    "share": ("share", "構成比", "population_share", "割合"),
}
_COLUMNS_JA = {"question": "設問", "option": "選択肢", "share": "構成比"}


class TargetsError(ValueError):
    """Targets that cannot be used; the message lists every problem (English, and Japanese
    through `bilingual.japanese_of`)."""


@dataclass(frozen=True)
class Targets:
    """Population shares per question, in the question's option order (each sums to 1)."""

    source: str
    shares: Mapping[str, FloatArray]


def read_targets(path: Path, instrument: Instrument, name: str | None = None) -> Targets:
    """The targets file at `path` (any of textfiles' encodings), checked against `instrument`."""
    source = name or str(path)
    return targets_from_text(decode(path.read_bytes(), source)[0], instrument, source)


def targets_from_text(text: str, instrument: Instrument, source: str) -> Targets:
    problems: list[tuple[str, str]] = []
    reader = csv.DictReader(io.StringIO(text))
    headers = {normal_form(h).casefold(): h for h in reader.fieldnames or ()}
    columns: dict[str, str] = {}
    for key, names in _COLUMNS.items():
        found = next((headers[n.casefold()] for n in names if n.casefold() in headers), None)
        if found is None:
            problems.append(
                (
                    f"no column {key!r} (columns needed: question, option, share)",
                    f"列「{_COLUMNS_JA[key]}」({key}) がない（必要な列: 設問, 選択肢, 構成比）",
                )
            )
        else:
            columns[key] = found
    if problems:
        _refuse(source, problems)
    shares: dict[str, FloatArray] = {}
    rows: dict[str, list[int]] = {}
    for row_number, row in enumerate(reader, start=2):
        cells = {key: (row.get(column) or "").strip() for key, column in columns.items()}
        if not any(cells.values()):
            continue
        where = f"row {row_number}"
        where_ja = f"{row_number}行目"
        try:
            question = instrument.find_question(cells["question"])
        except KeyError:
            problems.append(
                (
                    f"{where}, column {columns['question']!r}, value {cells['question']!r}: "
                    f"no question of {instrument.form_id} has this name or label",
                    f"{where_ja}、列「{columns['question']}」、値「{cells['question']}」: "
                    "この名前・ラベルの設問がない",
                )
            )
            continue
        if question.kind not in (QuestionKind.SINGLE, QuestionKind.LIKERT):
            problems.append(
                (
                    f"{where}, column {columns['question']!r}, value {cells['question']!r}: "
                    "only single-choice and Likert questions can be raked on",
                    f"{where_ja}、列「{columns['question']}」、値「{cells['question']}」: "
                    "重み付けの基準にできるのは単一選択・リッカート尺度の設問だけ",
                )
            )
            continue
        option = option_lookup(question.options).find(cells["option"])
        if option is None:
            problems.append(
                (
                    f"{where}, column {columns['option']!r}, value {cells['option']!r}: "
                    f"not an option of {question.name!r}; accepted: {accepted_options(question)}",
                    f"{where_ja}、列「{columns['option']}」、値「{cells['option']}」: "
                    f"設問「{question.label}」の選択肢にない。"
                    f"受け付けるのは {accepted_options(question, japanese=True)}",
                )
            )
            continue
        share = parse_number(cells["share"])
        if share is None or not 0 <= share <= 1:
            problems.append(
                (
                    f"{where}, column {columns['share']!r}, value {cells['share']!r}: "
                    "not a share from 0 to 1 (e.g. 0.35)",
                    f"{where_ja}、列「{columns['share']}」、値「{cells['share']}」: "
                    "0 から 1 の構成比（例: 0.35）ではない",
                )
            )
            continue
        values = shares.setdefault(question.name, np.full(len(question.options), np.nan))
        if not np.isnan(values[option]):
            problems.append(
                (
                    f"{where}: option {question.options[option].value!r} of {question.name!r} "
                    "is listed twice",
                    f"{where_ja}: 設問「{question.label}」の選択肢「"
                    f"{question.options[option].label}」が2回ある",
                )
            )
            continue
        values[option] = share
        rows.setdefault(question.name, []).append(row_number)
    for name, values in shares.items():
        total = float(np.nansum(values))
        if abs(total - 1) > SUM_TOLERANCE:
            label = instrument.question(name).label
            listed = ", ".join(str(r) for r in rows[name])
            problems.append(
                (
                    f"rows {listed}: the shares of {name!r} add up to {total:.6g}, not 1",
                    f"{listed.replace(', ', '、')}行目: 設問「{label}」の構成比の合計が "
                    f"{total:.6g} で、1 にならない",
                )
            )
    if not shares and not problems:
        problems.append(("no targets: the file has no rows", "目標がない（行がない）"))
    if problems:
        _refuse(source, problems)
    normalised = {
        name: np.nan_to_num(values) / float(np.nansum(values)) for name, values in shares.items()
    }
    return Targets(source, normalised)


def _refuse(source: str, problems: list[tuple[str, str]]) -> None:
    english = f"{source}: the raking targets cannot be used:\n" + "\n".join(
        f"  - {p}" for p, _ in problems
    )
    japanese = f"{source}: 重み付けの目標を使えない。\n" + "\n".join(f"・{p}" for _, p in problems)
    raise worded(TargetsError(english), japanese)


def rake(responses: ResponseTable, targets: Targets) -> tuple[ResponseTable, Weighting]:
    """The responses weighted to `targets`, and how far the weights moved."""
    base = responses.weights if responses.weights is not None else np.ones(responses.respondents)
    weights = base.astype(float, copy=True)
    margins: list[tuple[str, ChoiceAnswers, FloatArray]] = []
    problems: list[tuple[str, str]] = []
    for name, shares in targets.shares.items():
        answers = responses.choice(name)
        label = answers.question.label
        chosen = np.bincount(answers.codes[answers.codes >= 0], minlength=len(shares))
        if not chosen.any():
            problems.append((f"nobody answered {name!r}", f"設問「{label}」に回答がない"))
        for index, option in enumerate(answers.question.options):
            if shares[index] > 0 and chosen[index] == 0:
                problems.append(
                    (
                        f"{name!r}: nobody chose {option.value!r}, so its share "
                        f"{shares[index]:.6g} cannot be reached",
                        f"設問「{label}」: 「{option.label}」を選んだ人がいないため、"
                        f"構成比 {shares[index]:.6g} にできない",
                    )
                )
            elif shares[index] == 0 and chosen[index] > 0:
                problems.append(
                    (
                        f"{name!r}: {chosen[index]} respondents chose {option.value!r}, "
                        "which has no target share (or 0)",
                        f"設問「{label}」: 「{option.label}」を {chosen[index]} 人が選んだが、"
                        "目標の構成比がない（または 0）",
                    )
                )
        margins.append((name, answers, shares))
    if problems:
        _refuse(targets.source, problems)
    sweeps = 0
    while sweeps < MAX_SWEEPS and _worst(weights, margins) > TOLERANCE:
        sweeps += 1
        for _, answers, shares in margins:
            answered = answers.codes >= 0
            codes = answers.codes[answered]
            current = np.bincount(codes, weights=weights[answered], minlength=len(shares))
            factors = np.divide(
                shares * current.sum(), current, out=np.ones_like(current), where=current > 0
            )
            weights[answered] *= factors[codes]
    if _worst(weights, margins) > TOLERANCE:
        _refuse(
            targets.source,
            [
                (
                    f"the weights did not settle in {MAX_SWEEPS} sweeps: the targets contradict "
                    "the sample",
                    f"{MAX_SWEEPS} 回繰り返しても重みが定まらない（目標と標本が食い違う）",
                )
            ],
        )
    weights *= base.sum() / weights.sum()
    achieved = tuple(
        TargetShare(name, option.value, float(shares[i]), float(before[i]), float(after[i]))
        for name, answers, shares in margins
        for before, after in [(_shares(answers, np.ones_like(weights)), _shares(answers, weights))]
        for i, option in enumerate(answers.question.options)
    )
    weighting = describe_weights(
        weights,
        "raking",
        responses.weights_column,
        targets_source=targets.source,
        iterations=sweeps,
        targets=achieved,
    )
    return dataclasses.replace(responses, weights=weights), weighting


def _shares(answers: ChoiceAnswers, weights: FloatArray) -> FloatArray:
    answered = answers.codes >= 0
    size = len(answers.question.options)
    totals = np.bincount(answers.codes[answered], weights=weights[answered], minlength=size)
    result: FloatArray = totals / totals.sum()
    return result


def _worst(weights: FloatArray, margins: list[tuple[str, ChoiceAnswers, FloatArray]]) -> float:
    return max(
        (float(np.abs(_shares(answers, weights) - shares).max()) for _, answers, shares in margins),
        default=0.0,
    )
