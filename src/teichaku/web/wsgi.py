"""The WSGI entry point (`teichaku serve` runs it in gunicorn)."""

import os

from django.core.wsgi import get_wsgi_application

from teichaku.web.local_state import prepare

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teichaku.web.settings")
prepare()  # a server started without `teichaku serve` still keeps one secret key
application = get_wsgi_application()
