"""The Celery application: configured from the Django settings (``CELERY_*``).

Without a broker the settings make every task eager: it runs in the calling process.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teichaku.web.settings")

app = Celery("teichaku")
app.config_from_object("django.conf:settings", namespace="CELERY")
if not app.conf.broker_url:
    # Eager: no task leaves the process, but Celery still builds a connection's details and
    # kombu logs a warning about an AMQP host on every task unless it has a transport.
    app.conf.update(broker_url="memory://localhost/")
app.autodiscover_tasks(["teichaku.web.jobs"])
