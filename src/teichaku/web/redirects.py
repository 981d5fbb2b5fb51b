"""The one way to follow a `next` parameter: only to a page of this site.

Every view that reads `next` (the login and logout views, the TOTP page) calls `safe_next`;
a test sweeps the source for `next` readers and checks each one refuses other sites.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

NEXT = "next"


def safe_next(request: HttpRequest, default: str) -> str:
    """`next` from the form or the query if it points at this site, else `default`.

    `default` may be a URL name ("offices:dashboard") or a path; "" means none.
    """
    wanted = request.POST.get(NEXT) or request.GET.get(NEXT) or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return resolve_url(default) if default else ""
