"""The monthly contact requirement: face-to-face support at least once a month, an employer
contact (an effort duty), and days since the last contact.

>>> c = [ContactFact(date(2024, 5, 2), True, ("person",))]
>>> c.append(ContactFact(date(2024, 5, 9), False, ("person", "employer")))
>>> s = month_status(c, date(2024, 5, 1), today=date(2024, 5, 20))
>>> (s.face_to_face, s.employer_contacts, s.days_since_last, s.face_to_face_done)
(1, 1, 11, True)
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from teichaku.practice.months import month_end, month_of

# With whom a contact was held (one contact may have several: 本人 + 上司); the web app gives
# them labels.
WITH_WHOM = ("person", "employer", "family", "consultation", "medical", "other")

# The study's Table 13 methods of keeping in touch, in its order; offices may add their own.
TABLE13_CHANNELS = (
    ("phone", "電話"),
    ("workplace_visit", "職場訪問"),
    ("email", "メール"),
    ("home_visit", "家庭訪問"),
    ("line", "LINE"),
    ("office_interview", "事業所での面談"),
    ("online_form", "オンラインフォーム"),
    ("online_meeting", "オンライン面談"),
    ("letter", "手紙・郵送"),
)

# Which of those methods are face to face (対面): meeting in person at the workplace, at home or
# at the office. The face-to-face duty (月1回以上、対面により) reads 対面 as in person, so an
# online meeting, a call or a message is not. A contact is face to face by its method only:
# the office's own methods say it once when they are added.
FACE_TO_FACE_CHANNELS = frozenset({"workplace_visit", "home_visit", "office_interview"})


def face_to_face_channel(key: str) -> bool:
    """Whether a Table 13 method (by key) is face to face; an unknown key is not."""
    return key in FACE_TO_FACE_CHANNELS


@dataclass(frozen=True)
class ContactFact:
    """What the requirement looks at: the day, whether face to face, and with whom (the keys
    of `WITH_WHOM`; an employer contact is one with the employer among them)."""

    day: date
    face_to_face: bool
    with_whom: Collection[str]


@dataclass(frozen=True)
class MonthStatus:
    month: date
    contacts: int
    face_to_face: int
    employer_contacts: int
    last_contact: date | None
    days_since_last: int | None
    days_left_in_month: int

    @property
    def face_to_face_done(self) -> bool:
        return self.face_to_face > 0

    @property
    def employer_contact_done(self) -> bool:
        return self.employer_contacts > 0


def month_status(contacts: Iterable[ContactFact], month: date, today: date) -> MonthStatus:
    """The requirement for `month` as known on `today`; contacts after today are ignored."""
    first, last = month_of(month), month_end(month)
    known = [c for c in contacts if c.day <= today]
    in_month = [c for c in known if first <= c.day <= last]
    latest = max((c.day for c in known), default=None)
    return MonthStatus(
        month=first,
        contacts=len(in_month),
        face_to_face=sum(1 for c in in_month if c.face_to_face),
        employer_contacts=sum(1 for c in in_month if "employer" in c.with_whom),
        last_contact=latest,
        days_since_last=None if latest is None else (today - latest).days,
        days_left_in_month=max(0, (last - today).days),
    )
