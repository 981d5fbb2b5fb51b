"""Every write of the surveys app (importing files: `imports.py`), each in one transaction,
and the reads that feed the core.

Views and the command line call these; figures come only from the core (`responses`,
`tabulate`, `report`), never from here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from django.contrib.auth.models import AbstractBaseUser, User
from django.db import (
    DEFAULT_DB_ALIAS,
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    connections,
    transaction,
)
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Count, JSONField, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from teichaku.instrument import Instrument, builtin_names, load_instrument
from teichaku.instrument.pages import Page, form_pages
from teichaku.instrument.relevance import check_relevance
from teichaku.instrument.xlsform import load_xlsform_bytes
from teichaku.responses import ResponseTable
from teichaku.responses.submissions import Submitted, table_from_submissions
from teichaku.responses.validation import CheckedSubmission
from teichaku.web.accounts.models import Team
from teichaku.web.surveys import rate
from teichaku.web.surveys.models import (
    ACCEPTING_SQL,
    CONSENT_FIELDS,
    FormToken,
    Invitation,
    Origin,
    Submission,
    Survey,
    digest,
)
from teichaku.web.webhooks import delivery as webhook_events

if TYPE_CHECKING:
    from teichaku.report.appendix import AnswerList
    from teichaku.tabulate import CrossTable, SurveyTables
    from teichaku.tabulate.results import Weighting

FORM_TOKEN_HOURS = 48


# --- instruments -------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _builtin(name: str) -> Instrument:
    return load_instrument(name)


K = TypeVar("K")
V = TypeVar("V")


class Derived(Generic[K, V]):
    """Data derived from an instrument (its parsed form, pages, rendered fragments), kept per
    process in a bounded LRU. Never state: every process computes the same values from the
    same key (a built-in name or an uploaded file's digest), so servers need not share it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = Lock()

    def peek(self, key: K) -> V | None:
        with self._lock:
            return self._items.get(key)

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get(self, key: K, make: Callable[[], V]) -> V:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()  # outside the lock: two threads may both make it, with equal results
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


_UPLOADED: Derived[str, Instrument] = Derived(32)
_PAGES: Derived[str, tuple[Page, ...]] = Derived(64)


def instrument_key(survey: Survey) -> str:
    """What the survey's instrument is derived from: a built-in name or the file's digest."""
    return survey.instrument_name or survey.instrument_digest


def instrument_of(survey: Survey) -> Instrument:
    """The survey's instrument, loaded through the core once per process and file."""
    if survey.instrument_name:
        return _builtin(survey.instrument_name)

    def load() -> Instrument:
        data = Survey.objects.values_list("instrument_file", flat=True).get(pk=survey.pk)
        return load_xlsform_bytes(bytes(data or b""), survey.instrument_filename)

    return _UPLOADED.get(survey.instrument_digest, load)


def pages_of(survey: Survey) -> tuple[Page, ...]:
    """The form's pages, computed once per process and instrument (name or file digest)."""
    return _PAGES.get(instrument_key(survey), lambda: form_pages(instrument_of(survey)))


def create_survey(
    team: Team,
    user: AbstractBaseUser | None,
    *,
    title: str = "",
    builtin: str = "",
    upload: tuple[bytes, str] | None = None,
    invitation_only: bool = False,
) -> Survey:
    """Publish a built-in instrument or an uploaded XLSForm (validated by the core first).

    Raises `InstrumentError` / `RelevanceError` with the file, place and value.
    """
    if upload is not None:
        data, filename = upload
        instrument = load_xlsform_bytes(data, filename)
        fields = {
            "instrument_file": data,
            "instrument_filename": Path(filename).name,
            "instrument_digest": hashlib.sha256(data).hexdigest(),
        }
    else:
        if builtin not in builtin_names():
            raise ValueError(f"no built-in instrument {builtin!r}")
        instrument = _builtin(builtin)
        fields = {"instrument_name": builtin}
    check_relevance(instrument)
    title = title.strip() or instrument.title
    return Survey.objects.create(
        team=team,
        title=title,
        organiser=team.name,  # the consent page's defaults, edited on the desk
        purpose=title,
        invitation_only=invitation_only,
        created_by=user if isinstance(user, User) else None,
        **fields,
    )


def visible_surveys(user: User) -> QuerySet[Survey]:
    """Surveys of the user's teams, with their submission counts."""
    return (
        Survey.objects.filter(team__memberships__user=user)
        .select_related("team")
        .defer("instrument_file")
        .annotate(
            answers=Count("submissions", distinct=True),
            web_answers=Count(
                "submissions", filter=Q(submissions__origin=Origin.WEB), distinct=True
            ),
        )
    )


@transaction.atomic
def set_open(survey: Survey, is_open: bool) -> None:
    """Open or close; closing an open survey tells its webhooks (survey.closed)."""
    changed = Survey.objects.filter(pk=survey.pk, is_open=not is_open).update(is_open=is_open)
    survey.is_open = is_open
    if changed and not is_open:
        transaction.on_commit(lambda: webhook_events.survey_closed(survey), robust=True)


@transaction.atomic
def set_schedule(
    survey: Survey,
    opens_at: dt.datetime | None,
    closes_at: dt.datetime | None,
    invitation_only: bool,
) -> None:
    """Open and close dates and the invitation rule, written together or not at all."""
    if opens_at is not None and closes_at is not None and closes_at <= opens_at:
        raise ValueError("closes_at must come after opens_at")
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=opens_at, closes_at=closes_at, invitation_only=invitation_only
    )
    survey.opens_at, survey.closes_at = opens_at, closes_at
    survey.invitation_only = invitation_only


