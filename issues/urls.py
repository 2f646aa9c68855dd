from django.urls import path

from core.web.cache import revalidated

from . import feeds, views

app_name = "issues"

urlpatterns = [
    # Feeds and calendars (issues.feeds).
    path("issues/<slug:slug>/feed.rss", revalidated(feeds.IssueRssFeed()), name="issue_feed_rss"),
    path(
        "issues/<slug:slug>/feed.atom", revalidated(feeds.IssueAtomFeed()), name="issue_feed_atom"
    ),
    path(
        "issues/<slug:slug>/calendar.ics", revalidated(feeds.issue_calendar), name="issue_calendar"
    ),
    path("issues/", views.issue_list, name="issue_list"),
    path("issues/<slug:slug>/", views.issue_detail, name="issue_detail"),
]
