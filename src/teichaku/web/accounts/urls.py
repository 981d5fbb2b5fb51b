from allauth.account import views as allauth_views
from django.urls import path

app_name = "accounts"
# The same views as allauth's account_login / account_logout, under the names the site uses.
urlpatterns = [
    path("login/", allauth_views.login, name="login"),
    path("logout/", allauth_views.logout, name="logout"),
]
