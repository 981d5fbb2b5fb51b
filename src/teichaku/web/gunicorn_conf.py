"""gunicorn settings of `teichaku serve` (and the bench): `-c python:teichaku.web.gunicorn_conf`.

gunicorn writes `Server: gunicorn` on every response and has no setting for it; its
response class reads the module global `SERVER` each time, so naming the product here
(before the workers fork) replaces it. Nothing tells a client which server or version runs.
"""

import gunicorn.http.wsgi  # type: ignore[import-untyped]

SERVER_HEADER = "teichaku"
gunicorn.http.wsgi.SERVER = SERVER_HEADER
