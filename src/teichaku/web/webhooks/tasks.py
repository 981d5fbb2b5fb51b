"""The Celery task of a webhook delivery: one try; a failed one queues the next itself."""

from __future__ import annotations

from celery import shared_task

from teichaku.web.webhooks.delivery import attempt


@shared_task(name="teichaku.deliver_webhook", ignore_result=True, acks_late=True)
def deliver_webhook(delivery_id: str) -> None:
    attempt(delivery_id)
