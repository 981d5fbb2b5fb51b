from allauth.account import views as account_views
from django.urls import path

app_name = "accounts"
# The same views as allauth's account_login / account_logout, under the names the site uses.
urlpatterns = [
    path("login/", account_views.login, name="login"),
    path("logout/", account_views.logout, name="logout"),
]
