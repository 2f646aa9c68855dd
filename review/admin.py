"""The admin side of review: Editors' changes to published items wait for a Publisher.

`ReviewedAdminMixin` joins every publishable model's admin (`review_admins()` below re-registers
them with it, so the domain apps' admins need not know about review). For an Editor changing a
published item — its fields, inline rows added, changed or deleted, or a revert to an older
revision — the admin's own save runs as usual, inside a savepoint: the item and its rows are read
before and after it, the savepoint is rolled back, and what changed is kept as a pending
`Revision` (`review.services.revision_submit`). The live rows never change; every rule the form
applies (validation, derived titles, the version check and its merge screen) applies unchanged.

The Editor who opens the item again sees the open revision in the form (the item's fields and
rows as the revision left them), so fixing a returned revision is editing the form and saving.
A Publisher sees the live item with a banner linking to the review page, where they approve or
return it with a comment (`RevisionAdmin`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import _get_foreign_key
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin import PreloadedAutocompleteSelect, PublishableAdmin
from core.editorial import EditorialStatus, user_can_publish
from core.publishing import UnpublishedDependencies
from core.publishing_admin import PUBLISH_WITH, offered_rows
from review.changes import (
    ChildSpec,
    Related,
    RevisionConflict,
    changes_between,
    conflicts,
    describe,
    is_empty,
    load,
    snapshot,
    unpack,
)
from review.correctable import correctable_models
from review.dashboard import is_publisher
from review.history import record_m2m, record_snapshot, restore_children
from review.models import Correction, Revision, RevisionStatus
from review.services import (
    correction_record,
    holds_for_review,
    open_revision,
    revision_approve,
    revision_return,
    revision_submit,
)

BANNER_TEMPLATE = "admin/review/change_form.html"


class OverlayFormMixin:
    """Shows an open revision's values for the item's own fields (unbound forms only)."""

    review_fields: dict[str, list] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            return
        model = self._meta.model
        for name, (_old, new) in self.review_fields.items():
            if name in self.fields:
                field = model._meta.get_field(name)
                self.initial[name] = new if field.many_to_many else load(field, new)


class RevertLinksFormMixin:
    """A revert form shows the item's many-to-many links as the old revision recorded them
    (Django would show the links of today): saving it restores them, or, for an Editor on a live
    item, proposes them in the pending revision."""

    reverted_links: dict[str, list] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            return
        for name, pks in self.reverted_links.items():
            if name in self.fields:
                self.initial[name] = pks


class OverlayFormSetMixin:
    """Shows an open revision's rows in an inline: changed values, deletions ticked, rows added
    as extra rows (unbound formsets only; a submitted form carries them as any edit does)."""

    review_group: dict[str, Any] = {}
    # Groups of rows of these rows (a statement's citations): an added row's initial carries
    # its own under "review_rows" ({model label: [row values]}) for the form to show.
    review_row_groups: list[dict[str, Any]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("data") is None:
            model = self.model
            kwargs["initial"] = [
                {
                    **{
                        name: load(model._meta.get_field(name), value)
                        for name, value in entry["row"].items()
                    },
                    "review_rows": {
                        group["model"]: [
                            row["row"]
                            for row in group["added"]
                            if row["row"].get(group["fk"]) == entry.get("pk")
                        ]
                        for group in self.review_row_groups
                    },
                }
                for entry in self.review_group.get("added", [])
            ]
            self._review_related = self._load_related()
        super().__init__(*args, **kwargs)

    def _load_related(self) -> dict[str, dict[str, Any]]:
        """Objects the revision's rows point to, one query per related model, so the rows'
        autocomplete widgets name them without a query each (see PreloadedAutocompleteSelect)."""
        related = Related()
        entries = self.review_group.get("added", []) + self.review_group.get("changed", [])
        foreign_keys = [f for f in self.model._meta.concrete_fields if f.many_to_one]
        for entry in entries:
            values = {
                **entry["row"],
                **{n: new for n, (_o, new) in entry.get("fields", {}).items()},
            }
            for field in foreign_keys:
                related.want(field, values.get(field.name))
        related.load()
        return {
            field.name: {
                str(pk): obj for pk, obj in related.found.get(field.related_model, {}).items()
            }
            for field in foreign_keys
        }

    def _construct_form(self, i: int, **kwargs: Any) -> Any:
        form = super()._construct_form(i, **kwargs)
        if self.is_bound:
            return form
        for name, objects in getattr(self, "_review_related", {}).items():
            field = form.fields.get(name)
            widget = getattr(
                getattr(field, "widget", None), "widget", getattr(field, "widget", None)
            )
            value = form.initial.get(name)
            if isinstance(widget, PreloadedAutocompleteSelect) and str(value) in objects:
                widget.preloaded = {str(value): objects[str(value)]}
        if form.instance.pk is None:
            return form
        for entry in self.review_group.get("changed", []):
            if entry["pk"] == form.instance.pk:
                for name, (_old, new) in entry["fields"].items():
                    if name in form.fields:
                        form.initial[name] = load(self.model._meta.get_field(name), new)
        if any(e["pk"] == form.instance.pk for e in self.review_group.get("deleted", [])):
            if "DELETE" in form.fields:
                form.fields["DELETE"].initial = True
        return form


def capture_start(
    request: HttpRequest, item: Any, specs: list[ChildSpec], links: tuple[str, ...] = ()
) -> None:
    """Read the item and its rows, and open the savepoint the admin's own save will run in."""
    before = snapshot(item, specs, links)
    request._review_capture = (item, before, transaction.savepoint(), specs, links)


