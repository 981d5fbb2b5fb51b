"""A practice case (実践事例) as plain data, and the words its fields take.

The vocabularies are (key, label) pairs: keys are stored and exchanged, labels shown.
Contact methods are the study's Table 13 channels (`practice.contacts.TABLE13_CHANNELS`).
"""

from __future__ import annotations

from dataclasses import dataclass

from teichaku.practice.contacts import TABLE13_CHANNELS

LICENCE = "CC-BY-4.0"
LICENCE_LABEL = "クリエイティブ・コモンズ 表示 4.0 国際 (CC BY 4.0)"
FICTIONAL_NOTE = "架空の事例です。"

NETWORK_KINDS: tuple[tuple[str, str], ...] = (
    ("self_plan_centred", "セルフプラン中心"),
    ("planned_consultation_centred", "計画相談が中心"),
)
AREA_KINDS: tuple[tuple[str, str], ...] = (("urban", "都市部"), ("rural", "地方"))
NEARBY_KINDS: tuple[tuple[str, str], ...] = (
    ("many", "近隣に事業所が多い"),
    ("few", "近隣に事業所が少ない"),
)
OPERATING_BODIES: tuple[tuple[str, str], ...] = (
    ("social_welfare", "社会福祉法人"),
    ("npo", "NPO法人"),
    ("company", "営利法人"),
    ("medical", "医療法人"),
    ("other", "その他"),
)
SIZE_BANDS: tuple[tuple[str, str], ...] = (
    ("1-10", "利用者10人以下"),
    ("11-20", "利用者11〜20人"),
    ("21-40", "利用者21〜40人"),
    ("41-", "利用者41人以上"),
)


def size_band_of(users: int) -> str:
    """The `SIZE_BANDS` key for an office with this many users ("" for none).

    >>> [size_band_of(n) for n in (0, 1, 10, 11, 20, 21, 40, 41)]
    ['', '1-10', '1-10', '11-20', '11-20', '21-40', '21-40', '41-']
    """
    if users <= 0:
        return ""
    for key, upper in (("1-10", 10), ("11-20", 20), ("21-40", 40)):
        if users <= upper:
            return key
    return "41-"


PARTNERS: tuple[tuple[str, str], ...] = (
    ("employer", "企業"),
    ("nakapotsu", "ナカポツ（障害者就業・生活支援センター）"),
    ("consultation", "相談支援"),
    ("medical", "医療機関"),
    ("family", "家族"),
)
CHANNELS: tuple[tuple[str, str], ...] = TABLE13_CHANNELS
# The case's free-text fields, in the order they are written and flagged.
TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "題名"),
    ("situation", "状況"),
    ("actions", "取り組んだこと"),
    ("outcome", "変わったこと"),
    ("cautions", "留意点"),
)


@dataclass(frozen=True)
class Provenance:
    """Where an imported case came from: the site that published it and its id there."""

    site: str
    source_id: str


@dataclass(frozen=True)
class PracticeCase:
    """One published case as it is exchanged between sites."""

    id: str
    title: str
    challenges: tuple[str, ...]
    prefecture: str
    situation: str
    actions: str
    outcome: str
    cautions: str = ""
    network: str = ""
    area: str = ""
    nearby: str = ""
    operating_body: str = ""
    size_band: str = ""
    integrated_with_transition: bool | None = None
    partners: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    author_office: str = ""
    licence: str = LICENCE
    published_at: str = ""
    updated_at: str = ""
    revision_note: str = ""
    provenance: Provenance | None = None

    def texts(self) -> dict[str, str]:
        """The free-text fields by name (what the flagger reads)."""
        return {name: str(getattr(self, name)) for name, _label in TEXT_FIELDS}

    @property
    def body(self) -> str:
        """Every free-text field but the title, for search."""
        return "\n".join(t for name, t in self.texts().items() if name != "title")
