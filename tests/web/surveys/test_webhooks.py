"""Webhooks: a receiver on the loopback that fails twice then accepts; signatures checked here
with hmac and the secret the page showed; URL refusals; the closing event; no send for a
rolled-back answer."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pandas as pd
import pytest
from django.db import transaction

from teichaku.web.webhooks import delivery
from teichaku.web.webhooks.addresses import RefusedURL, check_url
from teichaku.web.webhooks.models import Attempt, Delivery, DeliveryState, Webhook

from .conftest import World, client_for, full_answer
from .helpers import answer_all


class Receiver:
    """A real HTTP server on 127.0.0.1 answering the given status codes in turn (then 200)."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = list(statuses)
        self.requests: list[tuple[dict[str, str], bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                status = outer.statuses.pop(0) if outer.statuses else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"ok" if status == 200 else b"try later")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook?x=1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver_for(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., Receiver]]:
    settings.TEICHAKU_WEBHOOK_ALLOW_PRIVATE = True
    monkeypatch.setattr(delivery, "IN_THREAD", False)
    made: list[Receiver] = []

    def make(statuses: list[int]) -> Receiver:
        made.append(Receiver(statuses))
        return made[-1]

    yield make
    for receiver in made:
        receiver.server.shutdown()
        receiver.server.server_close()


def _register(world: World, url: str) -> tuple[Webhook, str]:
    client = client_for(world.owner)
    page = client.post(f"/desk/{world.survey.token}/webhooks/", {"url": url})
    assert page.status_code == 200, page.content.decode()[:800]
    shown = re.search(r'<code class="secret">([0-9a-f]+)</code>', page.content.decode())
    assert shown, "the secret is shown once, on the page that made it"
    again = client.get(f"/desk/{world.survey.token}/webhooks/").content.decode()
    assert shown.group(1) not in again, "…and never again"
    return Webhook.objects.get(survey=world.survey), shown.group(1)


def test_fails_twice_then_accepts(
    world: World, receiver_for: Callable[..., Receiver], django_capture_on_commit_callbacks: Any
) -> None:
    receiver = receiver_for([503, 500])
    hook, secret = _register(world, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        response, _token = answer_all(client_for(world.viewer), world.survey, full_answer())
    assert response.status_code == 303
    sent = Delivery.objects.get()
    assert (sent.event, sent.state) == ("response.created", DeliveryState.PENDING)
    first = Attempt.objects.get()
    assert first.status_code == 503 and sent.next_attempt_at == first.at + dt.timedelta(minutes=1)

    # The schedule in effect: nothing before the next try is due, one try when it is.
    assert delivery.deliver_due(now=sent.next_attempt_at - dt.timedelta(seconds=1)) == 0
    assert delivery.deliver_due(now=sent.next_attempt_at) == 1
    sent.refresh_from_db()
    second = Attempt.objects.order_by("at").last()
    assert second is not None and second.status_code == 500
    assert sent.next_attempt_at == second.at + dt.timedelta(minutes=5)
    assert delivery.deliver_due(now=sent.next_attempt_at) == 1
    sent.refresh_from_db()
    assert sent.state == DeliveryState.DELIVERED and sent.next_attempt_at is None
    assert delivery.deliver_due(now=sent.created_at + dt.timedelta(days=2)) == 0

    # Three tries logged; the receiver got the same signed body three times, accepted once.
    assert [a.status_code for a in sent.attempts.all()] == [503, 500, 200]
    assert len(receiver.requests) == 3
    bodies = {body for _headers, body in receiver.requests}
    assert len(bodies) == 1
    for headers, body in receiver.requests:
        expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(headers["x-teichaku-signature"], f"sha256={expected}")
        assert headers["x-teichaku-delivery"] == str(sent.pk)
        assert headers["content-type"] == "application/json"
        assert abs(int(headers["x-teichaku-timestamp"]) - time.time()) < 60
    wrong = hmac.new(b"another secret", body, hashlib.sha256).hexdigest()
    assert headers["x-teichaku-signature"] != f"sha256={wrong}"

    # The payload: event, survey, and the answer's row of data.csv (read back with pandas).
    payload = json.loads(body)
    assert payload["event"] == "response.created" and payload["survey"] == world.survey.token
    assert payload["delivery"] == str(sent.pk)
    csv = client_for(world.owner).get(f"/desk/{world.survey.token}/download/data.csv")
    data = b"".join(csv.streaming_content)  # type: ignore[attr-defined]
    expected_row = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str).fillna("")
    row = {k: "" if v is None else str(v) for k, v in payload["response"].items()}
    got_row = pd.DataFrame([row])
    assert list(got_row.columns) == list(expected_row.columns)
    pd.testing.assert_frame_equal(got_row, expected_row, check_dtype=False)

    # The desk lists the delivery with its three answers.
    page = client_for(world.owner).get(f"/desk/{world.survey.token}/webhooks/").content.decode()
    assert page.count("HTTP 503") == 1 and page.count("HTTP 500") == 1
    assert page.count("HTTP 200") == 1 and str(sent.pk) in page
    assert hook.secret == secret


