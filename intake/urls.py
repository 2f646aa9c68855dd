"""URLs of "New from a report", under /admin/intake/ (staff only, through the admin site)."""

from django.contrib import admin
from django.urls import path

from intake import views

app_name = "intake"

urlpatterns = [
    path("new/", admin.site.admin_view(views.new_from_report), name="new_from_report"),
    path("created/", admin.site.admin_view(views.created), name="created"),
]
