from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "teichaku.web.accounts"
    label = "accounts"
    verbose_name = "アカウント"
