"""Response files from any survey tool, read into one typed table."""

from teichaku.responses.records import responses_from_records
from teichaku.responses.table import (
    MISSING_CODE,
    Answers,
    ChoiceAnswers,
    MultiAnswers,
    NumberAnswers,
    ResponseTable,
    TextAnswers,
    ValueIssue,
    empty_answers,
)

__all__ = [
    "MISSING_CODE",
    "Answers",
    "ChoiceAnswers",
    "MultiAnswers",
    "NumberAnswers",
    "ResponseTable",
    "TextAnswers",
    "ValueIssue",
    "empty_answers",
    "responses_from_records",
]
