"""The append-only audit log: who did what to which record, when, and from where.

`from where` is an HMAC of the client address under a key derived from SECRET_KEY: two
entries from the same address can be matched, but the address itself is not kept (it is
personal data and the log is kept for years). Rows can be added, never changed or deleted.

A correction (`update`) or deletion (`delete`) of a contact, meeting, employment, report or
plan also keeps what changed — `changes`, a list of `{"field", "before", "after"}` with the
values as the page showed them — and the `reason` the user gave. These hold the record's own
values, so they are shown only where the record itself may be read (the person's page); the
audit log page shows field names only.
"""

from __future__ import annotations

import uuid
from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teichaku.web.offices.models.tenancy import Office


class AuditImmutableError(RuntimeError):
    """An attempt to change or delete an audit entry."""


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditImmutableError("audit entries cannot be changed")

    def delete(self) -> NoReturn:
        raise AuditImmutableError("audit entries cannot be deleted")

    def for_office(self, office: Office) -> AuditQuerySet:
        return self.filter(office=office)


class AuditEntry(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(_("実行者"), max_length=150)
    role = models.CharField(_("役割"), max_length=20)
    action = models.CharField(_("操作"), max_length=40)
    object_type = models.CharField(_("対象"), max_length=40)
    object_id = models.CharField(_("対象ID"), max_length=40, blank=True)
    person_id = models.CharField(_("利用者ID"), max_length=40, blank=True, db_index=True)
    detail = models.CharField(_("詳細"), max_length=300, blank=True)
    at = models.DateTimeField(_("日時"), auto_now_add=True, db_index=True)
    origin = models.CharField(_("接続元(ハッシュ)"), max_length=16, blank=True)
    changes = models.JSONField(_("変更内容"), default=list, blank=True)
    reason = models.TextField(_("理由"), blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditImmutableError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditImmutableError("audit entries cannot be deleted")
