"""Try every webhook delivery that is due (the retry schedule's sweep; run it from cron when no
worker is running: `teichaku manage deliver_webhooks`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from teichaku.web.webhooks.delivery import deliver_due


class Command(BaseCommand):
    help = "期限の来た Webhook の再送を実行する / send the webhook deliveries that are due"

    def handle(self, *args: Any, **options: Any) -> None:
        tried = deliver_due(limit=1000)
        self.stdout.write(f"{tried} 件を送信した / {tried} tried")
