from django.urls import path

from teichaku.web.surveys.views import desk, prepare, public, texts, waves, weights
from teichaku.web.webhooks import views as webhooks

app_name = "surveys"
urlpatterns = [
    # Respondents: the survey's unguessable token, never an id.
    path("s/<str:token>/", public.start, name="start"),
    path("s/<str:token>/answer/", public.answer, name="answer"),
    path("s/<str:token>/visible/", public.visible, name="visible"),
    path("s/<str:token>/thanks/", public.thanks, name="thanks"),
    # The research desk.
    path("desk/", desk.survey_list, name="desk"),
    path("desk/new/", desk.survey_create, name="create"),
    path("desk/<str:token>/", desk.results, name="results"),
    path("desk/<str:token>/tables/", desk.results_tables, name="tables"),
    path("desk/<str:token>/figures/<slug:key>.svg", desk.figure, name="figure"),
    path("desk/<str:token>/cross/", desk.cross, name="cross"),
    path("desk/<str:token>/download/<str:kind>", desk.download, name="download"),
    path("desk/<str:token>/exports/<str:kind>", desk.export_job, name="export_job"),
    path("desk/<str:token>/import/", desk.import_answers, name="import"),
    path("desk/<str:token>/texts/<str:question>/", texts.texts, name="texts"),
    path("desk/<str:token>/texts/<str:question>/answers.csv", texts.texts_csv, name="texts_csv"),
    path("desk/<str:token>/status/", prepare.set_status, name="status"),
    path("desk/<str:token>/consent/", prepare.consent, name="consent"),
    path("desk/<str:token>/preview/", prepare.preview, name="preview"),
    path("desk/<str:token>/qr.svg", prepare.qr_code, {"kind": "svg"}, name="qr_svg"),
    path("desk/<str:token>/qr.png", prepare.qr_code, {"kind": "png"}, name="qr_png"),
    path("desk/<str:token>/schedule/", desk.schedule, name="schedule"),
    path("desk/<str:token>/invitations/", desk.invitations, name="invitations"),
    path("desk/<str:token>/weights/", weights.raking, name="weights"),
    path("desk/<str:token>/waves/", waves.link, name="waves"),
    path("desk/<str:token>/waves/<str:kind>", waves.download, name="waves_download"),
    path("desk/<str:token>/webhooks/", webhooks.webhooks, name="webhooks"),
    path("desk/<str:token>/webhooks/<int:hook_id>/", webhooks.webhook_action, name="webhook"),
    path(
        "desk/<str:token>/webhooks/deliveries/<uuid:delivery_id>/redeliver",
        webhooks.redeliver,
        name="redeliver",
    ),
]
