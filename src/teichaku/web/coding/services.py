"""Every write of the coding app, each in one transaction, and the conversions that hand
the project's data to the coding core (`teichaku.coding`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction

from teichaku.coding import Answer, Code, Codebook, Coding
from teichaku.coding.agreement import FinalCoding, final_coding
from teichaku.coding.codebook import code_problem
from teichaku.coding.codings import NO_CODE
from teichaku.textform import search_form
from teichaku.web.accounts.models import Team
from teichaku.web.coding.models import (
    AnswerItem,
    AppliedCode,
    Category,
    CodingProject,
    Decision,
    LastAction,
    Review,
)
from teichaku.web.surveys.models import Survey


class CodingInputError(ValueError):
    """Input that cannot be used; the message is for people (Japanese), naming row and value."""


@transaction.atomic
def create_project(
    team: Team,
    name: str,
    question: str,
    question_label: str,
    codebook: Codebook,
    answers: Sequence[Answer],
    survey: Survey | None = None,
) -> CodingProject:
    mine = [a for a in answers if a.question == question]
    if not mine:
        found = ", ".join(sorted({a.question for a in answers})) or "なし"
        raise CodingInputError(
            f"回答ファイルに設問 {question!r} の回答がありません（あった設問: {found}）"
        )
    project = CodingProject.objects.create(
        team=team, name=name, question=question, question_label=question_label, survey=survey
    )
    replace_codebook(project, codebook)
    AnswerItem.objects.bulk_create(
        [
            AnswerItem(
                project=project,
                position=i,
                response_id=a.response_id,
                text=a.text,
                search_text=search_form(a.text),
                attributes=dict(a.attributes),
            )
            for i, a in enumerate(mine, start=1)
        ],
        batch_size=1000,
    )
    return project


@transaction.atomic
def replace_codebook(project: CodingProject, codebook: Codebook) -> None:
    """Make the project's categories those of `codebook`, in its order. A category already
    given to answers cannot be dropped."""
    keep = set(codebook.values)
    dropped = Category.objects.filter(project=project).exclude(value__in=keep)
    used = sorted(dropped.filter(applied__isnull=False).values_list("value", flat=True).distinct())
    if used:
        raise CodingInputError(
            f"コード {', '.join(used)} はすでに回答に付いているため削除できません"
        )
    dropped.delete()
    existing = {c.value: c for c in Category.objects.filter(project=project)}
    for position, code in enumerate(codebook.codes, start=1):
        category = existing.get(code.value) or Category(project=project, value=code.value)
        category.position = position
        category.label = code.label
        category.definition = code.definition
        category.inclusion = code.inclusion
        category.exclusion = code.exclusion
        category.examples = code.examples
        category.parent = code.parent or ""
        category.save()


@transaction.atomic
def set_codes(
    project: CodingProject, answer: AnswerItem, coder_id: int, values: Iterable[str], memo: str
) -> None:
    """Replace one coder's codes (possibly none) and memo on one answer."""
    categories = {c.value: c for c in project.categories.all()}
    wanted = list(dict.fromkeys(values))
    unknown = [v for v in wanted if v not in categories]
    if unknown:
        raise CodingInputError(f"コードブックにないコードです: {', '.join(unknown)}")
    AppliedCode.objects.filter(answer=answer, coder_id=coder_id).exclude(
        category__value__in=wanted
    ).delete()
    have = set(
        AppliedCode.objects.filter(answer=answer, coder_id=coder_id).values_list(
            "category__value", flat=True
        )
    )
    AppliedCode.objects.bulk_create(
        [
            AppliedCode(answer=answer, coder_id=coder_id, category=categories[v])
            for v in wanted
            if v not in have
        ]
    )
    Review.objects.update_or_create(answer=answer, coder_id=coder_id, defaults={"memo": memo})


