"""The writes that change codes after coding began, each in one transaction and audited
(`CodeChange`): a code made while coding, a rename, a merge, one answer moved to another
code, and the undo of a coder's last coding action (`LastAction`, a stack of one).

Whether a rename or merge may be made and what the codebook becomes is decided by the coding
core (`teichaku.coding.edits`); here the stored rows follow it."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from teichaku.coding.edits import merge_codes, rename_code
from teichaku.web.coding import services
from teichaku.web.coding.models import (
    AnswerItem,
    AppliedCode,
    Category,
    CodeChange,
    CodingProject,
    Decision,
    LastAction,
    Review,
)
from teichaku.web.coding.services import CodingInputError


def named(category: Category) -> str:
    """A code as the audit keeps it: its label and, when different, its value."""
    text = (
        category.label
        if category.label == category.value
        else f"{category.label} ({category.value})"
    )
    return text[:320]


def _audit(
    project: CodingProject,
    actor_id: int,
    kind: str,
    before: str = "",
    after: str = "",
    count: int = 0,
) -> None:
    CodeChange.objects.create(
        project=project, actor_id=actor_id, kind=kind, before=before, after=after, count=count
    )


def _remember(project: CodingProject, answer: AnswerItem, coder_id: int, kind: str) -> None:
    """Keep what `coder` had given `answer` before this action, replacing the last one."""
    review = Review.objects.filter(answer=answer, coder_id=coder_id).first()
    LastAction.objects.update_or_create(
        project=project,
        coder_id=coder_id,
        defaults={
            "answer": answer,
            "kind": kind,
            "codes_before": sorted(
                AppliedCode.objects.filter(answer=answer, coder_id=coder_id).values_list(
                    "category_id", flat=True
                )
            ),
            "memo_before": review.memo if review else "",
            "read_before": review is not None,
        },
    )


@transaction.atomic
def code_answer(
    project: CodingProject,
    answer: AnswerItem,
    coder_id: int,
    values: Iterable[str],
    memo: str,
    new_code: str = "",
    new_parent: str = "",
) -> Category | None:
    """Save one coder's codes and memo on one answer, first making `new_code` (a name; it is
    the new category's code and label) under `new_parent` when given and giving it too.
    The answer's state before is kept for undo. Returns the category made, if any."""
    wanted = list(values)
    made = None
    if new_code.strip():
        made = services.add_category(project, new_code, {"label": new_code, "parent": new_parent})
        wanted.append(made.value)
        _audit(project, coder_id, CodeChange.Kind.ADD, after=named(made))
    _remember(project, answer, coder_id, LastAction.Kind.CODE)
    services.set_codes(project, answer, coder_id, wanted, memo)
    return made


@transaction.atomic
def move_coding(
    project: CodingProject, answer: AnswerItem, coder_id: int, source: str, target: str
) -> tuple[Category, Category]:
    """Give `answer` the code `target` instead of `source` (this coder's coding)."""
    categories = {c.value: c for c in project.categories.all()}
    if source not in categories or target not in categories:
        unknown = ", ".join(v for v in (source, target) if v not in categories)
        raise CodingInputError(f"コードブックにないコードです: {unknown}")
    if source == target:
        raise CodingInputError("移動先には今のコードと別のコードを選んでください")
    given = AppliedCode.objects.filter(
        answer=answer, coder_id=coder_id, category=categories[source]
    ).first()
    if given is None:
        raise CodingInputError(f"この回答にはコード「{categories[source].label}」が付いていません")
    _remember(project, answer, coder_id, LastAction.Kind.MOVE)
    if AppliedCode.objects.filter(
        answer=answer, coder_id=coder_id, category=categories[target]
    ).exists():
        given.delete()
    else:
        given.category = categories[target]
        given.save(update_fields=["category"])
    _audit(
        project,
        coder_id,
        CodeChange.Kind.MOVE,
        named(categories[source]),
        named(categories[target]),
        1,
    )
    return categories[source], categories[target]


