from django.urls import path

from . import feeds, views

app_name = "issues"

urlpatterns = [
    # Feeds and calendars (issues.feeds): site-wide latest, and per issue.
    path("feeds/latest.rss", feeds.LatestRssFeed(), name="latest_feed_rss"),
    path("feeds/latest.atom", feeds.LatestAtomFeed(), name="latest_feed_atom"),
    path("issues/<slug:slug>/feed.rss", feeds.IssueRssFeed(), name="issue_feed_rss"),
    path("issues/<slug:slug>/feed.atom", feeds.IssueAtomFeed(), name="issue_feed_atom"),
    path("issues/<slug:slug>/calendar.ics", feeds.issue_calendar, name="issue_calendar"),
    path("issues/", views.issue_list, name="issue_list"),
    path("issues/<slug:slug>/", views.issue_detail, name="issue_detail"),
]
