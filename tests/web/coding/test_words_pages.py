"""The word pages with Django's test client: the word list (counted against SudachiPy called
directly), the project's synonym and compound tables (rows, files, errors), KWIC and its
one-click coding, the co-occurrence network and its files, and who may do what."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter, defaultdict
from functools import cache
from itertools import combinations
from typing import Any

import networkx as nx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from sudachipy import Dictionary, SplitMode

from teichaku.coding.words import DEFAULT_STOP_WORDS
from teichaku.web.coding.models import AnswerItem, CodingProject, CompoundWord, Synonym

from .conftest import World, client_for, codings_csv, example_answers
from .test_coding_views import Q14, create, upload_codings

CONTENT = ("名詞", "動詞", "形容詞", "形状詞", "副詞")


@cache
def _tokenizer() -> Any:
    return Dictionary(dict="core").tokenizer(SplitMode.C)


def sudachi(text: str) -> list[str]:
    """Content words' normalised forms, straight from SudachiPy."""
    return [
        m.normalized_form().casefold()
        for m in _tokenizer().tokenize(unicodedata.normalize("NFKC", text))
        if m.part_of_speech()[0] in CONTENT
    ]


# the default stop words, each as SudachiPy normalises it (する → 為る, もの → 物)
STOP = {
    m.normalized_form().casefold()
    for w in DEFAULT_STOP_WORDS
    for m in Dictionary(dict="core").tokenizer(SplitMode.C).tokenize(w)
}


def texts(where: dict[str, str] | None = None) -> list[str]:
    return [
        a.text
        for a in example_answers()
        if a.question == Q14
        and a.text
        and all(a.attributes.get(k) == v for k, v in (where or {}).items())
    ]


def expected_counts(
    found: list[str], merge: dict[str, str] | None = None
) -> dict[str, tuple[int, int]]:
    count: Counter[str] = Counter()
    answers: Counter[str] = Counter()
    for text in found:
        words = [(merge or {}).get(w, w) for w in sudachi(text)]
        words = [w for w in words if w not in STOP]
        count.update(words)
        answers.update(set(words))
    return {w: (count[w], answers[w]) for w in count}


ROW = re.compile(
    r'<tr><td><a href="[^"]*kwic/\?word=[^"]*">([^<]+)</a></td>\s*<td>([^<]*)</td>'
    r'<td class="num">(\d+)</td><td class="num">(\d+)</td>'
)


def word_rows(html: str) -> dict[str, tuple[int, int]]:
    return {w: (int(c), int(a)) for w, _pos, c, a in ROW.findall(html)}


def all_words(client: Any, project: CodingProject, **query: str) -> dict[str, tuple[int, int]]:
    got: dict[str, tuple[int, int]] = {}
    page = 1
    while True:
        response = client.get(f"/coding/{project.token}/words/", {**query, "page": page})
        assert response.status_code == 200
        html = response.content.decode()
        got.update(word_rows(html))
        if "次へ" not in html:
            return got
        page += 1


@pytest.mark.django_db
def test_the_word_list_counts_as_sudachi_does_and_filters_by_attribute(world: World) -> None:
    project = create(world)
    viewer = client_for(world.viewer)
    assert all_words(viewer, project) == expected_counts(texts())
    body = next(iter({a.attributes["operating_body"] for a in example_answers()} - {""}))
    mine = all_words(viewer, project, attr="operating_body", value=body)
    assert mine == expected_counts(texts({"operating_body": body}))
    assert (
        0
        < sum(c for c, _ in mine.values())
        < sum(c for c, _ in all_words(viewer, project).values())
    )
    nouns = all_words(viewer, project, pos="名詞", min_count="3")
    assert nouns and all(c >= 3 for c, _ in nouns.values())
    response = viewer.get(f"/coding/{project.token}/words/", {"min_count": "abc", "pos": "x"})
    assert response.status_code == 400 and "最小の出現回数" in response.content.decode()