@transaction.atomic
def import_codings(project: CodingProject, coder_id: int, codings: Sequence[Coding]) -> int:
    """Take a codings file as `coder`'s own work: every row must name an answer and a code
    of the project; all rows or none are stored. Returns the answers touched."""
    answers = {a.response_id: a for a in project.answers.all()}
    categories = {c.value: c for c in project.categories.all()}
    by_label = {c.label: c for c in categories.values()}
    problems = []
    given: dict[int, set[str]] = {}
    for c in codings:
        if c.question != project.question:
            continue
        answer = answers.get(c.response_id)
        category = categories.get(c.code) or by_label.get(c.code)
        if answer is None:
            problems.append(f"{c.row} 行目: response_id {c.response_id!r} の回答がありません")
        elif c.code != NO_CODE and category is None:
            problems.append(
                f"{c.row} 行目: code {c.code!r} はコードブックにありません"
                f"（使えるコード: {', '.join(categories)}）"
            )
        else:
            given.setdefault(answer.pk, set())
            if category is not None:
                given[answer.pk].add(category.value)
    if problems:
        more = f" ほか {len(problems) - 10} 件" if len(problems) > 10 else ""
        raise CodingInputError("コーディングを取り込めません: " + "; ".join(problems[:10]) + more)
    if not given:
        raise CodingInputError(f"設問 {project.question!r} のコーディングがファイルにありません")
    by_pk = {a.pk: a for a in answers.values()}
    # An import is not undone by the undo button: the step before it is no longer the last.
    LastAction.objects.filter(project=project, coder_id=coder_id).delete()
    for pk, values in given.items():
        memo = Review.objects.filter(answer_id=pk, coder_id=coder_id).values_list("memo", flat=True)
        set_codes(project, by_pk[pk], coder_id, values, next(iter(memo), ""))
    return len(given)


@transaction.atomic
def decide(project: CodingProject, answer: AnswerItem, values: Iterable[str], user_id: int) -> None:
    wanted = set(values)
    categories = list(project.categories.filter(value__in=wanted))
    unknown = sorted(wanted - {c.value for c in categories})
    if unknown:
        raise CodingInputError(f"コードブックにないコードです: {', '.join(unknown)}")
    decision, _ = Decision.objects.update_or_create(
        answer=answer, defaults={"decided_by_id": user_id}
    )
    decision.categories.set(categories)


@transaction.atomic
def save_rules(project: CodingProject, text: str) -> None:
    """Keep `text` as the project's coding rules when it parses and names only codes of the
    project's codebook; else a `RulesError` saying where."""
    from teichaku.coding.rules import check_rule_codes, parse_rules

    check_rule_codes(parse_rules(text, "rules"), codebook_of(project), "rules")
    project.rules = text
    project.save(update_fields=["rules"])


@transaction.atomic
def reveal(project: CodingProject) -> None:
    project.revealed = True
    project.save(update_fields=["revealed"])


def coder_count(project: CodingProject) -> int:
    """How many people have coded (or read) answers of the project."""
    coded = AppliedCode.objects.filter(answer__project=project).values_list("coder_id")
    read = Review.objects.filter(answer__project=project).values_list("coder_id")
    return len({pk for (pk,) in coded.union(read)})


def results_open(project: CodingProject) -> bool:
    """Results show once the comparison has started, or at once while one coder (or none)
    has coded: a lone coder has nothing to compare."""
    return project.revealed or coder_count(project) < 2


# --- the project as the coding core's inputs -------------------------------------------


def codebook_of(project: CodingProject) -> Codebook:
    return Codebook(
        project.question,
        tuple(
            Code(
                c.value,
                c.label,
                c.definition,
                c.inclusion,
                c.exclusion,
                c.examples,
                c.parent or None,
            )
            for c in project.categories.all()
        ),
    )


def answers_of(project: CodingProject) -> list[Answer]:
    return [
        Answer(rid, project.question, text, attributes)
        for rid, text, attributes in project.answers.values_list(
            "response_id", "text", "attributes"
        )
    ]


def coder_name(user_id: int, names: dict[int, str]) -> str:
    return names.get(user_id, f"coder-{user_id}")


def codings_of(project: CodingProject) -> list[Coding]:
    """Every coder's codings, with a `NO_CODE` row for answers read and left uncoded."""
    from django.contrib.auth import get_user_model

    rows = list(
        AppliedCode.objects.filter(answer__project=project).values_list(
            "answer__response_id", "category__value", "coder_id"
        )
    )
    reviews = list(
        Review.objects.filter(answer__project=project).values_list(
            "answer__response_id", "coder_id"
        )
    )
    ids = {coder for *_, coder in rows} | {coder for _, coder in reviews}
    names = dict(get_user_model().objects.filter(pk__in=ids).values_list("pk", "username"))
    out = [Coding(rid, project.question, value, coder_name(c, names)) for rid, value, c in rows]
    coded = {(rid, c) for rid, _, c in rows}
    out += [
        Coding(rid, project.question, NO_CODE, coder_name(c, names))
        for rid, c in reviews
        if (rid, c) not in coded
    ]
    return out


