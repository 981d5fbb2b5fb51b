"""One HTTP POST to a checked address: no redirects followed, a timeout, the answer cut short."""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from dataclasses import dataclass

from teichaku.web.webhooks.addresses import Target

TIMEOUT_SECONDS = 10
EXCERPT_CHARS = 500


@dataclass(frozen=True)
class Answer:
    status_code: int | None  # None: no HTTP answer (refused, timed out)
    excerpt: str
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class _Pinned(http.client.HTTPConnection):
    """Connects to the checked address, whatever the name resolves to now."""

    address = ""

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedTLS(http.client.HTTPSConnection):
    address = ""

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = ssl.create_default_context().wrap_socket(sock, server_hostname=self.host)


def post(target: Target, body: bytes, headers: dict[str, str]) -> Answer:
    kind = _PinnedTLS if target.scheme == "https" else _Pinned
    connection = kind(target.host, target.port, timeout=TIMEOUT_SECONDS)
    connection.address = target.address
    started = time.monotonic()
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read(EXCERPT_CHARS * 4).decode("utf-8", "replace")[:EXCERPT_CHARS]
        status: int | None = response.status
    except (OSError, http.client.HTTPException) as error:
        status, text = None, f"{type(error).__name__}: {error}"[:EXCERPT_CHARS]
    finally:
        connection.close()
    return Answer(status, text, int((time.monotonic() - started) * 1000))
