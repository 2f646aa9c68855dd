from django.urls import path

from . import views

app_name = "issues"

urlpatterns = [
    path("issues/<slug:slug>/", views.issue_detail, name="issue_detail"),
]
