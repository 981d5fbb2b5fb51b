"""Tokens in URLs are also arguments of commands (`teichaku responses export TOKEN`): one
that began with "-" was read as an option. `url_token` draws again until it does not."""

from __future__ import annotations

import secrets

import pytest

from teichaku.web.accounts import models


def test_a_token_never_starts_with_a_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = iter(["-Nq3", "-x", "Ab-_"])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda nbytes: next(drawn))
    assert models.url_token(16) == "Ab-_"


def test_real_tokens_keep_their_length_and_alphabet() -> None:
    tokens = [models.url_token(16) for _ in range(2000)]
    assert all(len(t) == 22 and not t.startswith("-") for t in tokens)
    assert len(set(tokens)) == len(tokens)
    assert any(t.startswith("_") for t in tokens)  # only "-" is drawn again
