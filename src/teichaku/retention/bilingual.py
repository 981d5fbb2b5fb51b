"""The core's notes are written "日本語 / English"; a page in one language shows its own half."""

from __future__ import annotations

SEPARATOR = " / "


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
