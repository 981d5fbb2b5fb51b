"""Django settings. The environment is read here and nowhere else; a bad value stops the
program with a message naming the variable, the value and what is accepted.

DATABASE_URL            sqlite:///… (default: var/teichaku.sqlite3) or postgres://…
CONN_MAX_AGE            seconds a database connection is kept; default 0 (`serve`: 60)
SECRET_KEY              default: the key in var/secret_key, which `teichaku serve`,
                        `teichaku manage` and the WSGI entry point create when missing
ALLOWED_HOSTS           comma-separated; default 127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS    comma-separated origins (https://…); default none
DEBUG                   1/0 (true/false, yes/no, on/off); default off
TEICHAKU_VAR            folder for local state; default ./var
SECURE_COOKIES          1 behind HTTPS: secure cookies, and HSTS unless told otherwise
SECURE_HSTS_SECONDS     Strict-Transport-Security max-age; default 31536000 with
                        SECURE_COOKIES, else 0 (no header)
SECURE_HSTS_INCLUDE_SUBDOMAINS  1/0: HSTS for every subdomain too; default on when HSTS is on
SECURE_HSTS_PRELOAD     1/0: ask browsers to preload HSTS for the domain; default off
SECURE_SSL_REDIRECT     1/0: redirect plain HTTP to HTTPS (behind a proxy that sends
                        X-Forwarded-Proto, with TRUSTED_PROXIES set); default off;
                        /healthz and /readyz are never redirected
TRUSTED_PROXIES         comma-separated IPs/CIDRs of reverse proxies whose
                        X-Forwarded-For is believed; default none (the header is ignored)
TEICHAKU_FORM_RATE      new survey forms started per client address, as count/seconds;
                        default 300/600
TEICHAKU_MAX_UPLOAD_MB  largest uploaded file, in MB; default 50
TEICHAKU_BASE_URL       public address for printed links (https://… behind a proxy);
                        default: `serve` prints its own --host/--port
SESSION_COOKIE_AGE      seconds; default 28800 (8 hours)
SESSION_IDLE_TIMEOUT    seconds without a request before logout; default 1800
AXES_FAILURE_LIMIT      failed logins for one user name from one address before a
                        lockout; default 5
AXES_ADDRESS_FAILURE_LIMIT  failed logins from one address, any user names, before a
                        lockout; default 20
TEICHAKU_INVITATION_DAYS  days an e-mailed invitation link stays valid; default 7
REDIS_URL               redis://host:6379/0: the shared cache (rate limits, suggesters) and,
                        unless CELERY_BROKER_URL says otherwise, the job broker; default
                        none (cache in each process, jobs run in the web process)
CELERY_BROKER_URL       redis://… or amqp://… (RabbitMQ) for background jobs run by
                        `teichaku worker`; default REDIS_URL; neither: jobs run in-process
TEICHAKU_WEBHOOK_ALLOW_PRIVATE  1/0: let webhooks reach loopback, private, link-local and
                        reserved addresses (a receiver on this machine or the LAN); default off
TEICHAKU_WEBHOOK_RETRY_SECONDS  seconds before each retry of a failed webhook delivery,
                        comma-separated; default 60,300,1800,7200,21600,54000 (7 tries, ~1 day)
TEICHAKU_JOB_STALE_SECONDS  seconds after which a job still marked running, whose task comes
                        again, is taken as its worker's death and run anew (also Redis's
                        visibility timeout: the longest a job may run); default 3600
TEICHAKU_SYNC_FIT_LIMIT  coded answers up to which a coder's suggester is refitted within
                        the request; above it, in the background; default 200
LOG_LEVEL               DEBUG, INFO, WARNING, ERROR or CRITICAL; default WARNING
EMAIL_URL               where e-mail goes: smtp://user:pass@host:587/?tls=True,
                        submission://… (TLS), console: (printed), file:///path (one file per
                        message); default file://<TEICHAKU_VAR>/mail
DEFAULT_FROM_EMAIL      the sender of the e-mail teichaku sends; default teichaku@localhost
TEICHAKU_MAIL_RETRY_SECONDS  seconds before each retry of a message the mail server did not
                        take (connection lost, 4xx), comma-separated; default
                        30,120,600,1800,3600 (6 tries over ~1.7 hours)

Nothing is written to disk when this module is imported: the local folder and the secret
key file are made by `teichaku.web.local_state.prepare()` when a server or a management
command starts. Until then (tests, a process that only imports the settings) a missing key
file means a key made in memory for this process only.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import warnings
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")


def _bad(name: str, value: str, accepted: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(
        f"環境変数 {name} の値 {value!r} は使えません。使える値: {accepted} / "
        f"{name}={value!r} is not accepted; use {accepted}"
    )


def _text(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise _bad(name, value, "1/0, true/false, yes/no, on/off")


def _int(name: str, default: int, minimum: int = 0) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        number = int(value.strip())
    except ValueError:
        number = minimum - 1
    if number < minimum:
        raise _bad(name, value, f"an integer ≥ {minimum}")
    return number


def _list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in _text(name, default).split(",") if item.strip()]


def _seconds(name: str, default: str) -> tuple[int, ...]:
    values = _list(name, default) or default.split(",")
    if all(v.isdigit() and int(v) >= 1 for v in values):
        return tuple(int(v) for v in values)
    raise _bad(name, _text(name), "whole seconds ≥ 1, comma-separated (e.g. 60,300,1800)")


def _rate(name: str, default: str) -> str:
    value = _text(name, default) or default
    count, slash, seconds = value.partition("/")
    digits = slash and count.strip().isdigit() and seconds.strip().isdigit()
    if digits and int(count) >= 1 and int(seconds) >= 1:
        return f"{int(count)}/{int(seconds)}"
    raise _bad(name, value, "count/seconds, both ≥ 1 (e.g. 300/600)")


def _networks(name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    networks = []
    for item in _list(name):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise _bad(name, item, "IP addresses or CIDRs, comma-separated") from None
    return networks


def _email(name: str, default: str) -> dict[str, object]:
    value = _text(name, default) or default
    scheme, colon, rest = value.partition(":")
    if not colon or scheme not in dj_email_url.SCHEMES:
        raise _bad(name, value, "smtp://…, submission://…, console:, file:///path")
    if scheme == "file":  # dj-email-url drops the leading slash of an absolute path
        path = rest.removeprefix("//")
        if not path.startswith("/"):
            raise _bad(name, value, "file:///an/absolute/path")
        return {"EMAIL_BACKEND": dj_email_url.SCHEMES["file"], "EMAIL_FILE_PATH": path}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dj-email-url warns about smtps://
        parsed = dj_email_url.parse(value)
    return {key: item for key, item in parsed.items() if item is not None}


def _choice(name: str, default: str, accepted: tuple[str, ...]) -> str:
    value = _text(name, default) or default
    if value.upper() not in accepted:
        raise _bad(name, value, ", ".join(accepted))
    return value.upper()


VAR_DIR = Path(_text("TEICHAKU_VAR") or Path.cwd() / "var").resolve()
SECRET_KEY_FILE = VAR_DIR / "secret_key"


SECRET_KEY_FROM_ENVIRONMENT = bool(_text("SECRET_KEY"))


def _secret_key() -> str:
    if SECRET_KEY_FROM_ENVIRONMENT:
        return _text("SECRET_KEY")
    if SECRET_KEY_FILE.is_file():
        return SECRET_KEY_FILE.read_text(encoding="utf-8").strip()
    return secrets.token_urlsafe(50)  # this process only: see the module's docstring


DEBUG = _flag("DEBUG")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = _list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS")
TRUSTED_PROXIES = _networks("TRUSTED_PROXIES")
TEICHAKU_FORM_RATE = _rate("TEICHAKU_FORM_RATE", "300/600")
TEICHAKU_MAX_UPLOAD_MB = _int("TEICHAKU_MAX_UPLOAD_MB", 50, minimum=1)
TEICHAKU_BASE_URL = _text("TEICHAKU_BASE_URL").rstrip("/")
TEICHAKU_SYNC_FIT_LIMIT = _int("TEICHAKU_SYNC_FIT_LIMIT", 200)
if TEICHAKU_BASE_URL and not TEICHAKU_BASE_URL.startswith(("http://", "https://")):
    raise _bad("TEICHAKU_BASE_URL", TEICHAKU_BASE_URL, "an http:// or https:// address")

REDIS_URL = _text("REDIS_URL")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise _bad("REDIS_URL", REDIS_URL, "a redis://, rediss:// or unix:// address")
CELERY_BROKER_URL = _text("CELERY_BROKER_URL") or REDIS_URL
if CELERY_BROKER_URL and not CELERY_BROKER_URL.startswith(
    ("redis://", "rediss://", "unix://", "amqp://", "amqps://")
):
    raise _bad("CELERY_BROKER_URL", CELERY_BROKER_URL, "a redis:// or amqp:// address")
# Without a broker every job runs in the process that starts it (the embedded default).
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_RESULT_BACKEND = REDIS_URL or None  # job state itself is kept in the database
CELERY_TASK_ACKS_LATE = True  # a worker that dies mid-job leaves it to another
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A job still running this long after it started, whose task is delivered again, lost its
# worker: it is run anew (at most JOB_ATTEMPTS times). Redis redelivers an unacknowledged
# task after the same time; RabbitMQ at once, marked as redelivered.
TEICHAKU_JOB_STALE_SECONDS = _int("TEICHAKU_JOB_STALE_SECONDS", 3600, minimum=60)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": TEICHAKU_JOB_STALE_SECONDS}
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Webhooks to this machine's or the LAN's addresses: refused unless the operator allows it.
TEICHAKU_WEBHOOK_ALLOW_PRIVATE = _flag("TEICHAKU_WEBHOOK_ALLOW_PRIVATE")
# The retry schedule of webhook deliveries (docs/webhooks.md).
TEICHAKU_WEBHOOK_RETRY_SECONDS = _seconds(
    "TEICHAKU_WEBHOOK_RETRY_SECONDS", "60,300,1800,7200,21600,54000"
)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "teichaku",
        }
    }

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "teichaku.web.accounts",
    "teichaku.web.surveys",
    "teichaku.web.coding",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "teichaku.web.offices",
    "teichaku.web.jobs",
    "ninja",  # its Swagger UI files are served from our static files, never a CDN
    "teichaku.web.api",
    "teichaku.web.library",
    "teichaku.web.webhooks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "teichaku.web.offices.middleware.IdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "teichaku.web.security.SecurityHeadersMiddleware",
    "teichaku.web.uploads.UploadTooLargeMiddleware",
    "axes.middleware.AxesMiddleware",
]
# The backend that checks passwords (user name or e-mail); also the one a page names when it
# signs someone in itself (accepting an invitation).
PASSWORD_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # login throttling: must come first
    PASSWORD_BACKEND,
]

ROOT_URLCONF = "teichaku.web.urls"
WSGI_APPLICATION = "teichaku.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        _text("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'teichaku.sqlite3'}",
        conn_max_age=_int("CONN_MAX_AGE", 0),
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # connections persist under gunicorn
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default holds a workshop's load: readers never wait for the writer
    # (WAL), a writer waits for the lock instead of failing, and a transaction that will
    # write takes the lock when it begins (a deferred one could not wait for it later).
    # Options given in DATABASE_URL win.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"  # the same page as allauth's account_login
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Tokyo"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"  # made by local_state.prepare(), not here
# WhiteNoise warns of a missing STATIC_ROOT; it serves from the package anyway (finders).
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # serve straight from the package, no collectstatic needed locally
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = _int("SESSION_COOKIE_AGE", 60 * 60 * 8, minimum=1)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _flag("SECURE_COOKIES")
# HTTPS only from the first visit on, once served over HTTPS (a year unless told otherwise).
SECURE_HSTS_SECONDS = _int(
    "SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60 if SESSION_COOKIE_SECURE else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE_HSTS_SECONDS > 0)
SECURE_HSTS_PRELOAD = _flag("SECURE_HSTS_PRELOAD")
SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT")
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # a load balancer asks over plain HTTP
# A proxy that ends TLS forwards plain HTTP: its X-Forwarded-Proto says whether the visitor
# used HTTPS. Believed only when proxies are configured (they must set or strip the header).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXIES else None
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_IDLE_TIMEOUT = _int("SESSION_IDLE_TIMEOUT", 30 * 60, minimum=1)  # seconds
AXES_FAILURE_LIMIT = _int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_CLIENT_IP_CALLABLE = "teichaku.web.client.client_address"
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "teichaku.web.accounts.throttle.AddressLimitHandler"  # + a per-address limit
AXES_ADDRESS_FAILURE_LIMIT = _int("AXES_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"  # Japanese, status 429
AXES_VERBOSE = False  # axes would log user names and addresses

# Accounts: django-allauth (web/accounts/adapter.py). No open sign-up: accounts come from
# invitations. Login by user name or e-mail; axes (above) is the one lockout, so allauth's own
# limits on logins are off; its other limits (e.g. reset e-mails) stay (templates/429.html).
ACCOUNT_ADAPTER = "teichaku.web.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "teichaku.web.accounts.forms.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = False  # sessions end with the browser (above)
ACCOUNT_LOGOUT_REDIRECT_URL = LOGOUT_REDIRECT_URL
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[teichaku] "
ACCOUNT_RATE_LIMITS = {"login": False, "login_failed": False}
ACCOUNT_PRESERVE_USERNAME_CASING = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "teichaku"
MFA_TOTP_TOLERANCE = 1  # one step either side, as django-otp allowed before

_EMAIL = _email("EMAIL_URL", f"file://{VAR_DIR / 'mail'}")
# Every message goes through the job queue (teichaku.web.mail); the backend EMAIL_URL names
# delivers it, on a worker (or in this process without a broker).
EMAIL_BACKEND = "teichaku.web.mail.QueuedEmailBackend"
TEICHAKU_EMAIL_BACKEND = str(_EMAIL.pop("EMAIL_BACKEND"))
TEICHAKU_MAIL_RETRY_SECONDS = _seconds("TEICHAKU_MAIL_RETRY_SECONDS", "30,120,600,1800,3600")
globals().update(_EMAIL)  # EMAIL_HOST, EMAIL_PORT, EMAIL_FILE_PATH, …
DEFAULT_FROM_EMAIL = _text("DEFAULT_FROM_EMAIL", "teichaku@localhost") or "teichaku@localhost"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _choice("LOG_LEVEL", "WARNING", _LOG_LEVELS)},
}

# --- invite ---
TEICHAKU_INVITATION_DAYS = _int("TEICHAKU_INVITATION_DAYS", 7, minimum=1)
