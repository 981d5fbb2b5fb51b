"""The file name of a download: the survey's name in it, readable in every browser.

`content_disposition` writes ``attachment; filename="…"; filename*=UTF-8''…``: the
``filename*`` parameter (RFC 6266 with RFC 5987's encoding) carries the Japanese name, and
``filename`` a safe ASCII fallback for clients that ignore it. Nothing in either can break
the header or name a folder: separators, quotes, control characters and leading dots go.

>>> content_disposition("就労定着の調査", "report.html")
'attachment; filename="report.html"; filename*=UTF-8\\'\\'%E5%B0%B1%E5%8A%B4%E5%AE%9A%E7%9D%80%E3%81%AE%E8%AA%BF%E6%9F%BB_report.html'
>>> content_disposition('Survey "2024"/a', "data.csv")
'attachment; filename="Survey_2024_a_data.csv"; filename*=UTF-8\\'\\'Survey%202024%20%EF%BC%8Fa_data.csv'
"""  # noqa: E501

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

# RFC 5987 attr-char besides letters and digits: these may stay unencoded in filename*.
_ATTR_CHARS = "!#$&+-.^_`|~"
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")
_NOT_ASCII_WORD = re.compile(r"[^A-Za-z0-9.-]+")
_LIMIT = 120  # characters of the title kept


def _title_part(title: str) -> str:
    """The title with no character a file system or a header refuses (a slash becomes a
    full-width one, other refused characters a space), no leading or trailing dot."""
    name = unicodedata.normalize("NFC", title).replace("/", "／").replace("\\", "＼")
    return " ".join(_UNSAFE.sub(" ", name).split())[:_LIMIT].strip(" .")


def download_name(title: str, kind: str) -> str:
    """「<title>_<kind>」, safe as a file name; just `kind` if the title leaves nothing.

    >>> download_name(" ../調査: 2024年 ", "tables.json"), download_name("..", "data.csv")
    ('／調査 2024年_tables.json', 'data.csv')
    """
    part = _title_part(title)
    return f"{part}_{kind}" if part else kind


def ascii_fallback(title: str, kind: str) -> str:
    """The title's ASCII letters, digits, dots and hyphens (other runs as ``_``) before
    `kind`; `kind` alone when the title has none.

    >>> ascii_fallback("B の調査 2024", "report.html"), ascii_fallback("調査", "data.csv")
    ('B_2024_report.html', 'data.csv')
    """
    words = _NOT_ASCII_WORD.sub("_", _title_part(title)).strip("._-")
    return f"{words}_{kind}" if re.search(r"[A-Za-z0-9]", words) else kind


def content_disposition(title: str, kind: str) -> str:
    """The Content-Disposition header of `kind` (report.html, data.csv …) of `title`."""
    name = quote(download_name(title, kind), safe=_ATTR_CHARS)
    return f"attachment; filename=\"{ascii_fallback(title, kind)}\"; filename*=UTF-8''{name}"
