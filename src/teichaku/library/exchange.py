"""The exchange format of published practice cases, schema ``teichaku.practices/1``.

    {"schema": "teichaku.practices/1", "site": "https://…", "cases": [{"id": …, …}]}

Each case carries its provenance (``provenance``: ``site`` and ``source_id``); a case
exported without one gets the exporting site and its own id, so a national site importing
a prefecture's file updates the case it imported before and never duplicates it. Reading
checks every case and field and names the case (its position and id) and the field in each
error; nothing is read when any case is wrong.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, replace
from typing import Any

from teichaku.library.case import (
    AREA_KINDS,
    CHANNELS,
    LICENCE,
    NEARBY_KINDS,
    NETWORK_KINDS,
    OPERATING_BODIES,
    PARTNERS,
    SIZE_BANDS,
    PracticeCase,
    Provenance,
)
from teichaku.library.challenges import challenge_labels
from teichaku.library.prefectures import PREFECTURES

SCHEMA = "teichaku.practices/1"
REQUIRED_TEXT = ("id", "title", "prefecture", "situation", "actions", "outcome")
OPTIONAL_TEXT = ("cautions", "author_office", "published_at", "updated_at", "revision_note")
CHOICES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "network": NETWORK_KINDS,
    "area": AREA_KINDS,
    "nearby": NEARBY_KINDS,
    "operating_body": OPERATING_BODIES,
    "size_band": SIZE_BANDS,
}
LISTS: Mapping[str, tuple[tuple[str, str], ...]] = {"partners": PARTNERS, "channels": CHANNELS}


class PracticesFileError(ValueError):
    """A practices file that cannot be read; `problems` lists every problem found."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(f"{source}: " + "; ".join(self.problems))


def with_provenance(case: PracticeCase, site: str) -> PracticeCase:
    """The case with its provenance: kept when it has one, else this site and its id."""
    if case.provenance is not None:
        return case
    return replace(case, provenance=Provenance(site, case.id))


def case_to_dict(case: PracticeCase) -> dict[str, Any]:
    data = asdict(case)
    data["challenges"] = list(case.challenges)
    data["partners"] = list(case.partners)
    data["channels"] = list(case.channels)
    return data


def dump_cases(cases: Iterable[PracticeCase], site: str) -> str:
    """The JSON text of a practices file for `cases`, exported by `site`."""
    document = {
        "schema": SCHEMA,
        "site": site,
        "cases": [case_to_dict(with_provenance(c, site)) for c in cases],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def load_cases(text: str, source: str = "practices file") -> tuple[PracticeCase, ...]:
    """The cases of a practices file; `PracticesFileError` naming each wrong case and field."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise PracticesFileError(source, [f"JSON として読めない ({error})"]) from error
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        raise PracticesFileError(source, [f'"schema" が "{SCHEMA}" でない'])
    site = document.get("site")
    raw = document.get("cases")
    if not isinstance(site, str) or not site.strip():
        raise PracticesFileError(source, ['"site" (出典のサイト) がない'])
    if not isinstance(raw, list):
        raise PracticesFileError(source, ['"cases" が一覧でない'])
    problems: list[str] = []
    cases: list[PracticeCase] = []
    seen: set[tuple[str, str]] = set()
    for number, item in enumerate(raw, start=1):
        found, case = _case(item, site)
        where = f"事例 {number}" + (f" (id {item.get('id')})" if isinstance(item, dict) else "")
        problems += [f"{where}: {p}" for p in found]
        if case is not None and case.provenance is not None:
            origin = (case.provenance.site, case.provenance.source_id)
            if origin in seen:
                problems.append(f"{where}: provenance {origin[0]} {origin[1]} が重複している")
            seen.add(origin)
            cases.append(case)
    if problems:
        raise PracticesFileError(source, problems)
    return tuple(cases)


def _case(item: object, site: str) -> tuple[list[str], PracticeCase | None]:
    if not isinstance(item, dict):
        return ["事例がオブジェクトでない"], None
    problems: list[str] = []
    values: dict[str, Any] = {}
    for name in REQUIRED_TEXT + OPTIONAL_TEXT:
        value = item.get(name, "")
        if not isinstance(value, str):
            problems.append(f'フィールド "{name}": 文字列でない ({value!r})')
        elif name in REQUIRED_TEXT and not value.strip():
            problems.append(f'フィールド "{name}": 空である')
        values[name] = value if isinstance(value, str) else ""
    if values["prefecture"] and values["prefecture"] not in PREFECTURES:
        problems.append(f'フィールド "prefecture": "{values["prefecture"]}" は都道府県名でない')
    for name, choices in CHOICES.items():
        value = item.get(name, "")
        keys = [k for k, _ in choices]
        if value not in ("", *keys):
            problems.append(
                f'フィールド "{name}": "{value}" は使えない (使える値: {", ".join(keys)})'
            )
        values[name] = value if value in keys else ""
    labels = challenge_labels()
    lists: dict[str, tuple[tuple[str, str], ...]] = {"challenges": tuple(labels.items()), **LISTS}
    for name, allowed in lists.items():
        value = item.get(name, [])
        known = {k for k, _ in allowed}
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(f'フィールド "{name}": 文字列の一覧でない')
            value = []
        unknown = [v for v in value if v not in known]
        if unknown:
            problems.append(f'フィールド "{name}": {", ".join(unknown)} は使えない')
        values[name] = tuple(v for v in value if v in known)
    if not values["challenges"] and "challenges" not in " ".join(problems):
        problems.append('フィールド "challenges": 課題が一つもない')
    integrated = item.get("integrated_with_transition")
    if integrated is not None and not isinstance(integrated, bool):
        problems.append(
            'フィールド "integrated_with_transition": true, false, null のいずれでもない'
        )
        integrated = None
    licence = item.get("licence", LICENCE)
    if licence != LICENCE:
        problems.append(f'フィールド "licence": "{licence}" ({LICENCE} のみ受け付ける)')
    provenance = _provenance(item.get("provenance"), site, values["id"], problems)
    if problems:
        return problems, None
    return [], PracticeCase(integrated_with_transition=integrated, provenance=provenance, **values)


def _provenance(value: object, site: str, case_id: str, problems: list[str]) -> Provenance:
    if value is None:
        return Provenance(site, case_id)
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("site"), str)
        or not isinstance(value.get("source_id"), str)
        or not value["site"].strip()
        or not value["source_id"].strip()
    ):
        problems.append('フィールド "provenance": "site" と "source_id" (文字列) が要る')
        return Provenance(site, case_id)
    return Provenance(value["site"], value["source_id"])
