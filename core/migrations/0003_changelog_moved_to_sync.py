# The change journal moved to the `sync` app (sync/migrations/0001_changelog_from_core.py).
# State only: the table `core_changelog` and its rows stay where they are.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_change_journal'),
        ('sync', '0001_changelog_from_core'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='ChangeLog')],
            database_operations=[],
        ),
    ]