@transaction.atomic
def set_consent(survey: Survey, **texts: str) -> None:
    """The consent page's texts (organiser, purpose, contact, ethics_approval), all at once."""
    fields = {name: texts[name] for name in CONSENT_FIELDS}
    Survey.objects.filter(pk=survey.pk).update(**fields)
    for name, value in fields.items():
        setattr(survey, name, value)


# --- collecting --------------------------------------------------------------------------


R = TypeVar("R")


def _first_read(db: BaseDatabaseWrapper, read: Callable[[], R]) -> R:
    """`read`, a request's first statement, standing in for Django's connection health check.

    With `CONN_HEALTH_CHECKS` Django sends `SELECT 1` before the first statement of every
    request on a kept connection and reconnects if it fails. Here the read itself is that
    check: if it fails and the connection is then found broken (Django's own `is_usable`),
    the connection is closed, as the check would have done, and the read runs once more on a
    new one; an error on a working connection is raised as it was. One round trip to the
    database instead of two. Inside a transaction, on a new connection or once the check is
    done, `read` simply runs (Django checks as usual)."""
    if (
        not db.health_check_enabled  # type: ignore[attr-defined]  # Django 4.1+, not in stubs
        or db.health_check_done  # type: ignore[attr-defined]
        or db.connection is None
        or db.in_atomic_block
    ):
        return read()
    db.health_check_done = True  # type: ignore[attr-defined]
    try:
        return read()
    except (OperationalError, InterfaceError):
        if db.is_usable():
            raise
        db.close()
        return read()


@dataclass(frozen=True)
class _CompiledSelect:
    sql: str
    names: list[str]  # attnames, in the SELECT's order
    converters: dict[int, tuple[list[Callable[..., object]], object]]  # the ORM's own


@lru_cache(maxsize=64)
def _survey_by_token_select(db: BaseDatabaseWrapper) -> _CompiledSelect:
    """The ORM's own SELECT of a survey by its token (instrument file deferred), compiled
    once per process and database connection object (per thread): building the query and
    its model anew cost several times more CPU than running it."""
    query = Survey.objects.defer("instrument_file").filter(token="").order_by().query
    compiler = query.get_compiler(connection=db)
    sql, _params = compiler.as_sql()
    columns = [column for column, _sql, _alias in compiler.select]
    return _CompiledSelect(
        sql, [c.target.attname for c in columns], compiler.get_converters(columns)
    )


