"""The respondent's form as plain view data, and the research desk's Django forms.

The respondent's form is rendered from the instrument model (one fieldset per question,
never a matrix); checking answers is the core's `validate_submission`. Only the wording of
the errors lives here, so that it can be translated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django import forms
from django.core.validators import MaxLengthValidator
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from teichaku.instrument import OTHER_VALUE, Instrument, QuestionKind, builtin_names, pick_label
from teichaku.instrument.pages import Page
from teichaku.instrument.relevance import depends_on, question_is_relevant
from teichaku.responses.validation import MAX_TEXT, FieldError
from teichaku.web.surveys.models import CONSENT_FIELDS, Survey

ANSWER = "a-"  # input name prefix of an answer
OTHER = "o-"  # input name prefix of an 'other (specify)' text

ERROR_MESSAGES = {
    "required": _("「%(label)s」は必須です。回答を選ぶか入力してください。"),
    "not_an_option": _("「%(label)s」の選択肢にない値です（%(value)s）。"),
    "one_only": _("「%(label)s」は1つだけ選んでください。"),
    "other_text_missing": _("「%(label)s」で「その他」を選んだ場合は、内容を入力してください。"),
    "other_not_chosen": _(
        "「%(label)s」の「その他」の内容を入力した場合は、「その他」も選んでください。"
    ),
    "not_a_number": _("「%(label)s」には数値を入力してください（%(value)s）。"),
    "too_long": _("「%(label)s」は%(limit)s文字以内で入力してください（%(length)s文字）。"),
}


def language() -> str:
    return (get_language() or "ja").split("-")[0]


def error_message(error: FieldError, label: str) -> str:
    return str(ERROR_MESSAGES[error.code]) % {
        "label": label,
        "value": error.value,
        "limit": MAX_TEXT,
        "length": error.length,
    }


def submitted_from(
    post: QueryDict, instrument: Instrument
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The answers in a posted form: question name → raw strings, and the other texts."""
    submitted = {
        q.name: post.getlist(ANSWER + q.name)
        for q in instrument.questions
        if ANSWER + q.name in post
    }
    others = {
        q.name: post.get(OTHER + q.name, "")
        for q in instrument.questions
        if q.or_other and post.get(OTHER + q.name, "").strip()
    }
    return submitted, others


@dataclass(frozen=True)
class OptionView:
    value: str
    label: str
    id: str
    checked: bool
    is_other: bool


@dataclass(frozen=True)
class FieldView:
    name: str
    input_name: str
    id: str
    label: str
    hint: str
    widget: str  # radio, checkbox, textarea, number
    required: bool
    options: tuple[OptionView, ...] = ()
    text: str = ""
    other_name: str = ""
    other_id: str = ""
    other_text: str = ""
    errors: tuple[str, ...] = ()
    likert: bool = False


@dataclass(frozen=True)
class ErrorLink:
    href: str
    message: str


@dataclass(frozen=True)
class PageView:
    number: int  # 1-based, among the form's pages
    total: int
    title: str
    notes: tuple[str, ...]
    fields: tuple[FieldView, ...]
    hidden: tuple[tuple[str, str], ...]
    error_links: tuple[ErrorLink, ...] = field(default=())

    @property
    def is_last(self) -> bool:
        return self.number == self.total


_WIDGET = {
    QuestionKind.LIKERT: "radio",
    QuestionKind.SINGLE: "radio",
    QuestionKind.MULTI: "checkbox",
    QuestionKind.TEXT: "textarea",
    QuestionKind.NUMBER: "number",
}


def live_questions(instrument: Instrument, page: Page) -> list[str]:
    """Questions of `page` whose skip logic names a question of the same page: shown until
    the page is posted (the form's script shows or hides them as the respondent answers)."""
    on_page = {q.name for q in page.questions}
    return [q.name for q in page.questions if depends_on(instrument, q) & on_page]


def shown_questions(
    instrument: Instrument, page: Page, answers: Mapping[str, Sequence[str]]
) -> list[str]:
    """Questions of `page` to show: relevant given the answers so far, or depending on a
    question of the same page (the respondent has not answered it yet)."""
    live = set(live_questions(instrument, page))
    return [
        q.name
        for q in page.questions
        if q.name in live or question_is_relevant(instrument, q, answers)
    ]


