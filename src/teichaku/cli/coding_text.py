"""`teichaku coding words / kwic / network / code-network`: the words of free-text answers,
keywords in context and co-occurrence networks (`teichaku.coding.words`, `kwic`, `network`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from teichaku.cells import csv_row
from teichaku.cli.coding import EXISTING, _dump, _fail, coding
from teichaku.coding import AnswersError, CodingsError, read_answers, read_codings


def _word_options(command: Any) -> Any:
    """Options shared by words, kwic and network: question, tables, parts of speech."""
    options = [
        click.option("--question", help="この設問の回答だけ / only this question."),
        click.option(
            "--synonyms",
            "synonyms_path",
            type=EXISTING,
            help="同義語の表 CSV（見出し variant,word）/ synonyms table.",
        ),
        click.option(
            "--compounds",
            "compounds_path",
            type=EXISTING,
            help="複合語（1行に1語、まとめて1語に数える）/ compound words, one per line.",
        ),
        click.option(
            "--stop-words",
            "stop_words_path",
            type=EXISTING,
            help="ストップワード（1行に1語、既定の表に加える）/ stop words to add.",
        ),
        click.option(
            "--no-default-stop-words", is_flag=True, help="既定のストップワードを使わない。"
        ),
        click.option(
            "--where",
            "where",
            help="属性で絞る ATTRIBUTE=VALUE / only answers with this attribute value.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _words_input(
    answers_path: Path,
    question: str | None,
    synonyms_path: Path | None,
    compounds_path: Path | None,
    stop_words_path: Path | None,
    no_default_stop_words: bool,
    where: str | None,
) -> tuple[Any, Any]:
    """The descriptions to read and the word tables; raises on bad input."""
    from teichaku.coding.words import WordTablesError, answers_where, read_word_tables

    answers = read_answers(answers_path)
    tables = read_word_tables(
        compounds_path, synonyms_path, stop_words_path, not no_default_stop_words
    )
    if question:
        questions = list(dict.fromkeys(a.question for a in answers))
        answers = tuple(a for a in answers if a.question == question)
        if not answers:
            raise WordTablesError(
                f"{answers_path}: 設問 {question!r} の回答がありません"
                f"（ある設問: {', '.join(questions) or 'なし'}）"
            )
    if where:
        attribute, equals, value = where.partition("=")
        if not equals:
            raise WordTablesError(f"--where {where!r}: ATTRIBUTE=VALUE の形で指定してください")
        answers = answers_where(answers, attribute.strip(), value.strip())
        if not any(a.is_description for a in answers):
            raise WordTablesError(
                f"{answers_path}: 属性 {attribute.strip()!r} が {value.strip()!r} の記述"
                "（空でない回答）がありません"
            )
    if not any(a.is_description for a in answers):
        raise WordTablesError(f"{answers_path}: 記述（空でない回答）がありません")
    return answers, tables


POS_HELP = "品詞（カンマ区切り、all ですべて）/ parts of speech."


@coding.command()
@click.argument("answers_path", metavar="ANSWERS.csv", type=EXISTING)
@_word_options
@click.option("--pos", default="名詞,動詞,形容詞,形状詞,副詞", show_default=True, help=POS_HELP)
@click.option("--min-count", default=1, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="JSON で出力 / write JSON.")
def words(answers_path: Path, pos: str, min_count: int, as_json: bool, **given: Any) -> None:
    """語の一覧: SudachiPy の正規化形ごとの品詞・出現回数・出現した記述の数（CSV）。"""
    import csv

    from teichaku.coding.words import WordTablesError, parse_pos, word_list

    try:
        answers, tables = _words_input(answers_path, **given)
        found = word_list(answers, tables, parse_pos(pos), min_count)
    except (AnswersError, WordTablesError) as error:
        return _fail(error)
    if as_json:
        return _dump(
            {
                "schema": "teichaku.words/1",
                "descriptions": found.descriptions,
                "counting": found.counting,
                "words": [w.as_dict() for w in found.words],
            }
        )
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["word", "pos", "count", "answers", "written"])
    for w in found.words:
        writer.writerow(csv_row([w.word, w.pos, w.count, w.answers, " / ".join(w.written)]))


@coding.command()
@click.argument("answers_path", metavar="ANSWERS.csv", type=EXISTING)
@click.option("--word", required=True, help="語（正規化形で照合）/ the word.")
@click.option("--window", default=20, show_default=True, type=click.IntRange(min=0))
@_word_options
@click.option("--json", "as_json", is_flag=True, help="JSON で出力 / write JSON.")
def kwic(answers_path: Path, word: str, window: int, as_json: bool, **given: Any) -> None:
    """KWIC: 語の出現ごとに前後の文脈・回答ID・属性を出す（CSV）。"""
    import csv

    from teichaku.coding.kwic import kwic as find
    from teichaku.coding.words import WordTablesError, attribute_names

    try:
        answers, tables = _words_input(answers_path, **given)
        lines = find(answers, word, tables, window)
    except (AnswersError, WordTablesError) as error:
        return _fail(error)
    if as_json:
        return _dump(
            {
                "schema": "teichaku.kwic/1",
                "word": tables.word_form(word),
                "lines": [k.as_dict() for k in lines],
            }
        )
    names = attribute_names(answers)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["response_id", "question", "left", "keyword", "right", *names])
    for k in lines:
        row = [k.response_id, k.question, k.left, k.keyword, k.right]
        writer.writerow(csv_row([*row, *(k.attributes.get(n, "") for n in names)]))


OUT_DIR = click.Path(file_okay=False, path_type=Path)


@coding.command()
@click.argument("answers_path", metavar="ANSWERS.csv", type=EXISTING)
@_word_options
@click.option("--pos", default="名詞,動詞,形容詞,形状詞,副詞", show_default=True, help=POS_HELP)
@click.option("--top", default=60, show_default=True, type=click.IntRange(min=2))
@click.option("--words", "chosen", help="語を選ぶ（カンマ区切り）/ chosen words instead of --top.")
@click.option("--min-count", default=1, show_default=True, type=click.IntRange(min=1))
@click.option("--threshold", default=0.2, show_default=True, type=click.FloatRange(0, 1))
@click.option("--attribute", help="語 × この属性の値 / words × this attribute's values.")
@click.option("--out", "out_dir", type=OUT_DIR, required=True)
def network(
    answers_path: Path,
    pos: str,
    top: int,
    chosen: str | None,
    min_count: int,
    threshold: float,
    attribute: str | None,
    out_dir: Path,
    **given: Any,
) -> None:
    """共起ネットワーク（Jaccard）: network.png/.svg/.graphml, edges.csv, nodes.csv。

    --attribute では語 × 属性の値と、χ² による特徴度 specificity.csv も書く。
    """
    from teichaku.coding.network import specificity, word_attribute_network, word_network
    from teichaku.coding.words import WordTablesError, parse_pos
    from teichaku.report.network_files import network_files, write_files

    words_given = tuple(w.strip() for w in (chosen or "").split(",") if w.strip())
    try:
        answers, tables = _words_input(answers_path, **given)
        parts = parse_pos(pos)
        if attribute:
            built = word_attribute_network(
                answers, attribute, tables, parts, top, words_given, threshold, min_count
            )
            table = specificity(answers, attribute, tables, parts, top, words_given, min_count)
        else:
            built = word_network(answers, tables, parts, top, words_given, threshold, min_count)
            table = ()
    except (AnswersError, WordTablesError) as error:
        return _fail(error)
    for path in write_files(out_dir, network_files(built, table)):
        click.echo(str(path))


@coding.command("code-network")
@click.argument("codings_path", metavar="CODINGS.csv", type=EXISTING)
@click.option("--question", help="この設問のコーディングだけ / only this question.")
@click.option("--coder", help="このコーダーのコード（既定: 一致した・決定したコード）。")
@click.option("--threshold", default=0.2, show_default=True, type=click.FloatRange(0, 1))
@click.option("--out", "out_dir", type=OUT_DIR, required=True)
def code_network(
    codings_path: Path,
    question: str | None,
    coder: str | None,
    threshold: float,
    out_dir: Path,
) -> None:
    """コード × コードの共起ネットワーク（Jaccard）。

    既定では `teichaku coding agreement` と同じく読み、表と同じ最終コーディング（一致した
    コード。食い違ったままの回答は除く）を使う。--coder でそのコーダーのコードだけ。
    """
    from teichaku.coding.agreement import final_coding
    from teichaku.coding.network import code_network as build
    from teichaku.report.network_files import network_files, write_files

    try:
        codings = read_codings(codings_path)
    except CodingsError as error:
        return _fail(error)
    questions = list(dict.fromkeys(c.question for c in codings))
    if question:
        codings = tuple(c for c in codings if c.question == question)
        if not codings:
            return _fail(
                ValueError(
                    f"{codings_path}: 設問 {question!r} のコーディングがありません"
                    f"（ある設問: {', '.join(questions)}）"
                )
            )
    coders = sorted({c.coder for c in codings})
    if coder is not None:
        if coder not in coders:
            return _fail(
                ValueError(
                    f"{codings_path}: 列 'coder', 値 {coder!r}: このコーダーはいません"
                    f"（いるコーダー: {', '.join(coders)}）"
                )
            )
        chosen = tuple(c for c in codings if c.coder == coder)
    else:
        chosen = final_coding(codings).codings
    for path in write_files(out_dir, network_files(build(chosen, threshold))):
        click.echo(str(path))
