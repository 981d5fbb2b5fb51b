"""The error a response file raises when it cannot be read as the instrument says."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from teichaku.bilingual import japanese_of, worded
from teichaku.responses.table import ValueIssue

SHOWN_ISSUES = 20
UNKNOWN_COLUMN = "no question has this name or label (a column the analysis would ignore)"


def compact(items: Sequence[str], limit: int = 12) -> str:
    """At most `limit` items for a message, and how many there are in all."""
    text = ", ".join(items[:limit])
    return text + (f", … ({len(items)} in all)" if len(items) > limit else "")


def compact_ja(items: Sequence[str], limit: int = 12) -> str:
    text = "、".join(items[:limit])
    return text + (f"…(全{len(items)}件)" if len(items) > limit else "")


class ResponseFileError(ValueError):
    """A response file that cannot be imported; nothing was imported.

    ``issues`` holds every problem found (file, row, column, value, what is accepted);
    the message shows the first `SHOWN_ISSUES` of them and how many there are in all.
    ``lenient_helps`` says that reading leniently would have read the file (values that are
    no option, unknown columns): each shell words that hint its own way (a CLI flag, a page).
    """

    def __init__(
        self, message: str, issues: Sequence[ValueIssue] = (), *, lenient_helps: bool = False
    ) -> None:
        self.issues = tuple(issues)
        self.lenient_helps = lenient_helps
        super().__init__(message)

    @property
    def unknown_columns(self) -> tuple[str, ...]:
        """Columns refused only for matching no question: reading with
        ``ignore_extra_columns`` would skip them (a wide file)."""
        return tuple(issue.column for issue in self.issues if issue.problem == UNKNOWN_COLUMN)

    def renamed(self, path: str, name: str) -> ResponseFileError:
        """The same error with the file called `name` instead of `path` (a temporary copy's
        path means nothing to the person who uploaded the file)."""
        issues = [dataclasses.replace(i, file=name) if i.file == path else i for i in self.issues]
        message = str(self).replace(path, name)
        japanese = japanese_of(self)
        renamed = ResponseFileError(message, issues, lenient_helps=self.lenient_helps)
        return worded(renamed, japanese.replace(path, name) if japanese else None)

    @classmethod
    def from_issues(cls, source: str, issues: Sequence[ValueIssue]) -> ResponseFileError:
        count = len(issues)
        lines = [
            f"{source}: {count} problem{'s' if count != 1 else ''} found; nothing was imported"
        ]
        lines += [f"  - {issue}" for issue in issues[:SHOWN_ISSUES]]
        if count > SHOWN_ISSUES:
            lines.append(f"  … and {count - SHOWN_ISSUES} more")
        return cls("\n".join(lines), issues, lenient_helps=True)
