"""SIGKILL in the middle of concurrent submissions, then replay of every form token.

Runs the bench's harness small and bounded: gunicorn on loopback (a second process) on a
fresh database — PostgreSQL when DATABASE_URL points there, else a SQLite file.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench" / "web_submissions.py"
spec = importlib.util.spec_from_file_location("web_submissions", BENCH)
assert spec is not None and spec.loader is not None
harness = importlib.util.module_from_spec(spec)
sys.modules.setdefault("web_submissions", harness)  # dataclasses look their module up
spec.loader.exec_module(harness)

pytestmark = pytest.mark.slow


def test_acknowledged_answers_survive_sigkill_and_replays_store_nothing(tmp_path: Path) -> None:
    sqlite = not os.environ.get("DATABASE_URL", "").startswith("postgres")
    with harness.fresh_database(tmp_path, sqlite) as env:
        token = harness.create_survey(env)
        prefix = f"/s/{token}"
        with harness.server(env, "teichaku.web.wsgi:application", 2, 2) as (port, _):
            logs, _ = harness.run_load(port, prefix, 4, 4.0)
            acknowledged = [a for log in logs for a in log.acknowledged]
            stored = harness.stored_markers(env)
            assert acknowledged, [log.errors for log in logs]
            assert all(stored[a.marker] == 1 for a in acknowledged)
            assert sum(stored.values()) == len(acknowledged)
            statuses = harness.replay(port, prefix, [a.form_token for a in acknowledged])
            assert statuses == Counter({409: len(acknowledged)})
            assert harness.stored_markers(env) == stored
        check = harness.kill_and_replay(env, token, 4, 6.0, 2, 2)
        assert check.acknowledged > 0, check
        assert check.lost == [] and check.doubled == [], check
        assert check.added_by_replay <= check.never_stored, check
        assert harness.kill_ok(check)