def capture_finish(request: HttpRequest) -> Revision | None:
    """Read them again, roll the save back, and hold what changed as a pending revision."""
    item, before, savepoint, specs, links = request._review_capture
    request._review_capture = None
    after = snapshot(item, specs, links)
    transaction.savepoint_rollback(savepoint)
    changes = changes_between(before, after, specs)
    if is_empty(changes):
        request._review_unchanged = True
        return None
    live = type(item)._default_manager.get(pk=item.pk)
    request._review_revision = revision_submit(obj=live, changes=changes, author=request.user)
    return request._review_revision


def reset_capture(request: HttpRequest) -> None:
    request._review_capture = None
    request._review_revision = None
    request._review_unchanged = False


def allow_row_deletes(inlines: list, request: HttpRequest, obj: Any) -> list:
    """An Editor may remove rows of a published item: the removal waits for review too."""
    for inline in inlines:
        if inline.has_change_permission(request, obj):
            inline.has_delete_permission = lambda request, obj=None: True
    return inlines


CORRECTION_FIELDS = ["is_correction", "correction_note"]


def correction_form(form: type) -> type:
    """The change form with "This change corrects a published fact" and its public note."""

    def clean(self: Any) -> dict[str, Any]:
        cleaned = super(with_correction, self).clean()
        if cleaned.get("is_correction") and not (cleaned.get("correction_note") or "").strip():
            self.add_error(
                "correction_note", _("Write the public note: readers see it beside the item.")
            )
        return cleaned

    with_correction = type(
        form.__name__,
        (form,),
        {
            "is_correction": forms.BooleanField(
                label=gettext_lazy("This change corrects a published fact"), required=False
            ),
            "correction_note": forms.CharField(
                label=gettext_lazy("Public note"),
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=gettext_lazy(
                    "Shown on the item's page as “Corrected on <date>: <note>”, listed at "
                    "/corrections/ and e-mailed to the item's followers once the change is public."
                ),
            ),
            "clean": clean,
        },
    )
    return with_correction


