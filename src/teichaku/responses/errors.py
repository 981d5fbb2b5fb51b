"""The error a response file raises when it cannot be read as the instrument says."""

from __future__ import annotations

from collections.abc import Sequence

from teichaku.responses.table import ValueIssue

SHOWN_ISSUES = 20


class ResponseFileError(ValueError):
    """A response file that cannot be imported; nothing was imported.

    ``issues`` holds every problem found (file, row, column, value, what is accepted);
    the message shows the first `SHOWN_ISSUES` of them and how many there are in all.
    """

    def __init__(self, message: str, issues: Sequence[ValueIssue] = ()) -> None:
        self.issues = tuple(issues)
        super().__init__(message)

    @classmethod
    def from_issues(cls, source: str, issues: Sequence[ValueIssue]) -> ResponseFileError:
        count = len(issues)
        lines = [
            f"{source}: {count} problem{'s' if count != 1 else ''} found; nothing was imported "
            "(with --lenient, values that are no option are read as missing and reported, "
            "and unknown columns are listed)"
        ]
        lines += [f"  - {issue}" for issue in issues[:SHOWN_ISSUES]]
        if count > SHOWN_ISSUES:
            lines.append(f"  … and {count - SHOWN_ISSUES} more")
        return cls("\n".join(lines), issues)
