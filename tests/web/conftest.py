"""The real browser for the pages' tests: Debian's chromium, driven by Playwright.

Tests that use the `browser` fixture are marked `browser` and skip, saying why, where
chromium is not installed (CI installs it: see .ci/run). Never `playwright install`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

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
