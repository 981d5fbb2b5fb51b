from django.apps import AppConfig


class CodingConfig(AppConfig):
    name = "teichaku.web.coding"
    label = "coding"
    verbose_name = "Coding"
