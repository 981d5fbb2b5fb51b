from django.urls import path

from teichaku.web.accounts import teams, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
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
