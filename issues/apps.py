from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IssuesConfig(AppConfig):
    name = "issues"
    verbose_name = _("Issues, stances and developments")

    def ready(self) -> None:
        from core.content import register_content_app

        # Content: its saves invalidate the page cache; editors and publishers work on it.
        register_content_app(self)
