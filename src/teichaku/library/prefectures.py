"""The 47 prefectures in JIS X 0401 order (code 01 北海道 … 47 沖縄県)."""

from __future__ import annotations

PREFECTURES: tuple[str, ...] = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県",
    "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県",
    "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府",
    "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
    "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県",
    "鹿児島県", "沖縄県",
)  # fmt: skip


def prefecture_code(name: str) -> str:
    """The two-digit JIS code of a prefecture by name (with or without 都/府/県).

    >>> prefecture_code("東京"), prefecture_code("北海道"), prefecture_code("沖縄県")
    ('13', '01', '47')
    """
    for number, full in enumerate(PREFECTURES, start=1):
        if name in (full, short_name(full)):
            return f"{number:02d}"
    raise ValueError(f"{name}: not a prefecture")


def short_name(full: str) -> str:
    """東京都 → 東京, 北海道 stays 北海道."""
    return full if full == "北海道" else full[:-1]


def prefecture_words() -> frozenset[str]:
    """Every way a prefecture is written alone: full and short names."""
    return frozenset(PREFECTURES) | frozenset(short_name(p) for p in PREFECTURES)
