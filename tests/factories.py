"""factory_boy factories for every model. Published by default; pass editorial_status=... for drafts."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from alerts import models as am
from alerts.services import address_hash
from core.editorial import EditorialStatus
from core.roles import EDITOR, PUBLISHER
from events import models as em
from issues import models as im
from partners.models import PartnerAPIKey
from people import models as pm
from review.models import Correction
from sync.models import ChangeLog
from webhooks import models as wm


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def role(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))
        if create:
            self.save()


def editor_user(**kwargs: object) -> object:
    return UserFactory(role=EDITOR, **kwargs)


def publisher_user(**kwargs: object) -> object:
    return UserFactory(role=PUBLISHER, **kwargs)


class PublishedFactory(factory.django.DjangoModelFactory):
    editorial_status = EditorialStatus.PUBLISHED


class OrganizationFactory(PublishedFactory):
    class Meta:
        model = pm.Organization

    name = factory.Sequence(lambda n: f"Ministry {n}")
    slug = factory.Sequence(lambda n: f"ministry-{n}")
    country = "KR"
    kind = pm.OrganizationKind.MINISTRY


class PersonFactory(PublishedFactory):
    class Meta:
        model = pm.Person

    display_name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    country = "KR"


class PersonNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.PersonName

    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class PersonIdentifierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.PersonIdentifier

    person = factory.SubFactory(PersonFactory)
    scheme = pm.IdentifierScheme.WIKIDATA
    value = factory.Sequence(lambda n: f"Q{1000 + n}")


class TitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.Title
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Minister {n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.Position

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = "Minister"
    start_date = dt.date(2025, 6, 4)


class SourceFactory(PublishedFactory):
    class Meta:
        model = em.Source

    title = factory.Sequence(lambda n: f"Report {n}")
    outlet = factory.SubFactory(OrganizationFactory, kind=pm.OrganizationKind.MEDIA)
    published_on_date = dt.date(2026, 1, 22)


class EventSeriesFactory(PublishedFactory):
    class Meta:
        model = em.EventSeries

    name = factory.Sequence(lambda n: f"Dialogue {n}")
    slug = factory.Sequence(lambda n: f"dialogue-{n}")


class EventFactory(PublishedFactory):
    class Meta:
        model = em.Event

    title = factory.Sequence(lambda n: f"Meeting {n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    kind = em.EventKind.MINISTERIAL
    status = em.EventStatus.HELD
    start_date = dt.date(2026, 1, 5)
    city = "Beijing"
    country = "CN"


class EventParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = em.EventParticipation

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    side = "KR"
    role = em.ParticipationRole.DELEGATION


class EventCitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = em.EventCitation

    event = factory.SubFactory(EventFactory)
    source = factory.SubFactory(SourceFactory)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = em.Statement

    speaker = factory.SubFactory(PersonFactory)
    event = factory.SubFactory(EventFactory)
    said_date = dt.date(2026, 1, 5)
    text = factory.Sequence(lambda n: f"Quote number {n}.")


class StatementCitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = em.StatementCitation

    statement = factory.SubFactory(StatementFactory)
    source = factory.SubFactory(SourceFactory)


class IssueFactory(PublishedFactory):
    class Meta:
        model = im.Issue

    title = factory.Sequence(lambda n: f"Issue {n}")
    slug = factory.Sequence(lambda n: f"issue-{n}")
    category = im.IssueCategory.CULTURE
    status = im.IssueStatus.ACTIVE
    summary = "What is at stake."


class StanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = im.Stance

    issue = factory.SubFactory(IssueFactory)
    country = "KR"
    position = "Wants it resolved."
    as_of_date = dt.date(2026, 1, 5)


class DevelopmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = im.Development

    issue = factory.SubFactory(IssueFactory)
    happened_date = dt.date(2026, 1, 5)
    summary = factory.Sequence(lambda n: f"Something happened ({n}).")
    status_after = im.IssueStatus.UNDER_CONSULTATION


class StanceCitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = im.StanceCitation

    stance = factory.SubFactory(StanceFactory)
    source = factory.SubFactory(SourceFactory)


class DevelopmentCitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = im.DevelopmentCitation

    development = factory.SubFactory(DevelopmentFactory)
    source = factory.SubFactory(SourceFactory)


class ChangeLogFactory(factory.django.DjangoModelFactory):
    """A journal row as the sync signals write it (tests of the feed usually let them)."""

    class Meta:
        model = ChangeLog

    object_type = "event"
    object_id = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    state_published = True


class PartnerAPIKeyFactory(factory.django.DjangoModelFactory):
    """A partner's API key, made as the admin makes it; the plain key is `.plain_key`."""

    class Meta:
        model = PartnerAPIKey

    name = factory.Sequence(lambda n: f"Partner {n}")

    @classmethod
    def _create(cls, model_class: type, *args: object, **kwargs: object) -> PartnerAPIKey:
        api_key, plain_key = model_class.objects.create_key(**kwargs)
        api_key.plain_key = plain_key
        return api_key


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed reader (pass confirmed_at=None for one who has not clicked yet)."""

    class Meta:
        model = am.Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    email_hash = factory.LazyAttribute(lambda o: address_hash(o.email))
    key = factory.Sequence(lambda n: f"key{n:08d}")
    confirmed_at = factory.LazyFunction(timezone.now)


class FollowFactory(factory.django.DjangoModelFactory):
    """A confirmed follow of everything (pass kind=... and its target for others)."""

    class Meta:
        model = am.Follow

    subscriber = factory.SubFactory(SubscriberFactory)
    kind = am.FollowKind.ALL
    confirmed_at = factory.LazyFunction(timezone.now)


class PendingItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = am.PendingItem

    subscriber = factory.SubFactory(SubscriberFactory)
    object_type = "event"
    object_id = factory.LazyAttribute(lambda o: EventFactory().pk)
    action = "published"
    at = factory.LazyFunction(timezone.now)


class JournalCursorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = am.JournalCursor
        django_get_or_create = ["name"]

    name = "alerts"
    token = "MTowOjA"


class CorrectionFactory(factory.django.DjangoModelFactory):
    """A public correction of a published event."""

    class Meta:
        model = Correction

    class Params:
        item = factory.SubFactory(EventFactory)

    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.item))
    object_id = factory.LazyAttribute(lambda o: o.item.pk)
    object_repr = factory.LazyAttribute(lambda o: str(o.item))
    note = "The date was wrong."
    published_at = factory.LazyFunction(timezone.now)


class WebhookEndpointFactory(factory.django.DjangoModelFactory):
    """A partner's webhook endpoint receiving every event type (saved without the URL check)."""

    class Meta:
        model = wm.Endpoint

    api_key = factory.SubFactory(PartnerAPIKeyFactory)
    url = "https://hooks.partner.example/relations"
    event_types = factory.LazyFunction(lambda: ["*"])


class WebhookMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = wm.Message

    event_type = "event.updated"
    object_type = "event"
    object_id = 1
    body = '{"type":"event.updated"}'


class WebhookDeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = wm.Delivery

    endpoint = factory.SubFactory(WebhookEndpointFactory)
    message = factory.SubFactory(WebhookMessageFactory)


class WebhookFanOutCursorFactory(factory.django.DjangoModelFactory):
    # One row, pk 1, as the fan-out and its migration use it (the migration writes pk 1 itself,
    # so PostgreSQL's sequence would hand a plain insert the same id).
    class Meta:
        model = wm.FanOutCursor
        django_get_or_create = ("id",)

    id = 1


class KnownIssueStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = wm.KnownIssueStatus

    issue_id = factory.Sequence(lambda n: n + 1)
    status = "active"
