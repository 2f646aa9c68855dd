"""Webhooks start from the journal's end as it is when the app is installed (no replay of history)."""

from django.db import migrations
from django.utils import timezone


def start(apps, schema_editor):
    ChangeLog = apps.get_model("sync", "ChangeLog")
    FanOutCursor = apps.get_model("webhooks", "FanOutCursor")
    last = ChangeLog.objects.order_by("-id").values_list("id", flat=True).first()
    FanOutCursor.objects.update_or_create(pk=1, defaults={"row_id": last or 0, "as_of": timezone.now()})


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0001_webhooks_endpoints_deliveries"),
        ("sync", "0001_changelog_from_core"),
    ]

    operations = [migrations.RunPython(start, migrations.RunPython.noop)]
