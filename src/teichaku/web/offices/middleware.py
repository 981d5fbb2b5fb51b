"""Log a signed-in user out after SESSION_IDLE_TIMEOUT seconds without a request."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

LAST_SEEN = "offices_last_seen"


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            last = request.session.get(LAST_SEEN)
            if last is not None and now - float(last) > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                return redirect_to_login(request.path)
            request.session[LAST_SEEN] = now
        return self.get_response(request)
