"""The case form: the core's vocabularies as choices, labels in Japanese."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teichaku.library.case import (
    AREA_KINDS,
    CHANNELS,
    NEARBY_KINDS,
    NETWORK_KINDS,
    OPERATING_BODIES,
    PARTNERS,
    SIZE_BANDS,
)
from teichaku.library.challenges import builtin_challenges
from teichaku.library.prefectures import PREFECTURES
from teichaku.web.library.models import Decision, PracticeCase

NONE: list[tuple[str, str]] = [("", "—")]


def challenge_choices() -> list[tuple[str, str]]:
    return [(c.key, c.label) for c in builtin_challenges()]


class CaseForm(forms.ModelForm):  # type: ignore[type-arg]
    challenges = forms.MultipleChoiceField(
        label=_("答える課題"), widget=forms.CheckboxSelectMultiple, choices=challenge_choices
    )
    prefecture = forms.ChoiceField(
        label=_("都道府県"), choices=NONE + [(p, p) for p in PREFECTURES]
    )
    network = forms.ChoiceField(
        label=_("ネットワークの種類"), choices=NONE + list(NETWORK_KINDS), required=False
    )
    area = forms.ChoiceField(label=_("地域"), choices=NONE + list(AREA_KINDS), required=False)
    nearby = forms.ChoiceField(
        label=_("近隣の事業所"), choices=NONE + list(NEARBY_KINDS), required=False
    )
    operating_body = forms.ChoiceField(
        label=_("運営主体"), choices=NONE + list(OPERATING_BODIES), required=False
    )
    size_band = forms.ChoiceField(label=_("規模"), choices=NONE + list(SIZE_BANDS), required=False)
    integrated_with_transition = forms.NullBooleanField(
        label=_("就労移行支援と一体的に運営"), required=False
    )
    partners = forms.MultipleChoiceField(
        label=_("連携した相手"),
        widget=forms.CheckboxSelectMultiple,
        choices=PARTNERS,
        required=False,
    )
    channels = forms.MultipleChoiceField(
        label=_("連絡の方法"),
        widget=forms.CheckboxSelectMultiple,
        choices=CHANNELS,
        required=False,
    )

    class Meta:
        model = PracticeCase
        fields = [
            "title",
            "challenges",
            "prefecture",
            "network",
            "area",
            "nearby",
            "operating_body",
            "size_band",
            "integrated_with_transition",
            "situation",
            "actions",
            "partners",
            "channels",
            "outcome",
            "cautions",
            "author_shown",
            "revision_note",
        ]
        help_texts = {
            "revision_note": _(
                "公開済みの事例を改訂するときは、何を改めたかを書いてください（公開されます）。"
            ),
            "author_shown": _("チェックしない場合、事業所名は公開されません。"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not (self.instance.pk and self.instance.state == "published"):
            del self.fields["revision_note"]
        else:
            self.fields["revision_note"].required = True


class SubmitForm(forms.Form):
    ask_confirmation = forms.BooleanField(
        label=_("残っている語は個人を特定しないため、審査者に確認を依頼する"), required=False
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("判断"), choices=Decision.choices)
    body = forms.CharField(label=_("コメント"), widget=forms.Textarea, required=False)


class ConfirmFlagForm(forms.Form):
    field = forms.CharField(widget=forms.HiddenInput)
    words = forms.CharField(widget=forms.HiddenInput)
    kind = forms.CharField(widget=forms.HiddenInput)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("キーワード"), required=False, max_length=200)
    challenge = forms.ChoiceField(
        label=_("課題"), choices=lambda: NONE + challenge_choices(), required=False
    )
    prefecture = forms.ChoiceField(
        label=_("都道府県"), choices=NONE + [(p, p) for p in PREFECTURES], required=False
    )
    network = forms.ChoiceField(
        label=_("ネットワークの種類"), choices=NONE + list(NETWORK_KINDS), required=False
    )
    partner = forms.ChoiceField(
        label=_("連携した相手"), choices=NONE + list(PARTNERS), required=False
    )
    channel = forms.ChoiceField(
        label=_("連絡の方法"), choices=NONE + list(CHANNELS), required=False
    )


class QuestionForm(forms.Form):
    """A reader's question to a case's author (relayed by e-mail, `library.questions`)."""

    name = forms.CharField(label=_("お名前（任意）"), max_length=100, required=False)
    reply_to = forms.EmailField(
        label=_("返信先のメールアドレス"),
        help_text=_(
            "事例を書いた事業所にだけ伝わり、このサイトには表示されません。"
            "事業所のメールアドレスも、返信が届くまであなたには伝わりません。"
        ),
    )
    body = forms.CharField(
        label=_("質問"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("利用者や企業が特定される内容は書かないでください。"),
    )
