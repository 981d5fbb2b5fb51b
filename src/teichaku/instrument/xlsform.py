"""Read an XLSForm (.xlsx, XLSForm markdown or XLSForm CSV) into the instrument model.

pyxform validates the form exactly as ODK tools would; this module then reads the same
rows into `Instrument`, including teichaku's own columns, which other XLSForm tools ignore:

- ``likert_centre``: on a select_one, the option name at the centre of the scale
  (empty: the middle of the declared scale). Its presence makes the question a Likert item.
- ``likert_high``: ``last`` (default) or ``first``: which end of the declared order is high.
- ``percent_base``: on a select_multiple, ``cases`` (default) or ``responses``: the base
  a report uses for its shares.
- ``ordinal``: ``yes`` on a select_one that is an ordered scale but no Likert item (how often,
  how many): its tables carry a mean, SD, median and the mean's interval. The scores come from
  the choices sheet's ``score`` column (a number per option), else 1…k in the declared order.

A select_one with ODK's ``appearance: likert`` is a Likert item centred on the middle of
its scale unless those columns say otherwise.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pyxform import xls2json_backends
from pyxform.constants import SUPPORTED_SHEET_NAMES, SURVEY
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

from teichaku.bilingual import japanese_of, worded
from teichaku.instrument.errors import InstrumentError
from teichaku.instrument.model import (
    OTHER_VALUE,
    Group,
    Instrument,
    Note,
    Option,
    Question,
    QuestionKind,
)
from teichaku.instrument.own_columns import (
    check_ordinal_scores,
    is_ordinal,
    likert_scale,
    option_score,
    percent_base,
    refused,
)
from teichaku.spreadsheets import FORM_LIMITS, SpreadsheetError, read_sheets

UNDETERMINED_LANGUAGE = "und"
SUFFIXES = (".xlsx", ".md", ".csv")

_SELECT = re.compile(r"^(select_one|select_multiple)\s+(\S+)(\s+or_other)?$")
_LANGUAGE_CODE = re.compile(r"\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\)\s*$")
_KIND_BY_TYPE = {
    "text": QuestionKind.TEXT,
    "date": QuestionKind.TEXT,
    "time": QuestionKind.TEXT,
    "datetime": QuestionKind.TEXT,
    "integer": QuestionKind.NUMBER,
    "decimal": QuestionKind.NUMBER,
    "range": QuestionKind.NUMBER,
}
# Types that collect nothing a respondent answers: skipped, never an error.
_NOT_QUESTIONS = {
    "calculate",
    "hidden",
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "start-geopoint",
}
_TRUE = {"yes", "true", "true()", "1"}
_OTHER_LABELS = {"ja": "その他", "en": "Other"}


def load_xlsform(path: str | Path) -> Instrument:
    """Load and validate an XLSForm file.

    >>> rows = ["| survey |", "| | type | name | label |",
    ...         "| | select_one yn | likes_tea | Do you like tea? |",
    ...         "| | integer | cups | Cups a day |",
    ...         "| choices |", "| | list_name | name | label |",
    ...         "| | yn | yes | Yes |", "| | yn | no | No |"]
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "tea.md"
    >>> _ = path.write_text("\\n".join(rows), encoding="utf-8")
    >>> form = load_xlsform(path)
    >>> [(q.name, q.kind.value, q.option_values) for q in form.questions]
    [('likes_tea', 'single', ('yes', 'no')), ('cups', 'number', ())]
    >>> folder.cleanup()
    """
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise InstrumentError(
            f"{path}: not an XLSForm file; accepted: {', '.join(SUFFIXES)} (XLSForm markdown)"
        )
    if not path.is_file():
        raise InstrumentError(f"{path}: no such file")
    workbook = _read_workbook(path)
    _validate_with_pyxform(path, workbook)
    return _build(path, workbook)


def load_xlsform_bytes(data: bytes, filename: str) -> Instrument:
    """Load an XLSForm held in memory (an upload); `filename` names it in errors and gives
    its suffix (accepted: .xlsx, .md, .csv).

    >>> upload = b"| survey |\\n| | type | name | label |\\n| | text | comment | Comments |\\n"
    >>> form = load_xlsform_bytes(upload, "feedback.md")
    >>> form.source, form.question("comment").label
    ('feedback.md', 'Comments')
    >>> load_xlsform_bytes(b"hello", "feedback.md")
    Traceback (most recent call last):
    ...
    teichaku.instrument.errors.InstrumentError: feedback.md: cannot read as XLSForm: ...
    """
    name = Path(filename).name or "form"
    if Path(name).suffix.lower() not in SUFFIXES:
        raise worded(
            InstrumentError(
                f"{name}: not an XLSForm file; accepted: {', '.join(SUFFIXES)} (XLSForm markdown)"
            ),
            f"{name}: XLSForm のファイルではありません。使える形式: {'、'.join(SUFFIXES)}",
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            instrument = load_xlsform(path)
        except InstrumentError as error:
            japanese = japanese_of(error)
            raise worded(
                InstrumentError(str(error).replace(str(path), name)),
                japanese.replace(str(path), name) if japanese else None,
            ) from None
    return dataclasses.replace(instrument, source=name)


def _read_workbook(path: Path) -> dict[str, Any]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            return _xlsx_to_dict(path)
        if suffix == ".md":
            result = xls2json_backends.md_to_dict(path.read_text(encoding="utf-8"))
        else:
            result = xls2json_backends.csv_to_dict(str(path))
    except UnicodeDecodeError:  # its text (codec, byte, position) is Python's, not ours
        raise worded(
            InstrumentError(
                f"{path}: cannot read as XLSForm: the text is not UTF-8 (save it as UTF-8)"
            ),
            f"{path}: XLSForm として読めません。文字コードが UTF-8 ではありません"
            "(UTF-8 で保存してください)",
        ) from None
    except (PyXFormError, OSError, ValueError) as error:
        # pyxform's own text is English; a page says what to check instead.
        raise worded(
            InstrumentError(f"{path}: cannot read as XLSForm: {error}"),
            japanese_of(error)
            or f"{path}: XLSForm として読めません(survey シートと type・name・label の列を"
            "確かめてください)",
        ) from error
    if suffix == ".csv":
        _check_csv_sheets(path, result)
    return dict(result)


def _xlsx_to_dict(path: Path) -> dict[str, Any]:
    """The workbook as pyxform's dict, read by `teichaku.spreadsheets` (streamed, limited)
    and shaped by pyxform's own helpers, as `xls2json_backends.xlsx_to_dict` does."""
    try:
        sheets = read_sheets(path, str(path), FORM_LIMITS)
    except SpreadsheetError as error:
        raise worded(InstrumentError(str(error)), japanese_of(error)) from None
    result: dict[str, Any] = {"sheet_names": list(sheets)}
    for sheet, rows in sheets.items():
        key = sheet.lower()
        if key not in SUPPORTED_SHEET_NAMES:
            if len(sheets) != 1:
                continue
            key = SURVEY
        first = [None if value is None else str(value) for value in (rows[0] if rows else ())]
        headers = xls2json_backends.get_excel_column_headers(first)
        cells = (tuple(_Cell(value) for value in row) for row in rows[1:])
        result[key] = xls2json_backends.get_excel_rows(headers, cells, _clean_cell)
        named = [header for header in headers if header is not None]
        result[f"{key}_header"] = [dict.fromkeys(named)] if named else []
    return result


