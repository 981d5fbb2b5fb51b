"""Words for two audiences: a page in Japanese, the command line and logs in English.

A core note written 「日本語 / English」 is split by `half`. An input error is raised worded
in English (the CLI's and the tests' wording) and carries its Japanese wording beside it
(`worded`); a page shows `japanese_of(error)` when there is one.
"""

from __future__ import annotations

from typing import TypeVar

SEPARATOR = " / "
E = TypeVar("E", bound=BaseException)


def half(text: str, language: str) -> str:
    """The Japanese half of a "日本語 / English" note, or the English half for `language` en.

    >>> half("判定できない。 / Cannot be judged.", "ja")
    '判定できない。'
    >>> half("判定できない。 / Cannot be judged.", "en")
    'Cannot be judged.'
    >>> half("85.0%", "en")
    '85.0%'
    """
    japanese, separator, english = text.partition(SEPARATOR)
    if not separator:
        return text
    return english if language.startswith("en") else japanese


def worded(error: E, japanese: str | None) -> E:
    """`error` carrying its Japanese wording (None: it has none).

    >>> error = worded(ValueError("a.csv: the file is empty"), "a.csv: ファイルが空です")
    >>> str(error), japanese_of(error)
    ('a.csv: the file is empty', 'a.csv: ファイルが空です')
    """
    error.japanese = japanese  # type: ignore[attr-defined]
    return error


def japanese_of(error: BaseException) -> str | None:
    """The Japanese wording `worded` gave the error, if any."""
    found = getattr(error, "japanese", None)
    return found if isinstance(found, str) else None
