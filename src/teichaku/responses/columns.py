"""Which column of a response file holds which question.

A header finds its question, in this order:

1. by the question's name or its label in any language (``q01_securing_users``,
   ``利用者の確保``, ``Securing users``), also as the last part of a Kobo/ODK group path
   (``challenges/q01_securing_users``, ``challenges-q01_securing_users``);
2. as one column per option of a select_multiple: the question, a separator and the option's
   name or label (Kobo ``affiliation/government``, ``所属/行政関係``, ``affiliation.government``,
   ``affiliation_government``; LimeSurvey ``affiliation[government]``, Google Forms
   ``所属 [行政関係]``); ``q[other]``, ``q/other``, ``q_other`` hold the 'other' text;
3. as a Google Forms grid row ``Grid title [row label]``, the row being the question;
4. as a column no question needs: tool metadata such as タイムスタンプ, Timestamp, ``_uuid``,
   ``meta/instanceID``, ``submitdate`` — listed, never an error.

Anything else is an unknown column. Names and labels are compared as in
`teichaku.responses.values` (NFKC, white space, case only when unambiguous). When two
questions share a label, the first column with that label is the first question, and so on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from teichaku.instrument import Instrument, Question, QuestionKind
from teichaku.responses.values import Lookup, option_lookup, other_option
from teichaku.textform import normal_form

# Columns survey tools add around the answers, compared in normal_form, case-folded.
METADATA_COLUMNS = frozenset(
    normal_form(name).casefold()
    for name in (
        # Google Forms
        "タイムスタンプ", "Timestamp", "メールアドレス", "Email Address", "スコア", "Score",
        # Microsoft Forms
        "ID", "開始時刻", "完了時刻", "最終変更時刻", "メール", "名前", "合計ポイント",
        "クイズのフィードバック", "Start time", "Completion time", "Last modified time",
        "Email", "E-mail", "Name", "Total points", "Quiz feedback",
        # KoboToolbox, ODK Central
        "start", "end", "today", "deviceid", "username", "subscriberid", "simserial",
        "phonenumber", "audit", "__version__", "instanceID", "meta/instanceID", "KEY",
        "SubmissionDate", "SubmitterID", "SubmitterName", "AttachmentsPresent",
        "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion",
        # LimeSurvey
        "id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp",
        "ipaddr", "refurl", "token", "Response ID", "Date submitted", "Last page",
        "Start language", "Date started", "Date last action", "IP address", "Referrer URL",
        # teichaku and others
        "response_id", "respondent_id", "回答ID", "回答者ID",
    )
)  # fmt: skip
_METADATA_PREFIXES = ("_", "meta/", "formhub/")

# Where the response id comes from, the first of these columns present.
ID_COLUMNS = ("response_id", "_uuid", "_id", "id", "ID", "Response ID", "KEY", "meta/instanceID")

_PATH_SEPARATORS = ("/", "-", ".", ":")
_OPTION_SEPARATORS = ("/", ".", "_", "-", ":")
_BRACKET = re.compile(r"^(.*?)\s*\[([^\[\]]+)\]\s*$")
_OTHER_WORDS = frozenset({"other", "その他", "othertext", "other_text", "specify"})


@dataclass
class QuestionColumns:
    """Where one question's answers are: one column, or one column per option."""

    question: Question
    column: int | None = None
    option_columns: dict[int, int] = field(default_factory=dict)  # option index → column
    other_column: int | None = None  # the 'other' text, apart from the answer


@dataclass(frozen=True)
class ColumnPlan:
    """The outcome of matching a file's headers against an instrument."""

    questions: dict[str, QuestionColumns]
    id_column: int | None
    listed: tuple[int, ...]  # metadata, blank and redundant columns: reported, not read
    unknown: tuple[int, ...]  # columns that match nothing
    duplicates: tuple[tuple[int, str], ...]  # (column, question) already read from another


