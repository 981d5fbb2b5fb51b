"""The API at ``/api/v1/``: one NinjaAPI, bearer tokens only, errors as ``{"detail": "…"}`` in
the request's language (Japanese by default).

Routers are added in one place, `ROUTERS` below: a new area writes its own module with a
``router`` and pages its lists with `paging.cursor_page`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from teichaku.web.api import coding, offices, practices, surveys
from teichaku.web.api.auth import BearerToken, ScopeDenied
from teichaku.web.api.paging import BadRequest

api = NinjaAPI(
    title="teichaku API",
    version="1",
    description="読み取り用 API。Authorization: Bearer <token> で認証する（docs/api.md）。",
    auth=BearerToken(),
    urls_namespace="api",
)

# prefix → router: add new areas here.
ROUTERS = {
    "/surveys/": surveys.router,
    "/coding/": coding.router,
    "/offices/": offices.router,
    "/practices/": practices.router,
}
for prefix, router in ROUTERS.items():
    api.add_router(prefix, router)


def _detail(request: HttpRequest, text: str, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": text}, status=status)


@api.exception_handler(AuthenticationError)
def unauthorised(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = _detail(
        request, _("有効な API トークンを Authorization: Bearer で送ってください"), 401
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(ScopeDenied)
def wrong_scope(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _detail(request, _("このトークンの範囲では利用できません"), 403)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _detail(request, _("この操作を行う権限がありません"), 403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _detail(request, _("見つかりません"), 404)


@api.exception_handler(BadRequest)
def bad_request(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _detail(request, str(exc), 400)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _detail(request, _("パラメーターが正しくありません"), 422)


urlpatterns = api.urls
