"""The editorial roles: which permissions the Editor and Publisher groups hold.

Used by the migration that creates the groups and by `demo_accounts`, so the two agree. The models
are those of the registered content apps (see core.content); publishable ones also carry a
"publish_<model>" permission.
"""

from __future__ import annotations

EDITOR = "Editor"
PUBLISHER = "Publisher"


def role_permissions(role: str) -> list[tuple[str, str]]:
    """(app_label, codename) pairs for a role. Editors create and edit, and delete rows of a
    record (participants, citations, statements…; see core.child_rows); publishers also publish,
    archive and delete anything."""
    from core.child_rows import is_child_model
    from core.content import content_models
    from core.editorial import Publishable

    actions = ["view", "add", "change"] + (["delete"] if role == PUBLISHER else [])
    models = content_models()
    perms = [
        (model._meta.app_label, f"{action}_{model._meta.model_name}")
        for model in models
        for action in actions
    ]
    if role == EDITOR:
        perms += [
            (model._meta.app_label, f"delete_{model._meta.model_name}")
            for model in models
            if is_child_model(model)
        ]
    if role == PUBLISHER:
        perms += [
            (model._meta.app_label, f"publish_{model._meta.model_name}")
            for model in models
            if issubclass(model, Publishable)
        ]
    return perms
