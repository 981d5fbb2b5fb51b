from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "teichaku.web.surveys"
    label = "surveys"
    verbose_name = "Surveys"
