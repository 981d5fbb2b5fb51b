"""The one way to read office-owned rows: `Model.objects.for_office(office)`.

The default manager's querysets refuse to run until scoped to an office, so a forgotten
filter fails loudly instead of showing another office's people. Related managers reached
from an office-owned object (`person.contacts.all()`) are scoped to that object's office.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.db import models

if TYPE_CHECKING:
    from teichaku.web.offices.models.tenancy import Office


class UnscopedQueryError(RuntimeError):
    """An office-owned table was queried without `for_office(office)`."""


class OfficeScopedQuerySet(models.QuerySet[Any]):
    _office_scoped = False

    def for_office(self, office: Office) -> Self:
        scoped = self.filter(office=office)
        scoped._office_scoped = True
        return scoped

    def _clone(self) -> Self:
        clone: Self = super()._clone()  # type: ignore[misc]
        clone._office_scoped = self._office_scoped
        return clone

    def _refuse_unscoped(self) -> None:
        if not self._office_scoped:
            raise UnscopedQueryError(
                f"{self.model.__name__}: query without for_office(office) refused"
            )

    def _fetch_all(self) -> None:
        if self._result_cache is None:
            self._refuse_unscoped()
        super()._fetch_all()

    def count(self) -> int:
        self._refuse_unscoped()
        return super().count()

    def exists(self) -> bool:
        self._refuse_unscoped()
        return super().exists()

    def aggregate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        self._refuse_unscoped()
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        self._refuse_unscoped()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._refuse_unscoped()
        return super().delete()

    def iterator(self, chunk_size: int | None = None) -> Any:
        self._refuse_unscoped()
        return super().iterator(chunk_size=chunk_size)

    def in_bulk(self, *args: Any, **kwargs: Any) -> Any:
        self._refuse_unscoped()
        return super().in_bulk(*args, **kwargs)


class OfficeScopedManager(models.Manager.from_queryset(OfficeScopedQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> OfficeScopedQuerySet:
        queryset: OfficeScopedQuerySet = super().get_queryset()
        parent = getattr(self, "instance", None)  # set on related managers only
        office_id = getattr(parent, "office_id", None)
        if office_id is not None:
            queryset = queryset.filter(office_id=office_id)
            queryset._office_scoped = True
        return queryset
