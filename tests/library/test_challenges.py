"""The challenge list: read against the instrument file and the codebook CSVs themselves."""

from __future__ import annotations

import csv
import re

from teichaku.coding.codebook import Code, Codebook
from teichaku.instrument.builtin import builtin_folder, load_instrument
from teichaku.library.challenges import (
    NOT_A_CHALLENGE,
    builtin_challenges,
    challenge_key,
    challenge_list,
)

FOLDER = builtin_folder("retention-challenges-2024")


def test_the_twelve_items_come_from_the_instrument_file() -> None:
    # Independent: the instrument.md rows that are the likert challenge items.
    text = (FOLDER / "instrument.md").read_text(encoding="utf-8")
    rows = re.findall(r"\|\s*select_one challenge7\s*\|\s*(q\d\d_\w+)\s*\|\s*([^|]+?)\s*\|", text)
    items = [c for c in builtin_challenges() if c.is_item]
    assert [(c.key, c.label) for c in items] == rows
    assert len(items) == 12


def test_the_coded_categories_come_from_the_codebooks() -> None:
    expected = []
    for name in ("other_org_users_text", "self_plan_text"):
        with (FOLDER / "codebooks" / f"{name}.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["code"] not in NOT_A_CHALLENGE:
                    expected.append((f"{name}:{row['code']}", row["label"]))
    found = [(c.key, c.label) for c in builtin_challenges() if not c.is_item]
    assert found == expected
    assert ("other_org_users_text:nothing_in_particular", "特になし") not in found


def test_a_new_surveys_categories_join_by_question_and_code() -> None:
    book = Codebook("new_text", (Code("handover_sheet", "引き継ぎシート"),))
    found = challenge_list(load_instrument("retention-challenges-2024"), {"new_text": book})
    assert found[-1].key == challenge_key("new_text", "handover_sheet") == "new_text:handover_sheet"
    assert found[-1].group_label == "new_text"