def final_of(project: CodingProject) -> FinalCoding:
    """The adjudicated coding: decisions where made, agreement elsewhere."""
    decisions: dict[tuple[str, str], list[str]] = {}
    for decision in Decision.objects.filter(answer__project=project).select_related("answer"):
        values = list(decision.categories.values_list("value", flat=True))
        decisions[(decision.answer.response_id, project.question)] = values
    return final_coding(codings_of(project), decisions)


# --- the codebook edited in the browser, one category at a time -------------------------

CATEGORY_FIELDS = ("label", "definition", "inclusion", "exclusion", "examples", "parent")


def locked(project: CodingProject) -> dict[str, Category]:
    """The project's categories by code, with the project row locked (PostgreSQL) so two
    edits of one codebook do not interleave."""
    CodingProject.objects.select_for_update().filter(pk=project.pk).first()
    return {c.value: c for c in Category.objects.filter(project=project)}


def _check_parent(categories: dict[str, Category], value: str, parent: str) -> None:
    problem = code_problem({c.value: c.parent or None for c in categories.values()}, value, parent)
    if problem:
        raise CodingInputError(problem)


@transaction.atomic
def add_category(project: CodingProject, value: str, fields: dict[str, str]) -> Category:
    value = value.strip()
    categories = locked(project)
    if not value:
        raise CodingInputError("コード: 新しいカテゴリーのコードを入力してください")
    if value in categories:
        raise CodingInputError(f"コード {value!r} はすでにコードブックにあります")
    _check_parent(categories, value, fields.get("parent", "").strip())
    last = max((c.position for c in categories.values()), default=0)
    return Category.objects.create(
        project=project,
        value=value,
        position=last + 1,
        **{name: fields.get(name, "").strip() for name in CATEGORY_FIELDS},
    )


@transaction.atomic
def update_category(project: CodingProject, category_id: int, fields: dict[str, str]) -> Category:
    categories = locked(project)
    category = next((c for c in categories.values() if c.pk == category_id), None)
    if category is None:
        raise CodingInputError("このカテゴリーはもうありません")
    _check_parent(categories, category.value, fields.get("parent", "").strip())
    for name in CATEGORY_FIELDS:
        setattr(category, name, fields.get(name, "").strip())
    category.save(update_fields=list(CATEGORY_FIELDS))
    return category


@transaction.atomic
def delete_category(project: CodingProject, category_id: int) -> str:
    """Delete a category no answer, decision, child category or rule uses; returns its label."""
    categories = locked(project)
    category = next((c for c in categories.values() if c.pk == category_id), None)
    if category is None:
        raise CodingInputError("このカテゴリーはもうありません")
    name = f"「{category.label}」({category.value})"
    answers = AppliedCode.objects.filter(category=category).values("answer_id").distinct().count()
    if answers:
        raise CodingInputError(
            f"カテゴリー{name}は {answers} 件の回答に付いているため削除できません。"
            "先にそれらの回答からこのコードを外してください"
        )
    if Decision.objects.filter(categories=category).exists():
        raise CodingInputError(
            f"カテゴリー{name}は調整で決定した最終コードに使われているため削除できません"
        )
    children = [c.value for c in categories.values() if c.parent == category.value]
    if children:
        raise CodingInputError(
            f"カテゴリー{name}はコード {', '.join(children)} の上位コードなので削除できません"
        )
    if project.rules.strip():
        from teichaku.coding.rules import RulesError, parse_rules

        try:
            rules = parse_rules(project.rules, "rules")
        except RulesError as error:
            raise CodingInputError(
                f"カテゴリー{name}を削除できません: 保存されたコーディングルールが読めないため、"
                f"このコードが使われていないことを確かめられません（{error}）"
            ) from error
        if any(r.code == category.value for r in rules):
            raise CodingInputError(
                f"カテゴリー{name}はコーディングルールに使われているため削除できません"
            )
    category.delete()
    return category.label
