from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from teichaku.web.home import home
from teichaku.web.joining import invitation_page

urlpatterns = [
    path("", home, name="home"),
    path("invitations/<str:token>/", invitation_page, name="invitation"),
    path("favicon.ico", RedirectView.as_view(url=static("teichaku/favicon.svg"), permanent=True)),
    path("accounts/", include("teichaku.web.accounts.urls")),
    path("operator/", include("teichaku.web.operator")),
    path("office/", include("teichaku.web.offices.urls")),
    path("coding/", include("teichaku.web.coding.urls")),
    path("", include("teichaku.web.surveys.urls")),
]
