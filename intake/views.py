"""The "New from a report" admin page: paste, read, tick, create — three page loads.

1. GET shows the paste form. 2. POST `step=read` reads the report (`intake.reading`) and shows
the text with every proposal highlighted beside a form of proposals, ticked where the reader is
confident. 3. POST `step=create` validates the ticks and corrections; on an error the same page
comes back with every choice kept; otherwise `intake.services.create_from_report` creates the
drafts in one transaction and the editor lands on the report's review page, where an editor
submits everything for review and a publisher publishes the event with its source in one click.
Nothing is written before step 3.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_countries import countries

from core.dates import FuzzyDate
from core.editorial import EditorialStatus
from core.services import editorial_transition
from core.versions import StaleVersion
from events.models import Event, EventKind, EventStatus, ParticipationRole, Source
from intake.reading import (
    MAX_CHARS,
    Reading,
    ReportError,
    organization_in_title,
    read_report,
)
from intake.services import (
    Choices,
    EventChoice,
    IssueChoice,
    NewPersonChoice,
    PersonChoice,
    QuoteChoice,
    SourceChoice,
    create_from_report,
)
from issues.models import Development
from people.models import Organization, OrganizationKind, Person

META_FIELDS = ["url", "headline", "outlet", "author", "published"]
TEMPLATE = "intake/new_from_report.html"


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        **admin.site.each_context(request),
        "title": _("New from a report"),
        "max_chars": MAX_CHARS,
        **extra,
    }


def highlighted(reading: Reading) -> SafeString:
    """The text with each proposal's words marked (quotes around the names inside them)."""
    marks: list[tuple[int, int, str, str]] = []
    for p in reading.people:
        marks += [(e.start, e.end, "person", p.person.display_name) for e in p.evidence]
    for m in reading.ambiguous:
        marks.append((m.start, m.end, "ambiguous", _("ambiguous")))
    for n in reading.new_people:
        marks.append((n.evidence.start, n.evidence.end, "new-person", _("new person")))
    for d in reading.dates:
        marks.append((d.start, d.end, "date", d.value.iso()))
    for e in reading.events:
        marks += [(ev.start, ev.end, "event", e.get_kind_label()) for ev in e.evidence]
    for i in reading.issues:
        marks += [(h.start, h.end, "issue", i.issue.title) for h in i.hits]
    marks.sort(key=lambda m: (m[0], -m[1]))
    quotes = [(q.evidence.start, q.evidence.end) for q in reading.quotes]
    kept: list[tuple[int, int, str, str]] = []
    last_end = 0
    for mark in marks:
        start, end = mark[0], mark[1]
        straddles = any(a < start < b < end or start < a < end < b for a, b in quotes)
        if start >= last_end and not straddles:
            kept.append(mark)
            last_end = end
    events: list[tuple[int, int, str]] = []  # (position, order, html)
    for a, b in quotes:
        events.append((a, 0, '<q class="intake-quote">'))
        events.append((b, 3, "</q>"))
    for start, end, kind, label in kept:
        events.append((start, 1, f'<mark class="intake-{kind}" title="{escape(label)}">'))
        events.append((end, 2, "</mark>"))
    # At one position: closing tags first, the inner mark before the quote around it; then the
    # quote's opening before a mark's.
    events.sort(key=lambda e: (e[0], e[1] if e[1] < 2 else e[1] - 5))
    out, position = [], 0
    text = reading.text
    for at, _order, tag in events:
        out.append(escape(text[position:at]))
        out.append(tag)
        position = at
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


class Form:
    """Reads the proposal form's fields: on the first showing the reader's defaults, after a
    refused submit exactly what the editor sent."""

    def __init__(self, request: HttpRequest) -> None:
        self.data = request.POST
        self.bound = request.POST.get("step") == "create"
        self.errors: dict[str, str] = {}

    def value(self, name: str, default: Any = "") -> str:
        if self.bound:
            return self.data.get(name, "").strip()
        return "" if default is None else str(default)

    def ticked(self, name: str, default: bool) -> bool:
        return name in self.data if self.bound else default


def _person_options(reading: Reading) -> list[Person]:
    people = [p.person for p in reading.people]
    for mention in reading.ambiguous:
        people += [c for c in mention.candidates if c not in people]
    return people


