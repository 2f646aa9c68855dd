from django.urls import path

from core.web.cache import revalidated

from . import feeds, views

app_name = "public"

urlpatterns = [
    path("feeds/latest.rss", revalidated(feeds.LatestRssFeed()), name="latest_feed_rss"),
    path("feeds/latest.atom", revalidated(feeds.LatestAtomFeed()), name="latest_feed_atom"),
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
]
