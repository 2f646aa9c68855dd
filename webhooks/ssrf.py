"""Server-side request forgery guard: where a webhook may be sent.

A URL must be https (http only with WEBHOOKS_ALLOW_HTTP, on by default with DEBUG), and every
address its host resolves to must be a public unicast address: no loopback, private, link-local,
multicast, reserved, unspecified or shared (CGNAT) address, and never a cloud metadata address.
The check runs when the URL is saved and again at each delivery, and the delivery then connects to
the address that was checked (a DNS answer that changes in between — rebinding — cannot redirect
it). WEBHOOKS_ALLOW_LOOPBACK lets tests deliver to 127.0.0.1.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings

METADATA_ADDRESSES = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),  # AWS, GCP, Azure, OpenStack
        ipaddress.ip_address("fd00:ec2::254"),  # AWS over IPv6
        ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
    }
)


class UnsafeURL(ValueError):
    """The URL may not receive webhooks; the message says why, for the partner to read."""


def _allow_http() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_HTTP", settings.DEBUG))


def _allow_loopback() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_LOOPBACK", False))


def address_refusal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why webhooks may not go to this address, or None when it is a public unicast address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if address.is_loopback:
        return None if _allow_loopback() else "a loopback address"
    checks = [
        ("is_unspecified", "an unspecified address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_reserved", "a reserved address"),
        ("is_private", "a private address"),
    ]
    for attribute, reason in checks:
        if getattr(address, attribute):
            return reason
    if not address.is_global:
        return "not a public address"
    return None


def parse_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a URL webhooks may use by its form alone."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise UnsafeURL("Enter a valid URL.") from None
    scheme = parts.scheme.lower()
    if scheme == "http" and not _allow_http():
        raise UnsafeURL("Webhook URLs must use https.")
    if scheme not in ("http", "https"):
        raise UnsafeURL("Webhook URLs must use https.")
    if parts.username or parts.password:
        raise UnsafeURL("Webhook URLs may not contain a user name or password.")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise UnsafeURL("Enter a valid URL.")
    return scheme, host, port or (443 if scheme == "https" else 80)


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, each checked; the first refusal is raised."""
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
        addresses = [literal]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError):
            raise UnsafeURL(f"The host {host} could not be resolved.") from None
        addresses = []
        for info in infos:
            raw = info[4][0].split("%", 1)[0]  # drop an IPv6 zone index
            addresses.append(ipaddress.ip_address(raw))
    if not addresses:
        raise UnsafeURL(f"The host {host} could not be resolved.")
    for address in addresses:
        reason = address_refusal(address)
        if reason is not None:
            raise UnsafeURL(f"Webhook URLs may not point to {reason} ({host} is {address}).")
    return [str(address) for address in addresses]


def check_url(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, address to connect to) for a URL that is safe now; else UnsafeURL."""
    scheme, host, port = parse_url(url)
    return scheme, host, port, resolve(host, port)[0]
