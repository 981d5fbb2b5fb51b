"""A published case's page names its setting and office attributes by their labels, the
vocabularies of ``teichaku.library.case``, never by the stored keys."""

from __future__ import annotations

import pytest
from django.test import Client

from teichaku.library.case import AREA_KINDS, NEARBY_KINDS, NETWORK_KINDS, SIZE_BANDS
from teichaku.library.exchange import dump_cases
from teichaku.library.seeds import seed_cases
from teichaku.web.library.exchange import import_text
from teichaku.web.library.models import PracticeCase, State

pytestmark = pytest.mark.django_db


def test_the_page_and_the_list_show_labels_not_keys() -> None:
    import_text(dump_cases(seed_cases(), "https://pref.example.jp"), "seeds")
    case = PracticeCase.objects.filter(state=State.PUBLISHED).exclude(network="").first()
    assert case is not None
    PracticeCase.objects.filter(pk=case.pk).update(
        area="rural", nearby="few", size_band="11-20", integrated_with_transition=True
    )
    page = Client().get(f"/practices/{case.public_id}/").content.decode()
    for vocabulary, key in (
        (NETWORK_KINDS, case.network),
        (AREA_KINDS, "rural"),
        (NEARBY_KINDS, "few"),
        (SIZE_BANDS, "11-20"),
    ):
        assert dict(vocabulary)[key] in page
        assert f">{key}<" not in page
    assert "就労移行支援と一体的に運営" in page
    listing = Client().get("/practices/").content.decode()
    assert dict(NETWORK_KINDS)[case.network] in listing
    assert " ·  · " not in listing  # no empty field between separators
