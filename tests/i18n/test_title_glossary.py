"""The job-title glossary: entered once in three languages, reused by positions."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from people.models import Position, Title
from tests.admin_utils import admin_form_data
from tests.factories import PositionFactory, TitleFactory, editor_user

pytestmark = pytest.mark.django_db


def test_an_editor_enters_a_title_in_three_languages(client):
    client.force_login(editor_user(username="ed"))
    response = client.post(
        reverse("admin:people_title_add"),
        {
            "name_en": "Minister of Foreign Affairs",
            "name_ko": "외교부 장관",
            "name_zh_hans": "外交部长",
        },
    )
    assert response.status_code == 302
    title = Title.objects.get()
    assert (title.name_en, title.name_ko, title.name_zh_hans) == (
        "Minister of Foreign Affairs",
        "외교부 장관",
        "外交部长",
    )


def test_correcting_the_glossary_corrects_every_position_using_it(client):
    minister = TitleFactory(name="Foreign Minister")
    position = PositionFactory(title="", glossary_title=minister)
    client.force_login(editor_user(username="ed"))
    url = reverse("admin:people_title_change", args=[minister.pk])
    response = client.post(url, admin_form_data(client.get(url), name_ko="외교부 장관"))
    assert response.status_code == 302
    with translation.override("ko"):
        assert Position.objects.get(pk=position.pk).title == "외교부 장관"


def test_a_position_needs_a_glossary_title_or_its_own():
    position = PositionFactory.build(title="", glossary_title=None)
    with pytest.raises(Exception, match="glossary"):
        position.clean()
