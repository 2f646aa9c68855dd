from django.urls import path

from core.web.cache import revalidated

from . import feeds, views

app_name = "events"

urlpatterns = [
    # Calendars (events.feeds).
    path("events/calendar.ics", revalidated(feeds.event_calendar), name="event_calendar"),
    path(
        "events/<slug:slug>/calendar.ics",
        revalidated(feeds.single_event_calendar),
        name="single_event_calendar",
    ),
    path("events/", views.event_list, name="event_list"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/<int:pk>/", views.source_detail, name="source_detail"),
]
