"""What is limited and how: form starts per client address (never a respondent in the
middle of a form), the client address behind trusted proxies only, and upload sizes."""

from __future__ import annotations

import ipaddress

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings

from teichaku.web.client import client_address
from teichaku.web.surveys.models import Submission, Survey
from teichaku.web.uploads import UploadTooLarge, UploadTooLargeMiddleware, read_upload

from .conftest import World, client_for, full_answer
from .helpers import answer_all

PROXY = [ipaddress.ip_network("10.0.0.5/32"), ipaddress.ip_network("10.1.0.0/16")]
HEADER = (
    "response_id,affiliation,operating_body,role,q01_securing_users,q02_service_constraints,"
    "monitoring_methods\n"
)


def _start(client: Client, survey: Survey, **headers: str) -> int:
    return client.post(f"/s/{survey.token}/", {"consent": "yes"}, **headers).status_code  # type: ignore[arg-type]


@override_settings(TEICHAKU_FORM_RATE="1/60")
def test_a_respondent_in_the_middle_of_a_form_is_never_limited(world: World) -> None:
    client = Client()
    final, _token = answer_all(client, world.survey, full_answer())  # 1 start, 3 page posts
    assert final.status_code == 303
    assert Submission.objects.filter(survey=world.survey).count() == 1
    assert _start(client, world.survey) == 429  # a second new form from the address is


@override_settings(TEICHAKU_FORM_RATE="1/60")
def test_forwarded_for_is_ignored_unless_the_proxy_is_trusted(world: World) -> None:
    behind = Client(REMOTE_ADDR="10.0.0.5")
    assert _start(behind, world.survey, HTTP_X_FORWARDED_FOR="198.51.100.1") == 200
    assert _start(behind, world.survey, HTTP_X_FORWARDED_FOR="198.51.100.2") == 429
    with override_settings(TRUSTED_PROXIES=PROXY):
        assert _start(behind, world.survey, HTTP_X_FORWARDED_FOR="198.51.100.3") == 200
        assert _start(behind, world.survey, HTTP_X_FORWARDED_FOR="198.51.100.4") == 200
        assert _start(behind, world.survey, HTTP_X_FORWARDED_FOR="198.51.100.4") == 429


def test_the_client_address_is_the_right_most_untrusted_one() -> None:
    def address(remote: str, forwarded: str | None = None) -> str:
        extra = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
        return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))

    assert address("203.0.113.9", "198.51.100.1") == "203.0.113.9"  # not a proxy: ignored
    with override_settings(TRUSTED_PROXIES=PROXY):
        assert address("10.0.0.5", "198.51.100.1") == "198.51.100.1"
        # A client's forged first entry is left of what the proxies appended.
        assert address("10.0.0.5", "6.6.6.6, 198.51.100.1, 10.1.2.3") == "198.51.100.1"
        assert address("10.0.0.5", "garbage") == "10.0.0.5"
        assert address("10.0.0.5") == "10.0.0.5"
        assert address("10.0.0.6", "198.51.100.1") == "10.0.0.6"


@override_settings(TEICHAKU_MAX_UPLOAD_MB=1)
def test_an_import_over_the_limit_is_refused_whole_saying_the_limit(world: World) -> None:
    client = client_for(world.analyst)
    rows = "".join(f"L{i},retention_support,npo,support_worker,7,6,phone\n" for i in range(30_000))
    data = (HEADER + rows).encode()
    assert len(data) > 1024 * 1024
    response = client.post(
        f"/desk/{world.survey.token}/import/", {"file": SimpleUploadedFile("big.csv", data)}
    )
    html = response.content.decode()
    assert response.status_code == 400
    size = f"{len(data) / 1024 / 1024:.1f}"
    assert (
        f"ファイル「big.csv」は {size} MB あり、上限の 1 MB を超えるため取り込みませんでした"
        in html
    )
    assert Submission.objects.filter(survey=world.survey).count() == 0
    english = client.post(
        f"/desk/{world.survey.token}/import/",
        {"file": SimpleUploadedFile("big.csv", data)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "over the limit of 1 MB, so nothing was imported" in english.content.decode()
    fits = (HEADER + rows[:2000]).encode()
    response = client.post(
        f"/desk/{world.survey.token}/import/", {"file": SimpleUploadedFile("ok.csv", fits)}
    )
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")


@override_settings(TEICHAKU_MAX_UPLOAD_MB=1)
def test_read_upload_and_the_413_page_for_views_that_let_it_through(world: World) -> None:
    small = SimpleUploadedFile("a.csv", b"x" * 1024 * 1024)
    assert read_upload(small) == b"x" * 1024 * 1024
    big = SimpleUploadedFile("b.csv", b"x" * (1024 * 1024 + 1))
    try:
        read_upload(big)
    except UploadTooLarge as error:
        problem = error
    else:
        raise AssertionError("not refused")

    def view(request: HttpRequest) -> HttpResponse:
        raise problem

    middleware = UploadTooLargeMiddleware(view)
    request = RequestFactory().post("/")
    request.user = world.analyst  # type: ignore[assignment]
    response = middleware.process_exception(request, problem)
    assert response is not None and response.status_code == 413
    assert "上限の 1 MB" in response.content.decode()
    assert middleware.process_exception(request, ValueError("other")) is None


@override_settings(TEICHAKU_MAX_UPLOAD_MB=1)
def test_a_body_far_over_the_limit_is_refused_before_it_is_read(world: World) -> None:
    client = client_for(world.analyst)
    data = b"x" * (3 * 1024 * 1024)
    response = client.post(
        f"/desk/{world.survey.token}/import/", {"file": SimpleUploadedFile("huge.csv", data)}
    )
    assert response.status_code == 413
    assert "上限の 1 MB を超えるため受け付けませんでした" in response.content.decode()
    assert Submission.objects.filter(survey=world.survey).count() == 0
