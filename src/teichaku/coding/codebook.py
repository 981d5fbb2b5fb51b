"""Codebooks: the categories free-text answers are sorted into."""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from teichaku.textfiles import read_text

CODEBOOK_COLUMNS = ("code", "label", "definition", "inclusion", "exclusion", "examples", "parent")


def normalise(text: str) -> str:
    """NFKC and collapsed whitespace: the form in which codes and labels are compared."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class Code:
    value: str
    label: str
    definition: str = ""
    inclusion: str = ""
    exclusion: str = ""
    examples: str = ""
    parent: str | None = None


@dataclass(frozen=True)
class Codebook:
    """The ordered categories of one text question."""

    question: str
    codes: tuple[Code, ...]

    def find(self, code_or_label: str) -> Code | None:
        """The code whose value or label equals `code_or_label` after normalisation."""
        wanted = normalise(code_or_label)
        for code in self.codes:
            if wanted in (normalise(code.value), normalise(code.label)):
                return code
        return None


class CodebookError(ValueError):
    pass


def read_codebook(path: Path, question: str) -> Codebook:
    """Read a codebook CSV with columns ``code, label`` and optionally
    ``definition, inclusion, exclusion, examples, parent``."""
    rows = list(csv.DictReader(read_text(path).splitlines()))
    codes: list[Code] = []
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        value = (row.get("code") or "").strip()
        if not value:
            raise CodebookError(f"{path}: row {line}, column 'code', value '': a code is required")
        if value in seen:
            raise CodebookError(
                f"{path}: row {line}, column 'code', value {value!r}: code given twice"
            )
        seen.add(value)
        codes.append(
            Code(
                value=value,
                label=(row.get("label") or value).strip(),
                definition=(row.get("definition") or "").strip(),
                inclusion=(row.get("inclusion") or "").strip(),
                exclusion=(row.get("exclusion") or "").strip(),
                examples=(row.get("examples") or "").strip(),
                parent=(row.get("parent") or "").strip() or None,
            )
        )
    return Codebook(question, tuple(codes))


def read_codebooks(folder: Path) -> dict[str, Codebook]:
    """Every ``<question>.csv`` in `folder`, keyed by question name."""
    if not folder.is_dir():
        return {}
    return {path.stem: read_codebook(path, path.stem) for path in sorted(folder.glob("*.csv"))}
