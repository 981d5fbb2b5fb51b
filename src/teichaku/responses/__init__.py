"""Response files from any survey tool, read into one typed table."""

from teichaku.responses.errors import ResponseFileError
from teichaku.responses.files import RawColumn, RawTable, read_table
from teichaku.responses.reader import read_responses, responses_from_table
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
    "RawColumn",
    "RawTable",
    "ResponseFileError",
    "ResponseTable",
    "TextAnswers",
    "ValueIssue",
    "empty_answers",
    "read_responses",
    "read_table",
    "responses_from_records",
    "responses_from_table",
]
