"""The words of free-text answers, KH Coder style: each word as its SudachiPy normalised form
(分かりづらい and わかりにくい both give 分かる), its part of speech, how often it was written
and in how many answers.

The researcher's own tables shape what counts as a word (`WordTables`):

- **compound words** are kept whole: a run of words whose normalised forms join to the
  compound's (職場 + 定着 → 職場定着) counts once, as the compound, with the part of speech
  ``複合語``; the part-of-speech filter never drops a compound;
- **synonyms** map a variant to a word (つらい → 大変): the variant's occurrences count as
  the word's;
- **stop words** (after synonyms) are left out of the word list.

Only descriptions (non-empty answers) are read. Everything here is a pure function of the
answers and the tables; the web pages and `teichaku coding words` call the same ones.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from teichaku.cells import csv_row, read_csv_cell
from teichaku.coding.answers import Answer
from teichaku.coding.tokens import tokens
from teichaku.textfiles import read_text
from teichaku.textform import search_form

Unit = tuple[str, str]  # (response_id, question)

COMPOUND_POS = "複合語"
SYNONYM_COLUMNS = ("variant", "word")
# SudachiPy's first part-of-speech level (補助記号 and 空白 are never words here).
PARTS_OF_SPEECH: tuple[str, ...] = (
    "名詞",
    "代名詞",
    "形状詞",
    "連体詞",
    "副詞",
    "接続詞",
    "感動詞",
    "動詞",
    "形容詞",
    "助動詞",
    "助詞",
    "接頭辞",
    "接尾辞",
    "記号",
)
# Content words: what a word list of free text is read for.
DEFAULT_POS: tuple[str, ...] = ("名詞", "動詞", "形容詞", "形状詞", "副詞")
# Written as people write them; compared after normalisation (する → 為る, もの → 物).
DEFAULT_STOP_WORDS: tuple[str, ...] = (
    "する",
    "ある",
    "いる",
    "なる",
    "おる",
    "こと",
    "もの",
    "ため",
    "ところ",
    "とき",
)
COUNTING = (
    "count: every occurrence of the word in the descriptions; answers: the descriptions "
    "(non-empty answers) it occurs in at least once. Words are SudachiPy normalised forms "
    "(mode C, after NFKC, case-folded), after the compound and synonym tables."
)


class WordTablesError(ValueError):
    pass


@dataclass(frozen=True)
class Occurrence:
    """One word as written in one text: ``text[begin:end]``."""

    word: str
    pos: str
    begin: int
    end: int


@dataclass(frozen=True)
class WordTables:
    """Compound words, synonyms and stop words, already in word form (see `word_tables`)."""

    compounds: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # word → its forms
    synonyms: Mapping[str, str] = field(default_factory=dict)  # variant → word
    stop_words: frozenset[str] = frozenset()

    def word_form(self, text: str) -> str:
        """What `text`, as a researcher typed it, counts as: a compound, or the normalised
        form when it is one word (then the synonym table applies), else the text itself."""
        form = search_form(text)
        if form not in self.compounds:
            found = tokens(form)
            form = found[0].form if len(found) == 1 else form
        return self.synonyms.get(form, form)

    def parts(self, text: str) -> tuple[str, ...]:
        """The words `text` splits into when it is not one word nor a compound, else ()."""
        form = search_form(text)
        found = () if form in self.compounds else tokens(form)
        return tuple(t.form for t in found) if len(found) > 1 else ()

    def occurrences(self, text: str) -> tuple[Occurrence, ...]:
        """The words of `text` with compounds joined and synonyms applied (stop words and
        every part of speech kept: filtering is the caller's)."""
        found = tokens(text)
        forms = [t.form for t in found]
        out: list[Occurrence] = []
        i = 0
        while i < len(found):
            end, compound = self._compound_at(forms, i)
            if compound:
                out.append(Occurrence(compound, COMPOUND_POS, found[i].begin, found[end - 1].end))
                i = end
                continue
            t = found[i]
            out.append(Occurrence(self.synonyms.get(t.form, t.form), t.pos, t.begin, t.end))
            i += 1
        return tuple(out)

    def _compound_at(self, forms: Sequence[str], start: int) -> tuple[int, str]:
        best = (start, "")
        for compound, parts in self.compounds.items():
            target = "".join(parts)
            joined = ""
            for end in range(start, len(forms)):
                joined += forms[end]
                if joined == target and end + 1 > best[0]:
                    best = (end + 1, self.synonyms.get(compound, compound))
                if not target.startswith(joined):
                    break
        return best


NO_TABLES = WordTables()


def word_tables(
    compounds: Iterable[str] = (),
    synonyms: Iterable[tuple[str, str]] = (),
    stop_words: Iterable[str] = DEFAULT_STOP_WORDS,
    source: str = "synonyms",
    rows: Sequence[int] = (),
) -> WordTables:
    """Tables from words as people type them; synonyms as (variant, word) pairs, `rows`
    their lines in `source` for error messages.

    >>> tables = word_tables(compounds=["職場定着"], synonyms=[("つらい", "大変")])
    >>> [o.word for o in tables.occurrences("職場定着がつらい")]
    ['職場定着', 'が', '大変']
    """
    forms = {search_form(c): tuple(t.form for t in tokens(search_form(c))) for c in compounds}
    plain = WordTables({c: parts for c, parts in forms.items() if c})
    mapping: dict[str, str] = {}
    line_of: dict[str, int] = {}
    for i, (variant, word) in enumerate(synonyms):
        line = rows[i] if i < len(rows) else i + 1
        key, target = plain.word_form(variant), plain.word_form(word)
        split = plain.parts(variant)
        if split:
            parts = " / ".join(split)
            raise WordTablesError(
                f"{source}: {line}行目, 列 'variant', 値 {variant!r}: 一語ではありません"
                f"（{parts} に分かれます）。一語として数えるには複合語の表に加えてください"
            )
        if key in mapping and mapping[key] != target:
            raise WordTablesError(
                f"{source}: {line}行目, 列 'variant', 値 {variant!r}: {line_of[key]}行目で "
                f"{mapping[key]!r} にまとめています。一つの異表記は一つの語にだけまとめられます"
            )
        if key != target:
            mapping[key], line_of[key] = target, line
    for key, target in mapping.items():
        if target in mapping:
            raise WordTablesError(
                f"{source}: {line_of[key]}行目, 列 'word', 値 {target!r}: この語は "
                f"{line_of[target]}行目で異表記（variant）として {mapping[target]!r} に"
                "まとめられています。まとめ先は異表記にできません"
            )
    tables = WordTables(plain.compounds, mapping)
    return WordTables(
        tables.compounds, mapping, frozenset(tables.word_form(w) for w in stop_words if w)
    )


@dataclass(frozen=True)
class Word:
    word: str
    pos: str  # the part of speech it was most often written as
    count: int  # occurrences
    answers: int  # descriptions it occurs in
    written: tuple[str, ...]  # how it was written, most often first

    def as_dict(self) -> dict[str, object]:
        return {**self.__dict__, "written": list(self.written)}


@dataclass(frozen=True)
class WordList:
    words: tuple[Word, ...]  # by count, then answers, then word
    descriptions: int
    counting: str = COUNTING

    def find(self, word: str) -> Word | None:
        return next((w for w in self.words if w.word == word), None)


def kept(
    occurrences: Iterable[Occurrence], tables: WordTables, pos: Collection[str] | None
) -> list[Occurrence]:
    """The occurrences a word list counts: not stop words, of the parts of speech asked for
    (``None``: every one); compounds always."""
    return [
        o
        for o in occurrences
        if o.word not in tables.stop_words
        and (pos is None or o.pos in pos or o.pos == COMPOUND_POS)
    ]


def words_by_answer(
    answers: Iterable[Answer],
    tables: WordTables = NO_TABLES,
    pos: Collection[str] | None = DEFAULT_POS,
) -> dict[Unit, list[Occurrence]]:
    """Each description's counted words, in the order written."""
    return {
        a.unit: kept(tables.occurrences(a.text), tables, pos) for a in answers if a.is_description
    }


def word_list(
    answers: Sequence[Answer],
    tables: WordTables = NO_TABLES,
    pos: Collection[str] | None = DEFAULT_POS,
    min_count: int = 1,
) -> WordList:
    """Every word of the descriptions with its count and the answers it occurs in.

    >>> from teichaku.coding.answers import Answer
    >>> answers = [Answer("1", "q", "職場がつらい"), Answer("2", "q", "辛い職場、辛い通勤")]
    >>> [(w.word, w.pos, w.count, w.answers) for w in word_list(answers).words]
    [('辛い', '形容詞', 3, 2), ('職場', '名詞', 2, 2), ('通勤', '名詞', 1, 1)]
    """
    texts = {a.unit: a.text for a in answers}
    by_answer = words_by_answer(answers, tables, pos)
    count: Counter[str] = Counter()
    in_answers: Counter[str] = Counter()
    pos_seen: dict[str, Counter[str]] = defaultdict(Counter)
    written: dict[str, Counter[str]] = defaultdict(Counter)
    for unit, found in by_answer.items():
        for o in found:
            count[o.word] += 1
            pos_seen[o.word][o.pos] += 1
            written[o.word][texts[unit][o.begin : o.end]] += 1
        in_answers.update({o.word for o in found})
    words = [
        Word(
            word,
            pos_seen[word].most_common(1)[0][0],
            n,
            in_answers[word],
            tuple(w for w, _ in written[word].most_common()),
        )
        for word, n in count.items()
        if n >= min_count
    ]
    words.sort(key=lambda w: (-w.count, -w.answers, w.word))
    return WordList(tuple(words), len(by_answer))


def parse_pos(given: str) -> tuple[str, ...] | None:
    """``名詞,動詞`` → the parts of speech; ``all`` → ``None`` (every one).

    >>> parse_pos("名詞, 動詞")
    ('名詞', '動詞')
    """
    if given.strip() == "all":
        return None
    chosen = tuple(p.strip() for p in given.replace("、", ",").split(",") if p.strip())
    unknown = [p for p in chosen if p not in PARTS_OF_SPEECH]
    if unknown or not chosen:
        raise WordTablesError(
            f"品詞 {', '.join(unknown) or repr(given)} は使えません"
            f"（使える品詞: {', '.join(PARTS_OF_SPEECH)}、または all）"
        )
    return chosen


def attribute_names(answers: Iterable[Answer]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for a in answers for name in a.attributes))


