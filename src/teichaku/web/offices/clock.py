"""The office app's one clock. Every office form default, view and the demo ask `today()`
here (as `clock.today()`), so a test freezes the date in one place: monkeypatch `today`."""

from __future__ import annotations

from datetime import date

from django.utils import timezone


def today() -> date:
    """Today in the app's time zone (Asia/Tokyo by default)."""
    return timezone.localdate()