def survey_by_token(token: str) -> Survey | None:
    """The survey a public URL names (its instrument file deferred), or None."""
    db = connections[DEFAULT_DB_ALIAS]
    select = _survey_by_token_select(db)

    def read() -> tuple[Any, ...] | None:
        with db.cursor() as cursor:
            cursor.execute(select.sql, [token])
            return cast("tuple[Any, ...] | None", cursor.fetchone())

    row = _first_read(db, read)
    return None if row is None else _survey_from_row(db, select, row)


def _survey_from_row(
    db: BaseDatabaseWrapper, select: _CompiledSelect, row: Sequence[Any]
) -> Survey:
    values = list(row)
    for index, (converters, expression) in select.converters.items():
        for convert in converters:
            values[index] = convert(values[index], expression, db)
    survey = Survey.from_db(db.alias, select.names, values)
    _HINTS.put(survey.token, Hint(survey.pk, survey.instrument_name, survey.instrument_digest))
    return survey


def survey_version(survey: Survey) -> tuple[object, ...]:
    """Every field of the survey as loaded (its instrument file stands in by its digest): a
    key that any edit changes, for what is derived from the survey row."""
    deferred = survey.get_deferred_fields()
    return tuple(
        getattr(survey, f.attname)
        for f in Survey._meta.concrete_fields
        if f.attname not in deferred
    )


def start_form(survey: Survey) -> str:
    """A fresh single-use form token; only its digest is stored."""
    token = secrets.token_urlsafe(24)
    FormToken.objects.create(survey=survey, digest=digest(token))
    return token


def start_form_limited(request: HttpRequest, survey: Survey) -> str | None:
    """A fresh form token as `start_form`, if the client is within the rate limit (counted
    here); None when it is not. On PostgreSQL the count and the token are one statement."""
    token = secrets.token_urlsafe(24)
    insert = (
        f"INSERT INTO {FormToken._meta.db_table} (survey_id, digest, created_at, used_at) "
        "SELECT %s, %s, %s, NULL"
    )
    at = connection.ops.adapt_datetimefield_value(timezone.now())
    started = rate.allow_then_insert(request, insert, [survey.pk, digest(token), at])
    return None if started is None else token


@dataclass(frozen=True)
class Started:
    """What `start_by_token` found and did."""

    survey: Survey | None  # None: no survey has this token
    tried: bool  # counted against the rate limit and, within it, started a form
    form_token: str | None = None  # the new form token; None when limited (or not tried)


def start_by_token(request: HttpRequest, token: str) -> Started:
    """The survey a public URL names and, on PostgreSQL, for a survey that accepts answers
    without invitation codes, `start_form_limited` in the same statement: the look-up, the
    rate count and the new form token, one round trip and one commit. Otherwise (SQLite, an
    invitation-only or closed survey) nothing is counted or started (`tried` is False) and
    the caller starts the form as before.

    As the request's first statement it stands in for the connection check (`_first_read`):
    if the connection turns out broken it runs once more on a new one. Had the first run
    committed before the connection broke, the respondent gets the second token and the
    first is never used (one more count for the client)."""
    db = connections[DEFAULT_DB_ALIAS]
    if db.vendor != "postgresql":
        return Started(survey_by_token(token), tried=False)
    select = _survey_by_token_select(db)
    form_token = secrets.token_urlsafe(24)
    now = timezone.now()
    at = db.ops.adapt_datetimefield_value(now)
    count_sql, count_params, slot = rate.counting(
        request, "start", f"FROM survey WHERE NOT survey.invitation_only AND {ACCEPTING_SQL}"
    )
    sql = (
        f"WITH survey AS ({select.sql}), counted AS ({count_sql}), "
        f"started AS (INSERT INTO {FormToken._meta.db_table} (survey_id, digest, created_at, "
        "used_at) SELECT survey.id, %s, %s, NULL FROM survey, counted "
        "WHERE counted.count <= %s RETURNING id) "
        "SELECT survey.*, (SELECT count FROM counted), (SELECT id FROM started) FROM survey"
    )
    params = [token, *count_params, at, at, digest(form_token), at, rate.rate()[0]]

    def run() -> tuple[Any, ...] | None:
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            return cast("tuple[Any, ...] | None", cursor.fetchone())

    row = _first_read(db, run)
    if row is None:
        return Started(None, tried=False)
    rate.forget_now_and_then(slot)
    survey = _survey_from_row(db, select, row[: len(select.names)])
    counted, started = row[len(select.names) :]
    return Started(survey, counted is not None, form_token if started is not None else None)


