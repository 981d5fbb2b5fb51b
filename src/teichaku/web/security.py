"""Headers every response carries: a strict content security policy, no caching of pages
that show anything but the public static files, and HSTS when configured.

Django's SecurityMiddleware sends Strict-Transport-Security only on requests it sees as
HTTPS; behind a TLS-terminating proxy it sees HTTP. The header is sent here on every
response once `SECURE_HSTS_SECONDS` is set (`SECURE_COOKIES=1` sets a year): browsers
ignore it over plain HTTP, so it takes effect exactly where the site is served over HTTPS.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if settings.SECURE_HSTS_SECONDS:
            response.headers.setdefault(
                "Strict-Transport-Security", f"max-age={int(settings.SECURE_HSTS_SECONDS)}"
            )
        if not request.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response
