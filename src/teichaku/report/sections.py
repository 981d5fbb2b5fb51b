"""The report's sections: runs of questions that share an XLSForm group, in instrument order."""

from __future__ import annotations

from dataclasses import dataclass

from teichaku.instrument import pick_label
from teichaku.report.sentences import quoted_list
from teichaku.tabulate import LikertTable, QuestionTable, SurveyTables


@dataclass(frozen=True)
class LikertSet:
    """Likert items of one section that share a scale, drawn together in one chart."""

    key: str  # figure file stem, e.g. ``likert_challenges``
    tables: tuple[LikertTable, ...]


@dataclass(frozen=True)
class Section:
    group: str | None  # XLSForm group name; None for questions outside any group
    label: str | None
    tables: tuple[QuestionTable, ...]
    likert_sets: tuple[LikertSet, ...]


def _scale_key(table: LikertTable) -> tuple[object, ...]:
    return (tuple(o.label for o in table.options), table.question.likert)


def sections_of(tables: SurveyTables) -> tuple[Section, ...]:
    """Consecutive questions of the same group form a section, headed by the group's label.

    A group whose label is not known (not in `tables.groups`) is headed by its name.
    """
    labels = {group.name: pick_label(group.labels) for group in tables.groups}
    runs: list[tuple[str | None, list[QuestionTable]]] = []
    for table in tables.questions:
        group = table.question.group
        if runs and runs[-1][0] == group:
            runs[-1][1].append(table)
        else:
            runs.append((group, [table]))
    used = {table.question.name for table in tables.questions}  # figure stems stay unique
    sections: list[Section] = []
    for group, members in runs:
        by_scale: dict[tuple[object, ...], list[LikertTable]] = {}
        for table in members:
            if isinstance(table, LikertTable):
                by_scale.setdefault(_scale_key(table), []).append(table)
        sets: list[LikertSet] = []
        for items in by_scale.values():
            if len(items) < 2:
                continue
            key = base = f"likert_{group or 'items'}"
            suffix = 2
            while key in used:
                key, suffix = f"{base}_{suffix}", suffix + 1
            used.add(key)
            sets.append(LikertSet(key, tuple(items)))
        label = labels.get(group, group) if group is not None else None
        sections.append(Section(group, label, tuple(members), tuple(sets)))
    return tuple(sections)


@dataclass(frozen=True)
class RankRow:
    rank: int
    table: LikertTable
    modes: str  # 「７：非常に課題である」


def ranking(tables: SurveyTables) -> tuple[RankRow, ...]:
    """Likert items by their high share, largest first; items without answers last."""
    items = [t for t in tables.questions if isinstance(t, LikertTable)]
    ordered = sorted(items, key=lambda t: -t.high_percent if t.high_percent is not None else 1)
    return tuple(
        RankRow(rank, t, quoted_list([o.label for o in t.options if o.value in t.modes]))
        for rank, t in enumerate(ordered, start=1)
    )
