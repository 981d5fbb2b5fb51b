"""Issue 13, item 7: tables by attribute in scale order — the instrument's option order,
never by count or first appearance."""

from __future__ import annotations

from teichaku.coding import Answer, Code, Codebook
from teichaku.instrument import load_instrument
from teichaku.tabulate.matrix import cross_by_attribute


def test_groups_follow_the_declared_options_not_counts_or_appearance() -> None:
    options = load_instrument("retention-challenges-2024").question("operating_body").options
    labels = [option.label for option in options]
    # The last option is the most frequent and appears first; one answer has no attribute.
    given = [labels[-1]] * 5 + [labels[1]] * 2 + [labels[0]] + [""]
    answers = [
        Answer(str(i), "q", "記述", {"operating_body": value}) for i, value in enumerate(given)
    ]
    book = Codebook("q", (Code("c", "C"),))
    cross = cross_by_attribute(answers, [], book, "operating_body", order=labels)
    expected = [label for label in labels if label in given] + [""]
    assert [value for value, _ in cross.groups] == expected
    assert [t.descriptions for _, t in cross.groups] == [given.count(v) for v in expected]
    unordered = cross_by_attribute(answers, [], book, "operating_body")
    assert [value for value, _ in unordered.groups] == list(dict.fromkeys(given))
