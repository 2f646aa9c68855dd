"""Shared steps of the alerts tests: follow through the pages, confirm through the mail."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail

from alerts import tasks

LINK = re.compile(r"https?://[^\s\"'<>]+")


def links(message: Any) -> list[str]:
    """Every URL in a mail: its text, its HTML and its headers."""
    html = "".join(content for content, _type in getattr(message, "alternatives", []))
    headers = " ".join(str(v) for v in message.extra_headers.values())
    return LINK.findall(message.body + html + headers)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def request_follow(
    client: Any,
    capture: Any,
    params: str,
    email: str = "reader@example.org",
    frequency: str = "immediate",
    language: str = "en",
    **extra: Any,
) -> Any:
    with capture(execute=True):
        return client.post(
            f"/alerts/follow/?{params}",
            {"email": email, "frequency": frequency, "language": language},
            **extra,
        )


def confirm_from_mail(client: Any, message: Any) -> Any:
    url = next(u for u in links(message) if "/alerts/confirm/" in u)
    page = client.get(path_of(url))
    assert page.status_code == 200
    return client.post(path_of(url))


def follow(client: Any, capture: Any, params: str, **kwargs: Any) -> Any:
    """Request, then confirm through the link in the mail; the confirmation mail is removed."""
    before = len(mail.outbox)
    request_follow(client, capture, params, **kwargs)
    assert len(mail.outbox) == before + 1
    message = mail.outbox.pop()
    response = confirm_from_mail(client, message)
    assert response.status_code == 200
    return message


def run_alerts(capture: Any) -> None:
    """What the worker does every minute."""
    with capture(execute=True):
        tasks.read_journal()
