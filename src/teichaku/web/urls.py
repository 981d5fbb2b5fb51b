from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("teichaku.web.accounts.urls")),
    path("office/", include("teichaku.web.offices.urls")),
    path("coding/", include("teichaku.web.coding.urls")),
    path("", include("teichaku.web.surveys.urls")),
]
