# Source.published (a fuzzy date beside Source.objects.published()) becomes Source.published_on.
# RenameField keeps the data: the columns are renamed in place, on the model and its history.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_event_children_index"),
    ]

    operations = [
        migrations.RenameField("source", "published_date", "published_on_date"),
        migrations.RenameField("source", "published_precision", "published_on_precision"),
        migrations.RenameField("historicalsource", "published_date", "published_on_date"),
        migrations.RenameField("historicalsource", "published_precision", "published_on_precision"),
        migrations.AlterModelOptions(
            name="source",
            options={
                "ordering": ["-published_on_date", "title"],
                "permissions": [("publish_source", "Can publish and archive sources")],
                "verbose_name": "source",
                "verbose_name_plural": "sources",
            },
        ),
    ]
