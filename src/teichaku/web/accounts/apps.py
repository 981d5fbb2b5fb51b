from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "teichaku.web.accounts"
    label = "accounts"
    verbose_name = "アカウント"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from teichaku.web.accounts.sessions import remember

        user_logged_in.connect(remember, dispatch_uid="teichaku-session-record")
