from django.urls import path

from gealc.software import views

app_name = "software"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("figures/", views.figures_page, name="figures"),
    path("charts/reuse.svg", views.reuse_chart, name="reuse_chart"),
    path("import/", views.import_page, name="import"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:slug>/publiccode.yml", views.export, name="export"),
    path("<slug:slug>/adoptions/new/", views.adoption_new, name="adoption_new"),
    path("<slug:slug>/contributions/new/", views.contribution_new, name="contribution_new"),
]
