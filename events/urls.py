from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("sources/<int:pk>/", views.source_detail, name="source_detail"),
]
