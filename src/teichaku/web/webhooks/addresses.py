"""Where a webhook may be sent: the one check, made when a URL is registered and again before
every attempt (a name may resolve elsewhere later: DNS rebinding).

Only http:// and https:// URLs. Every address the host name resolves to must be public:
loopback, private, link-local, shared, multicast, reserved and unspecified addresses are
refused unless the operator allows them (TEICHAKU_WEBHOOK_ALLOW_PRIVATE). The attempt then
connects to the address checked here, never resolving the name a second time.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class RefusedURL(ValueError):
    """The URL may not receive webhooks; the message says why, for the owner."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str  # with its query
    address: str  # the checked IP address to connect to


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def check_url(url: str) -> Target:
    """The target of `url`, or `RefusedURL`."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise RefusedURL(_("URL の形式が正しくありません。")) from error
    if parts.scheme not in ("http", "https"):
        raise RefusedURL(_("送信先は http:// か https:// の URL にしてください。"))
    host = parts.hostname
    if not host:
        raise RefusedURL(_("URL にホスト名がありません。"))
    if parts.username or parts.password:
        raise RefusedURL(_("URL に利用者名やパスワードを含めないでください。"))
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise RefusedURL(_("ホスト名 %(host)s が見つかりません。") % {"host": host}) from error
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]
    if not settings.TEICHAKU_WEBHOOK_ALLOW_PRIVATE:
        for address in addresses:
            if not _is_public(address):
                raise RefusedURL(
                    _(
                        "%(host)s は内部のアドレス（%(address)s）を指しています。"
                        "公開されたアドレスの URL にしてください。"
                    )
                    % {"host": host, "address": address}
                )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(parts.scheme, host, port, path, str(addresses[0]))
