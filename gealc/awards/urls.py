from django.urls import path

from gealc.awards import views

app_name = "awards"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("solutions.csv", views.catalogue_csv, name="catalogue_csv"),
    path("mine/", views.country_solutions, name="mine"),
    path("new/", views.solution_new, name="new"),
    path("review/", views.review_queue, name="review"),
    path("import/", views.import_page, name="import"),
    path("<int:pk>/", views.solution_detail, name="detail"),
    path("<int:pk>/edit/", views.solution_edit, name="edit"),
    path("<int:pk>/<slug:action>/", views.solution_action, name="action"),
]
