"""A person's search key follows every name they have, whichever door the name came through.

Issue 8, finding 8: an alias added on the "Other names" admin page was never searchable; the key
was refreshed only by the person's own admin form.
"""

from __future__ import annotations

import pytest

from people.models import Person, PersonName
from tests.factories import PersonFactory, PersonNameFactory

pytestmark = pytest.mark.django_db


def found(query: str) -> list[str]:
    return list(Person.objects.search(query).values_list("slug", flat=True))


# A publisher's save goes live at once; an editor's change to a published person waits for review
# (tests/review/test_row_pages.py) and reaches the key when approved.


def test_alias_added_on_the_other_names_admin_page_is_searchable(publisher_client):
    person = PersonFactory(slug="wang-yi", display_name="Wang Yi")

    response = publisher_client.post(
        "/admin/people/personname/add/",
        {"person": person.pk, "name": "王毅", "kind": "native", "language": "zh-Hans"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert found("王毅") == ["wang-yi"]


def test_alias_changed_on_the_other_names_admin_page_is_searchable(publisher_client):
    alias = PersonNameFactory(person=PersonFactory(slug="cho"), name="Cho Hyun")

    response = publisher_client.post(
        f"/admin/people/personname/{alias.pk}/change/",
        {
            "person": alias.person.pk,
            "name": "Jo Hyeon",
            "kind": "romanization",
            "version_token": alias.version,  # the version the edit is based on
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert found("Jo Hyeon") == ["cho"]
    assert found("Cho Hyun") == []


def test_alias_created_by_code_is_searchable():
    # A management command or a shell session writes through the ORM, not the admin.
    person = PersonFactory(slug="lee", display_name="Lee Jae-myung")

    PersonName.objects.create(person=person, name="이재명", kind="native")

    assert found("이재명") == ["lee"]


def test_deleted_alias_is_no_longer_searchable():
    alias = PersonNameFactory(person=PersonFactory(slug="xi"), name="Xi Jinping")

    alias.delete()

    assert found("Xi Jinping") == []


def test_renamed_person_is_found_by_the_new_name_only():
    person = PersonFactory(slug="choi", display_name="Choi Old")

    person.display_name = "Choi New"
    person.save()

    assert found("Choi New") == ["choi"]
    assert found("Choi Old") == []
