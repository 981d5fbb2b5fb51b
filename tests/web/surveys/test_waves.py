"""Issue 13 item 6 on the desk: the owner links a survey of the same instrument as the previous
wave; the results page then offers the comparison; other instruments and other teams' surveys
are refused."""

from __future__ import annotations

import json

from django.test import Client
from scipy.stats import mannwhitneyu

from teichaku.web.surveys import services
from teichaku.web.surveys.models import Origin, Submission, Survey

from .conftest import BUILTIN, World, client_for

OTHER_FORM = "\n".join(
    [
        "| survey |",
        "| | type | name | label |",
        "| | select_one yn | tea | 紅茶が好き |",
        "| choices |",
        "| | list_name | name | label |",
        "| | yn | yes | はい |",
        "| | yn | no | いいえ |",
    ]
).encode()


def store(survey: Survey, scores: list[str], operating: list[str]) -> None:
    """Answers put straight into the survey, as an import would store them."""
    Submission.objects.bulk_create(
        Submission(
            survey=survey,
            response_id=f"r{i}",
            answers={"q01_securing_users": score, "operating_body": body},
            origin=Origin.IMPORT,
        )
        for i, (score, body) in enumerate(zip(scores, operating, strict=True))
    )


def second_wave(world: World, title: str = "2025年度") -> Survey:
    return services.create_survey(world.team_a, world.owner, builtin=BUILTIN, title=title)


def test_owner_links_the_previous_wave_and_the_results_offer_the_comparison(
    world: World,
) -> None:
    earlier = world.survey
    later = second_wave(world)
    store(earlier, ["7", "6", "6", "5", "3", "7", "4"], ["npo"] * 4 + ["private_company"] * 3)
    store(later, ["3", "2", "4", "5", "1", "2"], ["private_company"] * 4 + ["npo"] * 2)
    client = client_for(world.owner)
    page = client.get(f"/desk/{later.token}/waves/").content.decode()
    assert earlier.token in page and world.other_survey.token not in page  # own team only
    response = client.post(f"/desk/{later.token}/waves/", {"previous": earlier.token})
    assert response.status_code == 302
    later.refresh_from_db()
    assert later.previous_wave == earlier
    results = client.get(f"/desk/{later.token}/").content.decode()
    assert "前回調査との比較" in results
    assert f"/desk/{later.token}/waves/waves.html" in results
    data = json.loads(
        b"".join(client.get(f"/desk/{later.token}/waves/waves.json").streaming_content)  # type: ignore[attr-defined]
    )
    assert data["schema"] == "teichaku.waves/1"
    assert [w["label"] for w in data["waves"]] == [earlier.title, later.title]
    item = next(q for q in data["questions"] if q["name"] == "q01_securing_users")
    (change,) = item["changes"]
    expected = mannwhitneyu([3, 2, 4, 5, 1, 2], [7, 6, 6, 5, 3, 7, 4], alternative="two-sided")
    assert change["u"] == expected.statistic and change["p_value"] == expected.pvalue
    html = b"".join(client.get(f"/desk/{later.token}/waves/waves.html").streaming_content)  # type: ignore[attr-defined]
    assert "前回調査との比較" in html.decode()


def test_a_survey_of_another_instrument_is_neither_listed_nor_linked(world: World) -> None:
    other = services.create_survey(
        world.team_a, world.owner, title="別の調査票", upload=(OTHER_FORM, "tea.md")
    )
    client = client_for(world.owner)
    page = client.get(f"/desk/{world.survey.token}/waves/").content.decode()
    assert other.token not in page
    forged = client.post(f"/desk/{world.survey.token}/waves/", {"previous": other.token})
    assert forged.status_code == 400  # not among the choices
    world.survey.refresh_from_db()
    assert world.survey.previous_wave is None


def test_the_service_refuses_other_instruments_other_teams_and_cycles(world: World) -> None:
    import pytest

    from teichaku.web.surveys.waves import WaveLinkError, link_previous_wave

    other = services.create_survey(
        world.team_a, world.owner, title="別の調査票", upload=(OTHER_FORM, "tea.md")
    )
    with pytest.raises(WaveLinkError, match="Not the same instrument"):
        link_previous_wave(world.survey, other)
    with pytest.raises(WaveLinkError, match="same team"):
        link_previous_wave(world.survey, world.other_survey)
    later = second_wave(world)
    link_previous_wave(later, world.survey)
    with pytest.raises(WaveLinkError, match="later wave"):
        link_previous_wave(world.survey, later)
    with pytest.raises(WaveLinkError, match="later wave"):
        link_previous_wave(world.survey, world.survey)


def test_another_teams_survey_cannot_be_linked_or_seen(world: World) -> None:
    client = client_for(world.owner)
    forged = client.post(
        f"/desk/{world.survey.token}/waves/", {"previous": world.other_survey.token}
    )
    assert forged.status_code == 400
    world.survey.refresh_from_db()
    assert world.survey.previous_wave is None
    outsider = client_for(world.outsider)
    assert outsider.get(f"/desk/{world.survey.token}/waves/").status_code == 404
    assert outsider.get(f"/desk/{world.survey.token}/waves/waves.json").status_code == 404


def test_only_the_owner_links_and_the_viewer_downloads(world: World) -> None:
    later = second_wave(world)
    client_for(world.owner).post(f"/desk/{later.token}/waves/", {"previous": world.survey.token})
    for user in (world.analyst, world.viewer):
        client = client_for(user)
        assert client.get(f"/desk/{later.token}/waves/").status_code == 403
        assert client.post(f"/desk/{later.token}/waves/", {"previous": ""}).status_code == 403
        assert client.get(f"/desk/{later.token}/waves/waves.json").status_code == 200
        assert (
            f'/desk/{later.token}/waves/"'
            not in client.get(f"/desk/{later.token}/").content.decode()
        )
    later.refresh_from_db()
    assert later.previous_wave == world.survey


def test_no_comparison_without_a_previous_wave_and_unlinking(world: World) -> None:
    client = client_for(world.owner)
    t = world.survey.token
    assert client.get(f"/desk/{t}/waves/waves.json").status_code == 404
    assert client.get(f"/desk/{t}/waves/other.txt").status_code == 404
    later = second_wave(world)
    client.post(f"/desk/{later.token}/waves/", {"previous": t})
    assert client.post(f"/desk/{later.token}/waves/", {"previous": ""}).status_code == 302
    later.refresh_from_db()
    assert later.previous_wave is None
    assert client.get(f"/desk/{later.token}/waves/waves.html").status_code == 404


def test_anonymous_is_sent_to_login(world: World) -> None:
    response = Client().get(f"/desk/{world.survey.token}/waves/")
    assert response.status_code == 302 and "/accounts/login/" in response.headers["Location"]
