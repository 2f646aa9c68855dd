from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search index")

    def ready(self) -> None:
        from search import signals

        # Every save and delete of an indexed model rewrites its index row, whatever wrote it.
        signals.connect()
        # A database migrated before the index existed gets it filled once.
        post_migrate.connect(signals.fill_empty_index, sender=self)
