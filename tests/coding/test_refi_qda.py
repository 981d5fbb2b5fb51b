"""REFI-QDA: .qdc and .qdpx validate against the standard's schemas and round-trip."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from teichaku.coding import Code, Codebook, Coding
from teichaku.coding.refi_qda import (
    QdaProject,
    RefiQdaError,
    codebook_from_qdc,
    codebook_to_qdc,
    project_from_qdpx,
    project_to_qdpx,
)

SCHEMAS = Path(__file__).resolve().parents[1] / "fixtures" / "coding" / "refi-qda"


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def test_builtin_codebooks_as_qdc_validate_and_round_trip(example) -> None:  # type: ignore[no-untyped-def]
    for book in example[2].values():
        data = codebook_to_qdc(book)
        checker = schema("Codebook.xsd")
        assert checker.validate(etree.fromstring(data)), checker.error_log
        assert codebook_from_qdc(data, book.question) == book


def test_hierarchy_survives_qdc() -> None:
    book = Codebook(
        "q",
        (
            Code("parent", "親", definition="上位\n二行目"),
            Code("child", "子", inclusion="含む", parent="parent"),
            Code("other", "その他"),
        ),
    )
    back = codebook_from_qdc(codebook_to_qdc(book), "q")
    assert {c.value: c for c in back.codes} == {c.value: c for c in book.codes}


def example_project(example) -> QdaProject:  # type: ignore[no-untyped-def]
    answers, codings, codebooks = example
    two_coders = [Coding(c.response_id, c.question, c.code, "coder-a") for c in codings]
    two_coders += [Coding(c.response_id, c.question, c.code, "coder-b") for c in codings[:20]]
    first = next(a for a in answers if a.is_description)
    return QdaProject(
        "例",
        codebooks,
        answers,
        two_coders,
        {(first.response_id, first.question, "coder-a"): "メモ：要確認"},
        {"other_org_users_text": "他法人の利用者", "self_plan_text": "セルフプラン"},
    )


def test_qdpx_validates_and_round_trips(example) -> None:  # type: ignore[no-untyped-def]
    project = example_project(example)
    data = project_to_qdpx(project)
    archive = zipfile.ZipFile(io.BytesIO(data))
    qde = etree.fromstring(archive.read("project.qde"))
    checker = schema("Project-mrt2019.xsd")
    assert checker.validate(qde), checker.error_log
    sources = [n for n in archive.namelist() if n.startswith("sources/")]
    assert len(sources) == 61 + 95
    back = project_from_qdpx(data)
    assert back.name == "例"
    assert dict(back.codebooks) == dict(project.codebooks)
    described = {
        (a.unit, a.text, tuple(sorted(a.attributes.items())))
        for a in project.answers
        if a.is_description
    }
    assert {
        (a.unit, a.text, tuple(sorted(a.attributes.items()))) for a in back.answers
    } == described
    key = lambda c: (c.response_id, c.question, c.code, c.coder)  # noqa: E731
    assert sorted(map(key, back.codings)) == sorted(map(key, project.codings))
    assert dict(back.memos) == dict(project.memos)
    assert dict(back.question_labels) == dict(project.question_labels)


def test_same_project_gives_the_same_archive_contents(example) -> None:  # type: ignore[no-untyped-def]
    project = example_project(example)
    a = zipfile.ZipFile(io.BytesIO(project_to_qdpx(project)))
    b = zipfile.ZipFile(io.BytesIO(project_to_qdpx(project)))
    assert a.read("project.qde") == b.read("project.qde")


def test_broken_files_are_refused_with_the_file_named() -> None:
    with pytest.raises(RefiQdaError, match=r"x\.qdpx: not a \.qdpx"):
        project_from_qdpx(b"not a zip", "x.qdpx")
    with pytest.raises(RefiQdaError, match="not well-formed"):
        codebook_from_qdc(b"<CodeBook", "q", "x.qdc")
    with pytest.raises(RefiQdaError, match="not a REFI-QDA codebook"):
        codebook_from_qdc(b"<a/>", "q", "x.qdc")


def test_entities_are_not_expanded() -> None:
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        b'<Code guid="00000000-0000-0000-0000-000000000000" '
        b'name="&e;" isCodable="true"/></Codes></CodeBook>'
    )
    try:
        book = codebook_from_qdc(hostile, "q")
    except RefiQdaError:
        return
    assert "root:" not in book.codes[0].label