class ReviewedAdminMixin:
    """Holds an Editor's changes to a published item as a pending revision (see module doc)."""

    object_history_template = "admin/review/object_history.html"

    # Corrections ---------------------------------------------------------------------------

    def offers_correction(self, obj: Any) -> bool:
        """A published (live or scheduled) event, person, issue or source can be corrected."""
        return (
            obj is not None
            and obj.pk is not None
            and self.model in correctable_models()
            and obj.editorial_status == EditorialStatus.PUBLISHED
            and getattr(obj, "_history", None) is None
        )

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list:
        fieldsets = list(super().get_fieldsets(request, obj))
        if self.offers_correction(obj):
            fieldsets.append((gettext_lazy("Correction"), {"fields": CORRECTION_FIELDS}))
        return fieldsets

    def _record_correction(self, request: HttpRequest, obj: Any) -> None:
        is_correction, note = getattr(request, "_review_correction", (False, ""))
        request._review_correction = (False, "")
        if not is_correction:
            return
        revision = getattr(request, "_review_revision", None)
        if revision is not None:
            correction_record(obj=obj, note=note, user=request.user, revision=revision)
        elif not getattr(request, "_review_unchanged", False):
            correction_record(obj=obj, note=note, user=request.user)

    # The item and its rows -----------------------------------------------------------------

    def review_specs(self) -> list[ChildSpec]:
        """(child model, foreign key) of every inline: the rows a revision carries; and the rows
        of an inline's rows edited on the form too (an inline's `review_rows`: a statement's
        citations, picked on the event's form), reached through the inline's rows."""
        specs: list[ChildSpec] = []
        for inline in self.inlines:
            fk = _get_foreign_key(self.model, inline.model, fk_name=inline.fk_name)
            specs.append((inline.model, fk.name))
            for model, row_fk in getattr(inline, "review_rows", ()):
                specs.append((model, row_fk, f"{row_fk}__{fk.name}"))
        return specs

    def review_link_names(self) -> tuple[str, ...]:
        """Reverse many-to-many relations the form edits (an admin's `review_links`)."""
        return tuple(getattr(self, "review_links", ()))

    def _open_revision(self, request: HttpRequest, obj: Any) -> Revision | None:
        found = request.__dict__.setdefault("_review_open", {})
        key = (self.model._meta.label, obj.pk)
        if key not in found:
            found[key] = open_revision(obj)
        return found[key]

    def _overlay(self, request: HttpRequest, obj: Any) -> Revision | None:
        """The open revision an Editor's form shows instead of the live values, if any."""
        if obj is None or obj.pk is None or request.method != "GET":
            return None
        if getattr(obj, "_history", None) is not None:  # a revert page shows the old revision
            return None
        if user_can_publish(request.user, self.model):
            return None
        return self._open_revision(request, obj)

    # The form shows the open revision --------------------------------------------------------

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        if self.offers_correction(obj):
            kwargs["form"] = correction_form(kwargs.get("form", self.form))
        form = super().get_form(request, obj, change=change, **kwargs)
        record = getattr(obj, "_history", None)
        if record is not None:  # a revert page
            links = record_m2m(record)
            return type(form.__name__, (RevertLinksFormMixin, form), {"reverted_links": links})
        revision = self._overlay(request, obj)
        if revision is None:
            return form
        parent = revision.changes["parent"]
        fields = {**parent["fields"], **parent["m2m"]}
        return type(form.__name__, (OverlayFormMixin, form), {"review_fields": fields})

    def get_formsets_with_inlines(self, request: HttpRequest, obj: Any = None):
        revision = self._overlay(request, obj)
        groups = {}
        if revision is not None:
            groups = {g["model"]: g for g in revision.changes["children"]}
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            group = groups.get(inline.model._meta.label_lower)
            if group is not None:
                rows = [
                    groups.get(m._meta.label_lower) for m, _ in getattr(inline, "review_rows", ())
                ]
                formset = type(
                    formset.__name__,
                    (OverlayFormSetMixin, formset),
                    {
                        "review_group": group,
                        "review_row_groups": [g for g in rows if g is not None],
                        "extra": formset.extra + len(group["added"]),
                    },
                )
            yield formset, inline

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> list:
        inlines = super().get_inline_instances(request, obj)
        if obj is not None and request is not None and holds_for_review(obj=obj, user=request.user):
            allow_row_deletes(inlines, request, obj)
        return inlines

    # Saving: held for review -------------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        reset_capture(request)
        request._review_correction = (
            bool(form.cleaned_data.get("is_correction")),
            form.cleaned_data.get("correction_note", ""),
        )
        if change and holds_for_review(obj=obj, user=request.user):
            capture_start(request, obj, self.review_specs(), self.review_link_names())
        super().save_model(request, obj, form, change)
        record = getattr(obj, "_history", None)
        if change and record is not None:  # a revert brings the rows back too
            restore_children(obj=obj, record=record, specs=self.review_specs(), user=request.user)

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        if getattr(request, "_review_capture", None) is None:
            entry = super().log_change(request, obj, message)
            self._record_correction(request, obj)
            return entry
        revision = capture_finish(request)
        if revision is None:
            return None
        live = type(obj)._default_manager.get(pk=obj.pk)
        self._record_correction(request, live)
        return super().log_change(request, live, _("Changes submitted for review."))

    def response_change(self, request: HttpRequest, obj: Any) -> HttpResponse:
        revision = getattr(request, "_review_revision", None)
        if getattr(request, "_review_unchanged", False):
            self.message_user(request, _("Nothing was changed."), messages.INFO)
            return HttpResponseRedirect(self._change_url(obj.pk))
        if revision is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            _(
                "Your changes to “%(item)s” are saved for review; readers still see the live "
                "version until a publisher approves them."
            )
            % {"item": revision.object_repr},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self._change_url(revision.object_id))

    def _change_url(self, pk: Any) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])

    # The banner on the change page ---------------------------------------------------------

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
        if obj is None or obj.pk is None or not isinstance(response, TemplateResponse):
            return response
        revision = self._open_revision(request, obj)
        if revision is None:
            return response
        names = response.template_name
        base = names if isinstance(names, str) else select_template(names).template.name
        response.context_data.update(
            {
                "review_revision": revision,
                "review_base_template": base,
                "review_can_publish": user_can_publish(request.user, self.model),
                "review_shown": self._overlay(request, obj) is not None,
            }
        )
        response.template_name = BANNER_TEMPLATE
        return response

    # History: compare two revisions, child rows included --------------------------------

    def get_urls(self) -> list:
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_compare"
        extra = [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=name,
            )
        ]
        return extra + super().get_urls()

    def compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        records = list(
            obj.history.select_related("history_user").order_by("-history_date", "-history_id")
        )
        by_id = {str(r.history_id): r for r in records}
        a = by_id.get(request.GET.get("a", ""))
        b = by_id.get(request.GET.get("b", ""))
        if a is None and len(records) > 1:
            a = records[1]
        if b is None and records:
            b = records[0]
        shown = None
        if a is not None and b is not None:
            older, newer = sorted([a, b], key=lambda r: (r.history_date, r.history_id))
            specs = self.review_specs()
            changes = changes_between(
                record_snapshot(older, specs), record_snapshot(newer, specs), specs
            )
            shown = describe(changes, self.model, obj)
            a, b = older, newer
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare revisions of %(item)s") % {"item": obj},
            "opts": opts,
            "original": obj,
            "records": records,
            "a": a,
            "b": b,
            "diff": shown,
            "history_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]
            ),
        }
        return TemplateResponse(request, "admin/review/compare.html", context)


