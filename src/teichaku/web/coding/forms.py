from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

BUILTIN_CHOICES = [
    ("", _("使わない（ファイルから、またはコーディングしながら作る）")),
    ("other_org_users_text", _("調査の表14: 他法人の利用者についての課題")),
    ("self_plan_text", _("調査の表15: セルフプランの利用者についての課題")),
]


class _CodebookChoiceForm(forms.Form):
    """A built-in codebook, an uploaded one, or none (codes are then made while coding): the
    part every new project's form shares."""

    builtin_codebook = forms.ChoiceField(
        label=_("組み込みのコードブック"), choices=BUILTIN_CHOICES, required=False
    )
    codebook = forms.FileField(
        label=_("コードブック（任意。CSV または REFI-QDA .qdc）"),
        required=False,
        help_text=_("なくても始められます。コードは回答を読みながら作れます。"),
    )


class ProjectForm(_CodebookChoiceForm):
    team = forms.ChoiceField(label=_("チーム"))
    name = forms.CharField(label=_("プロジェクト名"), max_length=200)
    question = forms.CharField(label=_("設問名（回答ファイルの question 列）"), max_length=100)
    question_label = forms.CharField(label=_("設問文"), max_length=500, required=False)
    answers = forms.FileField(
        label=_("回答ファイル（CSV。見出しは response_id・question・text と属性の列）")
    )
    field_order = ("team", "name", "question", "question_label", "answers")


class SurveyProjectForm(_CodebookChoiceForm):
    """A project from one of a survey's text questions; the question's choices are set by
    the view from the survey's instrument."""

    question = forms.ChoiceField(label=_("自由記述の設問"))
    name = forms.CharField(label=_("プロジェクト名"), max_length=200)
    field_order = ("question", "name")


class UploadForm(forms.Form):
    file = forms.FileField(label=_("ファイル"))


class RulesForm(forms.Form):
    rules = forms.CharField(
        label=_("コーディングルール（KH Coder 形式）"), widget=forms.Textarea, required=False
    )


FLAG = [("", ""), ("0", "0"), ("1", "1")]


class AnswerFilterForm(forms.Form):
    """The answer list's query parameters; the code and attribute choices are the project's."""

    q = forms.CharField(label=_("検索"), max_length=200, required=False)
    code = forms.ChoiceField(label=_("コード"), required=False)
    attr = forms.ChoiceField(label=_("属性"), required=False)
    value = forms.CharField(label=_("値"), max_length=500, required=False)
    final = forms.ChoiceField(label=_("確定コードで絞り込み"), choices=FLAG, required=False)
    uncoded = forms.ChoiceField(label=_("未コーディングのみ"), choices=FLAG, required=False)
    blank = forms.ChoiceField(label=_("空の回答も表示"), choices=FLAG, required=False)
    page = forms.IntegerField(label=_("ページ"), min_value=1, required=False)

    def __init__(self, data: object, codes: list[str], attributes: dict[str, str]) -> None:
        """`attributes`: each attribute's name → its label."""
        super().__init__(data)  # type: ignore[arg-type]
        self.fields["code"].choices = [("", ""), *((c, c) for c in codes)]  # type: ignore[attr-defined]
        self.fields["attr"].choices = [("", ""), *attributes.items()]  # type: ignore[attr-defined]


class CodeAnswerForm(forms.Form):
    """One coder's memo on one answer (the codes are checked by `services.set_codes`)."""

    memo = forms.CharField(label=_("メモ"), max_length=5000, required=False)
    next = forms.CharField(max_length=10, required=False)
    new_code = forms.CharField(label=_("新しいコード"), max_length=100, required=False)
    new_parent = forms.CharField(label=_("上位コード"), max_length=100, required=False)


class RenameForm(forms.Form):
    """A category's new code and name (its codings, decisions and children follow)."""

    value = forms.CharField(label=_("コード"), max_length=100)
    label = forms.CharField(label=_("カテゴリー名"), max_length=200)


class MergeForm(forms.Form):
    """The category another one is folded into (the view checks it is the project's)."""

    into = forms.IntegerField(label=_("統合先"), min_value=1, max_value=2**31 - 1)


class MoveForm(forms.Form):
    """One coded answer moved from one code to another (codes checked by the service)."""

    source = forms.CharField(label=_("今のコード"), max_length=100)
    target = forms.CharField(label=_("移動先のコード"), max_length=100)


class DecideForm(forms.Form):
    """Which answer a decision is for (the codes are checked by `services.decide`)."""

    answer = forms.IntegerField(label=_("回答"), min_value=1, max_value=2**31 - 1)


class CrossByForm(forms.Form):
    """The results page's attribute to cross the codes by."""

    by = forms.ChoiceField(label=_("属性"), required=False)

    def __init__(self, data: object, attributes: dict[str, str]) -> None:
        """`attributes`: each attribute's name → its label."""
        super().__init__(data)  # type: ignore[arg-type]
        self.fields["by"].choices = [("", ""), *attributes.items()]  # type: ignore[attr-defined]


class CategoryForm(forms.Form):
    """One category, added or edited on the codebook page. The code is given when the
    category is added and stays fixed (rules, exports and codings refer to it)."""

    value = forms.CharField(label=_("コード"), max_length=100, required=False)
    label = forms.CharField(label=_("カテゴリー名"), max_length=200)
    definition = forms.CharField(
        label=_("定義"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    inclusion = forms.CharField(
        label=_("含めるもの"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    exclusion = forms.CharField(
        label=_("除くもの"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    examples = forms.CharField(
        label=_("回答例"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    parent = forms.CharField(label=_("上位コード"), max_length=100, required=False)
