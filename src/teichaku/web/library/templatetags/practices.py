"""`{% practices_for key %}`: a link to the published cases that answer a challenge (a
question name such as q01_securing_users, or question:code), with their number; nothing
when there are none."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from teichaku.web.library.models import PracticeCase, State

register = template.Library()


def published_counts() -> Counter[str]:
    counts: Counter[str] = Counter()
    for challenges in PracticeCase.objects.filter(state=State.PUBLISHED).values_list(
        "challenges", flat=True
    ):
        counts.update(set(challenges))
    return counts


@register.simple_tag(takes_context=True)
def practices_for(context: template.Context, key: str) -> SafeString | str:
    counts = context.get("_practice_counts")
    if counts is None:
        counts = published_counts()
        context.dicts[0]["_practice_counts"] = counts
    n = counts.get(key, 0)
    if not n:
        return ""
    url = f"{reverse('library:list')}?{urlencode({'challenge': key})}"
    return format_html(
        '<p class="practices-link"><a href="{}">{}</a></p>',
        url,
        _("この課題に答える実践事例（%(n)s 件）") % {"n": n},
    )
