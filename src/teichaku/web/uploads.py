"""Reading an uploaded file: whole, or refused whole when it is over the limit.

Every upload in the web app is read with `read_upload`; a file over `TEICHAKU_MAX_UPLOAD_MB`
(MB = 1024 × 1024 bytes) raises `UploadTooLarge`, saying the file, its size and the limit,
and nothing of it is read. It is a ValueError, like the readers' own errors that the views
already show beside the form; where a view does not catch it, `UploadTooLargeMiddleware`
answers 413 with the same message. The middleware also refuses a request whose body is
larger than the limit plus `FORM_SLACK` before Django reads any of it, so an oversized
upload is neither kept in a temporary file nor parsed.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from teichaku.bilingual import japanese_of

MB = 1024 * 1024
FORM_SLACK = 1 * MB  # the other fields and the multipart framing around a file at the limit


class UploadTooLarge(ValueError):
    def __init__(self, name: str, size: int, limit_mb: int) -> None:
        self.message = _(
            "ファイル「%(name)s」は %(size).1f MB あり、上限の %(limit)d MB を超えるため"
            "取り込みませんでした。%(limit)d MB 以下のファイルに分けてください。"
        ) % {"name": name, "size": size / MB, "limit": limit_mb}
        super().__init__(self.message)


def said(error: BaseException) -> str:
    """A reader's error as a page says it: the core's Japanese wording (`bilingual.worded`)
    unless the page is in English; else the error's own (English) message."""
    japanese = japanese_of(error)
    if japanese and not (get_language() or "ja").startswith("en"):
        return japanese
    return str(error)


def limit_mb() -> int:
    return int(settings.TEICHAKU_MAX_UPLOAD_MB)


def read_upload(upload: UploadedFile) -> bytes:
    """The file's bytes, all of them; `UploadTooLarge` when it is over the limit."""
    limit = limit_mb() * MB
    size = upload.size if upload.size is not None else 0
    if size > limit:
        raise UploadTooLarge(upload.name or "", size, limit_mb())
    data: bytes = upload.read(limit + 1)  # never more than the limit, whatever the size said
    if len(data) > limit:
        raise UploadTooLarge(upload.name or "", len(data), limit_mb())
    return data


class UploadTooLargeMiddleware:
    """413 with the message: before reading a body far over the limit, and for a view that
    lets `UploadTooLarge` through."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit_mb() * MB + FORM_SLACK:
            message = _(
                "送信されたデータは %(size).1f MB あり、上限の %(limit)d MB を超えるため"
                "受け付けませんでした。%(limit)d MB 以下のファイルに分けてください。"
            ) % {"size": length / MB, "limit": limit_mb()}
            response = render(request, "upload_too_large.html", {"message": message}, status=413)
            response["Connection"] = "close"  # the unread body is not ours to drain
            return response
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, error: Exception) -> HttpResponse | None:
        if not isinstance(error, UploadTooLarge):
            return None
        return render(request, "upload_too_large.html", {"message": error.message}, status=413)
