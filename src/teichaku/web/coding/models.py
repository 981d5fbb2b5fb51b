"""A coding project: one text question's answers, its codebook, each coder's codes and the
adjudicated final coding. Numbers are computed by `teichaku.coding`, never here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teichaku.web.accounts.models import Team, url_token


def new_token() -> str:
    return url_token(12)


class CodingProject(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="coding_projects")
    token = models.CharField(max_length=32, unique=True, default=new_token)
    name = models.CharField(_("プロジェクト名"), max_length=200)
    question = models.CharField(_("設問名"), max_length=100)
    question_label = models.CharField(_("設問文"), max_length=500, blank=True)
    # Set when the answers were taken from one of the team's surveys.
    survey = models.ForeignKey(
        "surveys.Survey", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rules = models.TextField(_("コーディングルール"), blank=True)
    revealed = models.BooleanField(default=False)  # coders see each other's codes
    # Team members with the role `coder` reach only the projects they are added to here.
    coders = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    project = models.ForeignKey(CodingProject, on_delete=models.CASCADE, related_name="categories")
    position = models.PositiveIntegerField()
    value = models.CharField(_("コード"), max_length=100)
    label = models.CharField(_("カテゴリー名"), max_length=200)
    definition = models.TextField(_("定義"), blank=True)
    inclusion = models.TextField(_("含めるもの"), blank=True)
    exclusion = models.TextField(_("除くもの"), blank=True)
    examples = models.TextField(_("回答例"), blank=True)
    parent = models.CharField(_("上位コード"), max_length=100, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "value"], name="one_value_per_project")
        ]

    def __str__(self) -> str:
        return self.label


class AnswerItem(models.Model):
    project = models.ForeignKey(CodingProject, on_delete=models.CASCADE, related_name="answers")
    position = models.PositiveIntegerField()  # 1-based order; the id shown in URLs
    response_id = models.CharField(max_length=64)
    text = models.TextField()
    search_text = models.TextField()  # NFKC, case-folded (teichaku.textform.search_form)
    attributes = models.JSONField(default=dict)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "response_id"], name="one_answer_per_id"),
            models.UniqueConstraint(fields=["project", "position"], name="one_answer_per_position"),
        ]


class Review(models.Model):
    """A coder read an answer (with or without codes) and may have left a memo."""

    answer = models.ForeignKey(AnswerItem, on_delete=models.CASCADE, related_name="reviews")
    coder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    memo = models.TextField(_("メモ"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "coder"], name="one_review_per_coder")
        ]


class AppliedCode(models.Model):
    answer = models.ForeignKey(AnswerItem, on_delete=models.CASCADE, related_name="applied")
    coder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="applied")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "coder", "category"], name="one_code_once_per_coder"
            )
        ]
        indexes = [models.Index(fields=["coder", "category"])]


class Decision(models.Model):
    """The adjudicated codes of an answer the coders disagreed on."""

    answer = models.OneToOneField(AnswerItem, on_delete=models.CASCADE, related_name="decision")
    categories = models.ManyToManyField(Category, blank=True, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)


class FittedSuggester(models.Model):
    """A coder's learned suggester fitted by a job worker, for every server to load.

    ``codes``/``last_code`` are the coder's number of codes and last code id when it was
    fitted: a server uses it only while they still hold (``suggesters.learned_for``).
    """

    project = models.ForeignKey(CodingProject, on_delete=models.CASCADE)
    coder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    codes = models.PositiveIntegerField()
    last_code = models.PositiveBigIntegerField()
    model = models.BinaryField()  # pickled teichaku.coding.learned.LearnedSuggester
    fitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "coder"], name="one_fitted_per_coder")
        ]


class CodeChange(models.Model):
    """The audit of the codebook's renames and merges, moves and undos: who, when, which
    codes (codes and labels only; never an answer's text)."""

    class Kind(models.TextChoices):
        ADD = "add", _("コードを追加")
        RENAME = "rename", _("名前を変更")
        MERGE = "merge", _("統合")
        MOVE = "move", _("回答を別のコードへ移動")
        UNDO = "undo", _("取り消し")

    project = models.ForeignKey(CodingProject, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    before = models.CharField(max_length=320, blank=True)
    after = models.CharField(max_length=320, blank=True)
    count = models.PositiveIntegerField(default=0)  # codings that followed
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]


class LastAction(models.Model):
    """One coder's last coding action in a project, kept so it can be undone (a stack of
    one): the answer and what this coder had given it before."""

    class Kind(models.TextChoices):
        CODE = "code", _("コード付け")
        MOVE = "move", _("別のコードへの移動")

    project = models.ForeignKey(CodingProject, on_delete=models.CASCADE, related_name="+")
    coder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.ForeignKey(AnswerItem, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    codes_before = models.JSONField(default=list)  # category ids
    memo_before = models.TextField(blank=True)
    read_before = models.BooleanField(default=False)  # a Review existed
    at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "coder"], name="one_last_action_per_coder")
        ]


class Synonym(models.Model):
    """One row of the project's synonym table: `variant` counts as `word` in every word view
    (`teichaku.coding.words.word_tables`; the CLI's ``--synonyms`` file, row for row)."""

    project = models.ForeignKey(CodingProject, on_delete=models.CASCADE, related_name="synonyms")
    position = models.PositiveIntegerField()
    variant = models.CharField(_("異表記"), max_length=100)
    word = models.CharField(_("まとめる語"), max_length=100)

    class Meta:
        ordering = ["position", "id"]


class CompoundWord(models.Model):
    """One compound word of the project, kept whole in every word view (the CLI's
    ``--compounds`` file, line for line)."""

    project = models.ForeignKey(CodingProject, on_delete=models.CASCADE, related_name="compounds")
    position = models.PositiveIntegerField()
    word = models.CharField(_("複合語"), max_length=100)

    class Meta:
        ordering = ["position", "id"]
