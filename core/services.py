"""Editorial transitions: the one place that changes an object's editorial status.

The admin's change form, its bulk actions and any command all move an object through
`editorial_transition`; the permission rule they share is `needs_publisher`, written once.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.editorial import EDITOR_STATUSES, EditorialStatus, Publishable, user_can_publish
from core.publishing import check_dependencies, live_dependents


def needs_publisher(from_status: str, to_status: str) -> bool:
    """Whether moving from one status to another is a publisher's act.

    Editors move between draft and in review; anything that publishes, archives or leaves the
    published or archived state needs the model's publish permission.
    """
    return to_status not in EDITOR_STATUSES or from_status not in EDITOR_STATUSES


def editorial_transition(
    *, obj: Publishable, to_status: str, user: Any, publish_with: Collection[str] = ()
) -> Publishable:
    """Move `obj` to `to_status` as `user`; publishing or archiving needs the publish permission.

    Other unsaved changes on `obj` (an admin form's fields) are saved with the transition.
    Publishing checks what `obj` shows (core.publishing): the unpublished records named in
    `publish_with` (by `dependency_key`) are published with it, any other refuses the move
    (`UnpublishedDependencies`, a ValidationError listing them). Those published together are
    left in `obj.published_with`.
    """
    if to_status not in EditorialStatus.values:
        raise ValueError(f"Unknown editorial status: {to_status!r}")
    if needs_publisher(obj.editorial_status, to_status) and not user_can_publish(user, type(obj)):
        raise PermissionDenied(_("Only publishers can publish, unpublish or archive."))
    if obj.editorial_status == to_status:
        return obj
    with transaction.atomic():
        if to_status == EditorialStatus.PUBLISHED:
            obj.published_with = check_dependencies(obj=obj, user=user, publish_with=publish_with)
        elif obj.is_public:
            # Leaving the public: the live items that show it lose it (the admin says which).
            obj.left_showing = live_dependents(obj)
        obj.editorial_status = to_status
        obj._history_user = user
        obj.full_clean()
        obj.save()
    return obj
