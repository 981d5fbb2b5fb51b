"""Office pages show people by 氏名 and the audit log in words: never a login id or a code."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from teichaku.web.offices.models import Role

from .conftest import World, sign_in


def named(world: World) -> None:
    for role, user in world.users.items():
        user.first_name = f"架空 {Role(role).label}"
        user.save()


def test_the_audit_log_shows_actions_roles_and_actors_in_words(world: World) -> None:
    named(world)
    client = sign_in(Client(), world.users["admin"])
    client.get(reverse("offices:people"))
    html = client.get(reverse("offices:audit")).content.decode()
    cells = re.findall(r"<td>([^<]*)</td>", html)
    assert "閲覧" in cells and "管理者" in cells and "利用者一覧" in html
    assert "架空 管理者" in cells
    assert not {"view", "admin", "person_list", "a-admin"} & set(cells)


def test_staff_are_offered_by_name_and_the_auditor_is_not_a_staff_in_charge(world: World) -> None:
    named(world)
    client = sign_in(Client(), world.users["admin"])
    person = world.person
    person.staff_in_charge = world.users["support_worker"]
    person.save()
    form = client.get(reverse("offices:person_edit", args=[person.public_id])).content.decode()
    select = re.search(r'<select name="staff_in_charge".*?</select>', form, re.S)
    assert select is not None
    options = re.findall(r"<option[^>]*>([^<]*)</option>", select.group(0))
    assert "架空 就労定着支援員" in options and "架空 管理者" in options
    assert not [o for o in options if o.startswith("a-") or "監査" in o]
    page = client.get(reverse("offices:person", args=[person.public_id])).content.decode()
    assert "架空 就労定着支援員" in page and "a-support_worker" not in page
