"""`teichaku instrument …`: look at an instrument as teichaku reads it."""

from __future__ import annotations

import json
from typing import Any

import click

from teichaku.instrument import Instrument, InstrumentError, builtin_names, load_instrument


def instrument_as_json(instrument: Instrument, language: str = "ja") -> dict[str, Any]:
    """The instrument as plain data: each question's name, kind, label and options."""
    return {
        "form_id": instrument.form_id,
        "title": instrument.titles.get(language, instrument.title),
        "languages": list(instrument.languages),
        "questions": [
            {
                "name": question.name,
                "kind": question.kind.value,
                "label": question.labels.get(language, question.label),
                "required": question.required,
                "group": question.group,
                "relevant": question.relevant,
                "options": [
                    {"value": option.value, "label": option.labels.get(language, option.label)}
                    for option in question.options
                ],
                **(
                    {
                        "likert": {
                            "centre": question.likert.centre,
                            "high": "last" if question.likert.high_is_last else "first",
                        }
                    }
                    if question.likert
                    else {}
                ),
                **({"scores": list(question.scores or ())} if question.ordinal else {}),
            }
            for question in instrument.questions
        ],
    }


@click.group()
def instrument() -> None:
    """調査票（XLSForm）を表示する / Show survey instruments."""


@instrument.command("list")
def list_builtin() -> None:
    """組み込みの調査票 / Built-in instruments."""
    for name in builtin_names():
        click.echo(name)


@instrument.command("show")
@click.argument("name_or_path")
@click.option("--json", "as_json", is_flag=True, help="JSON で出力 / print JSON")
@click.option("--language", default="ja", show_default=True, help="label language code")
def show(name_or_path: str, as_json: bool, language: str) -> None:
    """調査票の設問と選択肢を表示する / Show an instrument's questions and options."""
    try:
        loaded = load_instrument(name_or_path)
    except InstrumentError as error:
        raise click.ClickException(str(error)) from error
    data = instrument_as_json(loaded, language)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{data['title']} ({data['form_id']})")
    for question in data["questions"]:
        click.echo(f"- {question['name']} [{question['kind']}] {question['label']}")
        for option in question["options"]:
            click.echo(f"    {option['value']}: {option['label']}")
