"""`teichaku coding …` on real files: agreement JSON, suggestions with quality, exports."""

from __future__ import annotations

import json
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from click.testing import CliRunner
from lxml import etree

from teichaku.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "coding"
SECOND = FIXTURES / "second-set"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["coding", *args])
    return result.exit_code, result.output


def test_agreement_json_per_code_and_overall(tmp_path: Path) -> None:
    rows = ["response_id,question,code,coder"]
    rows += ["r1,q,a,x", "r1,q,a,y", "r2,q,b,x", "r2,q,a,y", "r3,q,-,x", "r3,q,-,y", "r4,q,a,x"]
    path = tmp_path / "codings.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out = run("agreement", str(path))
    assert code == 0, out
    report = json.loads(out)["questions"]["q"]
    assert report["coders"] == ["x", "y"] and report["units"] == 3
    a = next(c for c in report["codes"] if c["code"] == "a")
    # x: r1=1 r2=0 r3=0 (r4 only x: not pairable); y: r1=1 r2=1 r3=0
    expected = krippendorff.alpha(
        reliability_data=np.array([[1, 0, 0], [1, 1, 0]], dtype=float),
        level_of_measurement="nominal",
    )
    assert a["alpha"] == pytest.approx(expected)
    assert set(report["overall"]) == {"alpha", "alpha_exact_set", "kappa", "percent_agreement"}


def test_agreement_names_the_file_and_row_of_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "codings.csv"
    path.write_text("response_id,question,code,coder\nr1,q,,x\n", encoding="utf-8")
    code, out = run("agreement", str(path))
    assert code == 2
    assert "codings.csv: row 2, column 'code'" in out


def test_suggest_reports_quality_and_suggestions_with_why(tmp_path: Path) -> None:
    codings = (SECOND / "codings.csv").read_text(encoding="utf-8").splitlines()
    held_out = {"S080", "S079"}
    kept = [line for line in codings if line.split(",")[0] not in held_out]
    path = tmp_path / "codings.csv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    code, out = run(
        "suggest",
        str(SECOND / "answers.csv"),
        "--codebook",
        str(SECOND / "codebook.csv"),
        "--question",
        "wishes",
        "--rules",
        str(SECOND / "rules.txt"),
        "--codings",
        str(path),
    )
    assert code == 0, out
    data = json.loads(out)
    assert {s["response_id"] for s in data["suggestions"]} == held_out
    assert data["quality"]["learned"]["answers"] == 78
    assert data["quality"]["rules"]["micro_precision"] > 0
    s080 = next(s for s in data["suggestions"] if s["response_id"] == "S080")
    assert any(
        c["code"] == "health" and c["source"] == "rule" and "睡眠" in c["why"]
        for c in s080["codes"]
    )


def test_exports_validate(tmp_path: Path) -> None:
    qdc = tmp_path / "book.qdc"
    code, out = run("export-qdc", str(SECOND / "codebook.csv"), "--out", str(qdc))
    assert code == 0, out
    schema = etree.XMLSchema(etree.parse(str(FIXTURES / "refi-qda" / "Codebook.xsd")))
    assert schema.validate(etree.parse(str(qdc)))
    qdpx = tmp_path / "project.qdpx"
    code, out = run(
        "export-qdpx",
        str(SECOND / "answers.csv"),
        "--codebook",
        f"wishes={SECOND / 'codebook.csv'}",
        "--codings",
        str(SECOND / "codings.csv"),
        "--out",
        str(qdpx),
    )
    assert code == 0, out
    from teichaku.coding.refi_qda import project_from_qdpx

    back = project_from_qdpx(qdpx.read_bytes())
    assert len(back.answers) == 80 and len(back.codings) == 92


def test_export_refuses_codes_outside_the_codebook(tmp_path: Path) -> None:
    code, out = run(
        "export-qdpx",
        str(SECOND / "answers.csv"),
        "--codebook",
        str(SECOND / "codebook.csv"),  # question would be 'codebook', not 'wishes'
        "--codings",
        str(SECOND / "codings.csv"),
        "--out",
        str(tmp_path / "x.qdpx"),
    )
    assert code == 2 and "question 'wishes'" in out and "no codebook" in out
    assert not (tmp_path / "x.qdpx").exists()
