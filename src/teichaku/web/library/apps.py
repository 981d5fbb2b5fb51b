from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "teichaku.web.library"
    label = "library"
    verbose_name = "実践事例"
    default_auto_field = "django.db.models.BigAutoField"
