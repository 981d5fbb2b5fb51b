"""PDF from the same HTML as a print page, with WeasyPrint and an embedded Japanese font.

Japanese glyphs never depend on the machine's fonts (a CI machine has no CJK font): the PDF's
stylesheet declares IPAexGothic from the `matplotlib-fontja` package with ``@font-face`` and a
``file:`` URL, and WeasyPrint embeds the subset it uses. The font file is found through the
package (`ipaex_gothic_path`, the one place that knows where it is) without importing it (its
import would set matplotlib's font). The HTML is ours, but it carries text people typed, so
the renderer fetches nothing but that font file: no other file, no network.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

FONT_FAMILY = "IPAexGothic"
FONT_PACKAGE = "matplotlib_fontja"
FONT_FILE = ("fonts", "ipaexg.ttf")


@lru_cache(maxsize=1)
def ipaex_gothic_path() -> Path:
    """The IPAexGothic TrueType file shipped in the matplotlib-fontja package."""
    spec = importlib.util.find_spec(FONT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"{FONT_PACKAGE} is not installed: no IPAexGothic for PDFs")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*FONT_FILE)
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing from {FONT_PACKAGE}")
    return path


def font_face_css() -> str:
    """The ``@font-face`` rule naming the embedded font, and the page's font family."""
    url = ipaex_gothic_path().as_uri()
    return (
        f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{url}") format("truetype"); '
        "font-weight: 100 900; }\n"
        f'html, body {{ font-family: "{FONT_FAMILY}"; }}\n'
    )


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher

    allowed = ipaex_gothic_path().as_uri()

    class FontOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url != allowed:
                raise ValueError(f"not fetched while making a PDF: {url[:80]}")
            return super().fetch(url, headers)

    return FontOnly(allowed_protocols=("file",), allow_redirects=False)


def render(html: str, css: Sequence[str] = ()) -> Any:
    """The laid-out WeasyPrint document (pages and their boxes): `pdf_bytes` writes it."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher, fonts = _fetcher(), FontConfiguration()
    sheets = [
        CSS(string=text, url_fetcher=fetcher, font_config=fonts) for text in (*css, font_face_css())
    ]
    return HTML(string=html, url_fetcher=fetcher).render(stylesheets=sheets, font_config=fonts)


def pdf_bytes(html: str, css: Sequence[str] = ()) -> bytes:
    """The PDF of `html` styled by the `css` texts, IPAexGothic embedded."""
    data: bytes = render(html, css).write_pdf()
    return data
