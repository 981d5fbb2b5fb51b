"""The hand-over profile: the sections of the 就労パスポート (MHLW, 2019) and how complete it is.

>>> c = completeness({"work_experience": "事務補助3年", "strengths": " "})
>>> (c.filled, c.total, c.percent)
(1, 7, 14)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# (key, section title). Accommodations (配慮してほしいこと) are written inside sections 3-5.
PASSPORT_SECTIONS = (
    ("work_experience", "職務経験"),
    ("strengths", "仕事上のアピールポイント"),
    ("health_and_work_style", "体調管理と希望する働き方"),
    ("communication", "コミュニケーション面"),
    ("task_performance", "作業遂行面"),
    ("self_check", "就職後の自己チェック"),
    ("support_agencies", "(参考)支援機関"),
)
SECTION_KEYS = tuple(key for key, _ in PASSPORT_SECTIONS)


@dataclass(frozen=True)
class Completeness:
    filled: int
    total: int
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return self.filled == self.total

    @property
    def percent(self) -> int:
        """Whole percent, rounded down so that 100 means every section is filled."""
        return self.filled * 100 // self.total


def completeness(sections: Mapping[str, str]) -> Completeness:
    """A section counts when it holds more than blanks; unknown keys are an error."""
    unknown = set(sections) - set(SECTION_KEYS)
    if unknown:
        raise KeyError(f"就労パスポートにない項目 / not a section: {', '.join(sorted(unknown))}")
    missing = tuple(k for k in SECTION_KEYS if not (sections.get(k) or "").strip())
    return Completeness(len(SECTION_KEYS) - len(missing), len(SECTION_KEYS), missing)


# The areas of a self-plan person's life that someone must cover (the study's gap for them).
ROLE_AREAS = (
    ("home_life", "日常生活"),
    ("health", "健康・医療"),
    ("money", "金銭管理"),
    ("housing", "住まい"),
    ("crisis", "緊急時の対応"),
)
ROLE_AREA_KEYS = tuple(key for key, _ in ROLE_AREAS)


def role_gaps(covered: Mapping[str, bool]) -> tuple[str, ...]:
    """The areas nobody covers, in the order of ROLE_AREAS.

    >>> role_gaps({"home_life": True, "money": False})
    ('health', 'money', 'housing', 'crisis')
    """
    return tuple(key for key in ROLE_AREA_KEYS if not covered.get(key, False))
