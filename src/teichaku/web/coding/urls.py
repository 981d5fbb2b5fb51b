from django.urls import path

from teichaku.web.coding.views import (
    answers,
    codebook,
    coders,
    kwic,
    network,
    projects,
    results,
    word_tables,
    words,
)

app_name = "coding"
urlpatterns = [
    path("", projects.project_list, name="list"),
    path("new/", projects.project_create, name="create"),
    path("from-survey/<str:token>/", projects.project_from_survey, name="from_survey"),
    path("<str:token>/", answers.answer_list, name="answers"),
    path("<str:token>/answer/<int:position>/", answers.code_answer, name="code"),
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
    path("<str:token>/codebook/upload/", codebook.upload_codebook, name="upload_codebook"),
    path("<str:token>/codebook/rules/", codebook.save_rules, name="save_rules"),
    path("<str:token>/coders/", coders.coders, name="coders"),
    path("<str:token>/compare/", results.compare, name="compare"),
    path("<str:token>/results/", results.results, name="results"),
    path("<str:token>/download/<str:kind>", results.download, name="download"),
    path("<str:token>/words/", words.words, name="words"),
    path("<str:token>/words/tables/", word_tables.word_tables, name="word_tables"),
    path("<str:token>/words/synonyms/add/", word_tables.add_synonym, name="add_synonym"),
    path("<str:token>/words/compounds/add/", word_tables.add_compound, name="add_compound"),
    path("<str:token>/words/<str:table>/remove/", word_tables.remove_row, name="remove_word_row"),
    path("<str:token>/words/<str:table>/upload/", word_tables.upload_table, name="upload_words"),
    path(
        "<str:token>/words/download/<str:name>",
        word_tables.table_download,
        name="word_tables_download",
    ),
    path("<str:token>/kwic/", kwic.kwic, name="kwic"),
    path("<str:token>/kwic/code/", kwic.kwic_code, name="kwic_code"),
    path("<str:token>/network/", network.network, name="network"),
    path("<str:token>/network/<str:name>", network.network_download, name="network_download"),
]
