"""The CSV templates a researcher downloads beside an upload form: the header and two example
rows, written by the writers of our own downloads, so a template reads back as it shows.

>>> from teichaku.coding.codebook import parse_codebook
>>> [c.parent for c in parse_codebook(codebook_template(), "q").codes]
[None, 'collaboration']
"""

from __future__ import annotations

from teichaku.coding.answers import Answer, answers_to_csv
from teichaku.coding.codebook import Code, Codebook, codebook_to_csv
from teichaku.coding.codings import Coding, codings_to_csv


def codebook_template() -> str:
    """A codebook CSV: ``code, label`` required; the other columns may be left empty."""
    return codebook_to_csv(
        Codebook(
            "q",
            (
                Code(
                    "collaboration",
                    "企業との連携",
                    "企業の担当者との連絡や調整についての記述",
                    "連絡が取りにくい、担当者が替わる",
                    "本人との面談だけの記述",
                    "企業の担当者と連絡がつきにくい",
                ),
                Code(
                    "hand_over",
                    "引き継ぎ",
                    "支援の引き継ぎについての記述",
                    parent="collaboration",
                ),
            ),
        )
    )


def answers_template() -> str:
    """An answers CSV: ``response_id, question, text`` and any attribute columns after them."""
    return answers_to_csv(
        [
            Answer(
                "r001", "challenges_text", "企業の担当者と連絡がつきにくい", {"所属": "A 事業所"}
            ),
            Answer("r002", "challenges_text", "特になし", {"所属": "B 事業所"}),
        ]
    )


def codings_template() -> str:
    """A codings CSV: ``response_id, question, code`` (and ``coder``), one row per code
    given, so an answer with two codes has two rows."""
    return codings_to_csv(
        [
            Coding("r001", "challenges_text", "collaboration", ""),
            Coding("r001", "challenges_text", "hand_over", ""),
        ],
        with_coder=False,
    )


TEMPLATES = {
    "codebook.csv": codebook_template,
    "answers.csv": answers_template,
    "codings.csv": codings_template,
}
