"""The forms of the word pages: the word list's filters, KWIC, the co-occurrence network,
and the rows of the synonym and compound tables."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from teichaku.coding.words import DEFAULT_POS, PARTS_OF_SPEECH


class _AttributeFilter(forms.Form):
    """Answers whose attribute has a value; the attribute choices are the project's."""

    attr = forms.ChoiceField(label=_("属性"), required=False)
    value = forms.CharField(label=_("値"), max_length=500, required=False)

    def __init__(self, data: object, attributes: dict[str, str]) -> None:
        """`attributes`: each attribute's name → its label."""
        super().__init__(data)  # type: ignore[arg-type]
        self.fields["attr"].choices = [("", ""), *attributes.items()]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("attr") and not str(data.get("value", "")).strip():
            self.add_error("value", _("属性で絞るときは値も入力してください"))
        return data


class WordsForm(_AttributeFilter):
    pos = forms.MultipleChoiceField(
        label=_("品詞"),
        choices=[(p, p) for p in PARTS_OF_SPEECH],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    min_count = forms.IntegerField(
        label=_("最小の出現回数"), min_value=1, max_value=1_000_000, required=False
    )
    page = forms.IntegerField(label=_("ページ"), min_value=1, required=False)

    def chosen_pos(self) -> tuple[str, ...]:
        return tuple(self.cleaned_data.get("pos") or DEFAULT_POS)


class KwicForm(_AttributeFilter):
    word = forms.CharField(label=_("語"), max_length=100)
    window = forms.IntegerField(label=_("前後の文字数"), min_value=0, max_value=200, required=False)
    code = forms.ChoiceField(label=_("付けるコード"), required=False)

    def __init__(
        self, data: object, attributes: dict[str, str], codes: list[tuple[str, str]]
    ) -> None:
        """`codes`: (value, label) of the project's categories."""
        super().__init__(data, attributes)
        self.fields["code"].choices = [("", ""), *codes]  # type: ignore[attr-defined]


class KwicCodeForm(forms.Form):
    """One click on a KWIC line: the answer (its number) and the code to give it."""

    answer = forms.IntegerField(label=_("回答"), min_value=1, max_value=2**31 - 1)
    code = forms.CharField(label=_("コード"), max_length=100)


KINDS = [
    ("words", _("語 × 語")),
    ("codes", _("コード × コード")),
    ("attribute", _("語 × 属性")),
]


class NetworkForm(_AttributeFilter):
    kind = forms.ChoiceField(label=_("ネットワーク"), choices=KINDS, required=False)
    top = forms.IntegerField(label=_("上位の語数"), min_value=2, max_value=150, required=False)
    threshold = forms.FloatField(
        label=_("Jaccard 係数の下限"), min_value=0, max_value=1, required=False
    )
    pos = WordsForm.base_fields["pos"]
    value = None  # type: ignore[assignment]  # the attribute itself is the network's nodes

    def clean(self) -> dict[str, object]:
        data = forms.Form.clean(self) or {}
        if data.get("kind") == "attribute" and not data.get("attr"):
            self.add_error("attr", _("語 × 属性には属性を選んでください"))
        return data


class SynonymForm(forms.Form):
    variant = forms.CharField(label=_("異表記"), max_length=100)
    word = forms.CharField(label=_("まとめる語"), max_length=100)


class CompoundForm(forms.Form):
    word = forms.CharField(label=_("複合語"), max_length=100)


class RowForm(forms.Form):
    row = forms.IntegerField(label=_("行"), min_value=1, max_value=1_000_000)
