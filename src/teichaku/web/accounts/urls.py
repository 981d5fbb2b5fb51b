from allauth.account import views as account_views
from django.urls import path

from teichaku.web.accounts import teams
from teichaku.web.api import views as api_views

app_name = "accounts"
# The same views as allauth's account_login / account_logout, under the names the site uses.
urlpatterns = [
    path("login/", account_views.login, name="login"),
    path("logout/", account_views.logout, name="logout"),
    path("api-tokens/", api_views.token_list, name="api_tokens"),
    path("api-tokens/<int:token_id>/revoke/", api_views.token_revoke, name="api_token_revoke"),
    path("teams/<str:token>/", teams.members, name="team"),
    path(
        "teams/<str:token>/invitations/<str:invitation_id>/revoke/",
        teams.invitation_revoke,
        name="team_invitation_revoke",
    ),
    path(
        "teams/<str:token>/members/<int:member_id>/remove/",
        teams.member_remove,
        name="team_member_remove",
    ),
]
