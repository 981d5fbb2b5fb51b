from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from teichaku.web.accounts.mfa import ActivateTOTPView
from teichaku.web.api.api import api
from teichaku.web.health import healthz, readyz
from teichaku.web.home import home
from teichaku.web.joining import invitation_page

urlpatterns = [
    # First: a respondent's pages (s/…) and the desk (desk/…) share no prefix with the rest,
    # so the order changes no match, and the most requested pages are found first.
    path("", include("teichaku.web.surveys.urls")),
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("invitations/<str:token>/", invitation_page, name="invitation"),
    path("favicon.ico", RedirectView.as_view(url=static("teichaku/favicon.svg"), permanent=True)),
    path("accounts/", include("teichaku.web.accounts.urls")),  # first: the site's names
    path(  # allauth's page, counting the enrolment code as passing (accounts/mfa.py)
        "accounts/2fa/totp/activate/", ActivateTOTPView.as_view(), name="mfa_activate_totp"
    ),
    path("accounts/", include("allauth.urls")),  # password, reset, e-mail, 2fa (mfa)
    path("operator/", include("teichaku.web.operator")),
    path("office/", include("teichaku.web.offices.urls")),
    path("coding/", include("teichaku.web.coding.urls")),
    path("jobs/", include("teichaku.web.jobs.views")),
    path("practices/", include("teichaku.web.library.urls")),
    path("api/v1/", api.urls),
]
