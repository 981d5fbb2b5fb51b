"""The cells of our XLSX files: a control character in user text never stops a download."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from teichaku.cells import append_row


def test_control_characters_become_a_replacement_character_and_the_workbook_saves() -> None:
    book = Workbook()
    append_row(book.active, ["前\x01後", "改行\nと\tタブ", 3])
    out = io.BytesIO()
    book.save(out)
    row = next(load_workbook(io.BytesIO(out.getvalue())).active.iter_rows(values_only=True))
    assert row == ("前\ufffd後", "改行\nと\tタブ", 3)