def form_token_is_live(survey: Survey, token: str, used_too: bool = False) -> bool:
    """The token was issued for this survey within FORM_TOKEN_HOURS and, unless `used_too`,
    has not been used by a submit yet."""
    since = timezone.now() - dt.timedelta(hours=FORM_TOKEN_HOURS)
    issued = FormToken.objects.filter(survey=survey, digest=digest(token), created_at__gte=since)
    return (issued if used_too else issued.filter(used_at__isnull=True)).exists()


def invitation_is_open(survey: Survey, code: str) -> bool:
    return Invitation.objects.filter(
        survey=survey, digest=digest(code.strip()), used_at__isnull=True
    ).exists()


@transaction.atomic
def issue_invitations(survey: Survey, count: int) -> list[str]:
    """New invitation codes, shown once: only their digests are kept."""
    codes = [secrets.token_hex(4).upper() for _ in range(count)]
    Invitation.objects.bulk_create(Invitation(survey=survey, digest=digest(c)) for c in codes)
    return codes


class Outcome(StrEnum):
    STORED = "stored"
    TOKEN_USED = "token_used"  # a replay or a double click: nothing new stored
    TOKEN_UNKNOWN = "token_unknown"  # expired or never issued
    INVITATION_USED = "invitation_used"
    CLOSED = "closed"


@dataclass(frozen=True)
class SubmitResult:
    outcome: Outcome
    submission: Submission | None = None


SUBMIT_RETRIES = 3
_TRANSIENT = ("database is locked", "database table is locked", "deadlock detected", "serialize")


def submit(
    survey: Survey, token: str, checked: CheckedSubmission, invitation_code: str = ""
) -> SubmitResult:
    """Store one checked submission and consume its form token, in one transaction.

    The token row is claimed with a conditional UPDATE (… WHERE used_at IS NULL): of two
    concurrent requests carrying the same token, one updates a row and the other none. The
    unique form_token of Submission backs this up if anything slips past.

    A transaction that failed on a lock (SQLite busy past its timeout, a PostgreSQL deadlock
    or serialization failure) was rolled back whole, token claim included, so it is tried
    again: a retry cannot store an answer twice. Inside a caller's transaction nothing is
    retried (the caller's transaction is the one to roll back).
    """
    if not checked.ok:
        raise ValueError("submit() takes a submission without errors")
    for attempt in range(SUBMIT_RETRIES + 1):
        try:
            return _submit_once(survey, token, checked, invitation_code)
        except OperationalError as error:
            transient = any(text in str(error).lower() for text in _TRANSIENT)
            if not transient or attempt == SUBMIT_RETRIES or connection.in_atomic_block:
                raise
            time.sleep(0.05 * (attempt + 1) * (1 + random.random()))
    raise AssertionError("unreachable")