def build_rows(reading: Reading, form: Form) -> dict[str, Any]:
    """Every proposal as a row of the form, with its current value and the words behind it."""
    source = reading.source
    existing = source.existing[0][0] if source.existing else None
    primary = reading.primary_event
    event_default = ""
    if primary is not None:
        event_default = f"existing:{primary.existing.pk}" if primary.existing else "new:0"
    new_events = [e for e in reading.events if e.existing is None]
    matched = [e for e in reading.events if e.existing is not None]
    ordered = ([primary] if primary and primary.existing is None else []) + [
        e for e in new_events if e is not primary
    ]
    rows: dict[str, Any] = {
        "source": {
            "mode": form.value("source_mode", f"existing:{existing.pk}" if existing else "new"),
            "existing": [
                {"value": f"existing:{found.pk}", "source": found, "why": why}
                for found, why in source.existing
            ],
            "title": form.value("source_title", source.title),
            "outlet": form.value("source_outlet", source.outlet.pk if source.outlet else ""),
            "outlet_words": source.outlet_words,
            "outlet_note": form.value("source_outlet_note", ""),
            "byline": form.value("source_byline", source.byline),
            "url": form.value("source_url", source.url),
            "published": form.value(
                "source_published", source.published.iso() if source.published else ""
            ),
            "published_words": source.published_words,
            "language": form.value("source_language", source.language),
        },
        "event_choice": form.value("event_choice", event_default),
        "matched_events": [
            {
                "value": f"existing:{e.existing.pk}",
                "event": e.existing,
                "words": e.words,
                "date": e.start,
            }
            for e in matched
        ],
        "new_events": [],
        "people": [],
        "ambiguous": [],
        "new_people": [],
        "quotes": [],
        "issues": [],
        "dates": reading.dates,
        "person_options": _person_options(reading),
    }
    for j, e in enumerate(ordered):
        prefix = f"newevent_{j}"
        rows["new_events"].append(
            {
                "index": j,
                "prefix": prefix,
                "value": f"new:{j}",
                "also": form.ticked(f"{prefix}_also", False) if e is not primary else False,
                "primary": e is primary,
                "title": form.value(f"{prefix}_title", e.title),
                "kind": form.value(f"{prefix}_kind", e.kind),
                "status": form.value(f"{prefix}_status", e.status),
                "start": form.value(f"{prefix}_start", e.start.iso() if e.start else ""),
                "city": form.value(f"{prefix}_city", e.city),
                "country": form.value(f"{prefix}_country", e.country),
                "parent": form.value(f"{prefix}_parent", e.parent.pk if e.parent else ""),
                "parent_event": e.parent,
                "words": e.words,
                "reading_status": e.status,
            }
        )
    for i, p in enumerate(reading.people):
        rows["people"].append(
            {
                "index": i,
                "person": p.person,
                "ticked": form.ticked(f"person_{i}", p.participant),
                "role": form.value(f"person_{i}_role", p.role),
                "title": form.value(f"person_{i}_title", ""),
                "stated_title": p.stated_title,
                "title_words": p.title_words,
                "title_on_record": p.title_on_record,
                "title_differs": p.title_differs,
                "use_title": form.ticked(f"person_{i}_use_title", False),
                "words": p.words,
            }
        )
    for i, m in enumerate(reading.ambiguous):
        rows["ambiguous"].append(
            {
                "index": i,
                "words": m.words,
                "candidates": m.candidates,
                "choice": form.value(f"ambiguous_{i}", ""),
            }
        )
    for i, n in enumerate(reading.new_people):
        rows["new_people"].append(
            {
                "index": i,
                "value": f"new:{i}",
                "prefix": f"newperson_{i}",
                "ticked": form.ticked(f"newperson_{i}", False),
                "name": form.value(f"newperson_{i}_name", n.name),
                "title": form.value(f"newperson_{i}_title", n.title),
                "country": form.value(f"newperson_{i}_country", n.country),
                "words": n.evidence.words,
            }
        )
    for k, q in enumerate(reading.quotes):
        rows["quotes"].append(
            {
                "index": k,
                "prefix": f"quote_{k}",
                "ticked": form.ticked(f"quote_{k}", False),
                "text": form.value(f"quote_{k}_text", q.text),
                "speaker": form.value(f"quote_{k}_speaker", q.speaker.pk if q.speaker else ""),
                "label": form.value(f"quote_{k}_label", q.speaker_label),
                "attribution": q.attribution,
                "speaker_person": q.speaker,
            }
        )
    for i in reading.issues:
        pk = i.issue.pk
        rows["issues"].append(
            {
                "prefix": f"issue_{pk}",
                "issue": i.issue,
                "ticked": form.ticked(f"issue_{pk}", True),
                "development": form.ticked(f"issue_{pk}_dev", False),
                "summary": form.value(f"issue_{pk}_summary", ""),
                "words": i.words,
            }
        )
    return rows


