from django.urls import path

from gealc.members import views

app_name = "members"

urlpatterns = [
    path("countries/", views.country_list, name="country_list"),
    path("countries/<str:iso3>/", views.country_detail, name="country_detail"),
    path("subregions/<slug:code>/", views.subregion_detail, name="subregion_detail"),
    path("institutions/", views.institution_list_page, name="institution_list"),
]
