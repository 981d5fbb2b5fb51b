"""A tile map of Japan (one square per prefecture, placed roughly where it lies) as SVG,
each tile shaded by its number of cases and, when `href` is given, a link."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from xml.sax.saxutils import escape, quoteattr

from teichaku.library.prefectures import PREFECTURES, short_name

# (column, row) of each prefecture, west to east, north to south.
TILES: Mapping[str, tuple[int, int]] = {
    "北海道": (13, 0), "青森県": (12, 1), "秋田県": (11, 2), "岩手県": (12, 2),
    "山形県": (11, 3), "宮城県": (12, 3), "石川県": (9, 4), "富山県": (10, 4),
    "新潟県": (11, 4), "福島県": (12, 4), "福井県": (8, 5), "岐阜県": (9, 5),
    "長野県": (10, 5), "群馬県": (11, 5), "栃木県": (12, 5), "茨城県": (13, 5),
    "島根県": (4, 6), "鳥取県": (5, 6), "兵庫県": (6, 6), "京都府": (7, 6),
    "滋賀県": (8, 6), "愛知県": (9, 6), "山梨県": (10, 6), "埼玉県": (11, 6),
    "東京都": (12, 6), "千葉県": (13, 6), "佐賀県": (0, 7), "福岡県": (1, 7),
    "山口県": (3, 7), "広島県": (4, 7), "岡山県": (5, 7), "大阪府": (6, 7),
    "奈良県": (7, 7), "三重県": (8, 7), "静岡県": (10, 7), "神奈川県": (11, 7),
    "長崎県": (0, 8), "熊本県": (1, 8), "大分県": (2, 8), "愛媛県": (4, 8),
    "香川県": (5, 8), "和歌山県": (6, 8), "鹿児島県": (1, 9), "宮崎県": (2, 9),
    "高知県": (4, 9), "徳島県": (5, 9), "沖縄県": (0, 11),
}  # fmt: skip
SIZE = 44
GAP = 4
SHADES = ("#f2f2f2", "#cfe3f3", "#9ec8e8", "#5fa3d6", "#2b6fa8")


def shade(count: int, most: int) -> str:
    """No case: grey; else one of four blues by the share of the largest count."""
    if count <= 0 or most <= 0:
        return SHADES[0]
    return SHADES[min(4, 1 + (4 * count - 1) // most)]


def tile_map_svg(
    counts: Mapping[str, int], title: str, href: Callable[[str], str] | None = None
) -> str:
    """The SVG text; `title` names the figure for screen readers."""
    most = max(counts.values(), default=0)
    width = 14 * (SIZE + GAP)
    height = 12 * (SIZE + GAP)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label={quoteattr(title)}><title>{escape(title)}</title>'
    ]
    for name in PREFECTURES:
        column, row = TILES[name]
        n = counts.get(name, 0)
        x, y = column * (SIZE + GAP), row * (SIZE + GAP)
        tile = (
            f"<g><title>{escape(name)}: {n}</title>"
            f'<rect x="{x}" y="{y}" width="{SIZE}" height="{SIZE}" rx="4" '
            f'fill="{shade(n, most)}" stroke="#888"/>'
            f'<text x="{x + SIZE / 2}" y="{y + 18}" font-size="11" text-anchor="middle">'
            f"{escape(short_name(name))}</text>"
            f'<text x="{x + SIZE / 2}" y="{y + 35}" font-size="13" text-anchor="middle" '
            f'font-weight="bold">{n}</text></g>'
        )
        if href is not None and n:
            tile = f"<a href={quoteattr(href(name))}>{tile}</a>"
        parts.append(tile)
    parts.append("</svg>")
    return "".join(parts)
