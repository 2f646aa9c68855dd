from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyncConfig(AppConfig):
    name = "sync"
    verbose_name = _("Partner sync")

    def ready(self) -> None:
        from sync import signals

        # The change journal must see every write of a synced object (see sync.signals).
        signals.connect()
