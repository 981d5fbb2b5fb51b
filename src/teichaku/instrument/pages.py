"""How a form splits an instrument into pages: one page per top-level group.

Questions outside any group that follow each other share a page. Notes outside any group
(an ethics statement, a greeting) are the introduction shown before the first page.

>>> from teichaku.instrument import load_instrument
>>> form = load_instrument("retention-challenges-2024")
>>> [page.key for page in form_pages(form)]
['attributes', 'challenges', 'page-3']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from teichaku.instrument.model import Instrument, Note, Question


@dataclass(frozen=True)
class Page:
    key: str
    labels: Mapping[str, str]  # the group's labels; empty for a page of ungrouped questions
    notes: tuple[Note, ...]
    questions: tuple[Question, ...]


def top_group(instrument: Instrument, group: str | None) -> str | None:
    """The outermost group around `group` (itself when it has no parent)."""
    parents = {g.name: g.parent for g in instrument.groups}
    seen: set[str] = set()
    while group is not None and parents.get(group) is not None and group not in seen:
        seen.add(group)
        group = parents[group]
    return group


def introduction(instrument: Instrument) -> tuple[Note, ...]:
    """Notes outside every group: shown on the consent page."""
    return tuple(note for note in instrument.notes if note.group is None)


def form_pages(instrument: Instrument) -> tuple[Page, ...]:
    runs: list[tuple[str | None, list[Question]]] = []
    for question in instrument.questions:
        group = top_group(instrument, question.group)
        if runs and runs[-1][0] == group:
            runs[-1][1].append(question)
        else:
            runs.append((group, [question]))
    labels = {g.name: g.labels for g in instrument.groups}
    pages: list[Page] = []
    for number, (group, questions) in enumerate(runs, start=1):
        notes = tuple(
            note
            for note in instrument.notes
            if group is not None and top_group(instrument, note.group) == group
        )
        used = {page.key for page in pages}
        key = group if group is not None and group not in used else f"page-{number}"
        pages.append(Page(key, labels.get(group, {}) if group else {}, notes, tuple(questions)))
    return tuple(pages)
