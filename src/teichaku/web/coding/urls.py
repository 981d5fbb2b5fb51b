from django.urls import path

from teichaku.web.coding.views import answers, codebook, coders, codes, projects, results

app_name = "coding"
urlpatterns = [
    path("", projects.project_list, name="list"),
    path("new/", projects.project_create, name="create"),
    path("from-survey/<str:token>/", projects.project_from_survey, name="from_survey"),
    path("template/<str:kind>", projects.csv_template, name="template"),
    path("<str:token>/", answers.answer_list, name="answers"),
    path("<str:token>/answer/<int:position>/", answers.code_answer, name="code"),
    path("<str:token>/answer/<int:position>/move/", codes.move_coding, name="move_coding"),
    path("<str:token>/undo/", codes.undo, name="undo"),
    path("<str:token>/import-codings/", answers.import_codings, name="import_codings"),
    path("<str:token>/suggestions/", answers.suggestions, name="suggestions"),
    path("<str:token>/codebook/", codebook.codebook, name="codebook"),
    path("<str:token>/codebook/add/", codebook.add_category, name="add_category"),
    path("<str:token>/codebook/<int:category>/edit/", codebook.edit_category, name="edit_category"),
    path(
        "<str:token>/codebook/<int:category>/delete/",
        codebook.delete_category,
        name="delete_category",
    ),
    path(
        "<str:token>/codebook/<int:category>/rename/",
        codes.rename_category,
        name="rename_category",
    ),
    path(
        "<str:token>/codebook/<int:category>/merge/",
        codes.merge_category,
        name="merge_category",
    ),
    path("<str:token>/codebook/upload/", codebook.upload_codebook, name="upload_codebook"),
    path("<str:token>/codebook/rules/", codebook.save_rules, name="save_rules"),
    path("<str:token>/coders/", coders.coders, name="coders"),
    path("<str:token>/compare/", results.compare, name="compare"),
    path("<str:token>/results/", results.results, name="results"),
    path("<str:token>/download/<str:kind>", results.download, name="download"),
]
