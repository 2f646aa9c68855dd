# The change journal, moved here from `core` (core/migrations/0002_change_journal.py created it).
# State only: the model keeps its table, `core_changelog`, with its rows and indexes.

import django.utils.timezone
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Keep the content type (and any permissions on it) rather than orphan it."""
    ContentType = apps.get_model('contenttypes', 'ContentType')
    if not ContentType.objects.using(schema_editor.connection.alias).filter(app_label='sync', model='changelog').exists():
        ContentType.objects.using(schema_editor.connection.alias).filter(app_label='core', model='changelog').update(app_label='sync')


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    if not ContentType.objects.using(schema_editor.connection.alias).filter(app_label='core', model='changelog').exists():
        ContentType.objects.using(schema_editor.connection.alias).filter(app_label='sync', model='changelog').update(app_label='core')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0002_change_journal'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ChangeLog',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('object_type', models.CharField(max_length=20, verbose_name='type')),
                        ('object_id', models.BigIntegerField(verbose_name='object id')),
                        ('slug', models.CharField(blank=True, max_length=160, verbose_name='slug')),
                        ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='at')),
                        ('deleted', models.BooleanField(default=False, verbose_name='deleted')),
                        ('state_published', models.BooleanField(default=False, verbose_name='published status')),
                        ('publish_at', models.DateTimeField(blank=True, null=True, verbose_name='publish at')),
                        ('was_visible', models.BooleanField(default=False, verbose_name='was visible')),
                        ('ever_public', models.BooleanField(default=False, verbose_name='ever public')),
                    ],
                    options={
                        'verbose_name': 'change',
                        'verbose_name_plural': 'changes',
                        'ordering': ['id'],
                        'db_table': 'core_changelog',
                        'indexes': [models.Index(fields=['object_type', 'object_id', 'id'], name='changelog_object_idx'), models.Index(fields=['publish_at'], name='changelog_publish_at_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
