"""Background jobs: work that can outlast a web request, on Celery, or in-process without a broker.

A job is a row (``models.Job``) any server can read, run by a handler registered by name
(``registry.job_kind``); its file is kept in the database, so a download started on one server
is fetched from another. With ``CELERY_BROKER_URL``/``REDIS_URL`` set, ``teichaku worker`` runs
the jobs; without a broker (the embedded default) they run in the web process as soon as the
request's transaction commits.
"""
