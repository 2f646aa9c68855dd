"""Root URLs: admin, the public pages of each app, and the partner API."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("people.urls")),
    path("", include("events.urls")),
    path("", include("issues.urls")),
]

admin.site.site_header = "Relations Tracker — editors"
admin.site.site_title = "Relations Tracker admin"
admin.site.index_title = "Content"