def _submit_once(
    survey: Survey, token: str, checked: CheckedSubmission, invitation_code: str
) -> SubmitResult:
    since = timezone.now() - dt.timedelta(hours=FORM_TOKEN_HOURS)
    if connection.vendor == "postgresql" and not survey.invitation_only:
        return _submit_in_one_statement(survey, token, checked, since)
    try:
        with transaction.atomic():
            # Claim the token in one statement: live, unused, and its survey still open (it
            # may have been closed while the respondent answered). Of two concurrent
            # requests carrying the same token, one updates the row and the other none.
            # The same statement says whether the survey has webhooks to tell.
            now = timezone.now()
            tokens, surveys = FormToken._meta.db_table, Survey._meta.db_table
            at = connection.ops.adapt_datetimefield_value  # as the ORM writes times
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {tokens} SET used_at = %s WHERE survey_id = %s AND digest = %s "
                    "AND used_at IS NULL AND created_at >= %s "
                    f"AND EXISTS (SELECT 1 FROM {surveys} WHERE id = %s AND is_open) "
                    f"RETURNING id, ({webhook_events.ACTIVE_WEBHOOK_SQL})",
                    [at(now), survey.pk, digest(token), at(since), survey.pk, survey.pk],
                )
                claimed = cursor.fetchone()
            if claimed is None or not survey.accepting():  # nothing written
                return SubmitResult(_why_not_claimed(survey, token, since))
            token_id, has_webhooks = int(claimed[0]), bool(claimed[1])
            invitation_id = None
            if survey.invitation_only:
                invitation_id = (
                    Invitation.objects.filter(survey=survey, digest=digest(invitation_code.strip()))
                    .values_list("id", flat=True)
                    .first()
                )
                if invitation_id is None or (
                    Invitation.objects.filter(id=invitation_id, used_at__isnull=True).update(
                        used_at=now
                    )
                    != 1
                ):
                    transaction.set_rollback(True)
                    return SubmitResult(Outcome.INVITATION_USED)
            submission = Submission.objects.create(
                survey=survey,
                response_id=f"W{secrets.token_hex(8)}",
                answers=checked.answers,
                other_texts=checked.other_texts,
                origin=Origin.WEB,
                form_token_id=token_id,
                invitation_id=invitation_id,
            )
            if has_webhooks:
                transaction.on_commit(
                    lambda: webhook_events.response_created(submission), robust=True
                )
    except IntegrityError:
        return SubmitResult(Outcome.TOKEN_USED)
    return SubmitResult(Outcome.STORED, submission)


def _submit_in_one_statement(
    survey: Survey, token: str, checked: CheckedSubmission, since: dt.datetime
) -> SubmitResult:
    """`_submit_once` on PostgreSQL for a survey without invitations: the token's claim (as
    there) and the answer's row are one statement, so one commit and no transaction around
    it. Atomic as any statement: both rows are stored or neither; of two concurrent
    statements with the same token, the second finds the token used and inserts nothing."""
    now = timezone.now()
    if not survey.accepting(now):
        return SubmitResult(_why_not_claimed(survey, token, since))
    try:
        submission = _claim_and_store(survey.pk, token, checked, now, since, "survey.is_open", [])
    except IntegrityError:
        return SubmitResult(Outcome.TOKEN_USED)
    if submission is None:  # nothing written
        return SubmitResult(_why_not_claimed(survey, token, since))
    submission.survey = survey
    return SubmitResult(Outcome.STORED, submission)


def _claim_and_store(
    survey_id: int,
    token: str,
    checked: CheckedSubmission,
    now: dt.datetime,
    since: dt.datetime,
    survey_holds: str,
    survey_params: list[Any],
) -> Submission | None:
    """The statement of `_submit_in_one_statement`: claim the form token (issued for the
    survey since `since`, unused) while the survey row (`survey`) satisfies `survey_holds`,
    and store the answer's row with it. The stored answer, or None when nothing was written;
    IntegrityError as the database raised it."""
    tokens, surveys = FormToken._meta.db_table, Survey._meta.db_table
    at = connection.ops.adapt_datetimefield_value

    def json(name: str, value: object) -> Any:
        return cast(JSONField, Submission._meta.get_field(name)).get_db_prep_save(value, connection)

    response_id = f"W{secrets.token_hex(8)}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH claimed AS (UPDATE {tokens} SET used_at = %s "
            "WHERE survey_id = %s AND digest = %s AND used_at IS NULL AND created_at >= %s "
            f"AND EXISTS (SELECT 1 FROM {surveys} survey WHERE survey.id = %s "
            f"AND {survey_holds}) RETURNING id) "
            f"INSERT INTO {Submission._meta.db_table} (survey_id, response_id, answers, "
            "other_texts, origin, form_token_id, submitted_at) "
            "SELECT %s, %s, %s, %s, %s, claimed.id, %s FROM claimed "
            f"RETURNING id, form_token_id, ({webhook_events.ACTIVE_WEBHOOK_SQL})",
            [
                *(at(now), survey_id, digest(token), at(since), survey_id, *survey_params),
                survey_id,
                response_id,
                json("answers", checked.answers),
                json("other_texts", checked.other_texts),
                Origin.WEB.value,
                at(now),
                survey_id,
            ],
        )
        stored = cursor.fetchone()
    if stored is None:
        return None
    submission = Submission(
        id=stored[0],
        survey_id=survey_id,
        response_id=response_id,
        answers=checked.answers,
        other_texts=checked.other_texts,
        origin=Origin.WEB,
        form_token_id=stored[1],
        submitted_at=now,
    )
    submission._state.adding, submission._state.db = False, connection.alias
    if stored[2]:  # webhooks to tell: after the commit (now, outside a caller's transaction)
        transaction.on_commit(lambda: webhook_events.response_created(submission), robust=True)
    return submission


