from django.apps import AppConfig


class CodingConfig(AppConfig):
    name = "teichaku.web.coding"
    label = "coding"
    verbose_name = "Coding"

    def ready(self) -> None:
        from teichaku.web.coding import jobs, suggesters  # noqa: F401  (register the job kinds)
