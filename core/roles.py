"""The editorial roles, as data: which permissions the Editor and Publisher groups hold.

Used by the migration that creates the groups and by `demo_accounts`; kept here so the two agree.
"""

from __future__ import annotations

EDITOR = "Editor"
PUBLISHER = "Publisher"

# Models editors work on, by app label. Publishable ones also have a "publish_<model>" permission.
CONTENT_MODELS: dict[str, list[str]] = {
    "people": ["organization", "person", "personname", "personidentifier", "position"],
    "events": [
        "source",
        "event",
        "eventseries",
        "eventcitation",
        "eventparticipation",
        "statement",
        "statementcitation",
    ],
    "issues": ["issue", "stance", "stancecitation", "development", "developmentcitation"],
}
PUBLISHABLE_MODELS: dict[str, list[str]] = {
    "people": ["organization", "person"],
    "events": ["source", "event"],
    "issues": ["issue"],
}


def role_permissions(role: str) -> list[tuple[str, str]]:
    """(app_label, codename) pairs for a role. Editors create and edit; publishers also
    publish, archive and delete."""
    actions = ["view", "add", "change"] + (["delete"] if role == PUBLISHER else [])
    perms = [
        (app, f"{action}_{model}")
        for app, models in CONTENT_MODELS.items()
        for model in models
        for action in actions
    ]
    if role == PUBLISHER:
        perms += [
            (app, f"publish_{model}")
            for app, models in PUBLISHABLE_MODELS.items()
            for model in models
        ]
    return perms
