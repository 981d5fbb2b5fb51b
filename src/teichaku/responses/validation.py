"""Check one respondent's submission against the instrument, question by question.

Input is what a form posts: for each question name, the raw strings given (several for a
multiple choice), and the 'other (specify)' texts. Output is the answers in the shape
`responses_from_records` takes (option values, lists of option values, texts, numbers),
and the errors keyed by question name, each with a Japanese message.

Skip logic follows ODK: a question whose ``relevant`` does not hold is not asked, so any
answer given to it is cleared and it cannot be missing.

>>> from teichaku.instrument import load_instrument
>>> form = load_instrument("retention-challenges-2024")
>>> checked = validate_submission(form, {"q01_securing_users": ["9"]})
>>> checked.ok, checked.errors["q01_securing_users"][0].message
(False, '「利用者の確保」の選択肢にない値です（9）。')
>>> sorted(checked.errors)  # the required questions were not answered
['affiliation', 'operating_body', 'q01_securing_users', 'role']
>>> validate_submission(form, {"q01_securing_users": ["7"]}, questions=["q01_securing_users"])
CheckedSubmission(answers={'q01_securing_users': '7'}, other_texts={}, errors={}, relevant=...)
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from teichaku.instrument.model import OTHER_VALUE, Instrument, Question, QuestionKind
from teichaku.instrument.relevance import question_is_relevant

MAX_TEXT = 10_000
Answer = str | list[str] | int | float

MESSAGES = {
    "required": "「{label}」は必須です。回答を選ぶか入力してください。",
    "not_an_option": "「{label}」の選択肢にない値です（{value}）。",
    "one_only": "「{label}」は1つだけ選んでください。",
    "other_text_missing": "「{label}」で「その他」を選んだ場合は、内容を入力してください。",
    "other_not_chosen": (
        "「{label}」の「その他」の内容を入力した場合は、「その他」も選んでください。"
    ),
    "not_a_number": "「{label}」には数値を入力してください（{value}）。",
    "too_long": "「{label}」は{limit}文字以内で入力してください（{length}文字）。",
}


@dataclass(frozen=True)
class FieldError:
    """One problem with one question's answer; `code` is a key of `MESSAGES`."""

    question: str
    label: str
    code: str
    value: str = ""
    length: int = 0

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(
            label=self.label, value=self.value, limit=MAX_TEXT, length=self.length
        )


@dataclass(frozen=True)
class CheckedSubmission:
    answers: dict[str, Answer]  # relevant, answered questions only
    other_texts: dict[str, str]
    errors: dict[str, tuple[FieldError, ...]] = field(default_factory=dict)
    relevant: frozenset[str] = frozenset()

    @property
    def ok(self) -> bool:
        return not self.errors


def _parse(question: Question, raw: Sequence[str]) -> Answer | None:
    """The answer as given, before any check; ``None`` when nothing was given."""
    values = [v.strip() for v in raw if v is not None and v.strip() != ""]
    if not values:
        return None
    if question.kind is QuestionKind.MULTI:
        return list(dict.fromkeys(values))
    if question.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
        return values[0] if len(values) == 1 else values
    if question.kind is QuestionKind.TEXT:
        return "\n".join(values)
    return values[0]


def _number(text: str) -> int | float | None:
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    return int(number) if number.is_integer() and "." not in text else number


def _check(
    question: Question, answer: Answer | None, other: str
) -> tuple[Answer | None, list[FieldError]]:
    def error(code: str, value: str = "", length: int = 0) -> FieldError:
        return FieldError(question.name, question.label, code, value, length)

    if answer is None:
        errors = [error("required")] if question.required else []
        if other:
            errors.append(error("other_not_chosen"))
        return None, errors
    if question.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT, QuestionKind.MULTI):
        chosen = answer if isinstance(answer, list) else [str(answer)]
        if question.kind is not QuestionKind.MULTI and len(chosen) > 1:
            return None, [error("one_only")]
        options = set(question.option_values)
        bad = [value for value in chosen if value not in options]
        if bad:
            return None, [error("not_an_option", ", ".join(bad))]
        if question.or_other and OTHER_VALUE in chosen and not other:
            return None, [error("other_text_missing")]
        if other and OTHER_VALUE not in chosen:
            return None, [error("other_not_chosen")]
        return (chosen if question.kind is QuestionKind.MULTI else chosen[0]), []
    text = str(answer)
    if question.kind is QuestionKind.NUMBER:
        number = _number(text)
        if number is None:
            return None, [error("not_a_number", text)]
        return number, []
    if len(text) > MAX_TEXT:
        return None, [error("too_long", length=len(text))]
    return text, []


def validate_submission(
    instrument: Instrument,
    submitted: Mapping[str, Sequence[str]],
    other_texts: Mapping[str, str] | None = None,
    *,
    questions: Collection[str] | None = None,
) -> CheckedSubmission:
    """Check `submitted` (question name → raw strings) against `instrument`.

    `questions` limits the checks to those questions (one page of a form); answers to the
    others are still read, so that skip logic sees them, and kept when valid.
    Raises ``ValueError`` for a name that is no question of the instrument.
    """
    other_texts = other_texts or {}
    known = {q.name for q in instrument.questions}
    unknown = (set(submitted) | set(other_texts)) - known
    if unknown:
        raise ValueError(f"no question named {', '.join(sorted(unknown))} in {instrument.form_id}")
    parsed: dict[str, Answer] = {}
    for question in instrument.questions:
        value = _parse(question, submitted.get(question.name, ()))
        if value is not None:
            parsed[question.name] = value
    answers: dict[str, Answer] = {}
    others: dict[str, str] = {}
    errors: dict[str, tuple[FieldError, ...]] = {}
    relevant: set[str] = set()
    for question in instrument.questions:
        # Relevance sees the answers of questions still asked; a cleared answer is gone.
        if not question_is_relevant(instrument, question, parsed):
            parsed.pop(question.name, None)
            continue
        relevant.add(question.name)
        other = (other_texts.get(question.name) or "").strip()
        value, problems = _check(question, parsed.get(question.name), other)
        if questions is not None and question.name not in questions:
            problems = []
        if problems:
            errors[question.name] = tuple(problems)
            continue
        if value is not None:
            answers[question.name] = value
            if other and len(other) > MAX_TEXT:
                errors[question.name] = (
                    FieldError(question.name, question.label, "too_long", length=len(other)),
                )
            elif other:
                others[question.name] = other
    return CheckedSubmission(answers, others, errors, frozenset(relevant))


def asked_questions(
    instrument: Instrument,
    submitted: Mapping[str, Sequence[str]],
    other_texts: Mapping[str, str] | None = None,
) -> frozenset[str]:
    """Names of the questions asked given the answers so far, by the same rules as
    `validate_submission` (an answer to a question no longer asked does not count).

    A form uses it to show or hide questions while the respondent answers.
    """
    return validate_submission(instrument, submitted, other_texts, questions=()).relevant
