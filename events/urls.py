from django.urls import path

from . import feeds, views

app_name = "events"

urlpatterns = [
    # Feeds and calendars (events.feeds); a person's live here because they list events.
    path("events/calendar.ics", feeds.event_calendar, name="event_calendar"),
    path(
        "events/<slug:slug>/calendar.ics", feeds.single_event_calendar, name="single_event_calendar"
    ),
    path("people/<slug:slug>/feed.rss", feeds.PersonRssFeed(), name="person_feed_rss"),
    path("people/<slug:slug>/feed.atom", feeds.PersonAtomFeed(), name="person_feed_atom"),
    path("people/<slug:slug>/calendar.ics", feeds.person_calendar, name="person_calendar"),
    path("events/", views.event_list, name="event_list"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/<int:pk>/", views.source_detail, name="source_detail"),
]
