"""Participations remember whether their title was derived from positions (issue 8, finding 11).

Rows saved before did not record it: a title that equals the one derived from the person's
positions on the event's date is taken as derived (it then follows the date); any other title
was typed and stays as it is.
"""

from django.db import migrations, models


def title_on(positions, day):
    """people.Person.title_on, on the migration's historical models."""
    held = [
        p
        for p in positions
        if (p.start_date is None or p.start_date <= day)
        and (p.last_date is None or p.last_date >= day)
    ]
    held.sort(key=lambda p: (p.is_primary, p.start_date or day.min), reverse=True)
    return held[0].title if held else ""


def mark_derived(apps, schema_editor):
    EventParticipation = apps.get_model("events", "EventParticipation")
    Position = apps.get_model("people", "Position")
    rows = EventParticipation.objects.using(schema_editor.connection.alias).select_related("event").only(
        "id", "title", "person_id", "event__start_date"
    )
    by_person = {}
    for position in Position.objects.using(schema_editor.connection.alias).filter(person_id__in=rows.values("person_id")):
        by_person.setdefault(position.person_id, []).append(position)
    derived = [
        row.pk
        for row in rows.iterator()
        if not row.title
        or row.title == title_on(by_person.get(row.person_id, []), row.event.start_date)
    ]
    for start in range(0, len(derived), 500):
        EventParticipation.objects.using(schema_editor.connection.alias).filter(pk__in=derived[start : start + 500]).update(
            title_derived=True
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_source_published_on"),
        ("people", "0002_record_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventparticipation",
            name="title_derived",
            field=models.BooleanField(
                db_default=False,
                default=False,
                editable=False,
                verbose_name="title derived from positions",
            ),
        ),
        migrations.AddField(
            model_name="historicaleventparticipation",
            name="title_derived",
            field=models.BooleanField(
                db_default=False,
                default=False,
                editable=False,
                verbose_name="title derived from positions",
            ),
        ),
        migrations.RunPython(mark_derived, migrations.RunPython.noop),
    ]