def page_view(
    instrument: Instrument,
    page: Page,
    number: int,
    total: int,
    submitted: Mapping[str, Sequence[str]],
    others: Mapping[str, str],
    errors: Mapping[str, Sequence[FieldError]] | None = None,
    *,
    every_question: bool = False,  # the desk's preview: skip logic shows nothing away
) -> PageView:
    lang = language()
    errors = errors or {}
    shown = (
        {q.name for q in page.questions}
        if every_question
        else set(shown_questions(instrument, page, submitted))
    )
    fields: list[FieldView] = []
    links: list[ErrorLink] = []
    for question in page.questions:
        if question.name not in shown:
            continue
        label = pick_label(question.labels, lang)
        field_id = f"f-{question.name}"
        raw = [v for v in submitted.get(question.name, ()) if v]
        messages = tuple(error_message(e, label) for e in errors.get(question.name, ()))
        links += [ErrorLink(f"#{field_id}", m) for m in messages]
        options = tuple(
            OptionView(
                option.value,
                pick_label(option.labels, lang),
                field_id if index == 0 else f"{field_id}-{index}",
                option.value in raw,
                question.or_other and option.value == OTHER_VALUE,
            )
            for index, option in enumerate(question.options)
        )
        fields.append(
            FieldView(
                name=question.name,
                input_name=ANSWER + question.name,
                id=field_id,
                label=label,
                hint=pick_label(question.hints, lang) if question.hints else "",
                widget=_WIDGET[question.kind],
                required=question.required,
                options=options,
                text="\n".join(raw) if not question.options else "",
                other_name=OTHER + question.name if question.or_other else "",
                other_id=f"{field_id}-other-text" if question.or_other else "",
                other_text=others.get(question.name, ""),
                errors=messages,
                likert=question.kind is QuestionKind.LIKERT,
            )
        )
    on_page = {q.name for q in page.questions}
    hidden: list[tuple[str, str]] = []
    for name, values in submitted.items():
        if name not in on_page:
            hidden += [(ANSWER + name, value) for value in values]
    hidden += [(OTHER + name, text) for name, text in others.items() if name not in on_page]
    return PageView(
        number=number,
        total=total,
        title=pick_label(page.labels, lang) if page.labels else "",
        notes=tuple(pick_label(note.labels, lang) for note in page.notes),
        fields=tuple(fields),
        hidden=tuple(hidden),
        error_links=tuple(links),
    )


# --- the research desk -------------------------------------------------------------------


class SurveyCreateForm(forms.Form):
    team = forms.ChoiceField(label=_("研究チーム"))
    title = forms.CharField(label=_("タイトル（空欄なら調査票の題名）"), required=False)
    builtin = forms.ChoiceField(label=_("組み込みの調査票"), required=False)
    xlsform = forms.FileField(
        label=_("または XLSForm ファイル（.xlsx, .md, .csv）"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.md,.csv"}),
    )
    invitation_only = forms.BooleanField(
        label=_("招待コードのある人だけが回答できる"), required=False
    )

    def __init__(self, *args: object, teams: Sequence[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["team"].choices = list(teams)  # type: ignore[attr-defined]
        self.fields["builtin"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (name, name) for name in builtin_names()
        ]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if bool(data.get("builtin")) == bool(data.get("xlsform")):
            raise forms.ValidationError(
                _("組み込みの調査票を選ぶか、XLSForm ファイルを1つ選んでください。")
            )
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("回答ファイル（CSV または XLSX）"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.tsv,.txt,.xlsx"}),
    )


class RakingForm(forms.Form):
    targets = forms.FileField(
        label=_("母集団の構成比（CSV：設問, 選択肢, 構成比）"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt"}),
    )


class ScheduleForm(forms.Form):
    """Open and close dates of a survey (local time), and whether it takes invitation codes."""

    opens_at = forms.DateTimeField(
        label=_("受付開始（空欄なら今すぐ）"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    closes_at = forms.DateTimeField(
        label=_("受付終了（空欄なら期限なし）"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    invitation_only = forms.BooleanField(
        label=_("招待コードのある人だけが回答できる"), required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in ("opens_at", "closes_at"):
            self.fields[name].error_messages["invalid"] = _(
                "日時は 2025-04-01 09:00 のように入力してください。"
            )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens is not None and closes is not None and closes <= opens:
            self.add_error("closes_at", _("受付終了は受付開始より後の日時にしてください。"))
        return data


CONSENT_LIMIT = 2000  # characters per field of the consent page


class ConsentForm(forms.ModelForm):  # type: ignore[type-arg]
    """What respondents read before they agree: plain text, line breaks kept."""

    class Meta:
        model = Survey
        fields = list(CONSENT_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 3, "maxlength": CONSENT_LIMIT})
            for name in CONSENT_FIELDS
        }
        help_texts = {
            "organiser": _("調査を実施する人・組織の名前"),
            "purpose": _("何のための調査か、回答がどう使われるか"),
            "contact": _("回答者が問い合わせできる連絡先"),
            "ethics_approval": _("倫理審査の承認機関と承認番号（ない場合は空欄）"),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in CONSENT_FIELDS:
            field = self.fields[name]
            assert isinstance(field, forms.CharField)
            field.max_length = CONSENT_LIMIT
            field.validators.append(MaxLengthValidator(CONSENT_LIMIT))


class InvitationForm(forms.Form):
    count = forms.IntegerField(label=_("発行する招待コードの数"), min_value=1, max_value=1000)


def choice_questions(instrument: Instrument) -> list[tuple[str, str]]:
    lang = language()
    return [
        (q.name, pick_label(q.labels, lang))
        for q in instrument.questions
        if q.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT, QuestionKind.MULTI)
    ]


class CrossForm(forms.Form):
    question = forms.ChoiceField(label=_("行：質問"))
    by = forms.ChoiceField(label=_("列：分ける質問"))

    def __init__(self, *args: object, instrument: Instrument, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = choice_questions(instrument)
        self.fields["question"].choices = choices  # type: ignore[attr-defined]
        self.fields["by"].choices = [  # type: ignore[attr-defined]
            (name, label)
            for name, label in choices
            if instrument.question(name).kind is not QuestionKind.MULTI
        ]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("question") and data.get("question") == data.get("by"):
            raise forms.ValidationError(_("行と列には別の質問を選んでください。"))
        return data
