from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

BUILTIN_CHOICES = [
    ("", _("（ファイルをアップロード）")),
    ("other_org_users_text", _("調査の表14: 他法人の利用者についての課題")),
    ("self_plan_text", _("調査の表15: セルフプランの利用者についての課題")),
]


class ProjectForm(forms.Form):
    team = forms.ChoiceField(label=_("チーム"))
    name = forms.CharField(label=_("プロジェクト名"), max_length=200)
    question = forms.CharField(label=_("設問名（回答ファイルの question 列）"), max_length=100)
    question_label = forms.CharField(label=_("設問文"), max_length=500, required=False)
    answers = forms.FileField(
        label=_("回答ファイル（CSV: response_id, question, text ＋ 属性の列）")
    )
    builtin_codebook = forms.ChoiceField(
        label=_("組み込みのコードブック"), choices=BUILTIN_CHOICES, required=False
    )
    codebook = forms.FileField(label=_("コードブック（CSV または REFI-QDA .qdc）"), required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("builtin_codebook") and not data.get("codebook"):
            raise forms.ValidationError(
                _("コードブックを選ぶか、ファイルをアップロードしてください")
            )
        return data


class UploadForm(forms.Form):
    file = forms.FileField(label=_("ファイル"))


class RulesForm(forms.Form):
    rules = forms.CharField(
        label=_("コーディングルール（KH Coder 形式）"), widget=forms.Textarea, required=False
    )


class SurveyProjectForm(forms.Form):
    """A project from one of a survey's text questions; the question's choices are set by
    the view from the survey's instrument."""

    question = forms.ChoiceField(label=_("自由記述の設問"))
    name = forms.CharField(label=_("プロジェクト名"), max_length=200)
    builtin_codebook = forms.ChoiceField(
        label=_("組み込みのコードブック"), choices=BUILTIN_CHOICES, required=False
    )
    codebook = forms.FileField(label=_("コードブック（CSV または REFI-QDA .qdc）"), required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("builtin_codebook") and not data.get("codebook"):
            raise forms.ValidationError(
                _("コードブックを選ぶか、ファイルをアップロードしてください")
            )
        return data


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
