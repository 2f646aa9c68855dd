from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People and organizations")

    def ready(self) -> None:
        from core.content import register_content_app
        from people import signals

        # Content: its saves invalidate the page cache; editors and publishers work on it.
        register_content_app(self)
        # Every name change refreshes the person's search key, whatever wrote it.
        signals.connect()
