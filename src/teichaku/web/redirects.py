"""The one way to follow a `next` parameter: only to a page of this site.

Every view of ours that reads `next` calls `safe_next`; allauth's views (login, logout, the
MFA step) ask `is_safe_next` through the account adapter's `is_safe_url`. A test sweeps the
source for `next` readers and checks each one refuses other sites.
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
    if wanted and is_safe_next(request, wanted):
        return wanted
    return resolve_url(default) if default else ""


def is_safe_next(request: HttpRequest, url: str) -> bool:
    """Whether `url` is a page of this site (the host asked for, the scheme it was asked on)."""
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
