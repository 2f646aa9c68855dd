from django.urls import path

from core.web.cache import revalidated

from . import feeds, views

app_name = "alerts"

urlpatterns = [
    path("alerts/follow/", views.follow, name="follow"),
    path("alerts/follow/sent/", views.requested, name="requested"),
    path("alerts/confirm/<str:token>/", views.confirm, name="confirm"),
    path("alerts/manage/<str:token>/", views.manage, name="manage"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("corrections/", views.correction_list, name="correction_list"),
    path("corrections/feed.rss", revalidated(feeds.CorrectionsRssFeed()), name="corrections_rss"),
    path(
        "corrections/feed.atom", revalidated(feeds.CorrectionsAtomFeed()), name="corrections_atom"
    ),
]
