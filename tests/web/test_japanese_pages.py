"""Every page is Japanese: the demo site walked as each role with `Accept-Language: ja`.

The visible text of every page (text outside <script>/<style>, and the attributes a person reads
or hears: title, aria-label, placeholder, button values) may hold no run of two or more English
words, apart from the few Latin names in ALLOWED (file formats, products and standards that have
no Japanese name). The demo's own data is Japanese, so what is left is our wording.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest
from crawl import Form, crawl, signed_in
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from teichaku.web.accounts.models import Membership, Role, Team
from teichaku.web.demo import DEMO_RESEARCHER, seed_demo
from teichaku.web.library.demo import DEMO_REVIEWER
from teichaku.web.offices.demo import STAFF
from teichaku.web.surveys.models import Survey

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Latin words a Japanese page may carry: names of formats, products and standards (written so in
# Japanese too), and the product's own name. Longest first, so "Google Forms" wins over "Google".
ALLOWED = sorted(
    [
        "teichaku",
        "SPSS",
        "CSV",
        "XLSX",
        "Excel",
        "TSV",
        "JSON",
        "HTML",
        "PDF",
        "QR",
        "URL",
        "ID",
        "TOTP",
        "XLSForm",
        "Google Forms",
        "Microsoft Forms",
        "KoboToolbox",
        "ODK",
        "LimeSurvey",
        "REFI-QDA",
        "QDPX",
        "UTF-8",
        "Cohen",
        "Krippendorff",
        "Jaccard",  # the coefficient (ジャッカード係数), named so in KH Coder's Japanese
        "Fisher",
        "Cramér's V",
        "KH Coder",
        "Word",
        "CSV/XLSX",
        "Enter",  # the key, as printed on keyboards
        "CC BY",  # the licence of published 実践事例 (CC BY 4.0)
    ],
    key=len,
    reverse=True,
)
_ALLOWED = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(re.escape(w) for w in ALLOWED) + r")(?![A-Za-z])"
)
# Two or more English words in a row: words apart by white space (and punctuation next to it), so
# that a file name (data.csv) or a path (/s/abc/) is not a sentence.
# A capitalised word: the shape of a label Django makes from a field's English name ("Consent").
# Lower-case words in labels are file suffixes and column names people type (.qdc, id).
ENGLISH_WORD = re.compile(r"(?<![A-Za-z.])[A-Z][a-z]+(?![A-Za-z])")
ENGLISH_RUN = re.compile(r"[A-Za-z]+(?:[,.;:!?'’\")]*\s+[(\"'‘“]*[A-Za-z]+)+")
BAD_UPLOADS = [
    ("empty.csv", b""),
    ("form.csv", b"type,name,label\nselect_one nolist,q1,Q1\n"),
    ("form2.csv", b"survey,type,name,label\nsurvey,select_one nolist,q1,Q1\n"),
    ("broken.xlsx", b"PK\x03\x04 not a workbook"),
    ("answers.csv", b"\xff\xfe\x00garbage,\n1,2,3\n"),
]
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


# What no page may show in any element: a command-line flag or a server's temporary path.
SHELL_ONLY = re.compile(
    r"(?<![\w-])--[a-z][a-z-]+|/tmp/\S*|\btmp[a-z0-9_]{6,}/"
    # and a Python library's own exception text passed through
    r"|File is not a zip file|codec can't decode|Traceback"
)


class VisibleText(HTMLParser):
    """The text a person reads or hears on the page; `literal` holds what is in <code> (column
    names and values a person types as written, e.g. the header `id, question, code`)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.literal: list[str] = []
        self.labels: list[str] = []  # <label> and <legend>: always the site's own words
        self._hidden = 0
        self._code = 0
        self._label = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in ("script", "style"):
            self._hidden += 1
        elif tag == "code":
            self._code += 1
        elif tag in ("label", "legend"):
            self._label += 1
        self.parts.extend(a[name] for name in READ_ATTRIBUTES if a.get(name))
        if tag == "input" and a.get("type") in ("submit", "button") and a.get("value"):
            self.parts.append(a["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1
        elif tag == "code" and self._code:
            self._code -= 1
        elif tag in ("label", "legend") and self._label:
            self._label -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            (self.literal if self._code else self.parts).append(data)
            if self._label and not self._code:
                self.labels.append(data)

    @classmethod
    def of(cls, html: str) -> list[str]:
        """All the visible text of a page, <code> too."""
        parser = cls()
        parser.feed(html)
        return parser.parts + parser.literal


def english_left(html: str) -> list[str]:
    """Runs of English words in the page's visible text, the allowed names taken out, and any
    command-line flag or temporary path (in <code> too)."""
    parser = VisibleText()
    parser.feed(html)
    found = []
    for part in parser.parts:
        text = _ALLOWED.sub("〇", part)
        found.extend(m.group(0) for m in ENGLISH_RUN.finditer(text))
    for part in parser.labels:  # a field's label: even one English word is left over
        found.extend(m.group(0) for m in ENGLISH_WORD.finditer(_ALLOWED.sub("〇", part)))
    for part in parser.parts + parser.literal:
        found.extend(m.group(0) for m in SHELL_ONLY.finditer(part))
    return found


def test_the_detector_finds_english_and_lets_names_through() -> None:
    page = (
        "<html><head><style>body { color: red }</style><script>let a = b;</script></head>"
        "<body><p>回答を CSV で保存</p><p>Google Forms から読み込む</p>"
        '<button aria-label="Close dialog">×</button><p>Expected counts below 5</p>'
        '<input type="submit" value="保存"><input type="text" value="user typed this">'
        "<p>見出し: <code>id, question, code</code></p><p><code>--lenient</code> を付けて</p>"
        "<p>/tmp/tmpab12cd34/data.csv: 読めません</p>"
        "<label>Consent</label><label>CSV ファイル</label></body></html>"
    )
    assert english_left(page) == [
        "Close dialog",
        "Expected counts below",
        "Consent",
        "/tmp/tmpab12cd34/data.csv:",
        "--lenient",
    ]


def walkers() -> list[str]:
    return [*STAFF, DEMO_RESEARCHER, "demo-analyst", "demo-viewer", DEMO_REVIEWER, "anonymous"]


def walk(who: str) -> tuple[Client, list[Form], list[str]]:
    """The demo site crawled as `who` in Japanese: the client, the forms found, and what
    `english_left` found on every page reached by a link or by a search/filter form."""
    list(seed_demo())
    team = Team.objects.get(name="デモ研究チーム")
    for name, role in (("demo-analyst", Role.ANALYST), ("demo-viewer", Role.VIEWER)):
        user = get_user_model().objects.create_user(username=name, first_name=f"架空 {name}")
        Membership.objects.create(team=team, user=user, role=role)
    client = signed_in(who)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ja"
    offending: list[str] = []

    def check(url: str, html: str) -> None:
        offending.extend(f"{url}: {text!r}" for text in english_left(html))
        offending.extend(f"{url}: {label!r}" for label in ascii_colon_labels(html))

    starts = ["/", "/accounts/login/", "/practices/"] + [
        f"/s/{s.token}/" for s in Survey.objects.all()
    ]
    queries, forms, errors = crawl(client, starts, on_page=check)
    assert not errors, errors
    assert len(queries) > (1 if who == "anonymous" else 5), "the walk reached too few pages"
    # Each search/filter form as found, then with a value no field accepts (its messages).
    for form in forms:
        if form.method == "get":
            target = urlsplit(form.action).path
            for fields in (form.fields, dict.fromkeys(form.fields, "abc")):
                response = client.get(target, fields)
                # A form may ask for a download (the report with its appendix): not a page.
                if response.streaming:
                    continue
                if response.status_code < 500 and "html" in response.get("Content-Type", ""):
                    check(f"GET {target}?{urlencode(fields)}", response.content.decode())
    return client, forms, offending


ASCII_COLON_LABEL = re.compile(r"<label[^>]*>([^<]*):</label>")


def ascii_colon_labels(html: str) -> list[str]:
    """Form labels ending in an ASCII colon (Django's suffix): Japanese writes "：" or none."""
    return [f"{label}:" for label in ASCII_COLON_LABEL.findall(html)]


def test_the_colon_detector() -> None:
    assert ascii_colon_labels('<label for="x">氏名:</label><label>年齢：</label>') == ["氏名:"]


def upload_errors(client: Client, forms: list[Form]) -> Iterator[tuple[str, str]]:
    """Each upload form given files it cannot read: (where, the error page)."""
    for form in forms:
        if form.method != "post" or not form.files:
            continue
        target = urlsplit(form.action).path
        for name, content in BAD_UPLOADS:
            files = {f: SimpleUploadedFile(name, content) for f in form.files}
            response = client.post(target, {**form.fields, **files})
            assert response.status_code < 500, (target, name)
            if "html" in response.get("Content-Type", ""):
                yield f"POST {target} ({name})", response.content.decode()


def listed(offending: list[str]) -> str:
    return "\n".join(sorted({o.replace("#main:", ":") for o in offending}))


def shell_only(html: str) -> list[str]:
    """A flag, a server path or a library's own text anywhere in the page, <code> too."""
    return SHELL_ONLY.findall(" ".join(VisibleText.of(html)))


# Who, after the walk, sends files no reader accepts to every upload form it found, and what
# the error pages are checked for: neither user's carry a flag, a server path or a library's
# text; the researcher's are Japanese throughout too. In the walk's own test, since a second
# walk of the same user (a test of its own) would only find the same forms again.
UPLOADERS: dict[str, Callable[[str], list[str]]] = {
    DEMO_RESEARCHER: lambda html: shell_only(html) + english_left(html),
    "demo-analyst": shell_only,
}


@pytest.mark.parametrize("who", walkers())
def test_every_page_is_japanese(who: str) -> None:
    """…and for the UPLOADERS, every upload error too."""
    client, forms, offending = walk(who)
    assert not offending, listed(offending)
    if who not in UPLOADERS:
        return
    assert [f for f in forms if f.files], "the walk found no upload form"
    offending = [
        f"{where}: {found!r}"
        for where, html in upload_errors(client, forms)
        for found in UPLOADERS[who](html)
    ]
    assert not offending, listed(offending)


def test_error_pages_are_japanese_in_the_site_layout() -> None:
    from django.test import RequestFactory
    from django.views.defaults import server_error

    list(seed_demo())
    pages = {
        "404": signed_in("anonymous").get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="ja"),
        "403": signed_in("demo-office-worker").get("/office/audit/", HTTP_ACCEPT_LANGUAGE="ja"),
        "403_csrf": Client(enforce_csrf_checks=True).post("/accounts/login/", {}),
        "500": server_error(RequestFactory().get("/")),  # no request context, as Django sends it
    }
    headings = {
        "404": "ページが見つかりません",
        "403": "このページを開く権限がありません",
        "403_csrf": "フォームの有効期限が切れました",
        "500": "サーバーで問題が起きました",
    }
    for name, response in pages.items():
        html = response.content.decode()
        assert response.status_code == int(name[:3]), name
        assert f"<h1>{headings[name]}</h1>" in html and "本文へ移動" in html, name
        assert "favicon.svg" in html and english_left(html) == [], name


def test_english_error_page_and_the_favicon() -> None:
    client = signed_in("anonymous")
    page = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 404 and "<h1>Page not found</h1>" in page.content.decode()
    icon = client.get("/favicon.ico")
    assert icon.status_code == 301 and icon["Location"] == "/static/teichaku/favicon.svg"
    svg = client.get(icon["Location"])
    assert svg.status_code == 200 and b"<svg" in b"".join(svg.streaming_content)


def test_a_reader_error_is_said_in_the_pages_language() -> None:
    list(seed_demo())
    team = Team.objects.get(name="デモ研究チーム")
    client = signed_in(DEMO_RESEARCHER)
    pages = {
        language: client.post(
            "/desk/new/",
            {"team": str(team.pk), "xlsform": SimpleUploadedFile("f.xlsx", b"PK\x03\x04 no")},
            HTTP_ACCEPT_LANGUAGE=language,
        ).content.decode()
        for language in ("ja", "en")
    }
    assert "f.xlsx: Excel ファイルとして開けません" in pages["ja"]
    assert "not a readable XLSX file" not in pages["ja"]
    assert "f.xlsx: " in pages["en"] and "not a readable XLSX file" in pages["en"]


def test_the_operators_pages_are_japanese() -> None:
    """The operator is not a demo user: the pages from /operator/ (the office closing page,
    the reviewers page with a reviewer and a recorded change) crawled as one."""
    from teichaku.web.library import reviewers

    list(seed_demo())
    operator = get_user_model().objects.create_user("op", "op@example.org", is_superuser=True)
    extra = get_user_model().objects.create_user("editor", "editor@example.org")
    reviewers.grant(extra, operator)
    client = Client(HTTP_ACCEPT_LANGUAGE="ja")
    client.force_login(operator)
    offending: list[str] = []
    queries, _forms, errors = crawl(
        client,
        ["/operator/"],
        on_page=lambda url, html: offending.extend(f"{url}: {t!r}" for t in english_left(html)),
    )
    assert not errors, errors
    assert "/operator/reviewers/" in queries
    assert not offending, listed(offending)
