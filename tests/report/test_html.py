from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from teichaku.instrument import Instrument
from teichaku.report import render_html, study_sentence, write_figures, write_html_report
from teichaku.tabulate import SurveyTables


def _html(tables: SurveyTables, instrument: Instrument) -> str:
    return render_html(tables, generated=dt.date(2024, 2, 1))


def test_every_question_label_and_sentence(tables: SurveyTables, instrument: Instrument) -> None:
    html = _html(tables, instrument)
    for table in tables.questions:
        assert table.question.label in html
        sentence = study_sentence(table)
        if sentence:
            assert sentence in html
    assert "回答者について" in html and "就労定着支援事業所の課題" in html
    assert "307人" in html and "2024-02-01" in html


def test_sections_follow_instrument_order(tables: SurveyTables, instrument: Instrument) -> None:
    html = _html(tables, instrument)
    positions = [html.index(f'id="q-{t.question.name}"') for t in tables.questions]
    assert positions == sorted(positions)
    assert html.index("回答者について") < html.index("就労定着支援事業所の課題")
    assert html.index('id="summary"') > positions[-1]


def test_coded_table_with_counts_and_base(tables: SurveyTables, instrument: Instrument) -> None:
    html = _html(tables, instrument)
    row = re.search(
        r"企業と支援機関等との連携の課題</th><td[^>]*>([\d.]+)</td><td[^>]*>(\d+)", html
    )
    assert row is not None and row.groups() == ("31.1", "19")
    assert "記述数 61件" in html
    assert "複数のカテゴリーが付く" in html


def test_multi_choice_base_is_stated(tables: SurveyTables, instrument: Instrument) -> None:
    html = _html(tables, instrument)
    monitoring = tables.table("monitoring_methods")
    assert f"全回答数（延べ {monitoring.mentions}件）" in html  # type: ignore[union-attr]
    affiliation = tables.table("affiliation")
    assert f"1つ以上を選んだ回答者 {affiliation.cases}人" in html  # type: ignore[union-attr]


def test_summary_ranks_by_high_share(tables: SurveyTables, instrument: Instrument) -> None:
    html = _html(tables, instrument)
    summary = html[html.index('id="summary"') :]
    shares = [
        float(s) for s in re.findall(r'<td class="num">(\d+\.\d)</td><td class="mode">「', summary)
    ]
    assert len(shares) == 12
    assert shares == sorted(shares, reverse=True)


def test_cross_tables_with_statistics(tables: SurveyTables, instrument: Instrument) -> None:
    html = _html(tables, instrument)
    assert "クロス集計" in html and "クラメールのV" in html and "自由度" in html
    assert "χ²検定は行わない" in html  # multiple choice rows


def test_self_contained(tables: SurveyTables, instrument: Instrument) -> None:
    html = _html(tables, instrument)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html)
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert "url(" not in html
    images = re.findall(r'<img src="([^"]+)"', html)
    assert images and all(i.startswith("data:image/svg+xml;base64,") for i in images)
    assert 'name="viewport"' in html and "@media print" in html


def test_escapes_labels(tables: SurveyTables, instrument: Instrument) -> None:
    html = render_html(
        SurveyTables("f", "<script>alert(1)</script>", 0, ()), generated=dt.date(2024, 1, 1)
    )
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_written_report_uses_written_figures(
    tables: SurveyTables, instrument: Instrument, tmp_path: Path
) -> None:
    figures = write_figures(tables, tmp_path / "figures")
    path = tmp_path / "report.html"
    write_html_report(tables, path, figures)
    html = path.read_text(encoding="utf-8")
    assert html.count("<img ") == len(figures)


def test_items_and_coded_categories_link_to_practice_cases(
    tables: SurveyTables, instrument: Instrument
) -> None:
    links = {
        "q01_securing_users": "https://example.org/practices/?challenge=q01_securing_users",
        "other_org_users_text:collaboration": "https://example.org/practices/?challenge=c",
    }
    html = render_html(tables, generated=dt.date(2024, 2, 1), practice_links=links)
    item = html[html.index('id="q-q01_securing_users"') :]
    item = item[: item.index("</article>")]
    assert f'<a href="{links["q01_securing_users"]}">この課題に答える実践事例</a>' in item
    row = re.search(
        r"企業と支援機関等との連携の課題 <a class=\"practices\" href=\"([^\"]+)\"", html
    )
    assert row is not None and row.group(1) == links["other_org_users_text:collaboration"]
    assert html.count("実践事例</a>") == 2  # nothing for the challenges without a link
    assert "実践事例" not in _html(tables, instrument)
