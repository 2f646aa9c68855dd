"""Readers' follow pages: follow, confirm, manage, unsubscribe; and the public corrections log.

Pages reached by a signed link are never cached and send no Referer to other sites (the link
is the key).
Nothing here says whether an address is subscribed: every follow request gets the same page.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from accounts.client_ip import client_ip
from alerts import services
from alerts.corrections import correction_rows
from alerts.forms import FollowForm, SettingsForm
from alerts.models import Follow
from alerts.targets import describe, target_from_params
from alerts.tokens import follow_from_token, manage_token, subscriber_from_token
from core.web.cache import public_page
from core.web.pages import paginate
from review.models import Correction


def _private(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "same-origin"  # never sent to another site
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
def follow(request: HttpRequest) -> HttpResponse:
    """Follow an issue, a person, a series, a timeline search or everything: a plain form."""
    target = target_from_params(request.GET)
    if target is None:
        raise Http404
    if target.errors:
        return render(request, "alerts/follow.html", {"errors": target.errors}, status=400)
    language = translation.get_language() or settings.LANGUAGE_CODE
    if request.method == "POST":
        form = FollowForm(request.POST, initial={"language": language})
        if services.rate_limited_ip(client_ip(request)):
            return render(request, "alerts/too_many.html", status=429)
        if form.is_valid():
            services.follow_request(
                email=form.cleaned_data["email"],
                target=target,
                frequency=form.cleaned_data["frequency"],
                language=form.cleaned_data["language"],
            )
            return redirect("alerts:requested")
    else:
        form = FollowForm(initial={"language": language})
    context = {"form": form, "target": describe(target), "params": target.params()}
    return render(request, "alerts/follow.html", context)


@never_cache
def requested(request: HttpRequest) -> HttpResponse:
    """The one answer to every follow request: check your e-mail."""
    return render(request, "alerts/requested.html")


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation mail shows a button; only the POST confirms (mail scanners
    open links, and must not confirm anything)."""
    found = follow_from_token(token, settings.ALERTS_CONFIRM_MAX_AGE)
    if found is None:
        return _private(render(request, "alerts/link_invalid.html", status=404))
    follow = (
        Follow.objects.with_public_target()
        .select_related("issue", "person", "series")
        .filter(pk=found.pk)
        .first()
    )
    if follow is None:  # its issue or person is no longer public
        return _private(render(request, "alerts/link_invalid.html", status=404))
    context = {"target": describe(follow), "token": token}
    if request.method == "POST":
        services.follow_confirm(follow=found)
        context["confirmed"] = True
        context["manage_url"] = _manage_path(found.subscriber)
    return _private(render(request, "alerts/confirm.html", context))


def _manage_path(subscriber: Any) -> str:
    return reverse("alerts:manage", args=[manage_token(subscriber)])


@never_cache
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """Manage my alerts, no account needed: frequency, language, follows, unsubscribe."""
    subscriber = subscriber_from_token(token)
    if subscriber is None:
        return _private(render(request, "alerts/link_invalid.html", status=404))
    form = SettingsForm(
        initial={"frequency": subscriber.frequency, "language": subscriber.language}
    )
    saved = False
    if request.method == "POST":
        if "remove" in request.POST:
            try:
                services.follow_remove(subscriber=subscriber, follow_id=int(request.POST["remove"]))
            except ValueError:
                pass
            saved = True
        else:
            form = SettingsForm(request.POST)
            if form.is_valid():
                services.subscriber_update(subscriber=subscriber, **form.cleaned_data)
                saved = True
    follows = (
        subscriber.follows.filter(confirmed_at__isnull=False)
        .with_public_target()
        .select_related("issue", "person", "series")
    )
    context = {
        "form": form,
        "saved": saved,
        "follows": [(f.pk, describe(f)) for f in follows],
        "token": token,
    }
    return _private(render(request, "alerts/manage.html", context))


@csrf_exempt
@never_cache
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: a page with a button (a link opened by a scanner unsubscribes no one). POST: gone —
    the button, or a mail client's one-click unsubscribe (RFC 8058, which carries no CSRF token;
    the signed link is the proof)."""
    subscriber = subscriber_from_token(token)
    if request.method == "POST":
        if subscriber is not None:
            services.unsubscribe(subscriber=subscriber)
        return _private(render(request, "alerts/unsubscribed.html"))
    if subscriber is None:
        return _private(render(request, "alerts/unsubscribed.html"))
    return _private(render(request, "alerts/unsubscribe.html", {"token": token}))


@public_page
def correction_list(request: HttpRequest) -> HttpResponse:
    """Every public correction, newest first."""
    page = paginate(request, Correction.objects.public().select_related("content_type"))
    context = {"page_obj": page, "rows": correction_rows(list(page.object_list))}
    return render(request, "alerts/correction_list.html", context)