@dataclass(frozen=True)
class Hint:
    """What this process last read of the survey a public token names, and may use before
    reading it again: its id and its instrument (never changed after the survey is made)."""

    survey_id: int
    instrument_name: str
    instrument_digest: str


# Per process, as `Derived`: only ever a hint, which the statement that uses it checks.
_HINTS: Derived[str, Hint] = Derived(1024)


def hint_of(token: str) -> tuple[Hint, Instrument, tuple[Page, ...]] | None:
    """The hint for `token`, its instrument and the form's pages, if this process has them
    at hand (`pages_of` made them)."""
    hint = _HINTS.peek(token)
    if hint is None:
        return None
    key = hint.instrument_name or hint.instrument_digest
    instrument = _builtin(key) if hint.instrument_name else _UPLOADED.peek(key)
    pages = _PAGES.peek(key)
    return None if instrument is None or pages is None else (hint, instrument, pages)


def submit_by_hint(hint: Hint, token: str, form_token: str, checked: CheckedSubmission) -> bool:
    """Store a whole, checked answer before reading its survey, on PostgreSQL: one statement
    claims the form token and stores the answer only while the survey row still has this
    token, this instrument, no invitation codes, and accepts answers (`ACCEPTING_SQL`), so a
    stale hint stores nothing. True when stored; False when nothing was (the caller then
    reads the survey and submits as always, which says why).

    The request's first statement, it stands in for the connection check as `_first_read`
    does, but is never run twice: on a broken connection it is closed and False returned."""
    db = connections[DEFAULT_DB_ALIAS]
    if db.vendor != "postgresql" or not checked.ok:
        return False
    now = timezone.now()
    since = now - dt.timedelta(hours=FORM_TOKEN_HOURS)
    holds = (
        "survey.token = %s AND NOT survey.invitation_only AND survey.instrument_name = %s "
        f"AND survey.instrument_digest = %s AND {ACCEPTING_SQL}"
    )
    at = db.ops.adapt_datetimefield_value(now)
    params = [token, hint.instrument_name, hint.instrument_digest, at, at]
    checking = (
        db.health_check_enabled  # type: ignore[attr-defined]
        and not db.health_check_done  # type: ignore[attr-defined]
        and db.connection is not None
        and not db.in_atomic_block
    )
    if checking:
        db.health_check_done = True  # type: ignore[attr-defined]
    try:
        stored = _claim_and_store(hint.survey_id, form_token, checked, now, since, holds, params)
    except IntegrityError:
        return False
    except (OperationalError, InterfaceError):
        if not checking or db.is_usable():
            raise
        db.close()
        return False
    return stored is not None


def _why_not_claimed(survey: Survey, token: str, since: dt.datetime) -> Outcome:
    row = (
        FormToken.objects.filter(survey=survey, digest=digest(token))
        .values_list("used_at", "created_at", "survey__is_open")
        .first()
    )
    if (row is not None and not row[2]) or not survey.accepting():
        return Outcome.CLOSED
    if row is None or row[1] < since:
        return Outcome.TOKEN_UNKNOWN
    return Outcome.TOKEN_USED


# --- results -----------------------------------------------------------------------------


def survey_responses(survey: Survey) -> ResponseTable:
    """Every stored submission as the core's ResponseTable."""
    rows = Submission.objects.filter(survey=survey).values_list(
        "response_id", "answers", "other_texts"
    )
    submitted = [Submitted(rid, answers, others) for rid, answers, others in rows.iterator()]
    return table_from_submissions(instrument_of(survey), submitted, source=survey.token)


