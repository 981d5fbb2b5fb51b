"""Events become deliveries; a delivery is tried until the receiver answers 2xx or the
schedule runs out.

Retry schedule (one place: `settings.TEICHAKU_WEBHOOK_RETRY_SECONDS`): after the first try
fails, again after 1 min, 5 min, 30 min, 2 h, 6 h and 15 h: seven tries over about 24 hours.
Then the delivery is FAILED and waits for the desk's redeliver button.

With a broker, a failed try queues the next one on the worker with that countdown. Without
one (the embedded default) nothing can wait in the background: the first try runs right after
the answer's transaction commits, and a failed one stays PENDING with `next_attempt_at`;
`deliver_due()` tries every delivery that is due. It runs before each new event is sent,
when the desk's webhook page is opened, and from `teichaku manage deliver_webhooks` (cron).
A try is claimed with a conditional UPDATE, so a task delivered twice sends once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import threading
import time
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from teichaku.web.surveys.models import Submission, Survey
from teichaku.web.webhooks.addresses import RefusedURL, check_url
from teichaku.web.webhooks.models import Attempt, Delivery, DeliveryState, Event, Webhook
from teichaku.web.webhooks.sending import Answer, post

logger = logging.getLogger(__name__)


def retry_seconds() -> tuple[int, ...]:
    seconds: tuple[int, ...] = settings.TEICHAKU_WEBHOOK_RETRY_SECONDS
    return seconds


def signature(secret: str, body: bytes) -> str:
    """The X-Teichaku-Signature header: sha256=<hex HMAC-SHA256 of the raw body>."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def retry_delay(attempts: int) -> dt.timedelta | None:
    """How long after the `attempts`-th failed try the next one is due; None: no more."""
    seconds = retry_seconds()
    if attempts > len(seconds):
        return None
    return dt.timedelta(seconds=seconds[attempts - 1])


# --- events --------------------------------------------------------------------------------


def answer_rows(survey: Survey, submissions: Iterable[Submission]) -> list[dict[str, Any]]:
    """The submissions as data.csv's columns (`report.data_export.answers_frame`), JSON-ready."""
    from teichaku.report.data_export import answers_frame
    from teichaku.responses.submissions import Submitted, table_from_submissions
    from teichaku.web.surveys.services import instrument_of

    submitted = [Submitted(s.response_id, s.answers, s.other_texts) for s in submissions]
    table = table_from_submissions(instrument_of(survey), submitted, source=survey.token)
    rows: list[dict[str, Any]] = json.loads(
        answers_frame(table).to_json(orient="records", force_ascii=False)
    )
    return rows


def _record(webhooks: list[Webhook], event: str, payloads: list[dict[str, Any]]) -> list[str]:
    made = []
    for hook in webhooks:
        for payload in payloads:
            delivery = Delivery(webhook=hook, event=event, next_attempt_at=timezone.now())
            body = {"event": event, "delivery": str(delivery.id), **payload}
            delivery.body = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
            made.append(delivery)
    Delivery.objects.bulk_create(made)
    return [str(d.id) for d in made]


# Whether survey %s has an active webhook, as an SQL expression: the submit's own statement
# asks it, so an answer to a survey without webhooks costs no query of its own.
ACTIVE_WEBHOOK_SQL = (
    f"EXISTS (SELECT 1 FROM {Webhook._meta.db_table} WHERE survey_id = %s AND active)"
)


def responses_created(survey_id: int, submission_ids: list[int]) -> None:
    """After the answers' transaction committed: one delivery per answer and active webhook."""
    webhooks = list(Webhook.objects.filter(survey_id=survey_id, active=True))
    if not webhooks:
        return
    survey = Survey.objects.get(pk=survey_id)
    submissions = list(Submission.objects.filter(pk__in=submission_ids).order_by("pk"))
    rows = answer_rows(survey, submissions)
    payloads = [
        {
            "survey": survey.token,
            "submitted_at": s.submitted_at.isoformat(),
            "response": row,
        }
        for s, row in zip(submissions, rows, strict=True)
    ]
    dispatch(_record(webhooks, Event.RESPONSE_CREATED, payloads))


def response_created(submission: Submission) -> None:
    responses_created(submission.survey_id, [submission.pk])


def survey_closed(survey: Survey) -> None:
    webhooks = list(Webhook.objects.filter(survey=survey, active=True))
    if webhooks:
        payload = {"survey": survey.token, "closed_at": timezone.now().isoformat()}
        dispatch(_record(webhooks, Event.SURVEY_CLOSED, [payload]))


