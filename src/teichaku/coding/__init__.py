"""Qualitative coding of free text: codebooks, codings, answers, agreement, suggestions and
REFI-QDA exchange. The tables and matrices built from coded answers are in
`teichaku.tabulate` (`coded_text`, `matrix`).

Heavier parts (suggestions with SudachiPy and scikit-learn, REFI-QDA with lxml) are imported
from their modules: `teichaku.coding.suggest`, `teichaku.coding.refi_qda`.
"""

from teichaku.coding.answers import Answer, AnswersError, read_answers
from teichaku.coding.codebook import (
    Code,
    Codebook,
    CodebookError,
    codebook_to_csv,
    parse_codebook,
    read_codebook,
    read_codebooks,
)
from teichaku.coding.codings import (
    NO_CODE,
    Coding,
    CodingsError,
    codings_to_csv,
    parse_codings,
    read_codings,
    substantive,
)

__all__ = [
    "NO_CODE",
    "Answer",
    "AnswersError",
    "Code",
    "Codebook",
    "CodebookError",
    "Coding",
    "CodingsError",
    "codebook_to_csv",
    "codings_to_csv",
    "parse_codebook",
    "parse_codings",
    "read_answers",
    "read_codebook",
    "read_codebooks",
    "read_codings",
    "substantive",
]
