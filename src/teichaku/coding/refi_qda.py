"""REFI-QDA exchange: codebooks as ``.qdc`` and whole coding projects as ``.qdpx``.

The formats are the REFI-QDA standard's (www.qdasoftware.org; Codebook.xsd and
Project-mrt2019.xsd, namespaces ``urn:QDA-XML:codebook:1.0`` and ``urn:QDA-XML:project:1.0``),
so MAXQDA, NVivo, ATLAS.ti and QualCoder open them. How teichaku maps onto them:

- each text question is a non-codable parent code; its codes are codable children (a code's
  own ``parent`` nests it further). A code's description carries its definition, inclusion,
  exclusion and examples as labelled lines and its teichaku value as ``code: …``;
- each description (non-empty answer) is a TextSource named ``<response_id>/<question>``,
  its text in ``sources/<guid>.txt``; each code given is a Coding of a PlainTextSelection
  spanning the whole answer, created by the coder's User;
- each respondent is a Case with the attributes as Text variables, referring to their sources;
- memos are Notes referred to from the source.

GUIDs are derived from names (uuid5), so the same project exports the same file.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lxml import etree

from teichaku.coding.answers import Answer
from teichaku.coding.codebook import Code, Codebook, check_codebook
from teichaku.coding.codings import NO_CODE, Coding

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_ROOT = uuid.UUID("5d0c3b8e-6f3c-4f0e-9a57-7465696368a1")  # teichaku's namespace for uuid5
_FIELDS = (
    ("definition", "定義"),
    ("inclusion", "含める"),
    ("exclusion", "除く"),
    ("examples", "例"),
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class RefiQdaError(ValueError):
    pass


def guid(*parts: str) -> str:
    return str(uuid.uuid5(_ROOT, "\x1f".join(parts)))


def _description(code: Code) -> str:
    lines = [f"{name}: {getattr(code, attr)}" for attr, name in _FIELDS if getattr(code, attr)]
    return "\n".join([*lines, f"code: {code.value}"])


def _parse_description(text: str, name: str) -> dict[str, str]:
    fields = {"value": name}
    by_name = {label: attr for attr, label in _FIELDS}
    current: str | None = None
    for line in text.splitlines():
        key, sep, rest = line.partition(": ")
        if sep and key in by_name:
            current = by_name[key]
            fields[current] = rest
        elif sep and key == "code":
            fields["value"], current = rest, None
        elif current is not None:
            fields[current] += "\n" + line
        elif line.strip():
            fields["definition"] = (fields.get("definition", "") + "\n" + line).strip()
    return fields


def _code_elements(parent: etree._Element, ns: str, codebook: Codebook, top: str | None) -> None:
    for code in codebook.children(top):
        element = etree.SubElement(
            parent,
            f"{{{ns}}}Code",
            guid=guid("code", codebook.question, code.value),
            name=code.label,
            isCodable="true",
        )
        etree.SubElement(element, f"{{{ns}}}Description").text = _description(code)
        _code_elements(element, ns, codebook, code.value)


def _codes_from(element: etree._Element, ns: str, question: str, parent: str | None) -> list[Code]:
    codes = []
    for child in element.findall(f"{{{ns}}}Code"):
        described = child.find(f"{{{ns}}}Description")
        fields = _parse_description(
            described.text or "" if described is not None else "", child.get("name", "")
        )
        value = fields.pop("value")
        codes.append(Code(value=value, label=child.get("name", value), parent=parent, **fields))
        codes += _codes_from(child, ns, question, value)
    return codes


def codebook_to_qdc(codebook: Codebook) -> bytes:
    """The codebook as a REFI-QDA ``.qdc`` file (UTF-8 XML)."""
    root = etree.Element(
        f"{{{CODEBOOK_NS}}}CodeBook",
        nsmap={None: CODEBOOK_NS},  # type: ignore[dict-item]
        origin="teichaku",
    )
    codes = etree.SubElement(root, f"{{{CODEBOOK_NS}}}Codes")
    _code_elements(codes, CODEBOOK_NS, codebook, None)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))


def codebook_from_qdc(data: bytes, question: str, source: str = "codebook.qdc") -> Codebook:
    """Read a ``.qdc`` codebook; codes from other tools take their name as value."""
    root = _parse(data, source)
    codes = root.find(f"{{{CODEBOOK_NS}}}Codes")
    if root.tag != f"{{{CODEBOOK_NS}}}CodeBook" or codes is None:
        raise RefiQdaError(f"{source}: not a REFI-QDA codebook (CodeBook/Codes expected)")
    return _checked(
        Codebook(question, tuple(_codes_from(codes, CODEBOOK_NS, question, None))), source
    )


def _checked(codebook: Codebook, source: str) -> Codebook:
    seen: set[str] = set()
    for code in codebook.codes:
        if code.value in seen:
            raise RefiQdaError(f"{source}: code {code.value!r} appears twice")
        seen.add(code.value)
    return check_codebook(codebook, source)


def _parse(data: bytes, source: str) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise RefiQdaError(f"{source}: not well-formed XML: {error}") from error


@dataclass(frozen=True)
class QdaProject:
    """Everything a coding project exchanges: codebooks per question, answers with their
    attributes, each coder's codings, and memos keyed by (response_id, question, coder)."""

    name: str
    codebooks: Mapping[str, Codebook]
    answers: Sequence[Answer]
    codings: Sequence[Coding]
    memos: Mapping[tuple[str, str, str], str] = field(default_factory=dict)
    question_labels: Mapping[str, str] = field(default_factory=dict)


