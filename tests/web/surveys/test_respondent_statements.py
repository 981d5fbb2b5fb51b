"""What one respondent's answer costs the database: the statements of each of the three
requests the bench times (consent page, start, final submit), pinned, and the connection
check that the first statement of a request stands in for (`services._first_read`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import psycopg
import pytest
from django.db import OperationalError, connections
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from teichaku.responses.validation import validate_submission
from teichaku.web.accounts.models import Team
from teichaku.web.surveys import services
from teichaku.web.surveys.forms import submitted_from
from teichaku.web.surveys.models import FormToken, RateCounter, Submission, Survey

from .conftest import BUILTIN, World, full_answer
from .helpers import form_token


def _statements(sqls: list[str]) -> list[str]:
    return [sql.split()[0].upper() for sql in sqls]


def test_statements_of_each_of_the_three_requests(world: World, client: Client) -> None:
    survey = world.survey
    db = connections["default"]
    with CaptureQueriesContext(db) as consent:
        assert client.get(f"/s/{survey.token}/").status_code == 200
    with CaptureQueriesContext(db) as start:
        response = client.post(f"/s/{survey.token}/", {"consent": "yes"})
        assert response.status_code == 200
    fields = {**full_answer(), "form_token": form_token(response), "page": 2, "nav": "next"}
    with CaptureQueriesContext(db) as submit:
        assert client.post(f"/s/{survey.token}/answer/", fields).status_code == 303
    assert Submission.objects.filter(survey=survey).count() == 1
    seen = [_statements([q["sql"] for q in c.captured_queries]) for c in (consent, start, submit)]
    if db.vendor == "postgresql":
        # The survey by its token; the survey, the rate count and the form token as one
        # statement; the token's claim and the answer's row as one, checking the survey
        # (services.submit_by_hint: this process has just read it).
        assert seen == [["SELECT"], ["WITH"], ["WITH"]]
    else:  # SQLite: the same in transactions of their own (rate.allow_then_insert, submit)
        assert seen[0] == ["SELECT"]
        assert seen[1][0] == "SELECT" and seen[1].count("INSERT") == 2, seen[1]
        assert seen[2][0] == "SELECT" and "UPDATE" in seen[2] and "INSERT" in seen[2], seen[2]


@pytest.mark.parametrize(
    "change",
    [
        {"is_open": False},
        {"closes_at": timezone.now() - dt.timedelta(minutes=1)},
        {"opens_at": timezone.now() + dt.timedelta(days=1)},
    ],
)
def test_a_survey_that_accepts_no_answers_starts_nothing_and_counts_nothing(
    world: World, client: Client, change: dict[str, object]
) -> None:
    Survey.objects.filter(pk=world.survey.pk).update(**change)
    assert client.post(f"/s/{world.survey.token}/", {"consent": "yes"}).status_code == 410
    assert not FormToken.objects.exists() and not RateCounter.objects.exists()
    assert client.post("/s/no-such-survey/", {"consent": "yes"}).status_code == 404
    assert not FormToken.objects.exists() and not RateCounter.objects.exists()


def test_an_invitation_only_survey_starts_with_a_code_only(world: World, client: Client) -> None:
    Survey.objects.filter(pk=world.survey.pk).update(invitation_only=True)
    (code,) = services.issue_invitations(world.survey, 1)
    wrong = client.post(f"/s/{world.survey.token}/", {"consent": "yes", "code": "NOPE"})
    assert wrong.status_code == 200 and not FormToken.objects.exists()
    right = client.post(f"/s/{world.survey.token}/", {"consent": "yes", "code": code})
    assert form_token(right) and FormToken.objects.count() == 1
    assert RateCounter.objects.get().count == 2  # both starts were counted


def test_the_final_page_is_stored_before_reading_the_survey_only_while_the_hint_holds(
    world: World, client: Client
) -> None:
    if connections["default"].vendor != "postgresql":
        pytest.skip("submit_by_hint stores on PostgreSQL only: CI's PostgreSQL pass")
    survey = world.survey
    token = form_token(client.post(f"/s/{survey.token}/", {"consent": "yes"}))
    known = services.hint_of(survey.token)
    assert known is not None  # this process has just read the survey
    hint, instrument, _pages = known
    post = QueryDict(mutable=True)
    for name, value in full_answer().items():
        post.setlist(name, [str(v) for v in (value if isinstance(value, list) else [value])])
    whole = validate_submission(instrument, *submitted_from(post, instrument))
    assert whole.ok
    for stale in (
        {"instrument_name": "another-instrument"},
        {"instrument_digest": "another-file"},
        {"invitation_only": True},
        {"is_open": False},
        {"closes_at": timezone.now() - dt.timedelta(minutes=1)},
    ):
        before = Survey.objects.filter(pk=survey.pk).values(*stale).get()
        Survey.objects.filter(pk=survey.pk).update(**stale)
        assert not services.submit_by_hint(hint, survey.token, token, whole), stale
        Survey.objects.filter(pk=survey.pk).update(**before)
    assert not services.submit_by_hint(hint, world.other_survey.token, token, whole)
    assert not Submission.objects.exists()
    assert FormToken.objects.get().used_at is None  # nothing claimed either
    assert services.submit_by_hint(hint, survey.token, token, whole)
    assert not services.submit_by_hint(hint, survey.token, token, whole)  # used once
    assert Submission.objects.get().answers == whole.answers


# --- the connection check on PostgreSQL ---------------------------------------------------


@pytest.fixture
def open_survey(transactional_db: None) -> Survey:
    if connections["default"].vendor != "postgresql":
        pytest.skip("a kept connection that the server drops: CI's PostgreSQL pass")
    team = Team.objects.create(name="接続")
    return services.create_survey(team, None, builtin=BUILTIN)


@contextmanager
def health_checks() -> Iterator[list[bool]]:
    """Django's own connection check (`is_usable`, a `SELECT 1`), its results recorded, on a
    kept connection at the start of a request (as `request_started` leaves it: the test
    client does not send that signal to the database handlers)."""
    db = connections["default"]
    db.ensure_connection()
    assert db.health_check_enabled  # settings: CONN_HEALTH_CHECKS
    db.health_check_done = False
    results: list[bool] = []
    usable = type(db).is_usable

    def recorded(self: object) -> bool:
        results.append(usable(self))  # type: ignore[arg-type]
        return results[-1]

    with mock.patch.object(type(db), "is_usable", recorded):
        yield results


def test_a_kept_connection_costs_no_extra_round_trip(open_survey: Survey) -> None:
    with health_checks() as checks:
        assert Client().get(f"/s/{open_survey.token}/").status_code == 200
    assert checks == []  # the survey's SELECT was the check


def test_a_connection_the_server_dropped_is_replaced_and_the_page_served(
    open_survey: Survey,
) -> None:
    db = connections["default"]
    client = Client()
    response = client.post(f"/s/{open_survey.token}/", {"consent": "yes"})
    token = form_token(response)
    for path, fields in [
        (f"/s/{open_survey.token}/", None),
        (
            f"/s/{open_survey.token}/answer/",
            {**full_answer(), "form_token": token, "page": 2, "nav": "next"},
        ),
    ]:
        with health_checks() as checks:
            dropped = db.connection.info.backend_pid
            settings = db.settings_dict
            with psycopg.connect(
                host=settings["HOST"],
                port=settings["PORT"] or 5432,
                user=settings["USER"],
                dbname=settings["NAME"],
                autocommit=True,
            ) as other:
                other.execute("SELECT pg_terminate_backend(%s)", [dropped])
            if fields is None:
                assert client.get(path).status_code == 200
            else:
                assert client.post(path, fields).status_code == 303
        assert checks == [False]  # the failed read asked once, found it broken, reconnected
        assert db.connection.info.backend_pid != dropped
    assert Submission.objects.filter(survey=open_survey).count() == 1


def test_an_error_on_a_working_connection_is_raised_as_it_was(open_survey: Survey) -> None:
    db = connections["default"]

    def too_slow() -> None:
        with db.cursor() as cursor:
            cursor.execute("SET statement_timeout = 1")
            try:
                cursor.execute("SELECT pg_sleep(1)")  # cancelled: an OperationalError
            finally:
                cursor.execute("SET statement_timeout = 0")

    pid = db.connection.info.backend_pid if db.connection else None
    with health_checks() as checks, pytest.raises(OperationalError):
        services._first_read(db, too_slow)
    assert checks == [True]  # asked once: the connection works, so the error is the read's
    assert pid is None or db.connection.info.backend_pid == pid
    assert Survey.objects.filter(pk=open_survey.pk).exists()
