"""The e-mails readers get: confirmation, alerts and digests, in the reader's language.

Each is HTML and plain text (`EmailMultiAlternatives`) and, apart from the confirmation, carries
`List-Unsubscribe` with `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058). Items are
rendered from the public querysets at sending time: what is no longer public is left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alerts.models import Follow, Frequency, PendingItem, Subscriber
from alerts.targets import describe
from alerts.tokens import confirm_token, manage_token
from events.models import Event, Source
from issues.models import Issue
from people.models import Person

SITE_NAME = "Relations Tracker"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@dataclass
class Entry:
    """One item as a mail shows it."""

    type_label: str
    title: str
    url: str
    when: str
    action: str
    correction_note: str = ""
    correction_date: datetime | None = None


def _public_objects(items: list[PendingItem]) -> dict[tuple[str, int], Any]:
    """The items' objects that the public can see now, one query per type."""
    ids: dict[str, set[int]] = defaultdict(set)
    for item in items:
        ids[item.object_type].add(item.object_id)
    models = {"event": Event, "issue": Issue, "person": Person, "source": Source}
    found: dict[tuple[str, int], Any] = {}
    for object_type, pks in ids.items():
        model = models.get(object_type)
        if model is not None:
            for obj in model.objects.published().filter(pk__in=pks):
                found[(object_type, obj.pk)] = obj
    return found


def _entry(item: PendingItem, obj: Any) -> Entry:
    if item.object_type == "event":
        label, title, when = _("Event"), obj.title, obj.date_display
    elif item.object_type == "issue":
        label, title, when = _("Issue"), obj.title, ""
    elif item.object_type == "person":
        label, title, when = _("Person"), obj.display_name, ""
    else:
        label, title, when = _("Source"), str(obj), ""
    return Entry(
        type_label=label,
        title=title,
        url=absolute(obj.get_absolute_url()),
        when=when,
        action=item.action,
        correction_note=item.correction_note,
        correction_date=item.correction_date,
    )


def render_entries(items: list[PendingItem]) -> list[Entry]:
    """The items still public now, corrections first, each object once per note."""
    objects = _public_objects(items)
    entries, seen = [], set()
    for item in sorted(items, key=lambda i: (i.action != "corrected", i.at, i.pk or 0)):
        obj = objects.get((item.object_type, item.object_id))
        key = (item.object_type, item.object_id, item.correction_note)
        if obj is None or key in seen:
            continue
        seen.add(key)
        entries.append(_entry(item, obj))
    return entries


def _unsubscribe_headers(subscriber: Subscriber) -> dict[str, str]:
    url = absolute(reverse("alerts:unsubscribe", args=[manage_token(subscriber)]))
    links = [f"<{url}>"]
    if settings.ALERTS_UNSUBSCRIBE_MAILTO:
        links.append(f"<mailto:{settings.ALERTS_UNSUBSCRIBE_MAILTO}?subject=unsubscribe>")
    return {
        "List-Unsubscribe": ", ".join(links),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _send(
    subscriber: Subscriber,
    subject: str,
    template: str,
    context: dict[str, Any],
    headers: dict[str, str] | None = None,
) -> None:
    context = {**context, "SITE_NAME": SITE_NAME, "SITE_URL": settings.SITE_URL}
    text = render_to_string(f"alerts/email/{template}.txt", context)
    html = render_to_string(f"alerts/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[subscriber.email], headers=headers or {}
    )
    message.attach_alternative(html, "text/html")
    message.send()


def send_confirmation(follow: Follow, *, already: bool) -> None:
    """Ask the reader to confirm (or, if they already follow it, tell them so)."""
    subscriber = follow.subscriber
    with translation.override(subscriber.language):
        manage_url = absolute(reverse("alerts:manage", args=[manage_token(subscriber)]))
        context = {
            "target": describe(follow),
            "manage_url": manage_url,
            "confirm_url": absolute(reverse("alerts:confirm", args=[confirm_token(follow)])),
            "already": already,
            "days": settings.ALERTS_CONFIRM_MAX_AGE // 86400,
        }
        if already:
            subject = _("You already follow %(target)s") % {"target": context["target"]}
        else:
            subject = _("Confirm: follow %(target)s by e-mail") % {"target": context["target"]}
        _send(subscriber, subject, "confirm", context)


def send_items(subscriber: Subscriber, items: list[PendingItem]) -> bool:
    """Mail the items that are still public; False when none was left to send."""
    with translation.override(subscriber.language):
        entries = render_entries(items)
        if not entries:
            return False
        corrections = [e for e in entries if e.action == "corrected"]
        if len(entries) == 1 and corrections:
            subject = _("Correction: %(title)s") % {"title": entries[0].title}
        elif len(entries) == 1:
            subject = entries[0].title
        elif subscriber.frequency == Frequency.DAILY and not corrections:
            subject = _("Your daily digest: %(count)d updates") % {"count": len(entries)}
        elif subscriber.frequency == Frequency.WEEKLY and not corrections:
            subject = _("Your weekly digest: %(count)d updates") % {"count": len(entries)}
        else:
            subject = ngettext("%(count)d update", "%(count)d updates", len(entries)) % {
                "count": len(entries)
            }
        token = manage_token(subscriber)
        context = {
            "corrections": corrections,
            "entries": [e for e in entries if e.action != "corrected"],
            "manage_url": absolute(reverse("alerts:manage", args=[token])),
            "unsubscribe_url": absolute(reverse("alerts:unsubscribe", args=[token])),
        }
        _send(
            subscriber,
            f"[{SITE_NAME}] {subject}",
            "items",
            context,
            _unsubscribe_headers(subscriber),
        )
    return True
