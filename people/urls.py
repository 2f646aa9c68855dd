from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("people/", views.person_list, name="person_list"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
]
