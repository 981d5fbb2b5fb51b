"""Tabulation: pure functions from a ResponseTable to typed result objects."""

from teichaku.tabulate.choice import tabulate_choice
from teichaku.tabulate.coded_text import CodedTextError, tabulate_coded_text
from teichaku.tabulate.cross import CrossTableError, cross_tabulate
from teichaku.tabulate.multi import tabulate_multi
from teichaku.tabulate.other import tabulate_number, tabulate_text
from teichaku.tabulate.results import (
    ChoiceTable,
    CodeCount,
    CodedTextTable,
    CrossTable,
    LikertTable,
    MultiTable,
    NumberTable,
    OptionCount,
    OrdinalTable,
    QuestionTable,
    SurveyTables,
    TextTable,
)
from teichaku.tabulate.survey import tabulate_survey

__all__ = [
    "ChoiceTable",
    "CodeCount",
    "CodedTextError",
    "CodedTextTable",
    "CrossTable",
    "CrossTableError",
    "LikertTable",
    "MultiTable",
    "NumberTable",
    "OptionCount",
    "OrdinalTable",
    "QuestionTable",
    "SurveyTables",
    "TextTable",
    "cross_tabulate",
    "tabulate_choice",
    "tabulate_coded_text",
    "tabulate_multi",
    "tabulate_number",
    "tabulate_survey",
    "tabulate_text",
]