@dataclasses.dataclass(frozen=True)
class _Cell:
    value: object


def _clean_cell(cell: _Cell, _row: int, _column: str) -> str | None:
    value = cell.value.strip() if isinstance(cell.value, str) else cell.value
    return None if xls2json_backends.is_empty(value) else xls2json_backends.xlsx_value_to_str(value)


def _check_csv_sheets(path: Path, workbook: Mapping[str, Any]) -> None:
    """An XLSForm CSV names the sheet in its first column; refuse one that does not."""
    unknown = [
        name
        for name in workbook.get("sheet_names") or []
        if name.lower() not in SUPPORTED_SHEET_NAMES
    ]
    if unknown or SURVEY not in workbook:
        found = f"found {unknown[0]!r}" if unknown else "no survey rows"
        japanese = (
            f"{path}: XLSForm CSV の1列目にはシート名(survey・choices・settings)を書き、"
            "見出しは2列目から始めます(例: survey,type,name,label)"
        )
        raise worded(
            InstrumentError(
                f"{japanese} — an XLSForm CSV names the sheet in column 1 (survey, choices, "
                f"settings) and starts the headers in column 2, e.g. 'survey,type,name,label'; "
                f"{found}"
            ),
            japanese + (f"。1列目にあったのは「{unknown[0]}」" if unknown else ""),
        )


