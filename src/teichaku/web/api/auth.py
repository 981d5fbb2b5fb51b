"""Bearer tokens are the API's only authentication: a session cookie is never accepted, so a
page of another site cannot make a signed-in browser call the API (no CSRF exposure)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from teichaku.web.api import tokens
from teichaku.web.api.models import ApiToken


class ScopeDenied(Exception):
    """The token is valid but lacks the scope this endpoint needs (403)."""


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = tokens.authenticate(token)
        if found is not None:
            request.user = found.user  # the token's owner, whatever the session says
        return found


def require(request: HttpRequest, scope: str) -> ApiToken:
    """The request's token, which must carry `scope` (else `ScopeDenied`: 403)."""
    token = getattr(request, "auth", None)
    if not isinstance(token, ApiToken) or token.scope != scope:
        raise ScopeDenied
    return token
