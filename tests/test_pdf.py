"""teichaku.pdf: the font file comes from matplotlib-fontja, and the renderer fetches nothing
but that file (the HTML carries text people typed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from teichaku import pdf


def test_the_font_is_the_packages_own_ipaexgothic() -> None:
    import matplotlib_fontja  # the package's own answer, for comparison

    assert pdf.ipaex_gothic_path() == Path(matplotlib_fontja.get_font_ttf_path())
    assert pdf.ipaex_gothic_path().as_uri() in pdf.font_face_css()


def test_nothing_but_the_font_is_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.urls import URLFetcher

    secret = tmp_path / "secret.css"
    secret.write_text("p { color: red; }", encoding="utf-8")
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    fetched: list[str] = []
    real = URLFetcher.fetch

    def spy(self: Any, url: str, headers: Any = None) -> Any:
        fetched.append(url)
        return real(self, url, headers)

    monkeypatch.setattr(URLFetcher, "fetch", spy)
    html = (
        f'<link rel="stylesheet" href="{secret.as_uri()}"><p>支援内容</p>'
        f'<img src="{image.as_uri()}"><img src="http://127.0.0.1:9/x.png">'
    )
    data = pdf.pdf_bytes(html)
    assert data.startswith(b"%PDF-")
    assert fetched == [pdf.ipaex_gothic_path().as_uri()]
