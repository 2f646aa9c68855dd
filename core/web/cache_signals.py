"""Signal receivers used only to invalidate the public page cache when content changes."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from core.content import is_content
from core.web.cache import bump_content_version


def content_changed(sender: type, **kwargs: Any) -> None:
    """Any save, delete or relation change of content makes every public page stale."""
    if is_content(sender):
        bump_content_version(kwargs.get("instance"))


def connect_cache_signals() -> None:
    """Listen to every save, delete and relation change; `content_changed` keeps the content's.

    Content apps register themselves with core.content after core is ready, so the receivers ask
    the registry at each signal rather than being connected model by model.
    """
    post_save.connect(content_changed, dispatch_uid="content-changed-save")
    post_delete.connect(content_changed, dispatch_uid="content-changed-delete")
    m2m_changed.connect(content_changed, dispatch_uid="content-changed-m2m")