def attach_errors(rows: dict[str, Any], errors: dict[str, str]) -> None:
    """Each row's error messages beside it (by the prefix of its field names)."""
    for section in ("new_events", "new_people", "quotes", "issues"):
        for row in rows[section]:
            prefix = row["prefix"] + "_"
            row["errors"] = [
                m for k, m in errors.items() if k == row["prefix"] or k.startswith(prefix)
            ]


def _fuzzy(form: Form, name: str, label: str, required: bool = True) -> FuzzyDate | None:
    raw = form.data.get(name, "").strip()
    if not raw:
        if required:
            form.errors[name] = _("%(label)s: enter a date.") % {"label": label}
        return None
    try:
        return FuzzyDate.parse(raw)
    except ValueError:
        form.errors[name] = _(
            "%(label)s: “%(value)s” is not a date. Write 2026-01-05, 2026-01, 2026-Q1 or 2026."
        ) % {"label": label, "value": raw[:40]}
        return None


def _get(model: type[Model], raw: str) -> Any:
    if not raw or not str(raw).isdigit():
        return None
    return model._default_manager.filter(pk=int(raw)).first()


def parse_choices(reading: Reading, form: Form, rows: dict[str, Any]) -> Choices:
    """The ticked proposals, corrected, as `Choices`; problems go to `form.errors`."""
    data = form.data
    choices = Choices()
    mode = data.get("source_mode", "new")
    if mode.startswith("existing:"):
        found = _get(Source, mode.split(":", 1)[1])
        if found is None:
            form.errors["source_mode"] = _("That source no longer exists.")
        choices.source = SourceChoice(existing=found)
    elif mode == "new":
        title = data.get("source_title", "").strip()
        if not title:
            form.errors["source_title"] = _("The source needs a headline.")
        choices.source = SourceChoice(
            title=title,
            outlet=_get(Organization, data.get("source_outlet", "")),
            outlet_note=data.get("source_outlet_note", "").strip(),
            byline=data.get("source_byline", "").strip(),
            url=data.get("source_url", "").strip(),
            published=_fuzzy(form, "source_published", _("Published"), required=False),
            language=data.get("source_language", "en").strip() or "en",
        )
        if choices.source.url and not choices.source.url.startswith(("http://", "https://")):
            form.errors["source_url"] = _("The URL must start with http:// or https://.")
        elif choices.source.url and Source.objects.filter(url=choices.source.url).exists():
            form.errors["source_url"] = _("A source with this URL already exists: choose it.")

    event_choice = data.get("event_choice", "")
    kinds, statuses = set(EventKind.values), set(EventStatus.values)

    def new_event(j: int) -> EventChoice:
        prefix = f"newevent_{j}"
        title = data.get(f"{prefix}_title", "").strip()
        if not title:
            form.errors[f"{prefix}_title"] = _("The new event needs a title.")
        kind = data.get(f"{prefix}_kind", "other")
        status = data.get(f"{prefix}_status", "held")
        country = data.get(f"{prefix}_country", "").strip().upper()
        return EventChoice(
            title=title,
            kind=kind if kind in kinds else "other",
            status=status if status in statuses else "held",
            start=_fuzzy(form, f"{prefix}_start", _("Event date")),
            city=data.get(f"{prefix}_city", "").strip(),
            country=country if country in dict(countries) else "",
            parent=_get(Event, data.get(f"{prefix}_parent", "")),
        )

    if event_choice.startswith("existing:"):
        found = _get(Event, event_choice.split(":", 1)[1])
        if found is None:
            form.errors["event_choice"] = _("That event no longer exists.")
        choices.event = EventChoice(existing=found)
    elif event_choice.startswith("new:") and event_choice[4:].isdigit():
        choices.event = new_event(int(event_choice[4:]))
    for row in rows["new_events"]:
        if f"new:{row['index']}" != event_choice and f"newevent_{row['index']}_also" in data:
            choices.other_events.append(new_event(row["index"]))

    roles = set(ParticipationRole.values)
    for row in rows["people"]:
        i = row["index"]
        if f"person_{i}" not in data:
            continue
        role = data.get(f"person_{i}_role", "delegation")
        title = data.get(f"person_{i}_title", "").strip()
        # A title change becomes the person's new position; their title here then follows it.
        new_position = row["stated_title"] if f"person_{i}_use_title" in data else ""
        choices.people.append(
            PersonChoice(
                row["person"],
                role=role if role in roles else "delegation",
                title=title,
                new_position=new_position,
                position_organization=organization_in_title(new_position) if new_position else None,
            )
        )
    for row in rows["ambiguous"]:
        person = _get(Person, data.get(f"ambiguous_{row['index']}", ""))
        if person is not None and all(c.person != person for c in choices.people):
            choices.people.append(PersonChoice(person))
    new_index: dict[int, int] = {}
    for row in rows["new_people"]:
        i = row["index"]
        if f"newperson_{i}" not in data:
            continue
        name = data.get(f"newperson_{i}_name", "").strip()
        if not name:
            form.errors[f"newperson_{i}_name"] = _("A new person needs a name.")
        country = data.get(f"newperson_{i}_country", "").strip().upper()
        new_index[i] = len(choices.new_people)
        choices.new_people.append(
            NewPersonChoice(
                name=name,
                title=data.get(f"newperson_{i}_title", "").strip(),
                country=country if country in dict(countries) else "",
            )
        )
    for row in rows["quotes"]:
        k = row["index"]
        if f"quote_{k}" not in data:
            continue
        text = data.get(f"quote_{k}_text", "").strip()
        speaker_raw = data.get(f"quote_{k}_speaker", "")
        speaker, new_speaker = None, None
        if speaker_raw.startswith("new:") and speaker_raw[4:].isdigit():
            new_speaker = new_index.get(int(speaker_raw[4:]))
        else:
            speaker = _get(Person, speaker_raw)
        if not text:
            form.errors[f"quote_{k}_text"] = _("The quote is empty.")
        if speaker is None and new_speaker is None:
            form.errors[f"quote_{k}_speaker"] = _(
                "Choose who said it (a statement needs a speaker; keep the description too)."
            )
        choices.quotes.append(
            QuoteChoice(
                text=text,
                speaker=speaker,
                new_speaker=new_speaker,
                speaker_label=data.get(f"quote_{k}_label", "").strip(),
                language=reading.source.language if reading.source.language != "zh-hans" else "zh",
            )
        )
    for row in rows["issues"]:
        pk = row["issue"].pk
        if f"issue_{pk}" not in data:
            continue
        summary = ""
        if f"issue_{pk}_dev" in data:
            summary = data.get(f"issue_{pk}_summary", "").strip()
            if not summary:
                form.errors[f"issue_{pk}_summary"] = _("Write the development in a sentence.")
            if choices.event is None:
                form.errors[f"issue_{pk}_dev"] = _("A development needs the report's event.")
        choices.issues.append(IssueChoice(row["issue"], development=summary))
    if (choices.quotes or choices.people or choices.new_people) and choices.event is None:
        form.errors["event_choice"] = _(
            "Choose the event the participants and quotes belong to, or untick them."
        )
    if choices.source is None and choices.event is None and not choices.new_people:
        form.errors["all"] = _("Nothing is ticked: nothing would be created.")
    return choices


