from django.urls import path

from teichaku.web.coding import views

app_name = "coding"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("from-survey/<str:token>/", views.project_from_survey, name="from_survey"),
    path("<str:token>/", views.answer_list, name="answers"),
    path("<str:token>/answer/<int:position>/", views.code_answer, name="code"),
    path("<str:token>/codebook/", views.codebook, name="codebook"),
    path("<str:token>/import-codings/", views.import_codings, name="import_codings"),
    path("<str:token>/suggestions/", views.suggestions, name="suggestions"),
    path("<str:token>/compare/", views.compare, name="compare"),
    path("<str:token>/results/", views.results, name="results"),
    path("<str:token>/download/<str:kind>", views.download, name="download"),
]
