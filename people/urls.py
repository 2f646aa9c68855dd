from django.urls import path

from . import feeds, views

app_name = "people"

urlpatterns = [
    # Feeds and calendars (people.feeds).
    path("people/<slug:slug>/feed.rss", feeds.PersonRssFeed(), name="person_feed_rss"),
    path("people/<slug:slug>/feed.atom", feeds.PersonAtomFeed(), name="person_feed_atom"),
    path("people/<slug:slug>/calendar.ics", feeds.person_calendar, name="person_calendar"),
    path("people/", views.person_list, name="person_list"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
]
