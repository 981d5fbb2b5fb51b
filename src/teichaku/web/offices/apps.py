from django.apps import AppConfig


class OfficesConfig(AppConfig):
    name = "teichaku.web.offices"
    label = "offices"
    verbose_name = "就労定着支援事業所"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from teichaku.web.offices import jobs  # noqa: F401  (registers the office archive job)