@transaction.atomic
def undo(project: CodingProject, coder_id: int) -> LastAction:
    """Put back what the coder's last coding action changed on its answer; the step is used
    up (a stack of one)."""
    step = (
        LastAction.objects.select_for_update()
        .filter(project=project, coder_id=coder_id)
        .select_related("answer")
        .first()
    )
    if step is None:
        raise CodingInputError("取り消せる操作はありません")
    categories = list(Category.objects.filter(project=project, pk__in=step.codes_before))
    if len(categories) != len(set(step.codes_before)):
        step.delete()
        raise CodingInputError(
            "取り消せません: この操作の前に付いていたコードがもうコードブックにありません"
        )
    AppliedCode.objects.filter(answer=step.answer, coder_id=coder_id).delete()
    AppliedCode.objects.bulk_create(
        [AppliedCode(answer=step.answer, coder_id=coder_id, category=c) for c in categories]
    )
    if step.read_before:
        Review.objects.update_or_create(
            answer=step.answer, coder_id=coder_id, defaults={"memo": step.memo_before}
        )
    else:
        Review.objects.filter(answer=step.answer, coder_id=coder_id).delete()
    _audit(
        project,
        coder_id,
        CodeChange.Kind.UNDO,
        before=str(step.get_kind_display()),
        after=", ".join(named(c) for c in categories)[:320],
        count=1,
    )
    step.delete()
    return step


def _rules_name(project: CodingProject, value: str) -> bool:
    from teichaku.coding.rules import RulesError, parse_rules

    if not project.rules.strip():
        return False
    try:
        return any(r.code == value for r in parse_rules(project.rules, "rules"))
    except RulesError as error:
        raise CodingInputError(
            "保存されたコーディングルールが読めないため、コードの変更がルールに影響するか"
            f"確かめられません（{error}）"
        ) from error


def _category(categories: dict[str, Category], category_id: int) -> Category:
    found = next((c for c in categories.values() if c.pk == category_id), None)
    if found is None:
        raise CodingInputError("このカテゴリーはもうありません")
    return found


def _set_parents(categories: dict[str, Category], parents: dict[str, str | None]) -> None:
    for value, category in categories.items():
        if value in parents and (category.parent or None) != parents[value]:
            category.parent = parents[value] or ""
            category.save(update_fields=["parent"])


@transaction.atomic
def rename(
    project: CodingProject, category_id: int, new_value: str, new_label: str, actor_id: int
) -> Category:
    """Give a category a new code and label; its codings, decisions and children follow."""
    categories = services.locked(project)
    category = _category(categories, category_id)
    old = named(category)
    before = services.codebook_of(project)
    book, _ = rename_code(before, (), category.value, new_value, new_label)
    renamed = book.codes[before.values.index(category.value)]
    if renamed.value != category.value and _rules_name(project, category.value):
        raise CodingInputError(
            f"コード {category.value!r} はコーディングルールに使われているため、"
            "コードは変えられません（カテゴリー名だけなら変えられます）。先にルールを直してください"
        )
    del categories[category.value]
    category.value, category.label = renamed.value, renamed.label
    category.save(update_fields=["value", "label"])
    categories[category.value] = category
    _set_parents(categories, {c.value: c.parent for c in book.codes})
    _audit(
        project,
        actor_id,
        CodeChange.Kind.RENAME,
        old,
        named(category),
        AppliedCode.objects.filter(category=category).count(),
    )
    return category


@transaction.atomic
def merge(project: CodingProject, source_id: int, target_id: int, actor_id: int) -> int:
    """Fold the source category into the target: every coding and decision of the source
    goes to the target (once per coder and answer), its children move under the target, and
    the source is deleted. Returns the codings that followed."""
    categories = services.locked(project)
    source = _category(categories, source_id)
    target = _category(categories, target_id)
    book, _ = merge_codes(services.codebook_of(project), (), source.value, target.value)
    if _rules_name(project, source.value):
        raise CodingInputError(
            f"コード {source.value!r} はコーディングルールに使われているため統合できません。"
            "先にルールを直してください"
        )
    moved = 0
    for applied in AppliedCode.objects.filter(category=source):
        if AppliedCode.objects.filter(
            answer_id=applied.answer_id, coder_id=applied.coder_id, category=target
        ).exists():
            applied.delete()
        else:
            applied.category = target
            applied.save(update_fields=["category"])
        moved += 1
    for decision in Decision.objects.filter(categories=source):
        decision.categories.remove(source)
        decision.categories.add(target)
    for step in LastAction.objects.filter(project=project):
        if source.pk in step.codes_before:
            step.codes_before = sorted(
                {target.pk if pk == source.pk else pk for pk in step.codes_before}
            )
            step.save(update_fields=["codes_before"])
    del categories[source.value]
    _set_parents(categories, {c.value: c.parent for c in book.codes})
    _audit(project, actor_id, CodeChange.Kind.MERGE, named(source), named(target), moved)
    source.delete()
    return moved
