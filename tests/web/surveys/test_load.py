"""The default embedded database under a workshop's load, with a real server (gunicorn).

24 respondents send their final page at the same moment on the default SQLite settings
(no options in DATABASE_URL): every one gets the thank-you redirect and every answer is
stored exactly once. 30 staff behind one office address (loopback) all finish.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from .test_kill_and_replay import harness

pytestmark = pytest.mark.slow

SQLITE = not os.environ.get("DATABASE_URL", "").startswith("postgres")


def test_simultaneous_final_pages_are_all_stored_once(tmp_path: Path) -> None:
    with harness.fresh_database(tmp_path, SQLITE) as env:
        token = harness.create_survey(env)
        with harness.server(env, "teichaku.web.wsgi:application", 3, 8) as (port, _):
            statuses = harness.simultaneous_final_pages(port, f"/s/{token}", 24)
        stored = harness.stored_markers(env)
    assert Counter(statuses.values()) == Counter({303: 24})
    assert all(stored[marker] == 1 for marker in statuses)
    assert sum(stored.values()) == 24


def test_thirty_staff_behind_one_address_all_finish(tmp_path: Path) -> None:
    with harness.fresh_database(tmp_path, SQLITE) as env:
        env = {k: v for k, v in env.items() if k != "TEICHAKU_FORM_RATE"}  # the default limit
        token = harness.create_survey(env)
        with harness.server(env, "teichaku.web.wsgi:application", 2, 4) as (port, _):
            office = harness.office_behind_one_address(port, f"/s/{token}", 30)
    assert office.finished == 30, office.statuses
    assert office.seconds < 60


def test_the_served_response_names_no_server_software(tmp_path: Path) -> None:
    """gunicorn as `teichaku serve` runs it (same command line): no `Server: gunicorn`."""
    with harness.fresh_database(tmp_path, SQLITE) as env:
        token = harness.create_survey(env)
        with harness.server(env, "teichaku.web.wsgi:application", 1, 1) as (port, _):
            status, headers, _page = harness.Browser(port).request("GET", f"/s/{token}/")
    assert status == 200
    assert headers["server"] == "teichaku"
    assert "gunicorn" not in str(headers).lower()
