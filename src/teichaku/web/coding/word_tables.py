"""A project's synonym table and compound words: read as the word core's `WordTables`, and
every write (a row added or removed, a whole table replaced from a file), each checked as a
whole table by `teichaku.coding.words.word_tables` and stored in one transaction.

The files are the CLI's: ``synonyms.csv`` (header ``variant,word``, `--synonyms`) and
``compounds.txt`` (one word per line, `--compounds`)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from teichaku.coding.words import (
    WordTables,
    WordTablesError,
    numbered_word_lines,
    parse_synonyms,
    synonyms_csv,
    word_lines,
    word_tables,
)
from teichaku.textfiles import decode
from teichaku.web.coding.models import CodingProject, CompoundWord, Synonym
from teichaku.web.coding.services import CodingInputError

MAX_LENGTH = 100  # of a variant, a word, a compound (the models' max_length)
MAX_ROWS = 5000


def _pairs(project: CodingProject) -> list[tuple[str, str]]:
    return list(project.synonyms.values_list("variant", "word"))


def _compounds(project: CodingProject) -> list[str]:
    return list(project.compounds.values_list("word", flat=True))


def tables_of(project: CodingProject) -> WordTables:
    """The project's tables with the default stop words; `WordTablesError` should a stored
    table no longer check (it was checked when saved)."""
    return _checked(_compounds(project), _pairs(project), _("同義語の表"))


def _checked(
    compounds: Sequence[str],
    synonyms: Sequence[tuple[str, str]],
    source: str,
    rows: Sequence[int] = (),
    compound_rows: Sequence[int] = (),
    compound_source: str = "",
) -> WordTables:
    if len(synonyms) > MAX_ROWS or len(compounds) > MAX_ROWS:
        raise CodingInputError(_("表は %(n)d 行までです") % {"n": MAX_ROWS})
    for i, word in enumerate(compounds):
        line = compound_rows[i] if i < len(compound_rows) else i + 1
        if len(word) > MAX_LENGTH:
            raise CodingInputError(
                _("%(source)s: %(line)d行目, 値 %(value)r: %(n)d 文字以内にしてください")
                % {
                    "source": compound_source or _("複合語の表"),
                    "line": line,
                    "value": word[:20] + "…",
                    "n": MAX_LENGTH,
                }
            )
    for i, pair in enumerate(synonyms):
        line = rows[i] if i < len(rows) else i + 1
        for column, value in zip(("variant", "word"), pair, strict=True):
            if len(value) > MAX_LENGTH:
                raise CodingInputError(
                    _(
                        "%(source)s: %(line)d行目, 列 %(column)r, 値 %(value)r: %(n)d 文字以内に"
                        "してください"
                    )
                    % {
                        "source": source,
                        "line": line,
                        "column": column,
                        "value": value[:20] + "…",
                        "n": MAX_LENGTH,
                    }
                )
    try:
        return word_tables(compounds, synonyms, source=source, rows=rows)
    except WordTablesError as error:
        raise CodingInputError(str(error)) from error


def _locked(project: CodingProject) -> None:
    """Lock the project's row (PostgreSQL) so two edits of its tables do not interleave."""
    CodingProject.objects.select_for_update().filter(pk=project.pk).first()


def _store_synonyms(project: CodingProject, pairs: Sequence[tuple[str, str]]) -> None:
    project.synonyms.all().delete()
    Synonym.objects.bulk_create(
        Synonym(project=project, position=i, variant=v, word=w)
        for i, (v, w) in enumerate(pairs, start=1)
    )


def _store_compounds(project: CodingProject, words: Sequence[str]) -> None:
    project.compounds.all().delete()
    CompoundWord.objects.bulk_create(
        CompoundWord(project=project, position=i, word=w) for i, w in enumerate(words, start=1)
    )


@transaction.atomic
def add_synonym(project: CodingProject, variant: str, word: str) -> None:
    _locked(project)
    variant, word = variant.strip(), word.strip()
    if not variant or not word:
        raise CodingInputError(_("異表記とまとめる語の両方を入力してください"))
    pairs = [*_pairs(project), (variant, word)]
    _checked(_compounds(project), pairs, _("同義語の表"))
    _store_synonyms(project, pairs)


@transaction.atomic
def add_compound(project: CodingProject, word: str) -> None:
    _locked(project)
    word = word.strip()
    if not word:
        raise CodingInputError(_("複合語を入力してください"))
    compounds = _compounds(project)
    if word in compounds:
        raise CodingInputError(_("複合語 %(w)r はすでに表にあります") % {"w": word})
    _checked([*compounds, word], _pairs(project), _("同義語の表"))
    _store_compounds(project, [*compounds, word])


@transaction.atomic
def remove_synonym(project: CodingProject, row: int) -> tuple[str, str]:
    """Remove the `row`-th synonym (1-based, as the page numbers them)."""
    _locked(project)
    pairs = _pairs(project)
    if not 1 <= row <= len(pairs):
        raise CodingInputError(_("同義語の表に %(n)d 行目はありません") % {"n": row})
    removed = pairs.pop(row - 1)
    _checked(_compounds(project), pairs, _("同義語の表"))
    _store_synonyms(project, pairs)
    return removed


@transaction.atomic
def remove_compound(project: CodingProject, row: int) -> str:
    """Remove the `row`-th compound word; refused when a synonym needs it (the synonym's
    variant would no longer be one word)."""
    _locked(project)
    compounds = _compounds(project)
    if not 1 <= row <= len(compounds):
        raise CodingInputError(_("複合語の表に %(n)d 行目はありません") % {"n": row})
    removed = compounds.pop(row - 1)
    _checked(compounds, _pairs(project), _("同義語の表"))
    _store_compounds(project, compounds)
    return removed


def _text(data: bytes, name: str) -> str:
    try:
        return decode(data, name)[0]
    except UnicodeDecodeError as error:
        raise CodingInputError(
            _("%(name)s: UTF-8 でも CP932 でも読めません。UTF-8 で保存してください")
            % {"name": name}
        ) from error


@transaction.atomic
def replace_synonyms(project: CodingProject, data: bytes, name: str) -> int:
    """The whole synonym table from a ``variant,word`` file; returns its rows."""
    _locked(project)
    try:
        rows = parse_synonyms(_text(data, name), name)
    except WordTablesError as error:
        raise CodingInputError(str(error)) from error
    pairs = [(v, w) for v, w, _line in rows]
    _checked(_compounds(project), pairs, name, [line for *_pair, line in rows])
    _store_synonyms(project, pairs)
    return len(pairs)


@transaction.atomic
def replace_compounds(project: CodingProject, data: bytes, name: str) -> int:
    """The compound words from a file of one word per line (``#`` lines and blank lines
    skipped); returns how many. The synonym table is checked against them."""
    _locked(project)
    numbered = numbered_word_lines(_text(data, name))
    words = [w for _i, w in numbered]
    seen: dict[str, int] = {}
    for i, word in numbered:
        if word in seen:
            raise CodingInputError(
                _("%(name)s: %(line)d行目, 値 %(value)r: %(first)d行目と同じ複合語です")
                % {"name": name, "line": i, "value": word, "first": seen[word]}
            )
        seen[word] = i
    _checked(words, _pairs(project), _("同義語の表"), [], [i for i, _w in numbered], name)
    _store_compounds(project, words)
    return len(words)


def synonyms_file(project: CodingProject) -> bytes:
    return synonyms_csv(_pairs(project)).encode("utf-8")


def compounds_file(project: CodingProject) -> bytes:
    return word_lines(_compounds(project)).encode("utf-8")
