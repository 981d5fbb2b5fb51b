"""The tile map of Japan: every prefecture once, links only where there are cases."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from teichaku.library.prefecture_map import TILES, shade, tile_map_svg
from teichaku.library.prefectures import PREFECTURES


def test_the_tile_map_has_each_prefecture_once_on_its_own_tile() -> None:
    assert set(TILES) == set(PREFECTURES)
    assert len(set(TILES.values())) == 47
    svg = tile_map_svg({"愛知県": 3, "北海道": 1}, "地図", href=lambda p: f"/x?p={p}")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f".//{ns}rect")) == 47
    links = root.findall(f"{ns}a")
    assert [a.get("href") for a in links] == ["/x?p=北海道", "/x?p=愛知県"]
    assert shade(0, 3) == "#f2f2f2" and shade(3, 3) == "#2b6fa8" and shade(1, 3) != shade(3, 3)
