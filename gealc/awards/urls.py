from django.urls import path

from gealc.awards import edition_views, jury_views, views

app_name = "awards"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("solutions.csv", views.catalogue_csv, name="catalogue_csv"),
    path("mine/", views.country_solutions, name="mine"),
    path("new/", views.solution_new, name="new"),
    path("review/", views.review_queue, name="review"),
    path("import/", views.import_page, name="import"),
    path("awards/", edition_views.editions, name="editions"),
    path("awards/<int:pk>/", edition_views.edition_detail, name="edition"),
    path("awards/<int:pk>/submit/", edition_views.submission_new, name="submission_new"),
    path("awards/<int:pk>/results/", edition_views.edition_results, name="edition_results"),
    path("awards/<int:pk>/step/<slug:action>/", edition_views.edition_action, name="edition_action"),
    # The jurors' and the delegations' pages of an edition
    path("awards/evaluations/", jury_views.evaluations, name="evaluations"),
    path("awards/evaluations/<int:pk>/", jury_views.evaluation, name="evaluation"),
    path("awards/attachments/<int:pk>/", jury_views.attachment, name="attachment"),
    path("awards/<int:pk>/vote/", jury_views.final_vote, name="final_vote"),
    path("<int:pk>/", views.solution_detail, name="detail"),
    path("<int:pk>/edit/", views.solution_edit, name="edit"),
    path("<int:pk>/<slug:action>/", views.solution_action, name="action"),
]
