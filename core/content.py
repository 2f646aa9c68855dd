"""The content registry: which apps hold the content editors write and readers see.

Each content app registers itself from its `AppConfig.ready()` with `register_content_app(self)`.
The kernel then serves every layer above it — the page cache's invalidation, the editorial roles'
permissions — without naming any app or model above it.
"""

from __future__ import annotations

from django.apps import AppConfig
from django.db import models
from simple_history.models import HistoricalChanges

_CONTENT_APPS: dict[str, AppConfig] = {}


def register_content_app(app_config: AppConfig) -> None:
    """Declare an app's models as content: saving any of them makes the public pages stale."""
    _CONTENT_APPS[app_config.label] = app_config


def is_content(model: type[models.Model]) -> bool:
    """Whether rows of `model` (history and link tables included) are content."""
    return model._meta.app_label in _CONTENT_APPS


def content_apps() -> list[AppConfig]:
    """The registered content apps, in registration (INSTALLED_APPS) order."""
    return list(_CONTENT_APPS.values())


def content_models(*, history: bool = False) -> list[type[models.Model]]:
    """Every model of the content apps; their revision (history) tables only if asked for."""
    return [
        model
        for app_config in content_apps()
        for model in app_config.get_models()
        if history or not issubclass(model, HistoricalChanges)
    ]
