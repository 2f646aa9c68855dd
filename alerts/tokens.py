"""Signed links: they carry a subscriber's id and random key (never the address)."""

from __future__ import annotations

from django.core import signing

from alerts.models import Follow, Subscriber

CONFIRM_SALT = "alerts.confirm"
MANAGE_SALT = "alerts.manage"


def confirm_token(follow: Follow) -> str:
    return signing.dumps(
        [follow.subscriber_id, follow.pk, follow.subscriber.key], salt=CONFIRM_SALT
    )


def manage_token(subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.key], salt=MANAGE_SALT)


def follow_from_token(token: str, max_age: float) -> Follow | None:
    """The follow a confirmation link names, while the link is young enough."""
    try:
        subscriber_id, follow_id, key = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return (
        Follow.objects.select_related("subscriber")
        .filter(pk=follow_id, subscriber_id=subscriber_id, subscriber__key=key)
        .first()
    )


def subscriber_from_token(token: str) -> Subscriber | None:
    """The subscriber a manage or unsubscribe link names (None once they have gone)."""
    try:
        subscriber_id, key = signing.loads(token, salt=MANAGE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Subscriber.objects.filter(pk=subscriber_id, key=key).first()
