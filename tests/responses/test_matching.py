"""How names, labels and cells are compared, and how joined answers are split."""

from __future__ import annotations

import pytest

from teichaku.instrument import Option
from teichaku.responses.columns import plan_columns
from teichaku.responses.values import (
    choose_separator,
    option_lookup,
    parse_multi,
    parse_number,
    yes_no,
)
from teichaku.textfiles import detect_encoding
from teichaku.textform import normal_form

OPTIONS = (
    Option("a", {"en": "Yes, often", "ja": "よく"}),
    Option("b", {"en": "Interviews at a café or similar", "ja": "喫茶店などで面談"}),
    Option("c", {"en": "All lessons"}),
    Option("d", {"en": "Don't know"}),
)


def test_normal_form_folds_width_quotes_and_space() -> None:
    assert normal_form("ＮＰＯ法人") == "NPO法人"
    assert normal_form("ｶﾅ") == "カナ"
    assert normal_form(" Don’t\u3000 know ") == "Don't know"
    assert normal_form("７：非常に課題である") == "7:非常に課題である"


def test_case_is_ignored_only_when_unambiguous() -> None:
    lookup = option_lookup(OPTIONS)
    assert lookup.find("ALL LESSONS") == 2
    assert lookup.find("don’t KNOW") == 3
    twins = option_lookup((Option("x", {"en": "Yes"}), Option("y", {"en": "YES"})))
    assert twins.find("Yes") == 0 and twins.find("YES") == 1
    assert twins.find("yes") is None  # two options differ only in case: no guess


def test_a_name_wins_over_another_options_label() -> None:
    lookup = option_lookup((Option("1", {"en": "2"}), Option("2", {"en": "1"})))
    assert lookup.find("1") == 0 and lookup.find("2") == 1


@pytest.mark.parametrize(
    ("cell", "separator", "chosen", "unmatched"),
    [
        ("Yes, often, Interviews at a café or similar", ",", (0, 1), ()),
        ("よく;喫茶店などで面談;", ";", (0, 1), ()),
        ("a b d", " ", (0, 1, 3), ()),
        ("Interviews at a café or similar All lessons", " ", (1, 2), ()),
        ("よく、喫茶店などで面談", "、", (0, 1), ()),
        ("Yes, often, by post, mostly", ",", (0,), ("by post, mostly",)),
    ],
)
def test_joined_answers_split_on_the_longest_known_option(
    cell: str, separator: str, chosen: tuple[int, ...], unmatched: tuple[str, ...]
) -> None:
    parsed = parse_multi(cell, option_lookup(OPTIONS), separator)
    assert (parsed.chosen, parsed.unmatched) == (chosen, unmatched)


def test_the_separator_is_chosen_per_column() -> None:
    lookup = option_lookup(OPTIONS)
    assert choose_separator(["a b", "c", ""], lookup) == " "
    assert choose_separator(["よく;喫茶店などで面談;", "よく;"], lookup) == ";"
    assert choose_separator(["Yes, often, All lessons", "All lessons"], lookup) == ","


def test_numbers_and_marks() -> None:
    assert parse_number("１２") == 12.0
    assert parse_number("1,234.5") == 1234.5
    assert parse_number("1,5") is None
    assert parse_number("nan") is None
    assert [yes_no(t) for t in ("1", "Y", "TRUE", "0", "N", "", "maybe")] == [
        True, True, True, False, False, None, None,
    ]  # fmt: skip


def test_encodings_are_told_apart_from_the_bytes() -> None:
    assert detect_encoding("所属".encode()) == "utf-8"
    assert detect_encoding("\ufeff所属".encode()) == "utf-8-sig"
    assert detect_encoding("所属".encode("cp932")) == "cp932"
    assert detect_encoding("所属".encode("utf-16")) == "utf-16"
    # A multi-byte character cut at the end of the sample is still UTF-8.
    assert detect_encoding("所属".encode()[:-1]) == "utf-8"


def test_header_forms_by_path_grid_and_case() -> None:
    from teichaku.instrument import load_instrument

    form = load_instrument("retention-challenges-2024")
    plan = plan_columns(
        ["attributes-role", "所属 [行政関係]", "Q01_SECURING_USERS", "comment"], form
    )
    assert plan.questions["role"].column == 0
    assert plan.questions["affiliation"].option_columns == {7: 1}
    assert plan.questions["q01_securing_users"].column == 2
    assert plan.unknown == (3,)
