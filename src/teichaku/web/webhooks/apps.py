"""Webhooks: a survey's owner registers a URL; each new answer and the survey's closing are
POSTed to it as signed JSON, retried on a schedule (`delivery.RETRY_SECONDS`), every attempt
listed on the desk. See docs/webhooks.md.
"""

from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "teichaku.web.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from teichaku.web.webhooks import tasks  # noqa: F401  (registers the Celery task)
