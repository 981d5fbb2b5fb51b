from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "teichaku.web.surveys"
    label = "surveys"
    verbose_name = "Surveys"

    def ready(self) -> None:
        from teichaku.web.surveys import jobs  # noqa: F401  (registers the desk's job kinds)
