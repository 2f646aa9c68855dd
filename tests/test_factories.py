"""Every model of the project has a factory in tests/factories.py, and each makes a valid row."""

from __future__ import annotations

import inspect

import factory
import pytest
from django.apps import apps

from tests import factories

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"core", "people", "events", "issues", "sync", "public", "partners", "accounts"}
PROJECT_APPS |= {"ops", "devdata", "alerts", "webhooks"}


def project_models() -> list[type]:
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        # simple_history's copies (and their m2m tables) are written by the library, not by tests.
        and not model.__name__.startswith("Historical")
    ]


def model_factories() -> dict[type, type]:
    return {
        cls._meta.model: cls
        for _, cls in inspect.getmembers(factories, inspect.isclass)
        if issubclass(cls, factory.django.DjangoModelFactory) and cls._meta.model is not None
    }


def test_every_model_has_a_factory() -> None:
    missing = [m._meta.label for m in project_models() if m not in model_factories()]
    assert missing == []


@pytest.mark.parametrize("model", project_models(), ids=lambda m: m._meta.label)
def test_each_factory_makes_a_valid_row(model: type) -> None:
    obj = model_factories()[model]()
    obj.full_clean()
    assert model.objects.filter(pk=obj.pk).exists()
