"""Signal receivers used only to invalidate the public page cache when content changes."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.web.cache import CONTENT_APPS, bump_content_version


def content_changed(sender: type, **kwargs: Any) -> None:
    """Any save, delete or relation change of content makes every public page stale."""
    bump_content_version(kwargs.get("instance"))


def connect_cache_signals() -> None:
    """Connect `content_changed` to every model of the content apps (history tables included)."""
    for app_label in CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            uid = f"content-changed-{model._meta.label_lower}"
            post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    content_changed,
                    sender=field.remote_field.through,
                    dispatch_uid=f"{uid}-{field.name}-m2m",
                )
