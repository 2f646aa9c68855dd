"""Editorial transitions: the one place that changes an object's editorial status."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.editorial import EDITOR_STATUSES, EditorialStatus, Publishable, user_can_publish


def editorial_transition(*, obj: Publishable, to_status: str, user: Any) -> Publishable:
    """Move `obj` to `to_status` as `user`; publishing or archiving needs the publish permission."""
    if to_status not in EditorialStatus.values:
        raise ValueError(f"Unknown editorial status: {to_status!r}")
    needs_publisher = (
        to_status not in EDITOR_STATUSES or obj.editorial_status not in EDITOR_STATUSES
    )
    if needs_publisher and not user_can_publish(user, type(obj)):
        raise PermissionDenied(_("Only publishers can publish, unpublish or archive."))
    if obj.editorial_status == to_status:
        return obj
    with transaction.atomic():
        obj.editorial_status = to_status
        obj.version += 1
        obj._history_user = user
        obj.full_clean()
        obj.save()
    return obj
