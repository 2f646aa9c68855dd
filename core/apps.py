from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared foundations")

    def ready(self) -> None:
        from core.web.cache_signals import connect_cache_signals

        # Cache invalidation only: a content save makes every cached public page stale.
        connect_cache_signals()
