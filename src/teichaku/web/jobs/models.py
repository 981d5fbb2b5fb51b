"""A background job as every server sees it: state, progress and, when done, its file."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("待機中")
    RUNNING = "running", _("実行中")
    DONE = "done", _("完了")
    FAILED = "failed", _("失敗")


class Job(models.Model):
    # The id is the only thing a URL carries: opaque, never a name or a survey's title.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=200)  # what the page calls it, in the user's words
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    parameters = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # 0–100
    message = models.CharField(max_length=300, blank=True)  # for the owner, in Japanese
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    content = models.BinaryField(null=True, blank=True)
    # The file a job reads (an upload to import): kept here, not on one server's disk, and
    # dropped once the job has finished.
    upload_name = models.CharField(max_length=200, blank=True)
    upload = models.BinaryField(null=True, blank=True)
    # What the job's page shows when it is over (an import's summary or its refused values).
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The page the job was started from (a path on this site), linked from the job's page.
    back = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"])]

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)
