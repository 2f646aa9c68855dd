"""Event series carry an editorial status (issue 8). Series that existed were public (shown on
every event of theirs), so they, and their history, become published; the Publisher group may
publish series from now on (core.roles)."""

import django.utils.timezone
from django.db import migrations, models


def publish_existing(apps, schema_editor):
    alias = schema_editor.connection.alias
    for name in ("EventSeries", "HistoricalEventSeries"):
        apps.get_model("events", name).objects.using(alias).update(editorial_status="published")


def grant_publish_permission(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    from core.roles import PUBLISHER

    alias = schema_editor.connection.alias
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=alias)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.using(alias).filter(name=PUBLISHER).first()
    if group is None:
        return  # created later by core's migration, with every permission then known
    group.permissions.add(
        *Permission.objects.using(alias).filter(
            content_type__app_label="events", codename="publish_eventseries"
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0010_i18n_content_translated_fields'),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='eventseries',
            options={'ordering': ['name'], 'permissions': [('publish_eventseries', 'Can publish and archive event series')], 'verbose_name': 'event series', 'verbose_name_plural': 'event series'},
        ),
        migrations.AddField(
            model_name='eventseries',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, default=django.utils.timezone.now, verbose_name='created'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='eventseries',
            name='editorial_status',
            field=models.CharField(choices=[('draft', 'Draft'), ('review', 'In review'), ('published', 'Published'), ('archived', 'Archived')], db_index=True, default='draft', max_length=10, verbose_name='editorial status'),
        ),
        migrations.AddField(
            model_name='eventseries',
            name='publish_at',
            field=models.DateTimeField(blank=True, help_text='Leave empty to publish at once; a future time keeps it hidden until then.', null=True, verbose_name='publish at'),
        ),
        migrations.AddField(
            model_name='eventseries',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, db_index=True, verbose_name='updated'),
        ),
        migrations.AddField(
            model_name='historicaleventseries',
            name='created_at',
            field=models.DateTimeField(blank=True, default=django.utils.timezone.now, editable=False, verbose_name='created'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='historicaleventseries',
            name='editorial_status',
            field=models.CharField(choices=[('draft', 'Draft'), ('review', 'In review'), ('published', 'Published'), ('archived', 'Archived')], db_index=True, default='draft', max_length=10, verbose_name='editorial status'),
        ),
        migrations.AddField(
            model_name='historicaleventseries',
            name='publish_at',
            field=models.DateTimeField(blank=True, help_text='Leave empty to publish at once; a future time keeps it hidden until then.', null=True, verbose_name='publish at'),
        ),
        migrations.AddField(
            model_name='historicaleventseries',
            name='updated_at',
            field=models.DateTimeField(blank=True, db_index=True, default=django.utils.timezone.now, editable=False, verbose_name='updated'),
            preserve_default=False,
        ),
        migrations.RunPython(publish_existing, migrations.RunPython.noop),
        migrations.RunPython(grant_publish_permission, migrations.RunPython.noop),
    ]
