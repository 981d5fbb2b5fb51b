"""Which rows of a response file are the same answers again: each row's source key.

A second export of the same survey holds the first export's rows again; the key tells
them apart from new ones, so an import adds only rows whose key is new.

- The tool's own response id, where the file has one (Microsoft Forms ``ID``, Kobo/ODK
  ``_uuid``/``KEY``, LimeSurvey ``id``/``Response ID``, teichaku's ``response_id``; the
  columns of `ID_COLUMNS`): ``id:<id>``.
- Otherwise (Google Forms has no id column) the row's タイムスタンプ/Timestamp and a digest
  of its answers' content: ``ts:<timestamp>:<digest>``.
- A row with neither (no id column and no timestamp column, or both cells empty): its
  data row number and the digest, ``row:<n>:<digest>``; a file re-exported with rows
  added at the end still matches, one whose rows were deleted or reordered does not.

The digest covers the answers as read (option values, numbers, texts, 'other' texts), so
it does not change with column order, option wording or encoding.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence

from teichaku.responses.columns import plan_columns
from teichaku.responses.files import RawTable
from teichaku.responses.submissions import StoredAnswer, Submitted, records_from_table
from teichaku.responses.table import ResponseTable
from teichaku.textform import normal_form

TIMESTAMP_COLUMNS = ("タイムスタンプ", "Timestamp")
KEY_LENGTH = 200


def content_digest(answers: Mapping[str, StoredAnswer], other_texts: Mapping[str, str]) -> str:
    """A short digest of one row's answers, whatever order they were given in.

    >>> one = {"a": "1", "b": ["x", "y"]}
    >>> content_digest(one, {}) == content_digest({"b": ["x", "y"], "a": "1"}, {})
    True
    >>> content_digest({"a": "1"}, {}) == content_digest({"a": "2"}, {})
    False
    """
    text = json.dumps([answers, other_texts], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def source_key(
    row: Submitted, *, response_id: str = "", timestamp: str = "", row_number: int = 0
) -> str:
    """One row's identity: the tool's response id, else timestamp + digest, else row + digest.

    >>> answered = Submitted("1", {"q01_securing_users": "7"})
    >>> source_key(answered, response_id="R001")
    'id:R001'
    >>> source_key(answered, timestamp="2024/01/25 10:00:00")
    'ts:2024/01/25 10:00:00:5c3ebd550629dcfbd8094291'
    >>> source_key(answered, row_number=3)
    'row:3:5c3ebd550629dcfbd8094291'
    """
    if response_id.strip():
        return f"id:{response_id.strip()}"[:KEY_LENGTH]
    digest = content_digest(row.answers, row.other_texts)
    if timestamp.strip():
        return f"ts:{timestamp.strip()}:{digest}"[:KEY_LENGTH]
    return f"row:{row_number}:{digest}"


def keyed_rows(raw: RawTable, table: ResponseTable) -> list[tuple[str, int, Submitted]]:
    """Every row of `table` (read from `raw`) as (source key, file row number, answers).

    >>> from teichaku.instrument import load_instrument
    >>> from teichaku.responses.reader import responses_from_table
    >>> import numpy as np
    >>> from teichaku.responses.files import RawColumn
    >>> form = load_instrument("retention-challenges-2024")
    >>> same = np.array([0, 0])
    >>> stamp = RawColumn("タイムスタンプ", codes=same, texts=["2024/01/25 10:00"])
    >>> raw = RawTable("f.csv", (stamp, RawColumn("利用者の確保", codes=same, texts=["7"])), 2)
    >>> [(key[:20], row) for key, row, _ in keyed_rows(raw, responses_from_table(raw, form))]
    [('ts:2024/01/25 10:00:', 2), ('ts:2024/01/25 10:00:', 3)]
    """
    plan = plan_columns(raw.headers, table.instrument, lambda p: raw.columns[p].is_blank())
    ids = _texts(raw, plan.id_column)
    stamps = _texts(raw, _timestamp_column(raw.headers))
    keyed = []
    for index, row in enumerate(records_from_table(table)):
        number = raw.row_number(index)
        key = source_key(row, response_id=ids[index], timestamp=stamps[index], row_number=index + 1)
        keyed.append((key, number, row))
    return keyed


def _timestamp_column(headers: Sequence[str]) -> int | None:
    wanted = {name.casefold() for name in TIMESTAMP_COLUMNS}
    for position, header in enumerate(headers):
        if normal_form(header).casefold() in wanted:
            return position
    return None


def _texts(raw: RawTable, column: int | None) -> list[str]:
    if column is None:
        return [""] * raw.rows
    return ["" if text is None else str(text) for text in raw.columns[column].strings().tolist()]
