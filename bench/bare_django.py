"""The floor for a durable answer: a plain Django site that stores the same answer row in one
transaction, for comparison with the survey form.

The same three requests as one respondent's answer (the bench's unit: one stored answer):
the consent page (a CSRF token), start (a random form token, nothing stored) and the submit,
which stores the posted answers as one row of the same table (`surveys_submission`: survey,
response id, answers as JSON, origin, time) in one transaction and answers 303 like the
survey. Same database settings as the app (`teichaku.web.settings.DATABASES`: connection
age, health checks, SQLite's WAL and IMMEDIATE transactions), CSRF checked, no sessions, no
templates, no validation, no rate limit, no single-use token.

Served by bench/web_submissions.py with gunicorn exactly like the real app;
BENCH_SURVEY_ID names the survey row the answers belong to.
"""

from __future__ import annotations

import json
import os
import secrets

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import path
from django.utils import timezone

from teichaku.web import settings as app_settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only-secret-key-not-for-production",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
    INSTALLED_APPS=[],
    DATABASES=app_settings.DATABASES,
    USE_I18N=False,
    USE_TZ=True,
)
SURVEY_ID = int(os.environ.get("BENCH_SURVEY_ID", "0"))


def consent(request: HttpRequest) -> HttpResponse:
    csrf = get_token(request)
    if request.method == "POST":
        token = secrets.token_urlsafe(24)
        return HttpResponse(f'<input type="hidden" name="form_token" value="{token}">')
    return HttpResponse(f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">')


def answer(request: HttpRequest) -> HttpResponse:
    answers = {
        key[2:]: values if len(values) > 1 else values[0]
        for key, values in request.POST.lists()
        if key.startswith("a-")
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO surveys_submission (survey_id, response_id, answers, other_texts, "
            "origin, submitted_at) VALUES (%s, %s, %s, %s, %s, %s)",
            [
                SURVEY_ID,
                f"W{secrets.token_hex(8)}",
                json.dumps(answers, ensure_ascii=False),
                "{}",
                "web",
                timezone.now(),
            ],
        )
    return HttpResponseRedirect("/s/bare/thanks/", status=303)


urlpatterns = [path("s/bare/", consent), path("s/bare/answer/", answer)]
application = get_wsgi_application()
