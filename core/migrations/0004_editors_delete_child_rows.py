"""Editors delete child rows (participants, citations, statements, …) of records they may edit.

The groups' permissions follow `core.roles.role_permissions`; this adds what it now grants the
Editor group to databases created before (issue 8, finding 9).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from core.roles import EDITOR, role_permissions


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(
            app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias
        )
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(schema_editor.connection.alias).get_or_create(name=EDITOR)
    for app_label, codename in role_permissions(EDITOR):
        # A model added by a later migration has no permission yet: that migration's turn.
        found = Permission.objects.using(schema_editor.connection.alias).filter(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*found)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.using(schema_editor.connection.alias).filter(name=EDITOR).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.using(schema_editor.connection.alias).filter(codename__startswith="delete_", group=group)
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0003_changelog_moved_to_sync")]

    operations = [migrations.RunPython(grant, revoke)]
