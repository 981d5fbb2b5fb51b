"""Reports: survey tables → `report.html`, `report.xlsx` and PNG/SVG figures.

>>> figures = write_figures(tables, out / "figures")  # doctest: +SKIP
>>> write_html_report(tables, out / "report.html", figures)  # doctest: +SKIP
>>> write_xlsx_report(tables, out / "report.xlsx")  # doctest: +SKIP
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
