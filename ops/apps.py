from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site: health and readiness, bad-day answers, deploy checks, SQLite upkeep."""

    name = "ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from ops import checks  # noqa: F401  (registers the system checks)