class ReviewBlocked(Exception):
    """A row's own page cannot hold a second revision of an item that has one open."""

    def __init__(self, item: Any) -> None:
        self.item = item
        super().__init__(str(item))


class ChildReviewedAdminMixin:
    """The own page of a row of a publishable item (a statement, a participant, a position…).

    An Editor's save, addition or deletion of a row of a published item is held as a pending
    revision of the item, with the row's own rows (a statement's citations) riding along. While
    the item has a revision open, its rows are edited on the item's page, where the form shows it.
    """

    review_parent_fk = ""
    review_parent_admin: Any = None

    def review_specs(self) -> list[ChildSpec]:
        specs: list[ChildSpec] = list(self.review_parent_admin.review_specs())
        carried = {unpack(spec)[0] for spec in specs}
        for inline in self.inlines:
            if inline.model in carried:  # already a row of the item's form (review_rows)
                continue
            fk = _get_foreign_key(self.model, inline.model, fk_name=inline.fk_name)
            specs.append((inline.model, fk.name, f"{fk.name}__{self.review_parent_fk}"))
        return specs

    def review_item(self, obj: Any) -> Any:
        """The published item the row belongs to (as stored), or None."""
        fk = self.model._meta.get_field(self.review_parent_fk)
        pk = None
        if obj is not None and obj.pk is not None:
            pk = (
                self.model._default_manager.filter(pk=obj.pk)
                .values_list(fk.attname, flat=True)
                .first()
            )
        if pk is None and obj is not None:
            pk = getattr(obj, fk.attname, None)
        if pk is None:
            return None
        return fk.related_model._default_manager.filter(pk=pk).first()

    def _item_url(self, item: Any) -> str:
        opts = item._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])

    def _blocked(self, request: HttpRequest, item: Any) -> HttpResponse:
        self.message_user(
            request,
            _(
                "Changes to “%(item)s” await review: edit its rows on its own page, where the "
                "form shows those changes. Nothing was saved here."
            )
            % {"item": item},
            messages.ERROR,
        )
        return HttpResponseRedirect(self._item_url(item))

    def _start(self, request: HttpRequest, obj: Any) -> None:
        reset_capture(request)
        item = self.review_item(obj)
        if item is None or not holds_for_review(obj=item, user=request.user):
            return
        if open_revision(item) is not None:
            raise ReviewBlocked(item)
        capture_start(
            request, item, self.review_specs(), self.review_parent_admin.review_link_names()
        )

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        if object_id is not None:
            item = self.review_item(self.get_object(request, unquote(object_id)))
            if (
                item is not None
                and holds_for_review(obj=item, user=request.user)
                and open_revision(item) is not None
            ):
                if request.method == "POST":
                    return self._blocked(request, item)
                self.message_user(
                    request,
                    _("Changes to “%(item)s” await review: edit this row on the item's page.")
                    % {"item": item},
                    messages.WARNING,
                )
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ReviewBlocked as blocked:
            return self._blocked(request, blocked.item)

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        try:
            return super().delete_view(request, object_id, extra_context)
        except ReviewBlocked as blocked:
            return self._blocked(request, blocked.item)

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> list:
        inlines = super().get_inline_instances(request, obj)
        item = self.review_item(obj) if obj is not None and request is not None else None
        if item is not None and holds_for_review(obj=item, user=request.user):
            allow_row_deletes(inlines, request, obj)
        return inlines

    def _held_delete(self, request: HttpRequest, obj: Any) -> bool:
        """An Editor who may delete rows deletes a published item's row for review."""
        opts = self.model._meta
        if obj is None or not request.user.has_perm(f"{opts.app_label}.delete_{opts.model_name}"):
            return False
        item = self.review_item(obj)
        return item is not None and holds_for_review(obj=item, user=request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) or self._held_delete(request, obj)

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple:
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if len(objs) == 1 and self._held_delete(request, objs[0]):
            perms_needed = set()  # the row's own rows go with it, in the same review
        return deleted, counts, perms_needed, protected

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        self._start(request, obj)
        super().save_model(request, obj, form, change)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self._start(request, obj)
        super().delete_model(request, obj)
        if getattr(request, "_review_capture", None) is not None:
            capture_finish(request)

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        if getattr(request, "_review_capture", None) is None:
            return super().log_addition(request, obj, message)
        capture_finish(request)  # the row does not exist until approved: nothing to log on it
        return None

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        if getattr(request, "_review_capture", None) is None:
            return super().log_change(request, obj, message)
        if capture_finish(request) is None:
            return None
        return super().log_change(request, obj, _("Changes submitted for review."))

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        item = self.review_item(queryset[0]) if len(queryset) == 1 else None
        if item is not None and holds_for_review(obj=item, user=request.user):
            return []  # logged when (if) the deletion is approved
        return super().log_deletions(request, queryset)

    def _held_response(self, request: HttpRequest) -> HttpResponse | None:
        revision = getattr(request, "_review_revision", None)
        if revision is not None:
            self.message_user(
                request,
                _(
                    "Your change is saved for review with the other changes to “%(item)s”; "
                    "readers still see the live version until a publisher approves them."
                )
                % {"item": revision.object_repr},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self._item_url(revision.live_object()))
        return None

    def response_add(self, request: HttpRequest, obj: Any, post_url_continue: Any = None) -> Any:
        return self._held_response(request) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request: HttpRequest, obj: Any) -> HttpResponse:
        if getattr(request, "_review_unchanged", False):
            self.message_user(request, _("Nothing was changed."), messages.INFO)
            return HttpResponseRedirect(request.path)
        return self._held_response(request) or super().response_change(request, obj)

    def response_delete(self, request: HttpRequest, obj_display: str, obj_id: Any) -> Any:
        return self._held_response(request) or super().response_delete(request, obj_display, obj_id)