def test_redeliver_sends_the_same_body_again(
    world: World, receiver_for: Callable[..., Receiver], django_capture_on_commit_callbacks: Any
) -> None:
    receiver = receiver_for([])
    _register(world, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        answer_all(client_for(world.viewer), world.survey, full_answer())
    sent = Delivery.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.owner).post(
            f"/desk/{world.survey.token}/webhooks/deliveries/{sent.pk}/redeliver"
        )
    assert response.status_code == 302
    assert [a.status_code for a in sent.attempts.all()] == [200, 200]
    assert receiver.requests[0][1] == receiver.requests[1][1]
    # Another team's analyst cannot redeliver it (404, as if it did not exist).
    other = client_for(world.outsider).post(
        f"/desk/{world.survey.token}/webhooks/deliveries/{sent.pk}/redeliver"
    )
    assert other.status_code == 404


def test_closing_the_survey_is_sent(
    world: World, receiver_for: Callable[..., Receiver], django_capture_on_commit_callbacks: Any
) -> None:
    receiver = receiver_for([])
    _register(world, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.owner).post(
            f"/desk/{world.survey.token}/status/", {"open": "0", "confirm": "yes"}
        )
        # closing a closed survey again is no new event
        client_for(world.owner).post(
            f"/desk/{world.survey.token}/status/", {"open": "0", "confirm": "yes"}
        )
    assert len(receiver.requests) == 1
    payload = json.loads(receiver.requests[0][1])
    assert payload["event"] == "survey.closed" and payload["survey"] == world.survey.token


def test_nothing_is_sent_for_a_rolled_back_answer(
    world: World, receiver_for: Callable[..., Receiver], django_capture_on_commit_callbacks: Any
) -> None:
    from teichaku.responses.validation import CheckedSubmission
    from teichaku.web.surveys import services

    receiver = receiver_for([])
    _register(world, receiver.url)
    token = services.start_form(world.survey)
    checked = CheckedSubmission(answers={"operating_body": "npo"}, other_texts={})
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        assert services.submit(world.survey, token, checked).submission is not None
        raise RuntimeError("rolled back")
    assert callbacks == [] and Delivery.objects.count() == 0 and receiver.requests == []


def test_a_turned_off_permission_is_checked_again_before_sending(
    world: World,
    receiver_for: Callable[..., Receiver],
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    receiver = receiver_for([])
    _register(world, receiver.url)
    settings.TEICHAKU_WEBHOOK_ALLOW_PRIVATE = False
    with django_capture_on_commit_callbacks(execute=True):
        answer_all(client_for(world.viewer), world.survey, full_answer())
    refused = Attempt.objects.get()
    assert refused.status_code is None and "127.0.0.1" in refused.excerpt
    assert receiver.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/hook",
        "file:///etc/passwd",
        "http://127.0.0.1:8000/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0/hook",
        "http://localhost/hook",  # a name resolving to the loopback
        "https://user:pass@203.0.113.5/",
    ],
)
def test_refused_urls(url: str, settings: Any) -> None:
    settings.TEICHAKU_WEBHOOK_ALLOW_PRIVATE = False
    with pytest.raises(RefusedURL):
        check_url(url)


def test_public_and_allowed_urls(settings: Any) -> None:
    settings.TEICHAKU_WEBHOOK_ALLOW_PRIVATE = False
    target = check_url("https://8.8.8.8:8443/in?x=1")
    assert (target.scheme, target.port, target.path, target.address) == (
        "https",
        8443,
        "/in?x=1",
        "8.8.8.8",
    )
    settings.TEICHAKU_WEBHOOK_ALLOW_PRIVATE = True
    assert check_url("http://127.0.0.1/").address == "127.0.0.1"
    with pytest.raises(RefusedURL):
        check_url("ftp://127.0.0.1/")


def test_the_desk_refuses_a_private_url(world: World, settings: Any) -> None:
    settings.TEICHAKU_WEBHOOK_ALLOW_PRIVATE = False
    page = client_for(world.owner).post(
        f"/desk/{world.survey.token}/webhooks/", {"url": "http://127.0.0.1:9/hook"}
    )
    assert page.status_code == 400 and "error-summary" in page.content.decode()
    assert not Webhook.objects.exists()


def test_the_schedule_covers_a_day_in_at_least_five_tries() -> None:
    seconds = delivery.retry_seconds()
    assert len(seconds) + 1 >= 5
    assert 20 * 3600 <= sum(seconds) <= 26 * 3600
    assert list(seconds) == sorted(seconds)
    tries = [delivery.retry_delay(n) for n in range(1, len(seconds) + 2)]
    assert tries[-1] is None and all(t is not None for t in tries[:-1])


