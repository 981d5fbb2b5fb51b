"""Links from the survey's results to the published 実践事例 that answer a challenge (a
question name such as q01_securing_users, or question:code for a coded category): the
desk's tables and the coding results (template tags in `templatetags/practices.py`) and
the report.html download (`report_links`)."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.urls import reverse

from teichaku.library.challenges import challenge_links
from teichaku.web.accounts.invitations import DEFAULT_BASE_URL
from teichaku.web.library.models import PracticeCase, State


def published_counts() -> Counter[str]:
    """challenge → how many published cases answer it."""
    counts: Counter[str] = Counter()
    for challenges in PracticeCase.objects.filter(state=State.PUBLISHED).values_list(
        "challenges", flat=True
    ):
        counts.update(set(challenges))
    return counts


def list_url(key: str) -> str:
    """The public list filtered by one challenge (a path on this site)."""
    return challenge_links(reverse("library:list"), [key])[key]


def report_links() -> dict[str, str]:
    """For report.html, which is read offline: each challenge with published cases → the
    list's absolute address (TEICHAKU_BASE_URL, else this machine, as invitation links)."""
    base = str(settings.TEICHAKU_BASE_URL or DEFAULT_BASE_URL).rstrip("/")
    return challenge_links(base + reverse("library:list"), sorted(published_counts()))
