"""The client's address, the one way every part of the web app learns it (the survey's rate
limit, the audit trail, login throttling through AXES_CLIENT_IP_CALLABLE).

`REMOTE_ADDR` unless it is one of `TRUSTED_PROXIES`; then `X-Forwarded-For` is read from the
right, skipping trusted proxies, and the first address that is not one is the client. A
header sent by anyone else is ignored: it can be forged.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in settings.TRUSTED_PROXIES)


def client_address(request: HttpRequest) -> str:
    address = str(request.META.get("REMOTE_ADDR") or "")
    if not _trusted(address):
        return address
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
        if not _trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return address  # a garbled header: the proxy is the best we know
        address = hop
    return address
