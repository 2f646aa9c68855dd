"""Partner API for issues: where each side stands and how each issue developed, with sources."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema_field, extend_schema_view
from rest_framework import serializers

from core.api.refs import (
    CitationSerializer,
    EventRefSerializer,
    IssueRefSerializer,
    OrganizationRefSerializer,
)
from core.api.schema import list_schema, retrieve_schema
from core.api.viewsets import (
    APIURLField,
    FuzzyDateField,
    IncludableSerializer,
    PublicReadOnlyViewSet,
    PublicURLField,
    translations_field,
)
from core.text import sanitize_html
from events.models import Event
from issues.filters import IssueFilter
from issues.models import Development, DevelopmentCitation, Issue, Stance, StanceCitation


class StanceSerializer(serializers.Serializer):
    country = serializers.CharField()
    organization = serializers.SerializerMethodField()
    party = serializers.CharField(source="party_name")
    position = serializers.CharField()
    as_of = FuzzyDateField()
    updated_at = serializers.DateTimeField()
    sources = CitationSerializer(many=True, source="citations")
    translations = translations_field("position")

    @extend_schema_field(OrganizationRefSerializer(allow_null=True))
    def get_organization(self, obj: Stance) -> dict[str, Any] | None:
        # Loaded with Stance.objects.by_parties_visible_to(): public when present.
        if obj.organization is None:
            return None
        return OrganizationRefSerializer(obj.organization, context=self.context).data


class DevelopmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    happened = FuzzyDateField()
    summary = serializers.CharField()
    status_after = serializers.CharField()
    event = EventRefSerializer(allow_null=True)
    updated_at = serializers.DateTimeField()
    url = PublicURLField()
    sources = CitationSerializer(many=True, source="citations")
    translations = translations_field("summary")


def prefetch_stances(queryset: QuerySet) -> QuerySet:
    stances = Stance.objects.by_parties_visible_to(None).prefetch_related(
        Prefetch("citations", queryset=StanceCitation.objects.published())
    )
    return queryset.prefetch_related(Prefetch("stances", queryset=stances))


def prefetch_developments(queryset: QuerySet) -> QuerySet:
    # Development.objects.published() drops developments tied to an unpublished event.
    developments = (
        Development.objects.published()
        .select_related("event")
        .prefetch_related(Prefetch("citations", queryset=DevelopmentCitation.objects.published()))
    )
    return queryset.prefetch_related(Prefetch("developments", queryset=developments))


def prefetch_events(queryset: QuerySet) -> QuerySet:
    return queryset.prefetch_related(Prefetch("events", queryset=Event.objects.published()))


def prefetch_related_issues(queryset: QuerySet) -> QuerySet:
    return queryset.prefetch_related(Prefetch("related_issues", queryset=Issue.objects.published()))


class IssueListSerializer(IncludableSerializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    category = serializers.CharField()
    status = serializers.CharField()
    started = FuzzyDateField(allow_null=True)
    updated_at = serializers.DateTimeField()
    url = PublicURLField()
    api_url = APIURLField("issue")
    stances = StanceSerializer(many=True, required=False)
    developments = DevelopmentSerializer(many=True, required=False)
    events = EventRefSerializer(many=True, required=False)
    related_issues = IssueRefSerializer(many=True, required=False)

    class Meta:
        include_fields = ("stances", "developments", "events", "related_issues")


class IssueDetailSerializer(IssueListSerializer):
    background = serializers.SerializerMethodField()
    translations = translations_field("title", "summary", "background", html=("background",))

    def get_background(self, obj: Issue) -> str:
        return sanitize_html(obj.background)


@extend_schema_view(
    list=list_schema("issues", IssueListSerializer, IssueListSerializer.Meta.include_fields),
    retrieve=retrieve_schema("issue", IssueDetailSerializer),
)
class IssueViewSet(PublicReadOnlyViewSet):
    """Published issues: status, each side's stance, and the dated developments."""

    list_serializer_class = IssueListSerializer
    detail_serializer_class = IssueDetailSerializer
    filterset_class = IssueFilter
    ordering = ("slug",)
    include_prefetches = {
        "stances": prefetch_stances,
        "developments": prefetch_developments,
        "events": prefetch_events,
        "related_issues": prefetch_related_issues,
    }

    def base_queryset(self) -> QuerySet:
        return Issue.objects.published()
