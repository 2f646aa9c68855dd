"""The admin side of "publishing checks what it depends on" (`core.publishing`).

- The change form (and revert): publishing an item whose dependencies are not public is refused
  while the form is validated (`DependencyPrecheckForm`), so nothing is saved and the page is
  built once, with the Publisher's input and, above the fields, the list of those records with a
  checkbox each (ticked at first); `editorial_transition` refuses it again inside the admin's
  transaction should the dependencies change between the two (then the page is run again). Saving again publishes the ticked ones together with the item;
  one left unticked stops it again with the list. Dependencies added by the same save (a citation
  inline) are checked once the rows are saved, and refuse the whole save the same way.
- The bulk "Publish selected" action first shows a confirmation page, as Django's bulk delete
  does, listing each selected item's unpublished dependencies with checkboxes; confirming
  publishes the ticked ones with them, and an item with one left unticked is refused by name.
- Saving an item that is already live and now shows an unpublished record says so.
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from core.editorial import EditorialStatus, Publishable
from core.publishing import (
    UnpublishedDependencies,
    check_dependencies,
    dependency_key,
    describe,
    preload_labels,
    unpublished_dependencies,
)

PUBLISH_WITH = "_publish_with"  # checkbox name: dependency keys to publish together
OFFERED = "_publish_offered"  # hidden: dependency keys the page offered (unticked ones stay so)
CHANGE_FORM_TEMPLATE = "admin/publishing/change_form.html"
CONFIRMATION_TEMPLATE = "admin/publishing/publish_selected_confirmation.html"


def admin_url(obj: Any) -> str:
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def offered_rows(request: HttpRequest, deps: list[Publishable]) -> list[dict[str, Any]]:
    """Each dependency as a checkbox: ticked unless the Publisher unticked it before."""
    posted = set(request.POST.getlist(PUBLISH_WITH))
    offered = set(request.POST.getlist(OFFERED))
    return [
        {
            "key": dependency_key(dep),
            "label": describe(dep),
            "url": admin_url(dep),
            "checked": dependency_key(dep) in posted or dependency_key(dep) not in offered,
        }
        for dep in deps
    ]


class RefusedPublishingForm:
    """Form mixin: the save was refused for unpublished dependencies; show it as a form error."""

    dependency_refusal: UnpublishedDependencies

    def clean(self) -> Any:
        super().clean()  # type: ignore[misc]
        raise ValidationError(self.dependency_refusal.messages[0], code="unpublished_dependencies")


class DependencyPrecheckForm:
    """Form mixin: publishing an item whose dependencies are not public (and not ticked) is
    refused while the form is validated, before anything is saved.

    One pass: the page comes back with the list like any invalid form. Without it the admin saved
    everything, rolled it back on the refusal and ran the whole change form again — every inline
    row validated and the page built twice. Rows added by the same save are checked after they
    are saved (`DependencyCheckAdminMixin.save_related`).
    """

    publishing_request: HttpRequest
    publish_with_keys: tuple[str, ...] = ()

    def clean(self) -> Any:
        cleaned = super().clean()  # type: ignore[misc]
        obj = self.instance  # type: ignore[attr-defined]
        if (
            obj.pk is None
            or cleaned.get("editorial_status") != EditorialStatus.PUBLISHED
            or self._stored_status() == EditorialStatus.PUBLISHED  # type: ignore[attr-defined]
        ):
            return cleaned
        item = copy.copy(obj)
        if "publish_at" in cleaned:
            item.publish_at = cleaned["publish_at"]  # a schedule set by this save counts
        deps = unpublished_dependencies([item])[dependency_key(item)]
        left = [dep for dep in deps if dependency_key(dep) not in self.publish_with_keys]
        if left:
            refusal = UnpublishedDependencies(obj, deps, left)
            self.publishing_request._publishing_refusal = refusal
            raise ValidationError(refusal.messages[0], code="unpublished_dependencies")
        return cleaned


class DependencyCheckAdminMixin:
    """ModelAdmin mixin for publishable models: see the module docstring."""

    def publish_with(self, request: HttpRequest) -> list[str]:
        """The dependency keys the Publisher ticked to publish together."""
        return request.POST.getlist(PUBLISH_WITH) if request.method == "POST" else []

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: Any = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except UnpublishedDependencies as refusal:
            # Everything the save wrote was rolled back; show the page again, refused.
            request._publishing_refusal = refusal
            return super().changeform_view(request, object_id, form_url, extra_context)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except UnpublishedDependencies as refusal:
            request._publishing_refusal = refusal
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form = super().get_form(request, obj, change=change, **kwargs)
        refusal = getattr(request, "_publishing_refusal", None)
        if refusal is None:
            attrs = {
                "publishing_request": request,
                "publish_with_keys": tuple(self.publish_with(request)),
            }
            return type(form.__name__, (DependencyPrecheckForm, form), attrs)
        return type(form.__name__, (RefusedPublishingForm, form), {"dependency_refusal": refusal})

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> HttpResponse:
        response = super().render_change_form(request, context, add, change, form_url, obj)
        refusal = getattr(request, "_publishing_refusal", None)
        if refusal is not None and isinstance(response, TemplateResponse):
            names = response.template_name
            base = names if isinstance(names, str) else select_template(names).template.name
            response.context_data["publishing_base_template"] = base
            response.context_data["publish_dependencies"] = offered_rows(
                request, refusal.dependencies
            )
            response.template_name = CHANGE_FORM_TEMPLATE
        return response

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if obj.editorial_status != EditorialStatus.PUBLISHED:
            return
        if form.initial.get("editorial_status") != EditorialStatus.PUBLISHED:
            # Published by this save: rows it added (a citation) are dependencies too.
            together = getattr(obj, "published_with", []) + check_dependencies(
                obj=obj, user=request.user, publish_with=self.publish_with(request)
            )
            if together:
                self.message_user(
                    request,
                    _("Published together with it: %(listed)s.")
                    % {"listed": "; ".join(str(dep) for dep in together)},
                    messages.SUCCESS,
                )
            return
        left = unpublished_dependencies([obj])[dependency_key(obj)]
        if left:
            self.message_user(
                request,
                _(
                    "“%(obj)s” is live but shows what is not public, which readers do not see "
                    "yet: %(listed)s."
                )
                % {"obj": obj, "listed": "; ".join(describe(dep) for dep in left)},
                messages.WARNING,
            )

    def publish_selected(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        """The bulk publish: a confirmation page first when dependencies are not public."""
        if request.POST.get("post") != "yes":
            pending = [obj for obj in queryset if obj.editorial_status != EditorialStatus.PUBLISHED]
            preload_labels(pending)
            found = unpublished_dependencies(pending)
            items = [
                {"obj": obj, "url": admin_url(obj), "dependencies": offered_rows(request, deps)}
                for obj in pending
                if (deps := found[dependency_key(obj)])
            ]
            if items:
                opts = self.model._meta
                context = {
                    **self.admin_site.each_context(request),
                    "title": _("Publish these too?"),
                    "opts": opts,
                    "items": items,
                    "queryset": queryset,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                    "media": self.media,
                }
                request.current_app = self.admin_site.name
                return TemplateResponse(request, CONFIRMATION_TEMPLATE, context)
        self._transition(
            request, queryset, EditorialStatus.PUBLISHED, publish_with=self.publish_with(request)
        )
        return None