# --- trying --------------------------------------------------------------------------------


def dispatch(delivery_ids: list[str]) -> None:
    """Send now: on the worker with a broker, else in a thread of this process (a slow
    receiver must not hold up the respondent's page)."""
    if not delivery_ids:
        return
    if settings.CELERY_BROKER_URL:
        from teichaku.web.webhooks.tasks import deliver_webhook

        for delivery_id in delivery_ids:
            deliver_webhook.delay(delivery_id)
        return
    if IN_THREAD:
        threading.Thread(target=_in_thread, args=(delivery_ids,), daemon=True).start()
    else:
        _in_process(delivery_ids)


IN_THREAD = True  # tests on an in-memory database send in the test's own thread


def _in_process(delivery_ids: list[str]) -> None:
    for delivery_id in delivery_ids:
        attempt(delivery_id)
    deliver_due()


def _in_thread(delivery_ids: list[str]) -> None:
    try:
        _in_process(delivery_ids)
    except Exception:
        logger.exception("webhook deliveries failed")
    finally:
        close_old_connections()


def attempt(delivery_id: str, now: dt.datetime | None = None) -> Answer | None:
    """One try of a due delivery; None when it is not due or someone else has it."""
    now = now or timezone.now()
    # While SENDING, next_attempt_at holds when the try began: a try left unfinished (its
    # process died) is taken up again after STUCK.
    claimed = (
        _due(now).filter(pk=delivery_id).update(state=DeliveryState.SENDING, next_attempt_at=now)
    )
    if not claimed:
        return None
    delivery = Delivery.objects.select_related("webhook").get(pk=delivery_id)
    hook = delivery.webhook
    body = delivery.body.encode("utf-8")
    try:
        target = check_url(hook.url)
    except RefusedURL as refusal:
        answer = Answer(None, str(refusal)[:500], 0)
    else:
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "teichaku-webhook",
            "X-Teichaku-Event": delivery.event,
            "X-Teichaku-Delivery": str(delivery.pk),
            "X-Teichaku-Timestamp": str(int(time.time())),
            "X-Teichaku-Signature": signature(hook.secret, body),
        }
        answer = post(target, body, headers)
    with transaction.atomic():
        Attempt.objects.create(
            delivery=delivery,
            at=now,
            status_code=answer.status_code,
            ok=answer.ok,
            excerpt=answer.excerpt,
            duration_ms=answer.duration_ms,
        )
        tries = delivery.attempts.count()
        delay = None if answer.ok else retry_delay(tries)
        if answer.ok:
            state, due = DeliveryState.DELIVERED, None
        elif delay is None or not hook.active:
            state, due = DeliveryState.FAILED, None
        else:
            state, due = DeliveryState.PENDING, now + delay
        Delivery.objects.filter(pk=delivery.pk).update(state=state, next_attempt_at=due)
    if due is not None and delay is not None and settings.CELERY_BROKER_URL:
        from teichaku.web.webhooks.tasks import deliver_webhook

        deliver_webhook.apply_async((str(delivery.pk),), countdown=delay.total_seconds())
    return answer


STUCK = dt.timedelta(minutes=5)


def _due(now: dt.datetime) -> QuerySet[Delivery]:
    return Delivery.objects.filter(
        Q(state=DeliveryState.PENDING, next_attempt_at__lte=now)
        | Q(state=DeliveryState.SENDING, next_attempt_at__lte=now - STUCK),
        webhook__active=True,
    )


def deliver_due(now: dt.datetime | None = None, limit: int = 100) -> int:
    """Try the deliveries whose time has come (oldest first); how many were tried."""
    now = now or timezone.now()
    due = _due(now).order_by("next_attempt_at")
    tried = 0
    for delivery_id in list(due.values_list("pk", flat=True)[:limit]):
        if attempt(str(delivery_id), now) is not None:
            tried += 1
    return tried


def sweep_soon() -> None:
    """Without a broker: try what is due, in a thread (the desk's page does not wait)."""
    if settings.CELERY_BROKER_URL or not _due(timezone.now()).exists():
        return
    if IN_THREAD:
        threading.Thread(target=_in_thread, args=([],), daemon=True).start()
    else:
        deliver_due()


def redeliver(delivery: Delivery) -> None:
    """The desk's button: try again now, whatever the state; a new try, the same body."""
    Delivery.objects.filter(pk=delivery.pk).exclude(state=DeliveryState.SENDING).update(
        state=DeliveryState.PENDING, next_attempt_at=timezone.now()
    )
    transaction.on_commit(lambda: dispatch([str(delivery.pk)]))
