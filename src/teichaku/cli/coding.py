"""`teichaku coding …`: agreement, suggestions, REFI-QDA export, words, KWIC and
co-occurrence networks for batch use."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from teichaku.coding import (
    AnswersError,
    Codebook,
    CodebookError,
    CodingsError,
    read_answers,
    read_codebook,
    read_codings,
)

EXISTING = click.Path(exists=True, dir_okay=False, path_type=Path)


def _fail(error: Exception) -> None:
    click.echo(f"error: {error}", err=True)
    sys.exit(2)


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group()
def coding() -> None:
    """自由記述のコーディング（一致度・候補・REFI-QDA・語・KWIC・共起ネットワーク）/ coding."""


@coding.command()
@click.argument("codings_path", metavar="CODINGS.csv", type=EXISTING)
@click.option(
    "--codebook",
    "codebook_path",
    type=EXISTING,
    help="Codebook CSV (its file name is the question).",
)
@click.option("--question", help="Only this question (default: every question in the file).")
def agreement(codings_path: Path, codebook_path: Path | None, question: str | None) -> None:
    """Krippendorff's α, Cohen's κ and % agreement per code and overall, as JSON.

    CODINGS.csv has the columns response_id, question, code, coder; a row with code '-'
    means the coder read the answer and gave no code.
    """
    from teichaku.coding.agreement import agreement as compute

    try:
        codings = read_codings(codings_path)
        book = (
            read_codebook(codebook_path, question or codebook_path.stem) if codebook_path else None
        )
    except (CodingsError, CodebookError) as error:
        return _fail(error)
    questions = [question] if question else list(dict.fromkeys(c.question for c in codings))
    if book is not None and not question:
        questions = [book.question]
    out: dict[str, Any] = {}
    for q in questions:
        mine = [c for c in codings if c.question == q]
        if not mine:
            return _fail(ValueError(f"{codings_path}: no codings for question {q!r}"))
        try:
            out[q] = compute(mine, book).as_dict()
        except ValueError as error:
            return _fail(ValueError(f"{codings_path}: question {q!r}: {error}"))
    _dump({"schema": "teichaku.agreement/1", "questions": out})


@coding.command()
@click.argument("answers_path", metavar="ANSWERS.csv", type=EXISTING)
@click.option("--codebook", "codebook_path", type=EXISTING, required=True, help="Codebook CSV.")
@click.option("--rules", "rules_path", type=EXISTING, help="KH Coder-style rules file.")
@click.option(
    "--codings", "codings_path", type=EXISTING, help="Codings to learn from and measure on."
)
@click.option("--question", help="Question of the answers (default: the codebook's file name).")
@click.option("--folds", default=5, show_default=True, help="Cross-validation folds.")
def suggest(
    answers_path: Path,
    codebook_path: Path,
    rules_path: Path | None,
    codings_path: Path | None,
    question: str | None,
    folds: int,
) -> None:
    """Suggest codes for the answers not yet coded, each with why, as JSON.

    With --codings, a model is learned from the coded answers and its cross-validated
    precision and recall per code are reported; with --rules, the rules' too.
    """
    from teichaku.coding.agreement import coded_sets
    from teichaku.coding.learned import LearnedSuggester
    from teichaku.coding.rules import RulesError, check_rule_codes, read_rules
    from teichaku.coding.suggest import rules_quality, suggester_quality
    from teichaku.coding.suggest import suggest as make_suggestions

    q = question or codebook_path.stem
    try:
        book: Codebook = read_codebook(codebook_path, q)
        answers = [a for a in read_answers(answers_path) if a.question == q and a.is_description]
        rules = (
            check_rule_codes(read_rules(rules_path), book, str(rules_path)) if rules_path else ()
        )
        codings = read_codings(codings_path) if codings_path else ()
    except (AnswersError, CodebookError, CodingsError, RulesError) as error:
        return _fail(error)
    if not answers:
        return _fail(ValueError(f"{answers_path}: no answers with text for question {q!r}"))
    final = coded_sets([c for c in codings if c.question == q]).get("", {})
    if codings and not final:
        coders = sorted({c.coder for c in codings})
        return _fail(
            ValueError(
                f"{codings_path}: the codings to learn from must have no coder (or be the final "
                f"coding); found coders {', '.join(coders)}"
            )
        )
    coded = [a for a in answers if a.unit in final]
    texts = [a.text for a in coded]
    labels = [frozenset(book.find(c).value for c in final[a.unit] if book.find(c)) for a in coded]  # type: ignore[union-attr]
    out: dict[str, Any] = {"schema": "teichaku.suggestions/1", "question": q, "quality": {}}
    model = None
    if coded:
        model = LearnedSuggester(book.values).fit(texts, labels)
        out["quality"]["learned"] = suggester_quality(texts, labels, book.values, folds).as_dict()
    if rules and coded:
        out["quality"]["rules"] = rules_quality(rules, texts, labels, book.values).as_dict()
    todo = [a for a in answers if a.unit not in final]
    out["suggestions"] = [
        {
            "response_id": a.response_id,
            "text": a.text,
            "codes": [s.__dict__ for s in found],
        }
        for a, found in zip(
            todo, make_suggestions([a.text for a in todo], rules, model), strict=True
        )
    ]
    _dump(out)


@coding.command("export-qdpx")
@click.argument("answers_path", metavar="ANSWERS.csv", type=EXISTING)
@click.option(
    "--codebook",
    "codebooks",
    multiple=True,
    required=True,
    help="[QUESTION=]CODEBOOK.csv, repeat per question (default question: the file name).",
)
@click.option("--codings", "codings_path", type=EXISTING, help="Codings (with coder column).")
@click.option("--name", default="teichaku", show_default=True, help="Project name.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export_qdpx(
    answers_path: Path,
    codebooks: tuple[str, ...],
    codings_path: Path | None,
    name: str,
    out_path: Path,
) -> None:
    """Write a REFI-QDA project (.qdpx) for MAXQDA, NVivo, ATLAS.ti or QualCoder."""
    from teichaku.coding.refi_qda import QdaProject, RefiQdaError, project_to_qdpx

    try:
        books = {}
        for given in codebooks:
            question, _, path = given.rpartition("=")
            file = Path(path)
            if not file.is_file():
                raise CodebookError(f"--codebook {given}: no such file {file}")
            books[question or file.stem] = read_codebook(file, question or file.stem)
        answers = read_answers(answers_path)
        codings = read_codings(codings_path) if codings_path else ()
        data = project_to_qdpx(QdaProject(name, books, answers, codings))
    except (AnswersError, CodebookError, CodingsError, RefiQdaError) as error:
        return _fail(error)
    out_path.write_bytes(data)
    click.echo(str(out_path))


@coding.command("export-qdc")
@click.argument("codebook_path", metavar="CODEBOOK.csv", type=EXISTING)
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export_qdc(codebook_path: Path, out_path: Path) -> None:
    """Write a codebook as a REFI-QDA codebook (.qdc)."""
    from teichaku.coding.refi_qda import codebook_to_qdc

    try:
        book = read_codebook(codebook_path, codebook_path.stem)
    except CodebookError as error:
        return _fail(error)
    out_path.write_bytes(codebook_to_qdc(book))
    click.echo(str(out_path))


# `coding words / kwic / network / code-network` live in coding_text.py, which adds them
# to the group above (imported last: it imports the group from here).
from teichaku.cli import coding_text  # noqa: E402, F401
