"""Links to the published cases that answer a challenge (`library.links`), with their number;
nothing when there are none.

- ``{% practices_for key %}``: one challenge (q01_securing_users, or question:code);
- ``{% practices_for_categories question %}``: each coded category of a text question
  (the built-in codebooks' categories of Tables 14–15) that has cases.
"""

from __future__ import annotations

from collections import Counter

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from teichaku.library.challenges import SEPARATOR, builtin_challenges
from teichaku.web.library.links import list_url, published_counts

register = template.Library()


def _counts(context: template.Context) -> Counter[str]:
    counts = context.get("_practice_counts")
    if counts is None:
        counts = published_counts()
        context.dicts[0]["_practice_counts"] = counts
    return counts


@register.simple_tag(takes_context=True)
def practices_for(context: template.Context, key: str) -> SafeString | str:
    n = _counts(context).get(key, 0)
    if not n:
        return ""
    return format_html(
        '<p class="practices-link"><a href="{}">{}</a></p>',
        list_url(key),
        _("この課題に答える実践事例（%(n)s 件）") % {"n": n},
    )


@register.simple_tag(takes_context=True)
def practices_for_categories(context: template.Context, question: str) -> SafeString | str:
    counts = _counts(context)
    found = [
        (c.key, c.label, counts[c.key])
        for c in builtin_challenges()
        if c.group == question and not c.is_item and counts.get(c.key)
    ]
    if not found:
        return ""
    items = format_html_join(
        "",
        '<li><a href="{}">{}（{} 件）</a></li>',
        ((list_url(key), label, n) for key, label, n in found),
    )
    return format_html(
        '<div class="practices-link"><p>{}</p><ul>{}</ul></div>',
        _("分類ごとの実践事例"),
        items,
    )


@register.simple_tag(takes_context=True)
def practices_for_code(context: template.Context, question: str, code: str) -> SafeString | str:
    """A coded category's link, e.g. in the coding results' table."""
    return practices_for(context, f"{question}{SEPARATOR}{code}")