@pytest.mark.django_db
def test_synonyms_and_compounds_edited_on_the_page_change_every_word_view(world: World) -> None:
    project = create(world)
    analyst = client_for(world.analyst)
    base = f"/coding/{project.token}/words/"
    plain = all_words(analyst, project)
    analyst.post(base + "synonyms/add/", {"variant": "事業所", "word": "企業"})
    assert list(Synonym.objects.filter(project=project).values_list("variant", "word")) == [
        ("事業所", "企業")
    ]
    merged = all_words(analyst, project)
    assert "事業所" not in merged
    assert merged["企業"] == expected_counts(texts(), {"事業所": "企業"})["企業"]
    assert merged["企業"][0] == plain["企業"][0] + plain["事業所"][0]
    # compound words: kept whole
    analyst.post(base + "compounds/add/", {"word": "定着支援"})
    whole = all_words(analyst, project)
    n = sum(t.count("定着支援") for t in texts())
    assert n == 8 and whole["定着支援"][0] == n
    assert whole.get("定着", (0, 0))[0] == plain["定着"][0] - n
    # a row that is two words is refused, naming the row and the value
    page = analyst.post(
        base + "synonyms/add/", {"variant": "分かりづらい", "word": "難しい"}, follow=True
    ).content.decode()
    assert "2行目, 列 &#x27;variant&#x27;, 値 &#x27;分かりづらい&#x27;: 一語ではありません" in page
    assert Synonym.objects.filter(project=project).count() == 1
    # remove a row
    analyst.post(base + "synonyms/remove/", {"row": "1"})
    assert not Synonym.objects.filter(project=project).exists()
    assert all_words(analyst, project)["事業所"] == plain["事業所"]


@pytest.mark.django_db
def test_table_files_read_back_and_bad_rows_change_nothing(world: World) -> None:
    project = create(world)
    analyst = client_for(world.analyst)
    base = f"/coding/{project.token}/words/"
    synonyms = "variant,word\nつらい,大変\n=しんどい,大変\n".encode()
    analyst.post(base + "synonyms/upload/", {"file": SimpleUploadedFile("s.csv", synonyms)})
    analyst.post(
        base + "compounds/upload/",
        {"file": SimpleUploadedFile("c.txt", "# 一語に\n相談支援専門員\nセルフプラン\n".encode())},
    )
    assert list(project.synonyms.values_list("variant", "word")) == [
        ("つらい", "大変"),
        ("=しんどい", "大変"),
    ]
    assert list(project.compounds.values_list("word", flat=True)) == [
        "相談支援専門員",
        "セルフプラン",
    ]
    download = analyst.get(base + "download/synonyms.csv")
    assert download.content.decode() == "variant,word\nつらい,大変\n'=しんどい,大変\n"
    # the download goes back in unchanged
    analyst.post(base + "synonyms/upload/", {"file": SimpleUploadedFile("s.csv", download.content)})
    assert [s.variant for s in project.synonyms.all()] == ["つらい", "=しんどい"]
    compounds = analyst.get(base + "download/compounds.txt").content.decode()
    assert compounds == "相談支援専門員\nセルフプラン\n"
    # a bad row: the message names the file, row, column and value; nothing changes
    bad = "variant,word\n辛い,大変\nしんどい,\n".encode()
    page = analyst.post(
        base + "synonyms/upload/", {"file": SimpleUploadedFile("bad.csv", bad)}, follow=True
    ).content.decode()
    assert "bad.csv: 3行目, 列 &#x27;word&#x27;, 値 &#x27;&#x27;: 値が必要です" in page
    assert [s.variant for s in project.synonyms.all()] == ["つらい", "=しんどい"]
    twice = "相談支援\n\n相談支援\n".encode()
    page = analyst.post(
        base + "compounds/upload/", {"file": SimpleUploadedFile("twice.txt", twice)}, follow=True
    ).content.decode()
    assert "twice.txt: 3行目, 値 &#x27;相談支援&#x27;: 1行目と同じ複合語です" in page
    assert CompoundWord.objects.filter(project=project).count() == 2
    long = ("# 長すぎる\n" + "あ" * 101 + "\n").encode()
    page = analyst.post(
        base + "compounds/upload/", {"file": SimpleUploadedFile("long.txt", long)}, follow=True
    ).content.decode()
    assert "long.txt: 2行目, 値 &#x27;" + "あ" * 20 + "…&#x27;: 100 文字以内にしてください" in page
    assert CompoundWord.objects.filter(project=project).count() == 2


def kwic_rows(html: str) -> list[tuple[str, str, str]]:
    return re.findall(
        r'<td class="kwic-left">([^<]*)</td><td class="kwic-word"><mark>([^<]*)</mark></td>'
        r"<td>([^<]*)</td>",
        html,
    )


