"""How a person is shown on a page: their 氏名, never their login id.

The 氏名 is kept whole in `User.first_name` (e.g. 「山田 花子」); `last_name` is not used.
Someone who has not given a name yet is shown by their e-mail address, else as 氏名未登録.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _


def display_name(user: Any) -> str:
    """The name to show for `user` (a Django user).

    >>> from django.contrib.auth.models import User
    >>> display_name(User(username="h.yamada", first_name="山田 花子"))
    '山田 花子'
    >>> display_name(User(username="h.yamada", email="hanako@example.org"))
    'hanako@example.org'
    """
    name = " ".join(part for part in (user.first_name, user.last_name) if part).strip()
    return name or user.email or _("（氏名未登録）")
