"""A bare Django site for comparison: the same three requests as a survey submission
(consent page, start, submit) answered by plain views with CSRF, no database.

Served by bench/web_submissions.py with gunicorn exactly like the real app.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import path

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
    DATABASES={},
    USE_I18N=False,
)


def consent(request: HttpRequest) -> HttpResponse:
    csrf = get_token(request)
    if request.method == "POST":
        token = secrets.token_urlsafe(24)
        return HttpResponse(f'<input type="hidden" name="form_token" value="{token}">')
    return HttpResponse(f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">')


def answer(request: HttpRequest) -> HttpResponse:
    return HttpResponseRedirect("/s/bare/thanks/", status=303)


urlpatterns = [path("s/bare/", consent), path("s/bare/answer/", answer)]
application = get_wsgi_application()