@pytest.mark.django_db
def test_kwic_shows_every_occurrence_and_one_click_codes_the_answer(world: World) -> None:
    project = create(world)
    analyst = client_for(world.analyst)
    word = "連携"
    html = analyst.get(f"/coding/{project.token}/kwic/", {"word": word}).content.decode()
    rows = kwic_rows(html)
    assert len(rows) == sum(sudachi(t).count(word) for t in texts()) > 3
    for left, keyword, right in rows:
        assert keyword == word and len(left) <= 20 and len(right) <= 20
    assert "「付ける」" not in html  # no code chosen: no buttons
    category = project.categories.first()
    assert category is not None
    first = next(a for a in project.answers.exclude(text="").order_by("position") if word in a.text)
    other = project.categories.exclude(pk=category.pk).first()
    assert other is not None
    analyst.post(
        f"/coding/{first.project.token}/answer/{first.position}/",
        {"code": [other.value], "memo": "残すメモ"},
    )
    html = analyst.get(
        f"/coding/{project.token}/kwic/", {"word": word, "code": category.value}
    ).content.decode()
    assert f"「{category.label}」を付ける" in html
    response = analyst.post(
        f"/coding/{project.token}/kwic/code/",
        {"answer": first.position, "code": category.value, "word": word, "window": "20"},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#a{first.position}")
    assert "word=%E9%80%A3%E6%90%BA" in response["Location"]
    codes = set(first.applied.values_list("category__value", flat=True))
    assert codes == {category.value, other.value}  # added, the other code kept
    assert first.reviews.get().memo == "残すメモ"
    answer_page = analyst.get(f"/coding/{project.token}/answer/{first.position}/").content.decode()
    assert f'value="{category.value}" checked' in answer_page.replace("\n", " ") or (
        re.search(rf'value="{re.escape(category.value)}"[^>]*checked', answer_page)
    )
    # an unknown code is said, nothing is stored
    page = analyst.post(
        f"/coding/{project.token}/kwic/code/",
        {"answer": first.position, "code": "nope", "word": word},
        follow=True,
    ).content.decode()
    assert "コードブックにないコードです: nope" in page
    assert first.applied.count() == 2


@pytest.mark.django_db
def test_roles_and_teams_on_the_word_pages(world: World) -> None:
    project = create(world)
    t = project.token
    answer = AnswerItem.objects.filter(project=project).exclude(text="").first()
    assert answer is not None
    code = project.categories.values_list("value", flat=True).first()
    pages = [
        "words/",
        "words/tables/",
        "words/download/synonyms.csv",
        "words/download/compounds.txt",
        "kwic/?word=連携",
        "network/",
        "network/edges.csv",
        "network/figure.svg",
    ]
    posts = {
        "words/synonyms/add/": {"variant": "つらい", "word": "大変"},
        "words/compounds/add/": {"word": "セルフプラン"},
        "words/synonyms/remove/": {"row": "1"},
        "words/compounds/upload/": {"file": SimpleUploadedFile("c.txt", b"x\n")},
        "kwic/code/": {"answer": answer.position, "code": code},
    }
    outsider, viewer = client_for(world.outsider), client_for(world.viewer)
    for path in pages:
        assert outsider.get(f"/coding/{t}/{path}").status_code == 404, path
        assert viewer.get(f"/coding/{t}/{path}").status_code == 200, path
    for path, data in posts.items():
        assert outsider.post(f"/coding/{t}/{path}", data).status_code == 404, path
        assert viewer.post(f"/coding/{t}/{path}", data).status_code == 403, path
    assert not answer.applied.exists() and not project.synonyms.exists()
    html = viewer.get(f"/coding/{t}/kwic/", {"word": "連携", "code": code}).content.decode()
    assert "を付ける" not in html and "付けるコード" not in html
    tables = viewer.get(f"/coding/{t}/words/tables/").content.decode()
    assert "同義語を追加" not in tables
    assert client_for(world.owner).get(f"/coding/{t}/words/x/remove/").status_code == 405
    assert client_for(world.owner).post(f"/coding/{t}/words/x/remove/").status_code == 404


@pytest.mark.django_db
def test_the_network_files_are_the_direct_computation(world: World) -> None:
    project = create(world)
    viewer = client_for(world.viewer)
    query = {"kind": "words", "top": "20", "threshold": "0.1"}
    page = viewer.get(f"/coding/{project.token}/network/", query)
    assert page.status_code == 200 and "figure.svg?" in page.content.decode()
    figure = viewer.get(f"/coding/{project.token}/network/figure.svg", query)
    assert figure["Content-Type"] == "image/svg+xml" and b"<svg" in figure.content
    graphml = viewer.get(f"/coding/{project.token}/network/network.graphml", query)
    graph = nx.read_graphml(io.BytesIO(graphml.content))
    sets: dict[str, set[int]] = defaultdict(set)
    for i, text in enumerate(texts()):
        for w in sudachi(text):
            if w not in STOP:
                sets[w].add(i)
    top = sorted(sets, key=lambda w: (-sum(sudachi(t).count(w) for t in texts()), -len(sets[w]), w))
    assert set(graph.nodes) == set(top[:20])
    expected = {
        frozenset((a, b)): len(sets[a] & sets[b]) / len(sets[a] | sets[b])
        for a, b in combinations(graph.nodes, 2)
        if sets[a] & sets[b] and len(sets[a] & sets[b]) / len(sets[a] | sets[b]) >= 0.1
    }
    got = {frozenset((a, b)): d["jaccard"] for a, b, d in graph.edges(data=True)}
    assert got == expected and got
    edges = viewer.get(f"/coding/{project.token}/network/edges.csv", query).content.decode()
    rows = list(csv.DictReader(io.StringIO(edges)))
    assert {frozenset((r["source"], r["target"])): float(r["jaccard"]) for r in rows} == expected
    png = viewer.get(f"/coding/{project.token}/network/network.png", query)
    assert png.content.startswith(b"\x89PNG") and "attachment" in png["Content-Disposition"]
    # words × attribute: the specificity table
    query = {"kind": "attribute", "attr": "operating_body", "threshold": "0"}
    html = viewer.get(f"/coding/{project.token}/network/", query).content.decode()
    assert "属性の値ごとの特徴語" in html
    table = viewer.get(f"/coding/{project.token}/network/specificity.csv", query)
    assert table.content.decode().startswith("group,word,in_group,expected,chi2,p")
    # codes × codes: the analyst's own codes before the comparison
    upload_codings(world.analyst, project, codings_csv(Q14))
    codes = client_for(world.analyst).get(
        f"/coding/{project.token}/network/network.graphml", {"kind": "codes", "threshold": "0"}
    )
    graph = nx.read_graphml(io.BytesIO(codes.content))
    labels = dict(project.categories.values_list("value", "label"))
    assert {graph.nodes[n]["label"] for n in graph.nodes} <= set(labels.values())
    assert graph.number_of_edges() > 0
    bad = viewer.get(f"/coding/{project.token}/network/", {"kind": "attribute"})
    assert bad.status_code == 400 and "語 × 属性には属性を選んでください" in bad.content.decode()
    assert viewer.get(f"/coding/{project.token}/network/x.exe", query).status_code == 404


@pytest.mark.django_db
def test_the_rules_editor_offers_frequent_words_and_their_kwic(world: World) -> None:
    """The codebook page loads the word list's first 40 words beside the rules (rules.js,
    driven in the browser test); here: the section, and that those words are the right ones."""
    project = create(world)
    analyst = client_for(world.analyst)
    html = analyst.get(f"/coding/{project.token}/codebook/").content.decode()
    assert f'data-words="/coding/{project.token}/words/"' in html
    assert 'id="rules-kwic"' in html and "coding/rules.js" in html
    assert 'data-insert-label="「{word}」をルールに入れる"' in html
    words = analyst.get(f"/coding/{project.token}/words/").content.decode()
    top = sorted(expected_counts(texts()).items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    assert list(word_rows(words))[:40] == [w for w, _ in top[:40]]
    viewer = client_for(world.viewer).get(f"/coding/{project.token}/codebook/").content.decode()
    assert "よく出る語" not in viewer


@pytest.mark.django_db
def test_the_suggestion_quality_page_says_what_the_figures_mean(world: World) -> None:
    project = create(world)
    upload_codings(world.analyst, project, codings_csv(Q14))
    html = client_for(world.analyst).get(f"/coding/{project.token}/suggestions/").content.decode()
    meaning = html.split('id="quality-meaning"')[1].split("</section>")[0]
    for said in ("適合率", "再現率", "候補に出たうち", "候補の見落としが少ない"):
        assert said in meaning


@pytest.mark.django_db
def test_the_word_pages_in_english(world: World) -> None:
    project = create(world)
    analyst = client_for(world.analyst)
    pages = {
        "words/": ["Word list", "Part of speech"],
        "kwic/?word=連携": ["KWIC (keywords in context)", "Characters either side"],
        "network/": ["Co-occurrence network", "Most closely linked pairs"],
        "words/tables/": ["Synonyms and compound words", "Add compound word"],
    }
    for path, phrases in pages.items():
        english = analyst.get(f"/coding/{project.token}/{path}", HTTP_ACCEPT_LANGUAGE="en")
        for phrase in phrases:
            assert phrase in english.content.decode(), (path, phrase)
