from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "teichaku.web.jobs"
    label = "jobs"
    verbose_name = "Jobs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.conf import settings

        from teichaku.web import mail  # noqa: F401  (its task sends every e-mail)
        from teichaku.web.health import READINESS_CHECKS
        from teichaku.web.jobs import celery_app, tasks  # noqa: F401  (the app, its task)

        if settings.CELERY_BROKER_URL:
            READINESS_CHECKS["broker"] = broker_answers


def broker_answers() -> None:
    from teichaku.web.jobs.celery_app import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=3)
