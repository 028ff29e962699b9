from django.urls import path

from gealc.awards import edition_views, jury_views, office_views, views

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
    # The Secretariat's pages of an edition
    path("awards/new/", office_views.edition_new, name="edition_new"),
    path("awards/<int:pk>/edit/", office_views.edition_edit, name="edition_edit"),
    path("awards/<int:pk>/screening/", office_views.screening, name="edition_screening"),
    path("awards/<int:pk>/jury/", office_views.jury, name="edition_jury"),
    path(
        "awards/<int:pk>/jury/<int:assignment>/remove/",
        office_views.assignment_remove,
        name="assignment_remove",
    ),
    path("awards/<int:pk>/ranking/", office_views.ranking, name="edition_ranking"),
    path("awards/<int:pk>/candidacies.csv", office_views.candidacies_csv, name="edition_candidacies"),
    path(
        "awards/<int:pk>/results/<slug:category>/<slug:kind>.svg",
        office_views.results_chart,
        name="edition_results_chart",
    ),
    # The jurors' and the delegations' pages of an edition
    path("awards/evaluations/", jury_views.evaluations, name="evaluations"),
    path("awards/evaluations/<int:pk>/", jury_views.evaluation, name="evaluation"),
    path("awards/attachments/<int:pk>/", jury_views.attachment, name="attachment"),
    path("awards/<int:pk>/vote/", jury_views.final_vote, name="final_vote"),
    path("<int:pk>/", views.solution_detail, name="detail"),
    path("<int:pk>/edit/", views.solution_edit, name="edit"),
    path("<int:pk>/<slug:action>/", views.solution_action, name="action"),
]
