"""The real browser for the pages' tests: Debian's chromium, driven by Playwright.

Tests that use the `browser` fixture are marked `browser` and skip, saying why, where
chromium is not installed (CI installs it: see .ci/run). Never `playwright install`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from smtp_server import SmtpServer  # tests/web is on sys.path

CHROMIUM = Path("/usr/bin/chromium")
# A closed network: no background connections, no component updates, no sandbox as root.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop; Django must allow ORM calls beside it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def watched_page(browser: Any) -> Callable[..., tuple[Any, list[str]]]:
    """Open a page in a new context; script errors and console errors are collected.

    The browser's own favicon request is not part of the app and is left out.
    """

    def open_page(**context_options: Any) -> tuple[Any, list[str]]:
        page = browser.new_context(**{"locale": "ja-JP", **context_options}).new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "console",
            lambda message: (
                problems.append(f"{message.text} {message.location.get('url')}")
                if message.type == "error" and "favicon.ico" not in str(message.location.get("url"))
                else None
            ),
        )
        return page, problems

    return open_page


@pytest.fixture
def smtp_outbox(settings: Any) -> Iterator[list[EmailMessage]]:
    """A real SMTP server (aiosmtpd) on the loopback; Django sends to it for this test.

    Yields the list of messages it received, parsed (``msg["To"]``, ``msg.get_body()``).
    """
    with SmtpServer() as server:
        server.use_in(settings)
        yield server.received


# --- a real job worker on Redis ------------------------------------------------------------


def redis_url_of_this_worker() -> str:
    """Redis database 7 for a plain run; under pytest-xdist (`-n 2`) each worker has its own
    database (gw0: 7, gw1: 8, …, up to 15), so that one worker's `teichaku worker` never takes
    the other's jobs."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    return f"redis://127.0.0.1:6379/{7 + int(worker or 0) % 9}"


@pytest.fixture
def job_worker(transactional_db: None, settings: Any) -> Iterator[str]:
    """`teichaku worker` on Redis against this test's PostgreSQL database, and this process
    switched to queue its jobs there (as a server with REDIS_URL does). Yields the Redis URL.

    Skips on SQLite (the test database lives in this process's memory) and without Redis.
    """
    import subprocess
    import sys

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a worker process needs a database it can share: CI's PostgreSQL pass")
    import redis

    url = os.environ.get("TEICHAKU_TEST_REDIS_URL") or redis_url_of_this_worker()
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {url}")
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "REDIS_URL": url,
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    from teichaku.web.jobs.celery_app import app

    process = subprocess.Popen(
        [sys.executable, "-m", "teichaku.cli", "worker", "--concurrency", "1"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def connect_to(broker: str | None, eager: bool) -> None:
        # An eager task earlier in this process made the connection pools with the default
        # broker; they are kept until dropped.
        app.conf.task_always_eager = eager
        app.conf.broker_url = broker
        app._pool = None
        app.amqp._producer_pool = None

    settings.CELERY_BROKER_URL = url
    connect_to(url, eager=False)
    try:
        yield url
    finally:
        connect_to(None, eager=True)
        process.terminate()
        process.wait(timeout=30)
