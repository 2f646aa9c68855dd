"""Create the Editor and Publisher groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from core.roles import EDITOR, PUBLISHER, role_permissions


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now so the groups
    # can hold them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(
            app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias
        )
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in (EDITOR, PUBLISHER):
        group, _ = Group.objects.using(schema_editor.connection.alias).get_or_create(name=role)
        for app_label, codename in role_permissions(role):
            # A model added by a later migration has no permission yet: that migration's turn.
            group.permissions.add(
                *Permission.objects.using(schema_editor.connection.alias).filter(
                    content_type__app_label=app_label, codename=codename
                )
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(name__in=[EDITOR, PUBLISHER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("people", "0001_initial"),
        ("events", "0001_initial"),
        ("issues", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
