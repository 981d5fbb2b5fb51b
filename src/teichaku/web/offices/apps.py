from django.apps import AppConfig


class OfficesConfig(AppConfig):
    name = "teichaku.web.offices"
    label = "offices"
    verbose_name = "就労定着支援事業所"
    default_auto_field = "django.db.models.BigAutoField"