def answers_where(answers: Sequence[Answer], attribute: str, value: str) -> tuple[Answer, ...]:
    """The answers whose `attribute` is `value` (or, for a multiple-choice attribute written
    as ``A / B``, includes it).

    >>> from teichaku.coding.answers import Answer
    >>> answers = [Answer("1", "q", "x", {"role": "A / B"}), Answer("2", "q", "y", {"role": "B"})]
    >>> [a.response_id for a in answers_where(answers, "role", "A")]
    ['1']
    """
    names = attribute_names(answers)
    if attribute not in names:
        raise WordTablesError(
            f"属性 {attribute!r} は回答ファイルにありません"
            f"（ある属性: {', '.join(names) or 'なし'}）"
        )
    return tuple(
        a
        for a in answers
        if a.attributes.get(attribute) == value
        or value in a.attributes.get(attribute, "").split(" / ")
    )


def parse_word_lines(text: str) -> tuple[str, ...]:
    """A compounds or stop-words file: one word per line; blank lines and lines starting
    with ``#`` are skipped."""
    return tuple(word for _line, word in numbered_word_lines(text))


def numbered_word_lines(text: str) -> tuple[tuple[int, str], ...]:
    """(line number, word) of each word `parse_word_lines` reads."""
    lines = ((i, line.strip()) for i, line in enumerate(text.splitlines(), start=1))
    return tuple((i, line) for i, line in lines if line and not line.startswith("#"))


