from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site: health and readiness, bad-day answers, deploy checks, SQLite upkeep."""

    name = "ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from ops import checks  # noqa: F401  (registers the system checks)
        from ops.statistics import analyze_after_migrate

        post_migrate.connect(analyze_after_migrate, sender=self, dispatch_uid="ops-analyze")