@pytest.fixture
def short_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """For the worker started after this: one-second retries, receivers on the loopback."""
    monkeypatch.setenv("TEICHAKU_WEBHOOK_RETRY_SECONDS", "1,1,1,1,1,1")
    monkeypatch.setenv("TEICHAKU_WEBHOOK_ALLOW_PRIVATE", "1")


def test_on_the_worker_fails_twice_then_accepts(
    short_retries: None,
    world: World,
    receiver_for: Callable[..., Receiver],
    job_worker: str,
    settings: Any,
) -> None:
    """PostgreSQL pass: `teichaku worker` on Redis makes the tries, retries by countdown."""
    settings.TEICHAKU_WEBHOOK_RETRY_SECONDS = (1, 1, 1, 1, 1, 1)
    receiver = receiver_for([503, 500])
    _hook, secret = _register(world, receiver.url)
    response, _token = answer_all(client_for(world.viewer), world.survey, full_answer())
    assert response.status_code == 303
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if Delivery.objects.filter(state=DeliveryState.DELIVERED).exists():
            break
        time.sleep(0.5)
    sent = Delivery.objects.get()
    assert sent.state == DeliveryState.DELIVERED
    assert [a.status_code for a in sent.attempts.all()] == [503, 500, 200]
    assert len(receiver.requests) == 3
    for headers, body in receiver.requests:
        expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        assert headers["x-teichaku-signature"] == f"sha256={expected}"
        assert headers["x-teichaku-delivery"] == str(sent.pk)


def test_rotate_disable_delete(world: World, receiver_for: Callable[..., Receiver]) -> None:
    receiver = receiver_for([])
    hook, secret = _register(world, receiver.url)
    client = client_for(world.owner)
    url = f"/desk/{world.survey.token}/webhooks/{hook.pk}/"
    page = client.post(url, {"action": "rotate"}).content.decode()
    hook.refresh_from_db()
    assert hook.secret != secret and f'<code class="secret">{hook.secret}</code>' in page
    assert client.post(url, {"action": "disable"}).status_code == 302
    hook.refresh_from_db()
    assert not hook.active
    delivery.survey_closed(world.survey)  # a switched-off webhook gets nothing
    assert not Delivery.objects.exists() and receiver.requests == []
    assert client.post(url, {"action": "delete"}).status_code == 302
    assert not Webhook.objects.exists()


def test_the_cron_sweep_sends_what_is_due(
    world: World, receiver_for: Callable[..., Receiver]
) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    receiver = receiver_for([])
    hook, _secret = _register(world, receiver.url)
    waiting = Delivery.objects.create(
        webhook=hook, event="survey.closed", body="{}", next_attempt_at=timezone.now()
    )
    later = Delivery.objects.create(
        webhook=hook,
        event="survey.closed",
        body="{}",
        next_attempt_at=timezone.now() + dt.timedelta(hours=1),
    )
    out = io.StringIO()
    call_command("deliver_webhooks", stdout=out)
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert waiting.state == DeliveryState.DELIVERED and later.state == DeliveryState.PENDING
    assert len(receiver.requests) == 1 and out.getvalue().startswith("1 ")


def test_each_new_imported_row_is_sent_once(
    world: World, receiver_for: Callable[..., Receiver], django_capture_on_commit_callbacks: Any
) -> None:
    from teichaku.web.surveys import imports

    receiver = receiver_for([])
    _register(world, receiver.url)
    rows = "タイムスタンプ,所属,利用者の確保\n2024/01/25 10:00:01,行政関係,7\n"
    more = "2024/01/26 09:00:00,行政関係,2\n"
    with django_capture_on_commit_callbacks(execute=True):
        imports.import_answers(world.survey, rows.encode(), "form.csv")
        imports.import_answers(world.survey, (rows + more).encode(), "form.csv")  # 1 new
    sent = sorted(
        json.loads(body)["response"]["q01_securing_users"] for _h, body in receiver.requests
    )
    assert sent == ["2", "7"]


def test_a_try_left_unfinished_is_taken_up_again(
    world: World, receiver_for: Callable[..., Receiver]
) -> None:
    from django.utils import timezone

    receiver = receiver_for([])
    hook, _secret = _register(world, receiver.url)
    began = timezone.now()
    stuck = Delivery.objects.create(
        webhook=hook,
        event="survey.closed",
        body="{}",
        state=DeliveryState.SENDING,
        next_attempt_at=began,
    )
    assert delivery.deliver_due(now=began + dt.timedelta(minutes=4)) == 0  # maybe still trying
    assert delivery.deliver_due(now=began + dt.timedelta(minutes=6)) == 1
    stuck.refresh_from_db()
    assert stuck.state == DeliveryState.DELIVERED and len(receiver.requests) == 1