def parse_synonyms(text: str, source: str = "synonyms") -> tuple[tuple[str, str, int], ...]:
    """A synonyms CSV with the header ``variant,word``: (variant, word, line) per row."""
    reader = csv.reader(io.StringIO(text))
    header = [cell.strip().lstrip("\ufeff") for cell in next(reader, [])]
    if header[:2] != list(SYNONYM_COLUMNS):
        raise WordTablesError(
            f"{source}: 1行目（見出し）: {', '.join(header) or '空'} — "
            f"見出しは {', '.join(SYNONYM_COLUMNS)} にしてください"
        )
    rows: list[tuple[str, str, int]] = []
    for line, row in enumerate(reader, start=2):
        cells = [read_csv_cell(cell.strip()) for cell in row]
        if not any(cells):
            continue
        for column, value in zip(SYNONYM_COLUMNS, [*cells, "", ""], strict=False):
            if not value:
                raise WordTablesError(
                    f"{source}: {line}行目, 列 {column!r}, 値 '': 値が必要です"
                    "（異表記 variant と、まとめる語 word）"
                )
        rows.append((cells[0], cells[1], line))
    return tuple(rows)


def synonyms_csv(rows: Iterable[tuple[str, str]]) -> str:
    """(variant, word) rows as the synonyms file `parse_synonyms` reads back.

    >>> synonyms_csv([("つらい", "大変")])
    'variant,word\\nつらい,大変\\n'
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SYNONYM_COLUMNS)
    writer.writerows(csv_row(row) for row in rows)
    return out.getvalue()


def word_lines(words: Iterable[str]) -> str:
    """Words one per line, as `parse_word_lines` reads them back."""
    return "".join(f"{word}\n" for word in words)


def read_word_tables(
    compounds: Path | None = None,
    synonyms: Path | None = None,
    stop_words: Path | None = None,
    default_stop_words: bool = True,
) -> WordTables:
    """Tables from files (UTF-8, BOM or CP932); `stop_words` adds to the default list
    unless `default_stop_words` is false."""
    rows = parse_synonyms(read_text(synonyms), str(synonyms)) if synonyms else ()
    extra = parse_word_lines(read_text(stop_words)) if stop_words else ()
    return word_tables(
        parse_word_lines(read_text(compounds)) if compounds else (),
        [(variant, word) for variant, word, _ in rows],
        (*(DEFAULT_STOP_WORDS if default_stop_words else ()), *extra),
        str(synonyms),
        [line for _, _, line in rows],
    )