def _meta(request: HttpRequest) -> dict[str, str]:
    return {name: request.POST.get(name, "").strip()[:1000] for name in META_FIELDS}


@permission_required("events.add_event", raise_exception=True)
def new_from_report(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, TEMPLATE, _context(request, step="paste", meta={}))
    text = request.POST.get("text", "")
    meta = _meta(request)
    try:
        reading = read_report(text, **meta)
    except ReportError as error:
        return render(
            request,
            TEMPLATE,
            _context(request, step="paste", meta=meta, text=text[:MAX_CHARS], error=str(error)),
            status=200,
        )
    form = Form(request)
    rows = build_rows(reading, form)
    if form.bound:
        choices = parse_choices(reading, form, rows)
        attach_errors(rows, form.errors)
        if not form.errors:
            try:
                touched = create_from_report(choices=choices, user=request.user)
            except ValidationError as error:
                form.errors["all"] = "; ".join(error.messages)
            except StaleVersion:
                form.errors["all"] = _("Someone changed a linked record meanwhile; try again.")
            else:
                messages.success(
                    request, _("Created from the report: %(n)d drafts.") % {"n": len(touched)}
                )
                return HttpResponseRedirect(_created_url(touched))
    return render(
        request,
        TEMPLATE,
        _context(
            request,
            step="proposals",
            meta=meta,
            text=reading.text,
            reading=reading,
            highlighted=highlighted(reading),
            rows=rows,
            errors=form.errors,
            kinds=EventKind.choices,
            statuses=EventStatus.choices,
            roles=ParticipationRole.choices,
            outlets=Organization.objects.filter(kind=OrganizationKind.MEDIA),
        ),
        status=200,
    )


