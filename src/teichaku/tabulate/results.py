"""Typed results of tabulation: plain frozen data, no formatting.

Percentages are unrounded floats on a 0–100 scale, ``None`` where the base is zero.
Reports round them; `tables.json` keeps them as they are.

How sure: each option's share carries a 95 % Wilson interval (``ci_low``/``ci_high``, percent;
for multiple choice on the share of cases), the mean of a Likert or ordinal item its t-based
interval, and every
question says whether its base is small (``small_base``: n below `SMALL_BASE`).

Weights (`teichaku.tabulate.weighted`): when the responses carry weights, every share, mean
and SD is weighted; ``n`` and ``count`` stay the unweighted numbers of answers, beside
``weighted_n`` (sum of the weights) and Kish's ``effective_n`` ((Σw)²/Σw²), which the
intervals use in place of n. Coded text and cross tables stay unweighted counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from teichaku.instrument import Group, PercentBase, Question


@dataclass(frozen=True)
class OptionCount:
    """One declared option of a choice question and how often it was chosen."""

    value: str
    label: str
    count: int
    percent: float | None  # of the base the question reports (valid answers, cases or mentions)
    percent_of_responses: float | None = None  # multiple choice only: of all mentions
    percent_of_cases: float | None = None  # multiple choice only: of respondents who chose any
    ci_low: float | None = None  # 95 % Wilson interval of the share (multiple choice: of cases)
    ci_high: float | None = None
    weighted_count: float | None = None  # sum of the weights of those who chose it


@dataclass(frozen=True)
class ChoiceTable:
    """A single-choice question: every declared option, in declared order, zeros included."""

    question: Question
    n: int  # valid answers
    missing: int
    options: tuple[OptionCount, ...]
    modes: tuple[str, ...]  # values of the most frequent options (ties kept)
    mode_percent: float | None
    weighted_n: float | None = None  # weighted only: sum of the weights of the valid answers
    effective_n: float | None = None  # weighted only: Kish's (Σw)² / Σw² of the same


@dataclass(frozen=True)
class OrdinalTable(ChoiceTable):
    """A single choice on an ordered scale: its options' counts and the scores' summary.

    The scores are `Question.scores`: a Likert item's positions, or an ordinal item's (the
    XLSForm's ``ordinal`` and the choices' ``score``).
    """

    mean: float | None = None
    sd: float | None = None  # sample standard deviation (n − 1)
    median: float | None = None
    mean_ci_low: float | None = None  # 95 % t interval of the mean (n − 1 degrees of freedom)
    mean_ci_high: float | None = None


@dataclass(frozen=True)
class LikertTable(OrdinalTable):
    """A Likert item: a single choice read as an ordered scale around its centre.

    Scores are the 1-based positions on the declared scale, reversed when its first option
    is the high end. ``neutral_percent`` is ``None`` when the centre falls between options.
    """

    low_percent: float | None = None
    neutral_percent: float | None = None
    high_percent: float | None = None


MULTI_COUNTING_NOTE = (
    "percent_of_cases: share of respondents who selected at least one option (cases); "
    "percent_of_responses: share of all selections (mentions). A respondent who explicitly "
    "selected nothing (all 0 in a one-column-per-choice file) is counted in none_selected and "
    "in neither base; a blank answer is skipped and counted as missing."
)


@dataclass(frozen=True)
class MultiTable:
    """A multiple-choice question: mentions and cases, each option's share of both."""

    question: Question
    n: int  # respondents who answered (chose something, or explicitly chose nothing)
    missing: int  # respondents who skipped the question
    mentions: int  # selections, all options together
    cases: int  # respondents who selected at least one option
    none_selected: int
    options: tuple[OptionCount, ...]
    modes: tuple[str, ...]
    mode_percent: float | None  # of the question's percent base
    percent_base: PercentBase
    counting: str = MULTI_COUNTING_NOTE
    weighted_n: float | None = None  # weighted only, of those who answered
    effective_n: float | None = None
    weighted_cases: float | None = None  # weighted only: Σw of the cases (the shares' base)
    effective_cases: float | None = None  # Kish's n of the cases (the intervals' base)


@dataclass(frozen=True)
class CodeCount:
    code: str
    label: str
    count: int  # descriptions carrying the code
    percent_of_descriptions: float | None


CODED_TEXT_COUNTING_NOTE = (
    "Each share is of the descriptions (non-empty answers); a description may carry several "
    "codes, so the counts can add up to more than the descriptions."
)


@dataclass(frozen=True)
class CodedTextTable:
    """Free text sorted into categories: each category's count and share of descriptions."""

    question: Question
    n: int  # descriptions: non-empty answers
    missing: int
    descriptions: int
    coded: int  # descriptions with at least one code
    assignments: int  # codes given, all categories together
    codes: tuple[CodeCount, ...]
    counting: str = CODED_TEXT_COUNTING_NOTE


@dataclass(frozen=True)
class TextTable:
    """A free-text question with no codings: how many wrote something."""

    question: Question
    n: int
    missing: int


@dataclass(frozen=True)
class NumberTable:
    question: Question
    n: int
    missing: int
    mean: float | None
    sd: float | None
    median: float | None
    minimum: float | None
    maximum: float | None
    weighted_n: float | None = None
    effective_n: float | None = None


QuestionTable = (
    LikertTable | OrdinalTable | ChoiceTable | MultiTable | CodedTextTable | TextTable | NumberTable
)


@dataclass(frozen=True)
class CrossTable:
    """A question (rows) by a grouping question (columns).

    For a multiple-choice row question each respondent counts once per option chosen, so the
    cells are mentions and no χ² test is made (its observations would not be independent).
    """

    question: Question
    by: Question
    row_values: tuple[str, ...]
    row_labels: tuple[str, ...]
    column_values: tuple[str, ...]
    column_labels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    row_percent: tuple[tuple[float | None, ...], ...]
    column_percent: tuple[tuple[float | None, ...], ...]
    row_totals: tuple[int, ...]
    column_totals: tuple[int, ...]
    total: int
    chi2: float | None
    dof: int | None
    p_value: float | None
    cramers_v: float | None
    min_expected: float | None
    small_expected_share: float | None  # share of cells with an expected count below 5
    warning: str | None


@dataclass(frozen=True)
class TargetShare:
    """One raking target and how close the sample came, before and after weighting (0–1)."""

    question: str
    option: str
    target: float
    unweighted: float
    weighted: float


@dataclass(frozen=True)
class Weighting:
    """How the respondents were weighted, and how far the weights moved.

    ``method`` is ``"column"`` (a column of the file) or ``"raking"`` (computed to the
    targets, starting from the column's weights when both are given). ``design_effect`` is
    Kish's n·Σw²/(Σw)², ``effective_n`` = n / design_effect.
    """

    method: str
    column: str  # the weight column, "" when none
    targets_source: str  # the targets file, "" unless raked
    respondents: int
    total: float  # Σw
    minimum: float
    maximum: float
    design_effect: float
    effective_n: float
    iterations: int = 0  # raking sweeps until the targets held
    targets: tuple[TargetShare, ...] = ()


@dataclass(frozen=True)
class SurveyTables:
    """Every table of one analysis, in the instrument's order."""

    form_id: str
    title: str
    respondents: int
    questions: tuple[QuestionTable, ...]
    cross_tables: tuple[CrossTable, ...] = ()
    groups: tuple[Group, ...] = ()  # the instrument's, for section headings
    weighting: Weighting | None = None  # None: every figure is unweighted

    def table(self, name: str) -> QuestionTable:
        for table in self.questions:
            if table.question.name == name:
                return table
        raise KeyError(name)
