from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "teichaku.web.accounts"
    label = "accounts"
    verbose_name = "アカウント"

    def ready(self) -> None:
        from teichaku.web.accounts import mfa  # noqa: F401 (connects its signal receiver)