def _validate_with_pyxform(path: Path, workbook: dict[str, Any]) -> None:
    try:
        convert(dict(workbook), warnings=[])
    except PyXFormError as error:
        japanese = f"{path}: XLSForm の内容に誤りがあります(type と choices を確かめてください)"
        raise worded(InstrumentError(f"{path}: invalid XLSForm: {error}"), japanese) from error


def _labels(row: Mapping[str, Any], column: str, default_language: str) -> dict[str, str]:
    """Collect `column` and `column::Language (xx)` cells into {language code: text}."""
    labels: dict[str, str] = {}
    for key, value in row.items():
        if value in (None, "") or not isinstance(key, str):
            continue
        if key == column:
            labels.setdefault(default_language, str(value))
        elif key.startswith(column + "::"):
            labels[_language_code(key.split("::", 1)[1])] = str(value)
    return labels


def _language_code(language: str) -> str:
    match = _LANGUAGE_CODE.search(language)
    return match.group(1).lower() if match else language.strip()


def _cell(row: Mapping[str, Any], column: str) -> str:
    value = row.get(column)
    return "" if value is None else str(value).strip()


def _build(path: Path, workbook: dict[str, Any]) -> Instrument:
    settings: Mapping[str, Any] = (workbook.get("settings") or [{}])[0]
    default_language = (
        _language_code(str(settings["default_language"]))
        if settings.get("default_language")
        else UNDETERMINED_LANGUAGE
    )
    choices = _choice_lists(path, workbook.get("choices") or [], default_language)
    questions: list[Question] = []
    notes: list[Note] = []
    groups: list[Group] = []
    group_path: list[str] = []
    for index, row in enumerate(workbook.get("survey") or []):
        where = f"{path}: sheet 'survey', row {index + 2}"
        type_ = re.sub(r"\s+", " ", _cell(row, "type"))
        name = _cell(row, "name")
        base = type_.replace("_", " ")
        if base in ("begin group", "begin repeat"):
            if base == "begin repeat":
                raise refused(
                    where,
                    "type",
                    type_,
                    "repeats are not supported; accepted: groups, select_one, "
                    "select_multiple, text, integer, decimal, note",
                    "繰り返し(repeat)には対応していません。使えるもの: group, select_one, "
                    "select_multiple, text, integer, decimal, note",
                )
            groups.append(
                Group(
                    name=name,
                    labels=_labels(row, "label", default_language),
                    parent=group_path[-1] if group_path else None,
                    relevant=_cell(row, "relevant") or None,
                )
            )
            group_path.append(name)
            continue
        if base in ("end group", "end repeat"):
            if group_path:
                group_path.pop()
            continue
        if not type_ or type_ in _NOT_QUESTIONS:
            continue
        group = group_path[-1] if group_path else None
        if type_ == "note":
            notes.append(Note(name, _labels(row, "label", default_language), group))
            continue
        questions.append(_question(where, row, type_, name, group, choices, default_language))
    languages = _languages(workbook, default_language)
    return Instrument(
        form_id=str(settings.get("form_id") or path.stem),
        titles=_labels(settings, "form_title", default_language) or {default_language: path.stem},
        languages=languages,
        questions=tuple(questions),
        notes=tuple(notes),
        groups=tuple(groups),
        source=str(path),
    )


