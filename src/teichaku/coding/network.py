"""Co-occurrence networks KH Coder users read: words × words, codes × codes, and words ×
an attribute of the respondents, with the χ²-based specificity of each word to each group.

**Jaccard.** Two items (words, codes or an attribute value) co-occur in an answer when both
occur in it. With A and B the sets of answers each occurs in, the edge weight is
J = |A ∩ B| / |A ∪ B|; an edge is drawn when J ≥ the threshold (and A ∩ B is not empty).

**Communities** are found on the drawn edges by greedy modularity maximisation (Clauset–
Newman–Moore, `networkx.community.greedy_modularity_communities`, Jaccard as weight),
numbered 1, 2, … from the largest; an item with no drawn edge is its own community.

**Specificity** of word w to group v (answers whose attribute is v), from the 2 × 2 table of
answers: N answers with a value for the attribute, a = answers in v with w, n_w = answers
with w, n_v = answers in v:

    χ² = N · (N·a − n_w·n_v)² / (n_w · (N − n_w) · n_v · (N − n_v))

(Pearson's χ² with 1 degree of freedom, no continuity correction), signed + when w occurs
in v more often than expected (a > n_w·n_v / N) and − when less; undefined (``None``) when a
margin is 0. p is the upper tail of χ² with 1 degree of freedom.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass

import networkx as nx
from scipy.stats import chi2 as chi2_distribution

from teichaku.coding.answers import Answer
from teichaku.coding.codings import Coding, substantive
from teichaku.coding.words import (
    DEFAULT_POS,
    NO_TABLES,
    WordTables,
    WordTablesError,
    word_list,
    words_by_answer,
)

Unit = tuple[str, str]  # (response_id, question)
NETWORK_SCHEMA = "teichaku.network/1"


def jaccard(a: Set[object], b: Set[object]) -> float:
    """|A ∩ B| / |A ∪ B| (0 for two empty sets).

    >>> jaccard({1, 2, 3}, {2, 3, 4})
    0.5
    """
    union = len(a | b)
    return len(a & b) / union if union else 0.0


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    kind: str  # "word", "code" or "attribute"
    answers: int  # answers it occurs in
    community: int


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    jaccard: float
    both: int  # answers with both


@dataclass(frozen=True)
class Network:
    kind: str  # "words", "codes" or "words×<attribute>"
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]  # by weight, strongest first
    threshold: float
    answers: int  # the answers the sets are drawn from

    def as_dict(self) -> dict[str, object]:
        return {
            "schema": NETWORK_SCHEMA,
            "kind": self.kind,
            "threshold": self.threshold,
            "answers": self.answers,
            "nodes": [n.__dict__ for n in self.nodes],
            "edges": [e.__dict__ for e in self.edges],
        }


def cooccurrence_network(
    sets: Mapping[str, Set[Unit]],
    threshold: float,
    kind: str,
    answers: int,
    node_kind: str,
    kinds: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
    pairs: Iterable[tuple[str, str]] | None = None,
) -> Network:
    """Items (each with the answers it occurs in) → the network of their Jaccard weights;
    `pairs` limits the candidate edges (default: every pair)."""
    if not 0 <= threshold <= 1:
        raise ValueError(f"threshold: {threshold}: 0 から 1 の値を指定してください")
    names = list(sets)
    candidates = pairs or ((a, b) for i, a in enumerate(names) for b in names[i + 1 :])
    edges = []
    for a, b in candidates:
        both = len(sets[a] & sets[b])
        weight = jaccard(sets[a], sets[b])
        if both and weight >= threshold:
            edges.append(Edge(a, b, weight, both))
    edges.sort(key=lambda e: (-e.jaccard, -e.both, e.source, e.target))
    community = communities(names, edges)
    nodes = tuple(
        Node(
            n,
            (labels or {}).get(n, n),
            (kinds or {}).get(n, node_kind),
            len(sets[n]),
            community[n],
        )
        for n in names
    )
    return Network(kind, nodes, tuple(edges), threshold, answers)


def communities(names: Sequence[str], edges: Sequence[Edge]) -> dict[str, int]:
    """Community number of each item (1 = the largest); see the module docstring."""
    graph = nx.Graph()
    graph.add_nodes_from(names)
    graph.add_weighted_edges_from((e.source, e.target, e.jaccard) for e in edges)
    order = {n: i for i, n in enumerate(names)}
    groups = [sorted(g, key=order.__getitem__) for g in _modularity_groups(graph)]
    groups.sort(key=lambda g: (-len(g), order[g[0]]))
    return {n: number for number, group in enumerate(groups, start=1) for n in group}


def _modularity_groups(graph: nx.Graph) -> list[set[str]]:
    if graph.number_of_edges() == 0:
        return [{n} for n in graph.nodes]
    found: list[set[str]] = nx.community.greedy_modularity_communities(graph, weight="weight")
    return found


def word_sets(
    answers: Sequence[Answer],
    tables: WordTables = NO_TABLES,
    pos: Collection[str] | None = DEFAULT_POS,
    top: int = 60,
    words: Sequence[str] = (),
    min_count: int = 1,
) -> dict[str, frozenset[Unit]]:
    """The answers each word occurs in: the `words` chosen (as people type them), or the
    `top` words by count."""
    listed = word_list(answers, tables, pos, min_count)
    if words:
        chosen = list(dict.fromkeys(tables.word_form(w) for w in words))
        missing = [w for w in chosen if listed.find(w) is None]
        if missing:
            raise WordTablesError(
                f"語 {', '.join(missing)} は記述にありません（正規化形で照合。品詞・最小回数・"
                "ストップワードの条件も確かめてください）"
            )
    else:
        chosen = [w.word for w in listed.words[:top]]
    sets: dict[str, set[Unit]] = {w: set() for w in chosen}
    for unit, found in words_by_answer(answers, tables, pos).items():
        for o in found:
            if o.word in sets:
                sets[o.word].add(unit)
    return {w: frozenset(units) for w, units in sets.items()}


def word_network(
    answers: Sequence[Answer],
    tables: WordTables = NO_TABLES,
    pos: Collection[str] | None = DEFAULT_POS,
    top: int = 60,
    words: Sequence[str] = (),
    threshold: float = 0.2,
    min_count: int = 1,
) -> Network:
    """Words × words.

    >>> from teichaku.coding.answers import Answer
    >>> texts = ["職場の理解", "職場の理解", "職場の通勤"]
    >>> answers = [Answer(str(i), "q", t) for i, t in enumerate(texts)]
    >>> [(e.source, e.target, round(e.jaccard, 3)) for e in word_network(answers).edges]
    [('職場', '理解', 0.667), ('職場', '通勤', 0.333)]
    """
    sets = word_sets(answers, tables, pos, top, words, min_count)
    described = sum(1 for a in answers if a.is_description)
    return cooccurrence_network(sets, threshold, "words", described, "word")


def code_network(
    codings: Iterable[Coding], threshold: float = 0.2, labels: Mapping[str, str] | None = None
) -> Network:
    """Codes × codes over the coded answers (`NO_CODE` rows left out); give one coder's or
    the final coding; `labels`: each code's label for the figure (default: the code).

    >>> from teichaku.coding.codings import Coding
    >>> rows = [Coding("1", "q", "a"), Coding("1", "q", "b"), Coding("2", "q", "a")]
    >>> [(e.source, e.target, e.jaccard) for e in code_network(rows).edges]
    [('a', 'b', 0.5)]
    """
    rows = list(codings)
    sets: dict[str, set[Unit]] = defaultdict(set)
    for c in substantive(rows):
        sets[c.code].add(c.unit)
    frozen = {code: frozenset(units) for code, units in sorted(sets.items())}
    answers = len({c.unit for c in rows})
    return cooccurrence_network(frozen, threshold, "codes", answers, "code", labels=labels)


def attribute_groups(answers: Iterable[Answer], attribute: str) -> dict[str, frozenset[Unit]]:
    """The descriptions of each value of `attribute` (blank values left out); a multiple-
    choice attribute written ``A / B`` puts the answer in both groups."""
    groups: dict[str, set[Unit]] = defaultdict(set)
    seen = False
    for a in answers:
        seen = seen or attribute in a.attributes
        for value in a.attributes.get(attribute, "").split(" / "):
            if a.is_description and value.strip():
                groups[value.strip()].add(a.unit)
    if not seen:
        raise WordTablesError(f"属性 {attribute!r} は回答ファイルにありません")
    return {value: frozenset(units) for value, units in sorted(groups.items())}


def word_attribute_network(
    answers: Sequence[Answer],
    attribute: str,
    tables: WordTables = NO_TABLES,
    pos: Collection[str] | None = DEFAULT_POS,
    top: int = 60,
    words: Sequence[str] = (),
    threshold: float = 0.2,
    min_count: int = 1,
) -> Network:
    """Words × the values of one attribute: edges only between a word and a value."""
    groups = attribute_groups(answers, attribute)
    valued = set().union(*groups.values()) if groups else set()
    mine = [a for a in answers if a.unit in valued]
    sets: dict[str, frozenset[Unit]] = dict(word_sets(mine, tables, pos, top, words, min_count))
    ids = {value: f"{attribute}={value}" for value in groups}
    sets.update({ids[value]: units for value, units in groups.items()})
    pairs = [(w, ids[v]) for w in sets if w not in ids.values() for v in groups]
    return cooccurrence_network(
        sets,
        threshold,
        f"words×{attribute}",
        len(valued),
        "word",
        kinds={i: "attribute" for i in ids.values()},
        labels={i: value for value, i in ids.items()},
        pairs=pairs,
    )


@dataclass(frozen=True)
class Specificity:
    word: str
    group: str
    in_group: int  # a: answers of the group with the word
    expected: float  # n_w · n_v / N
    chi2: float | None  # signed; see the module docstring
    p: float | None

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def chi2_specificity(a: int, n_w: int, n_v: int, n: int) -> float | None:
    """Signed χ² of the 2 × 2 table (see the module docstring).

    >>> chi2_specificity(a=8, n_w=10, n_v=20, n=100)  # 100·(800 − 200)² / (10·90·20·80)
    25.0
    >>> chi2_specificity(a=0, n_w=10, n_v=20, n=100) < 0
    True
    """
    denominator = n_w * (n - n_w) * n_v * (n - n_v)
    if denominator == 0:
        return None
    value = n * (n * a - n_w * n_v) ** 2 / denominator
    return value if n * a >= n_w * n_v else -value


def specificity(
    answers: Sequence[Answer],
    attribute: str,
    tables: WordTables = NO_TABLES,
    pos: Collection[str] | None = DEFAULT_POS,
    top: int = 60,
    words: Sequence[str] = (),
    min_count: int = 1,
) -> tuple[Specificity, ...]:
    """Each word × each group of `attribute`, by group, then the most specific first."""
    groups = attribute_groups(answers, attribute)
    valued = set().union(*groups.values()) if groups else set()
    mine = [a for a in answers if a.unit in valued]
    sets = word_sets(mine, tables, pos, top, words, min_count)
    n = len(valued)
    rows = []
    for value, group in groups.items():
        for word, units in sets.items():
            a = len(units & group)
            value_chi2 = chi2_specificity(a, len(units), len(group), n)
            p = None if value_chi2 is None else float(chi2_distribution.sf(abs(value_chi2), 1))
            rows.append(Specificity(word, value, a, len(units) * len(group) / n, value_chi2, p))
    order = {value: i for i, value in enumerate(groups)}
    rows.sort(key=lambda r: (order[r.group], -(r.chi2 if r.chi2 is not None else -1e300)))
    return tuple(rows)


def to_graph(network: Network) -> nx.Graph:
    """The network as a networkx graph (node and edge attributes as in the dataclasses)."""
    graph = nx.Graph(kind=network.kind, threshold=network.threshold, answers=network.answers)
    for node in network.nodes:
        graph.add_node(
            node.id,
            label=node.label,
            kind=node.kind,
            answers=node.answers,
            community=node.community,
        )
    for e in network.edges:
        graph.add_edge(e.source, e.target, jaccard=e.jaccard, both=e.both)
    return graph
