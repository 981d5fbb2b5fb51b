"""Reports: survey tables → `report.html`, `report.xlsx` and PNG/SVG figures.

>>> import tempfile
>>> from pathlib import Path
>>> from teichaku.instrument.xlsform import load_xlsform_bytes
>>> from teichaku.responses import responses_from_records
>>> from teichaku.tabulate import tabulate_survey
>>> form = load_xlsform_bytes("\\n".join([
...     "| survey |", "| | type | name | label |", "| | select_one yn | tea | 紅茶が好き |",
...     "| choices |", "| | list_name | name | label |",
...     "| | yn | yes | はい |", "| | yn | no | いいえ |",
... ]).encode(), "tea.md")
>>> tables = tabulate_survey(responses_from_records(form, [{"tea": "yes"}, {"tea": "no"}]))
>>> folder = tempfile.TemporaryDirectory()
>>> out = Path(folder.name)
>>> figures = write_figures(tables, out / "figures")
>>> write_html_report(tables, out / "report.html", figures)
>>> write_xlsx_report(tables, out / "report.xlsx")
>>> sorted(path.name for path in out.iterdir())
['figures', 'report.html', 'report.xlsx']
>>> folder.cleanup()
"""

from teichaku.report.figures import FigureFiles, write_figures
from teichaku.report.html import render_html, write_html_report
from teichaku.report.sentences import format_percent, study_sentence
from teichaku.report.xlsx import write_xlsx_report

__all__ = [
    "FigureFiles",
    "format_percent",
    "render_html",
    "study_sentence",
    "write_figures",
    "write_html_report",
    "write_xlsx_report",
]