def _question(
    where: str,
    row: Mapping[str, Any],
    type_: str,
    name: str,
    group: str | None,
    choices: Mapping[str, tuple[Option, ...]],
    default_language: str,
) -> Question:
    common: dict[str, Any] = {
        "name": name,
        "labels": _labels(row, "label", default_language),
        "required": _cell(row, "required").lower() in _TRUE,
        "relevant": _cell(row, "relevant") or None,
        "group": group,
        "hints": _labels(row, "hint", default_language),
    }
    select = _SELECT.match(type_)
    ordinal = is_ordinal(
        where, _cell(row, "ordinal"), select is not None and select.group(1) == "select_one"
    )
    if select is None:
        kind = _KIND_BY_TYPE.get(type_)
        if kind is None:
            raise refused(
                where,
                "type",
                type_,
                "not a question type teichaku can analyse; accepted: select_one, "
                "select_multiple, text, integer, decimal, date, note, groups",
                "集計できる設問の種類ではありません。使えるもの: select_one, select_multiple, "
                "text, integer, decimal, date, note, group",
            )
        return Question(kind=kind, **common)
    select_type, list_name, or_other = select.groups()
    options = choices[list_name]
    if or_other:
        other_labels = {lang: _OTHER_LABELS.get(lang, "Other") for lang in _languages_of(options)}
        options = (*options, Option(OTHER_VALUE, other_labels or {default_language: "Other"}))
    if select_type == "select_multiple":
        return Question(
            kind=QuestionKind.MULTI,
            options=options,
            or_other=bool(or_other),
            percent_base=percent_base(where, _cell(row, "percent_base")),
            **common,
        )
    likert = likert_scale(
        where,
        _cell(row, "likert_centre"),
        _cell(row, "likert_high"),
        _cell(row, "appearance"),
        options,
    )
    ordinal = ordinal and likert is None  # a Likert item is an ordered scale already
    if ordinal:
        check_ordinal_scores(where, options, bool(or_other))
    return Question(
        kind=QuestionKind.LIKERT if likert else QuestionKind.SINGLE,
        options=options,
        or_other=bool(or_other),
        likert=likert,
        ordinal=ordinal,
        **common,
    )


def _choice_lists(
    path: Path, rows: Sequence[Mapping[str, Any]], default_language: str
) -> dict[str, tuple[Option, ...]]:
    lists: dict[str, list[Option]] = {}
    for index, row in enumerate(rows):
        list_name = _cell(row, "list_name") or _cell(row, "list name")
        if not list_name:
            continue
        where = f"{path}: sheet 'choices', row {index + 2}"
        lists.setdefault(list_name, []).append(
            Option(
                _cell(row, "name"),
                _labels(row, "label", default_language),
                option_score(where, _cell(row, "score")),
            )
        )
    return {name: tuple(options) for name, options in lists.items()}


def _languages_of(options: Sequence[Option]) -> list[str]:
    seen: dict[str, None] = {}
    for option in options:
        seen.update(dict.fromkeys(option.labels))
    return list(seen)


def _languages(workbook: Mapping[str, Any], default_language: str) -> tuple[str, ...]:
    found: dict[str, None] = {default_language: None}
    for header in (workbook.get("survey_header") or [{}])[0]:
        if isinstance(header, str) and header.startswith("label::"):
            found[_language_code(header.split("::", 1)[1])] = None
    if default_language == UNDETERMINED_LANGUAGE and len(found) > 1:
        del found[UNDETERMINED_LANGUAGE]
    return tuple(found)