def review_admins(site: admin.AdminSite) -> None:
    """Give every publishable model's admin the review behaviour, and the own pages of their
    inline rows too (called once, below, after the content apps registered their admins)."""
    children: dict[type, tuple[str, Any]] = {}
    for model, model_admin in list(site._registry.items()):
        cls = type(model_admin)
        if not isinstance(model_admin, PublishableAdmin):
            continue
        if not issubclass(cls, ReviewedAdminMixin):
            site.unregister(model)
            site.register(model, type(cls.__name__, (ReviewedAdminMixin, cls), {}))
        for spec in site._registry[model].review_specs():
            child, fk, via = unpack(spec)
            if via is None:  # rows of rows (a statement's citations) are their row's to hold
                children.setdefault(child, (fk, site._registry[model]))
    for child, (fk, item_admin) in children.items():
        child_admin = site._registry.get(child)
        if child_admin is None or isinstance(child_admin, ChildReviewedAdminMixin):
            continue
        cls = type(child_admin)
        site.unregister(child)
        attrs = {"review_parent_fk": fk, "review_parent_admin": item_admin}
        site.register(child, type(cls.__name__, (ChildReviewedAdminMixin, cls), attrs))


# The review page ---------------------------------------------------------------------------


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """Revisions awaiting review and their fate; the change page is the review page."""

    list_display = ["object_repr", "content_type", "author", "created_at", "status", "summary"]
    list_filter = ["status", "content_type"]
    list_select_related = ["author", "content_type"]
    search_fields = ["object_repr", "summary", "comment"]
    date_hierarchy = "created_at"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not request.user.is_staff:
            return False
        if obj is None or obj.author_id == request.user.pk:
            return True
        model = obj.content_type.model_class()
        return model is not None and request.user.has_perm(
            f"{model._meta.app_label}.change_{model._meta.model_name}"
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> Any:
        queryset = super().get_queryset(request)
        if is_publisher(request.user):
            return queryset
        return queryset.filter(author=request.user)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        revision = get_object_or_404(
            Revision.objects.select_related("author", "reviewer", "content_type"),
            pk=unquote(object_id),
        )
        if not self.has_view_permission(request, revision):
            raise PermissionDenied
        model = revision.content_type.model_class()
        live = revision.live_object()
        can_review = (
            model is not None
            and user_can_publish(request.user, model)
            and revision.status == RevisionStatus.PENDING
            and live is not None
        )
        error = ""
        publish_dependencies: list = []
        if request.method == "POST" and can_review:
            try:
                if "_approve" in request.POST:
                    revision_approve(
                        revision=revision,
                        user=request.user,
                        publish_with=request.POST.getlist(PUBLISH_WITH),
                    )
                    self.message_user(
                        request,
                        _("The changes to “%(item)s” are live.") % {"item": revision.object_repr},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(reverse("admin:index"))
                if "_return" in request.POST:
                    revision_return(
                        revision=revision,
                        user=request.user,
                        comment=request.POST.get("comment", ""),
                    )
                    self.message_user(
                        request,
                        _("The changes were returned to %(author)s with your comment.")
                        % {"author": revision.author.get_username()},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(reverse("admin:index"))
            except RevisionConflict as conflict:
                error = _(
                    "The live item was changed after these changes were made, in what they also "
                    "change (%(where)s). Nothing was applied: return them to the editor, who "
                    "will see the live values and their own in the form and save again."
                ) % {"where": "; ".join(f"{c['what']}: {c['field']}" for c in conflict.conflicts)}
            except UnpublishedDependencies as refused:  # offered to publish together
                error = refused.messages[0]
                publish_dependencies = offered_rows(request, refused.dependencies)
            except ValidationError as invalid:
                error = " ".join(invalid.messages)
        found_conflicts = (
            conflicts(revision.changes, live) if live is not None and revision.is_open else []
        )
        item_url = ""
        if model is not None and live is not None:
            opts = model._meta
            item_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[live.pk])
        context = {
            **self.admin_site.each_context(request),
            "title": _("Changes to %(item)s") % {"item": revision.object_repr},
            "opts": self.model._meta,
            "revision": revision,
            "diff": describe(revision.changes, model, live) if model is not None else None,
            "conflicts": found_conflicts,
            "can_review": can_review,
            "error": error,
            "publish_dependencies": publish_dependencies,
            "comment": request.POST.get("comment", "") if request.method == "POST" else "",
            "item_url": item_url,
            "item_public_url": live.get_absolute_url()
            if live is not None and hasattr(live, "get_absolute_url")
            else "",
        }
        status = 409 if error else 200
        return TemplateResponse(request, "admin/review/revision.html", context, status=status)


RevisionAdmin.short_description = gettext_lazy("Review")


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Corrections as made in the items' change forms: a record to read, not to edit."""

    list_display = ["object_repr", "content_type", "note", "published_at", "author", "revision"]
    list_filter = ["content_type", ("published_at", admin.EmptyFieldListFilter)]
    list_select_related = ["content_type", "author", "revision"]
    search_fields = ["object_repr", "note"]
    date_hierarchy = "created_at"
    # admin/review/change_form.html is the review banner, which this app's other admins extend.
    change_form_template = "admin/change_form.html"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


review_admins(admin.site)
