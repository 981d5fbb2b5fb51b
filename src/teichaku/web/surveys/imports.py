"""Importing a response file collected elsewhere: only the rows the survey does not have yet.

Each row's identity is the core's `teichaku.responses.identity.source_key` (the tool's
response id, else timestamp + answers digest, else row number + digest), stored on the
submission with a unique constraint per survey. An import, in one transaction:

- stops at the first unreadable value (`ResponseFileError`), storing nothing;
- skips rows whose key is already in the survey ("already there");
- of two rows with the same key inside the file, stores the first and refuses the other,
  naming both rows in the summary (a true duplicate is reported, never merged silently);
- stores the rest ("new").

Rows imported before keys existed have none; they are matched by their response id (the
file's id, else the row number), as the import matched them then.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser, User
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from teichaku.responses.submissions import Submitted
from teichaku.web.surveys.models import ImportBatch, Origin, Submission, Survey
from teichaku.web.webhooks import delivery as webhook_events


class ImportConflict(ValueError):
    """Another import of the same survey stored some of these rows meanwhile."""


@dataclass(frozen=True)
class RefusedRow:
    row: int  # the file's row number (header = 1)
    same_as: int  # the earlier row of the file with the same identity


@dataclass(frozen=True)
class ImportSummary:
    batch: ImportBatch
    new: int
    already: int
    refused: tuple[RefusedRow, ...]

    def text(self) -> str:
        """「新規 N 件、既存 M 件、取り込まなかった K 件」 and the refused rows, if any."""
        text = _("新規 %(new)s 件、既存 %(already)s 件、取り込まなかった %(refused)s 件") % {
            "new": self.new,
            "already": self.already,
            "refused": len(self.refused),
        }
        if self.refused:
            rows = _("、").join(
                _("%(row)s行目（%(first)s行目と同じ回答）") % {"row": r.row, "first": r.same_as}
                for r in self.refused[:20]
            )
            more = (
                _("ほか%(n)s件") % {"n": len(self.refused) - 20} if len(self.refused) > 20 else ""
            )
            text += _("。取り込まなかった行：%(rows)s%(more)s") % {"rows": rows, "more": more}
        return text


def import_answers(
    survey: Survey, data: bytes, filename: str, user: AbstractBaseUser | None = None
) -> ImportSummary:
    """Read a response file with the core's importers and store its new rows.

    Raises `ResponseFileError` (with row, column and value) or `ImportConflict`.
    """
    from teichaku.responses import ResponseFileError, read_table, responses_from_table
    from teichaku.responses.identity import keyed_rows
    from teichaku.web.surveys.services import instrument_of

    name = Path(filename).name or "responses.csv"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            raw = read_table(path)
            table = responses_from_table(raw, instrument_of(survey), lenient=False)
        except ResponseFileError as error:
            raise error.renamed(str(path), name) from None
        keyed = keyed_rows(raw, table)
    try:
        return _store(survey, keyed, name, user)
    except IntegrityError:
        raise ImportConflict(
            _("同じ調査への別の取り込みと重なりました。もう一度取り込んでください。")
        ) from None


@transaction.atomic
def _store(
    survey: Survey,
    keyed: list[tuple[str, int, Submitted]],
    filename: str,
    user: AbstractBaseUser | None,
) -> ImportSummary:
    # One import of a survey at a time (PostgreSQL row lock; SQLite writes one at a time).
    Survey.objects.select_for_update().filter(pk=survey.pk).values_list("pk").first()
    stored = Submission.objects.filter(survey=survey)
    keys = set(stored.exclude(source_key=None).values_list("source_key", flat=True))
    legacy = set(
        stored.filter(source_key=None, origin=Origin.IMPORT).values_list("response_id", flat=True)
    )
    taken = set(stored.values_list("response_id", flat=True))
    first_row: dict[str, int] = {}
    refused: list[RefusedRow] = []
    new: list[Submission] = []
    already = 0
    for key, row_number, row in keyed:
        if key in first_row:
            refused.append(RefusedRow(row_number, first_row[key]))
            continue
        first_row[key] = row_number
        if key in keys or row.response_id in legacy:
            already += 1
            continue
        response_id = row.response_id
        if response_id in taken:  # a row number another export's row holds
            response_id = "I" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
        taken.add(response_id)
        new.append(
            Submission(
                survey=survey,
                response_id=response_id,
                source_key=key,
                answers=dict(row.answers),
                other_texts=dict(row.other_texts),
                origin=Origin.IMPORT,
            )
        )
    batch = ImportBatch.objects.create(
        survey=survey,
        filename=filename,
        rows=len(new),
        already=already,
        refused=len(refused),
        imported_by=user if isinstance(user, User) else None,
    )
    for submission in new:
        submission.import_batch = batch
    Submission.objects.bulk_create(new, batch_size=500)
    ids = [submission.pk for submission in new]
    transaction.on_commit(lambda: webhook_events.responses_created(survey.pk, ids), robust=True)
    return ImportSummary(batch, len(new), already, tuple(refused))