def survey_tables(survey: Survey, *, weighted: bool = False) -> tuple[ResponseTable, SurveyTables]:
    """The survey's tables; `weighted`: raked to its stored targets, when it has them
    (`TargetsError` when the answers cannot reach them)."""
    from teichaku.tabulate import tabulate_survey  # scipy: loaded by the desk only

    if not weighted:
        responses = survey_responses(survey)
        return responses, tabulate_survey(responses)
    responses, weighting = export_responses(survey)
    return responses, tabulate_survey(responses, weighting=weighting)


def export_responses(survey: Survey) -> tuple[ResponseTable, Weighting | None]:
    """The answers as the downloads (data.csv, the API's responses) hold them: raked to the
    survey's stored targets when it has them (`TargetsError` when they cannot be reached)."""
    from teichaku.tabulate.raking import rake, targets_from_text

    responses = survey_responses(survey)
    if not survey.raking_targets:
        return responses, None
    targets = targets_from_text(
        survey.raking_targets, instrument_of(survey), survey.raking_filename or "targets.csv"
    )
    return rake(responses, targets)


def set_raking_targets(survey: Survey, data: bytes, filename: str) -> None:
    """Store population shares for the downloads; `TargetsError` (nothing stored) when the
    file is not usable, or when the answers so far cannot be raked to it."""
    from teichaku.tabulate.raking import rake, targets_from_text
    from teichaku.textfiles import decode

    text = decode(data, filename)[0]
    targets = targets_from_text(text, instrument_of(survey), filename)
    responses = survey_responses(survey)
    if responses.respondents:
        rake(responses, targets)
    survey.raking_targets, survey.raking_filename = text, filename
    survey.save(update_fields=["raking_targets", "raking_filename"])


def clear_raking_targets(survey: Survey) -> None:
    survey.raking_targets, survey.raking_filename = "", ""
    survey.save(update_fields=["raking_targets", "raking_filename"])


def cross_table(survey: Survey, question: str, by: str) -> CrossTable:
    from teichaku.tabulate import cross_tabulate

    return cross_tabulate(survey_responses(survey), question, by)


EXPORTS = {
    "report.html": "text/html; charset=utf-8",
    "report.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "data.csv": "text/csv; charset=utf-8",
    "data.sav": "application/x-spss-sav",
    "tables.json": "application/json",
}


# Downloads that hold each respondent's answers (Action.ANSWERS), and those that may carry
# an appendix of free-text answers when asked for one.
ANSWER_EXPORTS = frozenset({"data.csv", "data.sav"})
APPENDIX_EXPORTS = ("report.html", "report.xlsx")


def text_answers(survey: Survey, question: str) -> AnswerList:
    """Every non-empty answer to one text question, with the respondent's attributes."""
    from teichaku.report.appendix import answer_list

    return answer_list(survey_responses(survey), question)


def write_export(
    survey: Survey, kind: str, folder: Path, text_appendix: Sequence[str] = ()
) -> Path:
    """Write one download with the core's writers into `folder`; returns its path.

    `text_appendix` names the text questions whose answers report.html and report.xlsx list.
    Raked to the survey's targets when it has them (`set_raking_targets`).
    """
    from teichaku.report import write_html_report, write_xlsx_report
    from teichaku.report.appendix import answer_lists
    from teichaku.report.data_export import write_data_csv, write_data_sav
    from teichaku.tabulate.tables_json import write_tables_json

    if kind not in EXPORTS:
        raise ValueError(f"no export {kind!r}; accepted: {', '.join(EXPORTS)}")
    responses, tables = survey_tables(survey, weighted=True)
    path = folder / kind
    appendix = answer_lists(responses, text_appendix)
    if kind == "tables.json":
        write_tables_json(tables, path, responses)
    elif kind == "report.html":
        from teichaku.web.library.links import report_links

        write_html_report(tables, path, appendix=appendix, practice_links=report_links())
    elif kind == "report.xlsx":
        write_xlsx_report(tables, path, appendix)
    elif kind == "data.csv":
        write_data_csv(responses, path)
    else:
        write_data_sav(responses, path)
    return path
