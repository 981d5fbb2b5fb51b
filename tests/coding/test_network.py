"""Co-occurrence networks: Jaccard weights against a direct computation, GraphML read back by
networkx, χ² specificity against scipy, the command's files."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from scipy.stats import chi2_contingency
from sudachipy import Dictionary, SplitMode

from teichaku.cli import main
from teichaku.coding.agreement import final_coding
from teichaku.coding.answers import Answer, answers_to_csv
from teichaku.coding.network import (
    attribute_groups,
    code_network,
    specificity,
    word_attribute_network,
    word_network,
)
from teichaku.coding.words import word_list
from teichaku.report.network_files import graphml, network_files

CONTENT = ("名詞", "動詞", "形容詞", "形状詞", "副詞")
Example = tuple[tuple[Answer, ...], Any, Any]


@pytest.fixture(scope="module")
def plans(example: Example) -> list[Answer]:
    return [a for a in example[0] if a.question == "self_plan_text" and a.is_description]


def sudachi_sets(answers: list[Answer]) -> dict[str, set[tuple[str, str]]]:
    """The answers each content word occurs in, straight from SudachiPy."""
    tokenizer = Dictionary(dict="core").tokenizer(SplitMode.C)
    sets: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for a in answers:
        for m in tokenizer.tokenize(unicodedata.normalize("NFKC", a.text)):
            if m.part_of_speech()[0] in CONTENT:
                sets[m.normalized_form().casefold()].add(a.unit)
    return sets


def test_word_network_jaccard_equals_a_direct_computation(plans: list[Answer]) -> None:
    network = word_network(plans, top=25, threshold=0.15)
    sets = sudachi_sets(plans)
    top = [w.word for w in word_list(plans).words[:25]]
    assert [n.id for n in network.nodes] == top
    expected = {}
    for a, b in combinations(top, 2):
        both = len(sets[a] & sets[b])
        weight = both / len(sets[a] | sets[b])
        if both and weight >= 0.15:
            expected[frozenset((a, b))] = (weight, both)
    got = {frozenset((e.source, e.target)): (e.jaccard, e.both) for e in network.edges}
    assert got == expected and len(got) > 10
    assert {n.id: n.answers for n in network.nodes} == {w: len(sets[w]) for w in top}


def test_graphml_opens_in_networkx_with_the_same_weights(plans: list[Answer]) -> None:
    network = word_network(plans, top=25, threshold=0.15)
    graph = nx.read_graphml(io.BytesIO(graphml(network)))
    assert set(graph.nodes) == {n.id for n in network.nodes}
    assert graph.number_of_edges() == len(network.edges)
    for e in network.edges:
        assert graph.edges[e.source, e.target]["jaccard"] == e.jaccard
        assert graph.edges[e.source, e.target]["both"] == e.both
    for n in network.nodes:
        assert graph.nodes[n.id]["community"] == n.community
    # communities: every edge-linked group is numbered, the largest first
    sizes = [sum(1 for n in network.nodes if n.community == c) for c in range(1, 4)]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > 1


def test_chosen_words_and_unknown_words(plans: list[Answer]) -> None:
    network = word_network(plans, words=["相談", "支援", "セルフ"], threshold=0)
    assert [n.id for n in network.nodes] == ["相談", "支援", "セルフ"]
    with pytest.raises(ValueError, match="語 存在しない語 は記述にありません"):
        word_network(plans, words=["存在しない語"])


def test_code_network_jaccard_on_the_examples_codings(example: Example) -> None:
    codings = [c for c in final_coding(example[1]).codings if c.question == "self_plan_text"]
    sets: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for c in codings:
        if c.code != "-":
            sets[c.code].add(c.unit)
    network = code_network(codings, threshold=0)
    got = {frozenset((e.source, e.target)): e.jaccard for e in network.edges}
    expected = {
        frozenset((a, b)): len(sets[a] & sets[b]) / len(sets[a] | sets[b])
        for a, b in combinations(sets, 2)
        if sets[a] & sets[b]
    }
    assert got == expected and got  # Table 15: two codes on some descriptions
    assert network.answers == 95


def test_specificity_is_pearsons_chi2_of_the_2x2_table(plans: list[Answer]) -> None:
    rows = specificity(plans, "affiliation", top=15)
    groups = attribute_groups(plans, "affiliation")
    valued = set().union(*groups.values())
    sets = sudachi_sets([a for a in plans if a.unit in valued])
    n = len(valued)
    checked = 0
    for r in rows:
        a = len(sets[r.word] & groups[r.group])
        table = [
            [a, len(sets[r.word]) - a],
            [len(groups[r.group]) - a, n - len(sets[r.word]) - len(groups[r.group]) + a],
        ]
        assert r.in_group == a
        if min(len(sets[r.word]), len(groups[r.group])) == 0 or len(groups[r.group]) == n:
            assert r.chi2 is None
            continue
        statistic, p, _, expected = chi2_contingency(table, correction=False)
        assert r.chi2 is not None and abs(r.chi2) == pytest.approx(statistic)
        assert r.p == pytest.approx(p)
        assert (r.chi2 > 0) == (a > expected[0][0])
        checked += 1
    assert checked > 50


def test_word_attribute_network_links_words_to_values_only(plans: list[Answer]) -> None:
    network = word_attribute_network(plans, "affiliation", top=10, threshold=0.1)
    kinds = {n.id: n.kind for n in network.nodes}
    assert {kinds[e.source] for e in network.edges} == {"word"}
    assert {kinds[e.target] for e in network.edges} == {"attribute"}
    assert next(n for n in network.nodes if n.kind == "attribute").id.startswith("affiliation=")


def test_network_files_png_svg_graphml_csv(plans: list[Answer]) -> None:
    network = word_attribute_network(plans, "affiliation", top=10, threshold=0.1)
    files = network_files(network, specificity(plans, "affiliation", top=10))
    assert files["network.png"].startswith(b"\x89PNG")
    assert b"<svg" in files["network.svg"]
    edges = list(csv.DictReader(io.StringIO(files["edges.csv"].decode())))
    assert [(r["source"], r["target"], float(r["jaccard"])) for r in edges] == [
        (e.source, e.target, e.jaccard) for e in network.edges
    ]
    assert files["specificity.csv"].decode().startswith("group,word,in_group,expected,chi2,p")
    again = network_files(network, specificity(plans, "affiliation", top=10))
    assert again["network.svg"] == files["network.svg"]  # repeatable


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["coding", *args])
    return result.exit_code, result.output


def test_cli_network_writes_every_file(tmp_path: Path, example: Example) -> None:
    answers = tmp_path / "answers.csv"
    answers.write_text(answers_to_csv(example[0]), encoding="utf-8")
    out = tmp_path / "net"
    code, output = run(
        "network", str(answers), "--question", "self_plan_text", "--top", "20", "--out", str(out)
    )
    assert code == 0, output
    names = {"network.png", "network.svg", "network.graphml", "edges.csv", "nodes.csv"}
    assert {p.name for p in out.iterdir()} == names
    graph = nx.read_graphml(out / "network.graphml")
    assert graph.number_of_nodes() == 20
    code, output = run("network", str(answers), "--attribute", "grade", "--out", str(out / "x"))
    assert code == 2 and "属性 'grade' は回答ファイルにありません" in output
    assert not (out / "x").exists()


def test_cli_code_network(tmp_path: Path) -> None:
    codings = tmp_path / "codings.csv"
    codings.write_text(
        "response_id,question,code,coder\nr1,q,a,x\nr1,q,b,x\nr2,q,a,x\nr1,q,a,y\n",
        encoding="utf-8",
    )
    code, output = run("code-network", str(codings), "--coder", "x", "--out", str(tmp_path / "c"))
    assert code == 0, output
    graph = nx.read_graphml(tmp_path / "c" / "network.graphml")
    assert graph.edges["a", "b"]["jaccard"] == 0.5
    code, output = run("code-network", str(codings), "--coder", "z", "--out", str(tmp_path / "d"))
    assert (
        code == 2 and "列 'coder', 値 'z': このコーダーはいません（いるコーダー: x, y）" in output
    )
