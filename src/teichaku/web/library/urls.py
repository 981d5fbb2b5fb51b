from django.urls import path

from teichaku.web.library.views import author, public, review

app_name = "library"

urlpatterns = [
    path("", public.practice_list, name="list"),
    path("map/", public.practice_map, name="map"),
    path("feed.atom", public.practice_feed, name="feed"),
    path("practices.csv", public.practice_csv, name="csv"),
    path("mine/", author.mine, name="mine"),
    path("new/", author.new, name="new"),
    path("review/", review.queue, name="queue"),
    path("<uuid:case_id>/", public.practice_case, name="case"),
    path("<uuid:case_id>/ask/", public.ask, name="ask"),
    path("<uuid:case_id>/edit/", author.edit, name="edit"),
    path("<uuid:case_id>/submit/", author.send, name="submit"),
    path("<uuid:case_id>/questions/", author.questions, name="questions"),
    path("<uuid:case_id>/review/", review.review, name="review"),
    path("<uuid:case_id>/review/confirm/", review.confirm, name="confirm"),
]