def project_to_qdpx(project: QdaProject) -> bytes:
    """The project as a REFI-QDA ``.qdpx`` archive: ``project.qde`` plus ``sources/*.txt``."""
    p = PROJECT_NS
    for c in project.codings:
        book = project.codebooks.get(c.question)
        if c.code != NO_CODE and (book is None or c.code not in book.values):
            accepted = ", ".join(book.values) if book else "(no codebook for this question)"
            raise RefiQdaError(
                f"coding of {c.response_id!r}, question {c.question!r}: code {c.code!r} is not "
                f"in the codebook; accepted: {accepted}"
            )

    def sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
        return etree.SubElement(parent, f"{{{p}}}{tag}", attrib=attributes)

    root = etree.Element(
        f"{{{p}}}Project",
        nsmap={None: p},  # type: ignore[dict-item]
        name=project.name,
        origin="teichaku",
    )
    coders = sorted({c.coder for c in project.codings} | {k[2] for k in project.memos})
    if coders:
        users = sub(root, "Users")
        for coder in coders:
            sub(users, "User", guid=guid("user", coder), name=coder or "(unnamed)", id=coder)
    codes = sub(sub(root, "CodeBook"), "Codes")
    for question, codebook in project.codebooks.items():
        top = sub(
            codes,
            "Code",
            guid=guid("question", question),
            name=project.question_labels.get(question, question),
            isCodable="false",
        )
        sub(top, "Description").text = f"question: {question}"
        _code_elements(top, p, codebook, None)
    attributes: list[str] = []
    for answer in project.answers:
        attributes += [n for n in answer.attributes if n not in attributes]
    if attributes:
        variables = sub(root, "Variables")
        for name in attributes:
            sub(
                variables, "Variable", guid=guid("variable", name), name=name, typeOfVariable="Text"
            )
    described = [a for a in project.answers if a.is_description]
    by_respondent: dict[str, list[Answer]] = {}
    for answer in described:
        by_respondent.setdefault(answer.response_id, []).append(answer)
    if by_respondent:
        cases = sub(root, "Cases")
        for rid, answers in by_respondent.items():
            case = sub(cases, "Case", guid=guid("case", rid), name=rid)
            for name in attributes:
                value = sub(case, "VariableValue")
                sub(value, "VariableRef", targetGUID=guid("variable", name))
                sub(value, "TextValue").text = answers[0].attributes.get(name, "")
            for answer in answers:
                sub(case, "SourceRef", targetGUID=guid("source", *answer.unit))
    codings_of: dict[tuple[str, str], list[Coding]] = {}
    for coding in project.codings:
        codings_of.setdefault(coding.unit, []).append(coding)
    texts: dict[str, str] = {}
    notes: list[tuple[str, str, str]] = []
    if described:
        sources = sub(root, "Sources")
        for answer in described:
            source_guid = guid("source", *answer.unit)
            texts[source_guid] = answer.text
            source = sub(
                sources,
                "TextSource",
                guid=source_guid,
                name=f"{answer.response_id}/{answer.question}",
                plainTextPath=f"internal://{source_guid}.txt",
            )
            given = codings_of.get(answer.unit, [])
            if given:
                selection = sub(
                    source,
                    "PlainTextSelection",
                    guid=guid("selection", *answer.unit),
                    name=answer.text[:40],
                    startPosition="0",
                    endPosition=str(len(answer.text)),
                )
                for c in given:
                    if c.code == NO_CODE:
                        continue
                    coding_element = sub(
                        selection,
                        "Coding",
                        guid=guid("coding", *c.unit, c.code, c.coder),
                        creatingUser=guid("user", c.coder),
                    )
                    sub(coding_element, "CodeRef", targetGUID=guid("code", answer.question, c.code))
            for (rid, question, coder), memo in sorted(project.memos.items()):
                if (rid, question) == answer.unit and memo:
                    note_guid = guid("note", rid, question, coder)
                    notes.append((note_guid, coder, memo))
                    sub(source, "NoteRef", targetGUID=note_guid)
    if notes:
        notes_element = sub(root, "Notes")
        for note_guid, coder, memo in notes:
            note = sub(
                notes_element, "Note", guid=note_guid, name="memo", creatingUser=guid("user", coder)
            )
            sub(note, "PlainTextContent").text = memo
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project_qde_bytes(root))
        for source_guid, text in texts.items():
            archive.writestr(f"sources/{source_guid}.txt", text.encode("utf-8"))
    return buffer.getvalue()


