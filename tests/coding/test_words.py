"""Word lists and KWIC, checked against SudachiPy called directly (not teichaku's tokenizer)."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sudachipy import Dictionary, SplitMode

from teichaku.cli import main
from teichaku.coding.answers import Answer, answers_to_csv
from teichaku.coding.kwic import kwic
from teichaku.coding.words import (
    DEFAULT_STOP_WORDS,
    NO_TABLES,
    WordTablesError,
    answers_where,
    parse_synonyms,
    read_word_tables,
    word_list,
    word_tables,
)

QUESTIONS = ("other_org_users_text", "self_plan_text")

CONTENT = ("名詞", "動詞", "形容詞", "形状詞", "副詞")


@cache
def _sudachi() -> Any:
    return Dictionary(dict="core").tokenizer(SplitMode.C)


def sudachi_words(text: str) -> list[tuple[str, str]]:
    """(normalised form, first POS level) of every word, straight from SudachiPy."""
    found = _sudachi().tokenize(unicodedata.normalize("NFKC", text))
    return [
        (m.normalized_form().casefold(), m.part_of_speech()[0])
        for m in found
        if m.part_of_speech()[0] not in ("補助記号", "空白")
    ]


def independent_counts(
    answers: list[Answer], keep: tuple[str, ...] | None = None, drop: frozenset[str] = frozenset()
) -> tuple[Counter[str], Counter[str]]:
    count: Counter[str] = Counter()
    answers_with: Counter[str] = Counter()
    for a in answers:
        forms = [f for f, pos in sudachi_words(a.text) if keep is None or pos in keep]
        forms = [f for f in forms if f not in drop]
        count.update(forms)
        answers_with.update(set(forms))
    return count, answers_with


Example = tuple[tuple[Answer, ...], Any, Any]


@pytest.fixture(scope="module")
def descriptions(example: Example) -> list[Answer]:
    found = [a for a in example[0] if a.is_description]
    assert [sum(a.question == q for a in found) for q in QUESTIONS] == [61, 95]
    return found


def as_counts(answers: list[Answer], **options: Any) -> tuple[Counter[str], Counter[str]]:
    words = word_list(answers, **options).words
    return Counter({w.word: w.count for w in words}), Counter({w.word: w.answers for w in words})


def test_word_counts_equal_sudachi_on_the_156_descriptions(descriptions: list[Answer]) -> None:
    assert as_counts(descriptions, pos=None) == independent_counts(descriptions)
    assert as_counts(descriptions) == independent_counts(descriptions, CONTENT)
    stop = frozenset(f for w in DEFAULT_STOP_WORDS for f, _ in sudachi_words(w))
    assert {"為る", "有る", "物"} <= stop  # written する, ある, もの; compared normalised
    counted = as_counts(descriptions, tables=word_tables())
    assert counted == independent_counts(descriptions, CONTENT, stop)
    assert word_list(descriptions).descriptions == 156


def test_each_question_alone_matches_too(descriptions: list[Answer]) -> None:
    for q in QUESTIONS:
        mine = [a for a in descriptions if a.question == q]
        assert as_counts(mine) == independent_counts(mine, CONTENT)


def test_a_synonym_table_merges_counts_exactly(descriptions: list[Answer]) -> None:
    count, answers_with = independent_counts(descriptions, CONTENT)
    units = {
        form: {a.unit for a in descriptions if form in dict(sudachi_words(a.text))}
        for form in ("企業", "事業所")
    }
    merged = word_list(descriptions, word_tables(synonyms=[("事業所", "企業")], stop_words=()))
    firm = merged.find("企業")
    assert firm is not None and merged.find("事業所") is None
    assert firm.count == count["企業"] + count["事業所"]
    # an answer with both words counts once
    assert units["企業"] & units["事業所"]
    assert firm.answers == len(units["企業"] | units["事業所"])
    assert answers_with["企業"] == len(units["企業"])
    assert {"企業", "事業所"} <= set(firm.written)
    others = {w.word: w.count for w in merged.words if w.word != "企業"}
    assert others == {w: n for w, n in count.items() if w not in {"企業", "事業所"}}


def test_a_compound_word_stays_whole(descriptions: list[Answer]) -> None:
    plain, _ = as_counts(descriptions)
    tables = word_tables(compounds=["セルフプラン", "相談支援", "相談支援専門員"], stop_words=())
    counted, _ = as_counts(descriptions, tables=tables)
    texts = [a.text for a in descriptions]
    whole = sum(t.count("相談支援専門員") for t in texts)
    assert whole == 9 and counted["相談支援専門員"] == whole  # the longer compound wins
    assert counted["相談支援"] == sum(t.count("相談支援") for t in texts) - whole
    assert counted["セルフプラン"] == sum(t.count("セルフプラン") for t in texts) == 22
    assert counted["セルフ"] == plain["セルフ"] - 22 and counted["プラン"] == plain["プラン"] - 22
    assert counted["専門員"] == plain["専門員"] - whole
    found = word_list(descriptions, tables).find("セルフプラン")
    assert found is not None and found.pos == "複合語"


KWIC_TEXTS = {
    "a1": "説明が分かりにくい。",
    "a2": "制度がわかりづらいし、手続きも判らない",
    "a3": "ようやく解った",
    "a4": "",
    "a5": "分からないことだらけで、ワカル人もいない",
    "a6": "特になし",
}


def kwic_answers() -> list[Answer]:
    return [Answer(rid, "q", text, {"role": f"r{rid}"}) for rid, text in KWIC_TEXTS.items()]


def test_kwic_finds_every_written_variant() -> None:
    lines = kwic(kwic_answers(), "わかる", window=4)
    assert [(k.response_id, k.keyword) for k in lines] == [
        ("a1", "分かり"),
        ("a2", "わかり"),
        ("a2", "判ら"),
        ("a3", "解っ"),
        ("a5", "分から"),
        ("a5", "ワカル"),
    ]
    for k in lines:
        text = KWIC_TEXTS[k.response_id]
        assert text[k.begin : k.begin + len(k.keyword)] == k.keyword
        assert k.left == text[max(0, k.begin - 4) : k.begin]
        assert k.right == text[k.begin + len(k.keyword) :][:4]
        assert k.attributes == {"role": f"r{k.response_id}"}
    assert (lines[1].left, lines[1].right) == ("制度が", "づらいし")


def test_kwic_finds_a_synonyms_variants_under_its_word() -> None:
    tables = word_tables(synonyms=[("辛い", "大変")])
    keywords = [k.keyword for k in kwic(kwic_answers(), "大変", tables)]
    assert keywords == ["づらい"]  # わかりづらい: 分かる + 辛い


def test_kwic_of_several_words_says_so_unless_a_compound() -> None:
    with pytest.raises(WordTablesError, match="'分かりにくい' は一語ではありません（分かる / 難い"):
        kwic(kwic_answers(), "分かりにくい")
    tables = word_tables(compounds=["分かりにくい"])
    assert [k.keyword for k in kwic(kwic_answers(), "分かりにくい", tables)] == ["分かりにくい"]


def test_kwic_keeps_offsets_in_the_text_as_written() -> None:
    answers = [Answer("x", "q", "ｶﾞｲﾄﾞが分かりづらい")]
    (line,) = kwic(answers, "分かる", window=10)
    assert (line.left, line.keyword, line.right) == ("ｶﾞｲﾄﾞが", "分かり", "づらい")


def test_filter_by_attribute_value() -> None:
    answers = [
        Answer("1", "q", "x", {"role": "A / B"}),
        Answer("2", "q", "y", {"role": "B"}),
        Answer("3", "q", "z", {"role": "C"}),
    ]
    assert [a.response_id for a in answers_where(answers, "role", "B")] == ["1", "2"]
    with pytest.raises(WordTablesError, match="属性 'grade' は回答ファイルにありません"):
        answers_where(answers, "grade", "A")


def test_bad_synonym_files_name_file_row_column_and_value(tmp_path: Path) -> None:
    path = tmp_path / "syn.csv"
    path.write_text("variant,word\nつらい,大変\nしんどい,\n", encoding="utf-8")
    with pytest.raises(WordTablesError, match=r"syn\.csv: 3行目, 列 'word', 値 '': 値が必要です"):
        read_word_tables(synonyms=path)
    path.write_text("from,to\n", encoding="utf-8")
    with pytest.raises(
        WordTablesError, match=r"1行目（見出し）: from, to — 見出しは variant, word"
    ):
        read_word_tables(synonyms=path)
    path.write_text("variant,word\n分かりづらい,難しい\n", encoding="utf-8")
    with pytest.raises(WordTablesError, match=r"2行目, 列 'variant', 値 '分かりづらい': 一語では"):
        read_word_tables(synonyms=path)
    path.write_text("variant,word\nつらい,大変\n大変,困難\n", encoding="utf-8")
    with pytest.raises(WordTablesError, match=r"2行目, 列 'word', 値 '大変'"):
        read_word_tables(synonyms=path)
    path.write_text("variant,word\nつらい,大変\n辛い,困難\n", encoding="utf-8")
    with pytest.raises(WordTablesError, match=r"3行目, 列 'variant', 値 '辛い': 2行目で '大変'"):
        read_word_tables(synonyms=path)
    assert parse_synonyms("\ufeffvariant,word\n,\nつらい,大変\n") == (("つらい", "大変", 3),)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["coding", *args])
    return result.exit_code, result.output


def test_cli_words_json_and_csv(
    tmp_path: Path, example: Example, descriptions: list[Answer]
) -> None:
    answers = tmp_path / "answers.csv"
    answers.write_text(answers_to_csv(example[0]), encoding="utf-8")
    synonyms = tmp_path / "synonyms.csv"
    synonyms.write_text("variant,word\n事業所,企業\n", encoding="utf-8")
    compounds = tmp_path / "compounds.txt"
    compounds.write_text("# kept whole\nセルフプラン\n", encoding="utf-8")
    args = ["words", str(answers), "--synonyms", str(synonyms), "--compounds", str(compounds)]
    code, out = run(*args, "--json", "--no-default-stop-words", "--pos", "名詞")
    assert code == 0, out
    got = {w["word"]: w["count"] for w in json.loads(out)["words"]}
    count, _ = independent_counts(descriptions, ("名詞",))
    assert got["企業"] == count["企業"] + count["事業所"] and "事業所" not in got
    assert got["セルフプラン"] == 22 and got.get("セルフ", 0) == count["セルフ"] - 22
    code, out = run(*args, "--question", "self_plan_text", "--min-count", "20")
    assert code == 0 and out.splitlines()[0] == "word,pos,count,answers,written"
    mine = [a for a in descriptions if a.question == "self_plan_text"]
    assert len(out.splitlines()) - 1 == sum(
        1
        for n in as_counts(mine, tables=read_word_tables(compounds, synonyms))[0].values()
        if n >= 20
    )


def test_cli_kwic_and_errors(tmp_path: Path) -> None:
    answers = tmp_path / "answers.csv"
    answers.write_text(answers_to_csv(kwic_answers()), encoding="utf-8")
    code, out = run("kwic", str(answers), "--word", "分かる", "--json")
    assert code == 0, out
    assert len(json.loads(out)["lines"]) == 6
    code, out = run("kwic", str(answers), "--word", "分かる", "--where", "role=ra2")
    assert code == 0 and out.splitlines()[1:] == [
        "a2,q,制度が,わかり,づらいし、手続きも判らない,ra2",
        "a2,q,制度がわかりづらいし、手続きも,判ら,ない,ra2",
    ]
    code, out = run("words", str(answers), "--where", "role=nobody")
    assert code == 2 and "属性 'role' が 'nobody' の記述（空でない回答）がありません" in out
    code, out = run("words", str(answers), "--question", "nope")
    assert code == 2 and "設問 'nope' の回答がありません（ある設問: q）" in out
    code, out = run("words", str(answers), "--pos", "名詞,なまえ")
    assert code == 2 and "品詞 なまえ は使えません" in out
    answers.write_text("response_id,question,text\nr1,,x\n", encoding="utf-8")
    code, out = run("words", str(answers))
    assert code == 2 and "answers.csv: row 2, column 'question', value ''" in out


def test_empty_descriptions_give_an_empty_list() -> None:
    assert word_list([Answer("1", "q", "")], NO_TABLES).words == ()


def test_cli_kwic_csv_neutralises_a_formula_in_the_context(tmp_path: Path) -> None:
    answers = tmp_path / "answers.csv"
    answers.write_text(
        answers_to_csv([Answer("r1", "q", "=1+1 制度がわかりづらい", {"role": "-"})]),
        encoding="utf-8",
    )
    code, out = run("kwic", str(answers), "--word", "分かる")
    assert code == 0, out
    assert out.splitlines()[1] == "r1,q,'=1+1 制度が,わかり,づらい,'-"
