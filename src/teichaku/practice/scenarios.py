"""What-if inputs for the rules core: the same people with one change.

>>> from teichaku.retention.people import Employment
>>> p = Person("a", date(2024, 1, 1), None, (Employment(date(2023, 6, 1)),))
>>> leaves([p], "a", date(2025, 2, 1))[0].employments[0].left_on
datetime.date(2025, 2, 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from teichaku.retention.people import Person


def leaves(people: Sequence[Person], person_id: str, on: date) -> list[Person]:
    """Everyone unchanged except `person_id`, whose open jobs end on `on` (last day employed)."""
    if not any(p.person_id == person_id for p in people):
        raise KeyError(f"no person {person_id!r}")
    changed = []
    for person in people:
        if person.person_id == person_id:
            jobs = tuple(
                replace(job, left_on=on)
                if job.hired_on <= on and (job.left_on is None or job.left_on > on)
                else job
                for job in person.employments
                if job.hired_on <= on
            )
            person = replace(person, employments=jobs)
        changed.append(person)
    return changed
