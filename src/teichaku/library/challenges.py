"""The challenges a practice case answers: one list from the built-in instrument's 12
challenge items (q01_securing_users … q12_reward_scheme_change) and the coded categories of
Tables 14 and 15 (the built-in codebooks of other_org_users_text and self_plan_text).

An item is named by its question name (``q01_securing_users``); a coded category by its
question and code (``self_plan_text:life_support_roles``), so a new survey's categories
join the list by passing its instrument and codebooks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode

from teichaku.coding.codebook import Codebook, read_codebooks
from teichaku.instrument.builtin import builtin_folder, load_instrument
from teichaku.instrument.model import Instrument, QuestionKind

BUILTIN = "retention-challenges-2024"
SEPARATOR = ":"
# Codes that say there is no challenge: a case cannot answer them.
NOT_A_CHALLENGE = frozenset({"other", "nothing_in_particular", "no_difference", "no_cases"})


@dataclass(frozen=True)
class Challenge:
    """One challenge: `key` is the question name or ``question:code``; `group` is the
    question it belongs to (its own name for an item) and `group_label` that question's
    label."""

    key: str
    label: str
    group: str
    group_label: str

    @property
    def is_item(self) -> bool:
        return SEPARATOR not in self.key


def challenge_key(question: str, code: str | None = None) -> str:
    """``q01_securing_users`` or ``other_org_users_text:collaboration``."""
    return question if code is None else f"{question}{SEPARATOR}{code}"


def challenge_list(
    instrument: Instrument, codebooks: Mapping[str, Codebook]
) -> tuple[Challenge, ...]:
    """The items (the instrument's Likert questions, in order) then each codebook's codes
    (in the instrument's order of text questions), without the codes that say there is none.

    >>> [c.key for c in builtin_challenges()][:2]
    ['q01_securing_users', 'q02_service_constraints']
    """
    found: list[Challenge] = []
    for question in instrument.questions:
        if question.kind is QuestionKind.LIKERT:
            found.append(Challenge(question.name, question.label, question.name, question.label))
    names = [q.name for q in instrument.questions]
    for name in sorted(codebooks, key=lambda n: names.index(n) if n in names else len(names)):
        label = instrument.question(name).label if name in names else name
        for code in codebooks[name].codes:
            if code.value not in NOT_A_CHALLENGE:
                found.append(Challenge(challenge_key(name, code.value), code.label, name, label))
    return tuple(found)


@cache
def builtin_challenges() -> tuple[Challenge, ...]:
    """The built-in instrument's challenge list (12 items and the codes of Tables 14–15)."""
    return challenge_list(
        load_instrument(BUILTIN), read_codebooks(builtin_folder(BUILTIN) / "codebooks")
    )


def challenge_labels(challenges: tuple[Challenge, ...] | None = None) -> dict[str, str]:
    """key → label."""
    return {c.key: c.label for c in challenges or builtin_challenges()}


def challenge_links(list_url: str, keys: Iterable[str]) -> dict[str, str]:
    """key → the practice list filtered by that challenge, for the survey report's links
    (``teichaku analyze --practices-url``; the web passes the keys with published cases).

    >>> challenge_links("https://example.org/practices/", ["q01_securing_users", "a:b"])["a:b"]
    'https://example.org/practices/?challenge=a%3Ab'
    """
    return {key: f"{list_url}?{urlencode({'challenge': key})}" for key in keys}
