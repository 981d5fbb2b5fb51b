"""A co-occurrence network's files: the figure (PNG, SVG) and the data behind it (GraphML,
edge and node lists as CSV, and the specificity table for words × attribute).

The figure uses the report's matplotlib setup (`teichaku.report.figures`: IPAexGothic from
matplotlib-fontja, repeatable PNG/SVG bytes). Nodes are placed by a seeded spring layout, so
the same network draws the same picture; node area grows with the answers an item occurs in,
edge width with its Jaccard weight, colour by community (grey: an item with no edge drawn),
attribute values as squares.
"""

from __future__ import annotations

import csv
import io
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from teichaku.cells import csv_row
from teichaku.coding.network import Network, Specificity, to_graph
from teichaku.report.figures import RC, WIDTH, figure_bytes, png_and_svg, wrap

ISOLATED = "#bdbdbd"
EDGE_COLOUR = "#9e9e9e"
PALETTE = "tab20"


def graphml(network: Network) -> bytes:
    """GraphML of `to_graph(network)`: node attributes label, kind, answers, community; edge
    attributes jaccard, both."""
    return ("\n".join(nx.generate_graphml(to_graph(network))) + "\n").encode("utf-8")


def _csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(csv_row(row) for row in rows)
    return out.getvalue()


def edges_csv(network: Network) -> str:
    """``source, target, jaccard, both``: node ids (see nodes.csv), unrounded weights."""
    return _csv(
        ("source", "target", "jaccard", "both"),
        [(e.source, e.target, repr(e.jaccard), e.both) for e in network.edges],
    )


def nodes_csv(network: Network) -> str:
    return _csv(
        ("id", "label", "kind", "answers", "community"),
        [(n.id, n.label, n.kind, n.answers, n.community) for n in network.nodes],
    )


def specificity_csv(rows: Sequence[Specificity]) -> str:
    """``group, word, in_group, expected, chi2, p``: χ² signed (+ over-represented)."""
    return _csv(
        ("group", "word", "in_group", "expected", "chi2", "p"),
        [
            (
                r.group,
                r.word,
                r.in_group,
                repr(r.expected),
                "" if r.chi2 is None else repr(r.chi2),
                "" if r.p is None else repr(r.p),
            )
            for r in rows
        ],
    )


def network_figure(network: Network) -> Figure:
    """The network drawn on its own Agg canvas (call within ``matplotlib.rc_context(RC)``)."""
    graph = to_graph(network)
    place = nx.spring_layout(graph, seed=1, weight="jaccard") if graph else {}
    sizes = Counter(n.community for n in network.nodes)
    palette = matplotlib.colormaps[PALETTE]
    colour = {}
    for number in sorted(sizes):
        # the light half of tab20, so black labels stay legible on every colour
        colour[number] = palette((2 * number - 1) % 20) if sizes[number] > 1 else ISOLATED
    figure = Figure(figsize=(WIDTH, WIDTH), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_axis_off()
    if network.edges:
        axes.add_collection(
            LineCollection(
                [(place[e.source], place[e.target]) for e in network.edges],
                linewidths=[0.5 + 4 * e.jaccard for e in network.edges],
                colors=EDGE_COLOUR,
                zorder=1,
            )
        )
    largest = max((n.answers for n in network.nodes), default=1) or 1
    for kind, marker in (("word", "o"), ("code", "o"), ("attribute", "s")):
        mine = [n for n in network.nodes if n.kind == kind]
        if mine:
            axes.scatter(
                [place[n.id][0] for n in mine],
                [place[n.id][1] for n in mine],
                s=[80 + 900 * math.sqrt(n.answers / largest) for n in mine],
                c=[colour[n.community] for n in mine],
                marker=marker,
                edgecolors="white",
                linewidths=0.8,
                zorder=2,
            )
    for n in network.nodes:
        x, y = place[n.id]
        axes.text(x, y, wrap(n.label, 10), ha="center", va="center", fontsize=8, zorder=3)
    axes.margins(0.12)
    axes.set_title(
        f"共起ネットワーク（{_title(network.kind)}、Jaccard ≧ {network.threshold:g}、"
        f"{network.answers}件の記述）",
        fontsize=10,
        loc="left",
    )
    return figure


def _title(kind: str) -> str:
    return kind.replace("words", "語").replace("codes", "コード").replace("×", " × ")


FIGURES = ("network.png", "network.svg")


def network_file(network: Network, name: str, specificity: Sequence[Specificity] = ()) -> bytes:
    """One of `network_files`'s files by its name (a figure drawn only when asked for);
    `KeyError` for a name that is not one of them."""
    if name in FIGURES:
        with matplotlib.rc_context(RC):
            return figure_bytes(network_figure(network), name.rpartition(".")[2])
    if name == "network.graphml":
        return graphml(network)
    if name == "edges.csv":
        return edges_csv(network).encode("utf-8")
    if name == "nodes.csv":
        return nodes_csv(network).encode("utf-8")
    if name == "specificity.csv" and specificity:
        return specificity_csv(specificity).encode("utf-8")
    raise KeyError(name)


def network_files(network: Network, specificity: Sequence[Specificity] = ()) -> dict[str, bytes]:
    """Every file of a network, by file name, computed before anything is written."""
    with matplotlib.rc_context(RC):
        png, svg = png_and_svg(network_figure(network))
    files = {"network.png": png, "network.svg": svg}
    for name in ("network.graphml", "edges.csv", "nodes.csv", "specificity.csv"):
        if name != "specificity.csv" or specificity:
            files[name] = network_file(network, name, specificity)
    return files


def write_files(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write `files` into `folder` (made if missing); each file whole or not at all."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        path = folder / name
        partial = folder / f".{name}.partial"
        partial.write_bytes(data)
        partial.replace(path)
        written.append(path)
    return written
