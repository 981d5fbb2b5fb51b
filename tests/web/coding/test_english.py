"""The coding pages in English (the second language) from the committed translations."""

from __future__ import annotations

import pytest

from .conftest import World, client_for, codings_csv
from .test_coding_views import Q14, create, upload_codings


@pytest.mark.django_db
def test_english_accept_language_shows_english_coding_pages(world: World) -> None:
    project = create(world)
    token = project.token
    upload_codings(world.analyst, project, codings_csv(Q14))
    analyst = client_for(world.analyst)
    pages = {
        "/coding/": ["Coding free text", "New project"],
        f"/coding/{token}/": ["Not yet coded only", "Import codings", "Answers you have read"],
        f"/coding/{token}/answer/1/": ["Save and next", "Next answer", "Make and give"],
        f"/coding/{token}/codebook/": ["Category name", "Export as CSV"],
        f"/coding/{token}/compare/": ["Start the comparison"],
    }
    for path, phrases in pages.items():
        english = analyst.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        for phrase in phrases:
            assert phrase in english, (path, phrase)
        japanese = analyst.get(path, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
        for phrase in phrases:
            assert phrase not in japanese, (path, phrase)
    # A message computed in a view, and a form's help text.
    spare, kept = project.categories.all()[5:7]
    response = analyst.post(
        f"/coding/{token}/codebook/{spare.pk}/merge/",
        {"into": kept.pk},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert "codings moved to the other code" in response.content.decode()
    response = analyst.get("/coding/new/", HTTP_ACCEPT_LANGUAGE="en")
    assert "You can start without one" in response.content.decode()
