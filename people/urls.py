from django.urls import path

from core.web.cache import revalidated

from . import feeds, views

app_name = "people"

urlpatterns = [
    # Feeds and calendars (people.feeds).
    path("people/<slug:slug>/feed.rss", revalidated(feeds.PersonRssFeed()), name="person_feed_rss"),
    path(
        "people/<slug:slug>/feed.atom", revalidated(feeds.PersonAtomFeed()), name="person_feed_atom"
    ),
    path(
        "people/<slug:slug>/calendar.ics",
        revalidated(feeds.person_calendar),
        name="person_calendar",
    ),
    path("people/", views.person_list, name="person_list"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
]