class _QuestionFinder:
    def __init__(self, instrument: Instrument) -> None:
        self.questions = instrument.questions
        self.names = Lookup()
        self.labels: dict[str, list[int]] = {}
        self.folded_labels: dict[str, list[int]] = {}
        for index, question in enumerate(self.questions):
            self.names.add(question.name, index)
        for index, question in enumerate(self.questions):
            for label in question.labels.values():
                key = normal_form(label)
                if key:
                    _append_new(self.labels.setdefault(key, []), index)
                    _append_new(self.folded_labels.setdefault(key.casefold(), []), index)
        self.options = [option_lookup(q.options) for q in self.questions]
        self.taken: set[int] = set()

    def by_name_or_label(self, header: str) -> int | None:
        found = self.names.find(header)
        if found is not None:
            return found
        key = normal_form(header)
        candidates = self.labels.get(key)
        if candidates is None:
            folded = self.folded_labels.get(key.casefold(), [])
            # Case-insensitive only when one question carries the label.
            candidates = folded if len({self.questions[i].name for i in folded}) == 1 else None
        if not candidates:
            return None
        free = [index for index in candidates if index not in self.taken]
        return free[0] if free else candidates[0]

    def question(self, header: str) -> int | None:
        """The question a header names, directly or as the last part of a group path."""
        found = self.by_name_or_label(header)
        if found is not None:
            return found
        for separator in _PATH_SEPARATORS:
            parts = header.split(separator)
            for start in range(1, len(parts)):
                found = self.by_name_or_label(separator.join(parts[start:]))
                if found is not None:
                    return found
        return None

    def option_column(self, header: str) -> tuple[int, int | None] | None:
        """(question, option) for a one-column-per-option header; option None = other text."""
        bracket = _BRACKET.match(header)
        if bracket:
            found = self._question_and_option(bracket.group(1), bracket.group(2))
            if found is not None:
                return found
        for position in range(len(header) - 1, 0, -1):
            if header[position] in _OPTION_SEPARATORS:
                found = self._question_and_option(header[:position], header[position + 1 :])
                if found is not None:
                    return found
        return None

    def _question_and_option(self, head: str, tail: str) -> tuple[int, int | None] | None:
        if not head.strip() or not tail.strip():
            return None
        index = self.question(head)
        if index is None:
            return None
        question = self.questions[index]
        if question.kind is QuestionKind.MULTI:
            option = self.options[index].find(tail)
            if option is not None:
                return index, option
        if question.or_other and normal_form(tail).casefold() in _OTHER_WORDS:
            return index, None
        return None

    def grid_row(self, header: str) -> int | None:
        bracket = _BRACKET.match(header)
        return self.by_name_or_label(bracket.group(2)) if bracket else None


def _append_new(items: list[int], item: int) -> None:
    if item not in items:
        items.append(item)


def is_metadata(header: str) -> bool:
    key = normal_form(header).casefold()
    return key in METADATA_COLUMNS or key.startswith(_METADATA_PREFIXES)


def plan_columns(
    headers: Sequence[str],
    instrument: Instrument,
    is_blank: Callable[[int], bool] = lambda position: True,
) -> ColumnPlan:
    """Match `headers` to the questions of `instrument`.

    `is_blank(i)` says column i holds no data at all; such a column without a header is
    listed rather than unknown.

    >>> from teichaku.instrument import load_instrument
    >>> form = load_instrument("retention-challenges-2024")
    >>> plan = plan_columns(["タイムスタンプ", "所属"], form)
    >>> plan.questions["affiliation"].column, plan.listed
    (1, (0,))
    """
    finder = _QuestionFinder(instrument)
    found: dict[str, QuestionColumns] = {}
    listed: list[int] = []
    unknown: list[int] = []
    duplicates: list[tuple[int, str]] = []
    id_column = _id_column(headers, finder)

    def source(index: int) -> QuestionColumns:
        question = finder.questions[index]
        finder.taken.add(index)
        return found.setdefault(question.name, QuestionColumns(question))

    for position, header in enumerate(headers):
        if position == id_column:
            continue
        index = finder.question(header)
        if index is not None and finder.questions[index].name not in found:
            source(index).column = position
            continue
        option = finder.option_column(header)
        if option is not None:
            target = source(option[0])
            if option[1] is not None and option[1] not in target.option_columns:
                target.option_columns[option[1]] = position
            elif (option[1] is None or option[1] == other_option(target.question)) and (
                target.other_column is None
            ):
                # Kobo: q/other says whether 'other' was chosen, q_other what it was.
                target.other_column = position
            else:
                duplicates.append((position, target.question.name))
            continue
        if index is not None:
            duplicates.append((position, finder.questions[index].name))
            continue
        row = finder.grid_row(header)
        if row is not None and finder.questions[row].name not in found:
            source(row).column = position
        elif is_metadata(header) or (not header.strip() and is_blank(position)):
            listed.append(position)
        else:
            unknown.append(position)
    for columns in found.values():
        if columns.column is not None and columns.option_columns:
            # Kobo writes both the joined answer and one column per option: read the first.
            # Its q_other, taken for the 'other' option's column, holds the other text.
            other = other_option(columns.question)
            if other in columns.option_columns and columns.other_column is None:
                columns.other_column = columns.option_columns.pop(other)
            listed.extend(columns.option_columns.values())
            columns.option_columns = {}
    return ColumnPlan(found, id_column, tuple(sorted(listed)), tuple(unknown), tuple(duplicates))


_ID_KEYS = frozenset(name.casefold() for name in ID_COLUMNS)


def is_id_header(header: str) -> bool:
    """Whether a header may name the response-id column (whatever the questions are)."""
    return normal_form(header).casefold() in _ID_KEYS


def _id_column(headers: Sequence[str], finder: _QuestionFinder) -> int | None:
    keys = [normal_form(header) for header in headers]
    for name in ID_COLUMNS:
        for position, key in enumerate(keys):
            if key == name and finder.names.find(key) is None:
                return position
    folded = [key.casefold() for key in keys]
    for name in ID_COLUMNS:
        for position, key in enumerate(folded):
            if key == name.casefold() and finder.names.find(key) is None:
                return position
    return None
