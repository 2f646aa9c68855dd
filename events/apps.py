from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events, statements and sources")

    def ready(self) -> None:
        from core.content import register_content_app

        # Content: its saves invalidate the page cache; editors and publishers work on it.
        register_content_app(self)
