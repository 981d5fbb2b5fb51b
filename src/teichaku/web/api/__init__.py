"""The read API at ``/api/v1/`` (django-ninja): per-user bearer tokens, scoped and stored hashed.

``models.ApiToken`` (SHA-256 digest only), ``tokens.py`` (create, revoke, authenticate: the one
place a token is made or checked), ``auth.py`` (bearer only; session cookies are not API auth),
``api.py`` (the NinjaAPI and the one list of routers), ``paging.py`` (``{"items", "next"}``),
``surveys.py``, ``coding.py``, ``offices.py`` (the routers), ``views.py`` (the account page).
"""