def _created_url(touched: list[Model]) -> str:
    ids = [f"{obj._meta.model_name}:{obj.pk}" for obj in touched]
    return reverse("intake:created") + "?items=" + ",".join(ids)


def _items(raw: str) -> list[Model]:
    from django.apps import apps

    found = []
    models = {
        "source": Source,
        "person": Person,
        "event": Event,
        "statement": apps.get_model("events", "Statement"),
        "development": Development,
    }
    for part in raw.split(",")[:200]:
        name, _sep, pk = part.partition(":")
        model = models.get(name)
        if model is not None and pk.isdigit():
            obj = model._default_manager.filter(pk=int(pk)).first()
            if obj is not None and obj not in found:
                found.append(obj)
    return found


@permission_required("events.add_event", raise_exception=True)
def created(request: HttpRequest) -> HttpResponse:
    """What one report created, with one button to submit it all (editor) or publish it all."""
    items = _items(request.GET.get("items", ""))
    can_publish = all(
        request.user.has_perm(f"{m._meta.app_label}.publish_{m._meta.model_name}")
        for m in (Source, Person, Event)
    )
    if request.method == "POST":
        to_status = {
            "publish": EditorialStatus.PUBLISHED,
            "review": EditorialStatus.REVIEW,
        }.get(request.POST.get("action", ""))
        if to_status is None:
            return HttpResponseRedirect(request.get_full_path())
        done = 0
        # Sources and people first: the event that cites them follows.
        order = {"source": 0, "person": 1, "event": 2}
        for obj in sorted(
            (o for o in items if hasattr(o, "editorial_status")),
            key=lambda o: order.get(o._meta.model_name, 3),
        ):
            if obj.editorial_status in (EditorialStatus.PUBLISHED, EditorialStatus.ARCHIVED):
                continue
            try:
                editorial_transition(obj=obj, to_status=to_status, user=request.user)
                done += 1
            except (PermissionDenied, ValidationError, StaleVersion) as error:
                messages.error(request, f"{obj}: {error}")
        messages.success(
            request,
            _("%(n)d items set to “%(status)s”.")
            % {"n": done, "status": EditorialStatus(to_status).label},
        )
        return HttpResponseRedirect(request.get_full_path())
    rows = []
    for obj in items:
        meta = obj._meta
        try:
            link = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        except Exception:  # noqa: BLE001 - a model without an admin page
            link = ""
        rows.append(
            {
                "obj": obj,
                "kind": meta.verbose_name,
                "link": link,
                "status": obj.get_editorial_status_display()
                if hasattr(obj, "editorial_status")
                else "",
            }
        )
    pending = any(
        getattr(o, "editorial_status", None) in (EditorialStatus.DRAFT, EditorialStatus.REVIEW)
        for o in items
    )
    return render(
        request,
        "intake/created.html",
        _context(
            request,
            title=_("Created from a report"),
            rows=rows,
            can_publish=can_publish,
            pending=pending,
        ),
    )