def _question_marker(code: etree._Element) -> str | None:
    described = code.find(f"{{{PROJECT_NS}}}Description")
    text = (described.text or "") if described is not None else ""
    if code.get("isCodable") == "false" and text.startswith("question: "):
        return text.removeprefix("question: ").strip()
    return None


def project_qde_bytes(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))


def project_from_qdpx(data: bytes, source: str = "project.qdpx") -> QdaProject:
    """Read a ``.qdpx`` archive written by teichaku or another REFI-QDA tool.

    Sources named ``<response_id>/<question>`` keep those; others take the source name as
    response id and the question of their codes' top-level code (else ``text``). Only codings
    that cover a whole answer become codings of it.
    """
    p = PROJECT_NS
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        qde = archive.read("project.qde")
    except (zipfile.BadZipFile, KeyError) as error:
        raise RefiQdaError(f"{source}: not a .qdpx archive with project.qde: {error}") from error
    root = _parse(qde, f"{source}/project.qde")
    if root.tag != f"{{{p}}}Project":
        raise RefiQdaError(f"{source}: project.qde has no REFI-QDA Project root")
    users = {
        u.get("guid", ""): u.get("id") or u.get("name") or "" for u in root.iter(f"{{{p}}}User")
    }
    codebooks: dict[str, Codebook] = {}
    labels: dict[str, str] = {}
    code_of_guid: dict[str, tuple[str, str]] = {}
    codes_element = root.find(f"{{{p}}}CodeBook/{{{p}}}Codes")
    tops = list(codes_element) if codes_element is not None else []
    questions = [_question_marker(top) for top in tops]
    if tops and all(questions):  # teichaku's layout: one non-codable parent per question
        groups = [(q or "", top) for q, top in zip(questions, tops, strict=True)]
    elif codes_element is not None:  # another tool's: every code belongs to one question
        groups = [("text", codes_element)]
    else:
        groups = []
    for question, group in groups:
        if group.tag == f"{{{p}}}Code":
            labels[question] = group.get("name", question)
        codebooks[question] = _checked(
            Codebook(question, tuple(_codes_from(group, p, question, None))), source
        )
        for element in group.iter(f"{{{p}}}Code"):
            if element is not group:
                d = element.find(f"{{{p}}}Description")
                text = (d.text or "") if d is not None else ""
                code_value = _parse_description(text, element.get("name", ""))["value"]
                code_of_guid[element.get("guid", "")] = (question, code_value)
    variables = {v.get("guid", ""): v.get("name", "") for v in root.iter(f"{{{p}}}Variable")}
    attributes_of_source: dict[str, dict[str, str]] = {}
    for case in root.iter(f"{{{p}}}Case"):
        values: dict[str, str] = {}
        for variable_value in case.findall(f"{{{p}}}VariableValue"):
            variable_ref = variable_value.find(f"{{{p}}}VariableRef")
            text_value = variable_value.find(f"{{{p}}}TextValue")
            target = variable_ref.get("targetGUID", "") if variable_ref is not None else ""
            values[variables.get(target, "")] = (
                (text_value.text or "") if text_value is not None else ""
            )
        for source_ref in case.findall(f"{{{p}}}SourceRef"):
            attributes_of_source[source_ref.get("targetGUID", "")] = values
    notes = {n.get("guid", ""): n for n in root.iter(f"{{{p}}}Note")}
    answers: list[Answer] = []
    codings: list[Coding] = []
    memos: dict[tuple[str, str, str], str] = {}
    for text_source in root.iter(f"{{{p}}}TextSource"):
        source_guid = text_source.get("guid", "")
        content = text_source.find(f"{{{p}}}PlainTextContent")
        path = text_source.get("plainTextPath", "")
        if content is not None:
            text = content.text or ""
        elif path.startswith("internal://"):
            try:
                text = archive.read(f"sources/{path.removeprefix('internal://')}").decode("utf-8")
            except KeyError as error:
                raise RefiQdaError(f"{source}: source file {path} is missing") from error
        else:
            raise RefiQdaError(f"{source}: TextSource {text_source.get('name')!r} has no text")
        name = text_source.get("name", source_guid)
        rid, _, question = name.partition("/")
        given: list[tuple[str, str, str]] = []
        for selection in text_source.findall(f"{{{p}}}PlainTextSelection"):
            whole = selection.get("startPosition") == "0" and selection.get("endPosition") == str(
                len(text)
            )
            if not whole:
                continue
            for coding_element in selection.findall(f"{{{p}}}Coding"):
                code_ref = coding_element.find(f"{{{p}}}CodeRef")
                code_guid = code_ref.get("targetGUID", "") if code_ref is not None else ""
                found = code_of_guid.get(code_guid)
                if found is None:
                    raise RefiQdaError(f"{source}: coding of {name!r} refers to an unknown code")
                creator = users.get(coding_element.get("creatingUser", ""), "")
                given.append((found[0], found[1], creator))
        if not question:
            question = given[0][0] if given else "text"
        answers.append(Answer(rid, question, text, attributes_of_source.get(source_guid, {})))
        codings += [Coding(rid, question, value, coder) for _, value, coder in given]
        for note_ref in text_source.findall(f"{{{p}}}NoteRef"):
            note = notes.get(note_ref.get("targetGUID", ""))
            if note is not None:
                body = note.find(f"{{{p}}}PlainTextContent")
                coder = users.get(note.get("creatingUser", ""), "")
                memos[(rid, question, coder)] = (body.text or "") if body is not None else ""
    return QdaProject(root.get("name", ""), codebooks, answers, codings, memos, labels)
