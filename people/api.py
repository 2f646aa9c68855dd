"""Partner API for people and organizations: serializers and read-only viewsets."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema_field, extend_schema_view
from rest_framework import serializers

from core.api.refs import OrganizationRefSerializer
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
from people.filters import OrganizationFilter, PersonFilter
from people.models import Organization, Person, PersonIdentifier, PersonName, Position

# --- Organizations ------------------------------------------------------------------------------


class OrganizationListSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    native_name = serializers.CharField()
    abbreviation = serializers.CharField()
    country = serializers.CharField()
    kind = serializers.CharField()
    updated_at = serializers.DateTimeField()
    url = PublicURLField()
    api_url = APIURLField("organization")


class OrganizationDetailSerializer(OrganizationListSerializer):
    translations = translations_field("name", "abbreviation")
    parent = serializers.SerializerMethodField()
    website = serializers.CharField()
    description = serializers.SerializerMethodField()

    def get_description(self, obj: Organization) -> str:
        return sanitize_html(obj.description)

    @extend_schema_field(OrganizationRefSerializer(allow_null=True))
    def get_parent(self, obj: Organization) -> dict[str, Any] | None:
        # Loaded with Organization.objects.with_parent(): None while the parent is hidden.
        parent = obj.parent
        return OrganizationRefSerializer(parent, context=self.context).data if parent else None


@extend_schema_view(
    list=list_schema("organizations", OrganizationListSerializer, ()),
    retrieve=retrieve_schema("organization", OrganizationDetailSerializer),
)
class OrganizationViewSet(PublicReadOnlyViewSet):
    """Published organizations: ministries, offices, parties, media outlets."""

    list_serializer_class = OrganizationListSerializer
    detail_serializer_class = OrganizationDetailSerializer
    filterset_class = OrganizationFilter
    ordering = ("slug",)

    def base_queryset(self) -> QuerySet:
        queryset = Organization.objects.published()
        if self.action == "retrieve":
            queryset = queryset.with_parent()
        return queryset


# --- People -------------------------------------------------------------------------------------


class OtherNameSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.CharField()
    language = serializers.CharField()
    script = serializers.CharField()


class IdentifierSerializer(serializers.Serializer):
    scheme = serializers.CharField()
    value = serializers.CharField()


class PositionSerializer(serializers.Serializer):
    title = serializers.CharField()
    organization = serializers.SerializerMethodField()
    start = FuzzyDateField(allow_null=True)
    end = FuzzyDateField(allow_null=True)
    is_primary = serializers.BooleanField()

    @extend_schema_field(OrganizationRefSerializer(allow_null=True))
    def get_organization(self, obj: Position) -> dict[str, Any] | None:
        # Prefetched with Position.objects.at_organizations_visible_to(): public when present.
        if obj.organization is None:
            return None
        return OrganizationRefSerializer(obj.organization, context=self.context).data


def prefetch_positions(queryset: QuerySet) -> QuerySet:
    return queryset.prefetch_related(
        Prefetch("positions", queryset=Position.objects.at_organizations_visible_to(None))
    )


def prefetch_other_names(queryset: QuerySet) -> QuerySet:
    return queryset.prefetch_related(Prefetch("other_names", queryset=PersonName.objects.all()))


def prefetch_identifiers(queryset: QuerySet) -> QuerySet:
    return queryset.prefetch_related(
        Prefetch("identifiers", queryset=PersonIdentifier.objects.all())
    )


class PersonListSerializer(IncludableSerializer):
    slug = serializers.CharField()
    display_name = serializers.CharField()
    native_name = serializers.CharField()
    sort_name = serializers.CharField()
    country = serializers.CharField()
    updated_at = serializers.DateTimeField()
    url = PublicURLField()
    api_url = APIURLField("person")
    positions = PositionSerializer(many=True, required=False)
    other_names = OtherNameSerializer(many=True, required=False)
    identifiers = IdentifierSerializer(many=True, required=False)

    class Meta:
        include_fields = ("positions", "other_names", "identifiers")


class PersonDetailSerializer(PersonListSerializer):
    current_title = serializers.SerializerMethodField()
    bio = serializers.SerializerMethodField()
    portrait = serializers.SerializerMethodField()
    portrait_credit = serializers.CharField()
    wikidata_id = serializers.CharField()
    translations = translations_field("bio", html=("bio",))

    def get_current_title(self, obj: Person) -> str:
        return obj.title_on()

    def get_bio(self, obj: Person) -> str:
        return sanitize_html(obj.bio)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_portrait(self, obj: Person) -> str | None:
        if not obj.portrait:
            return None
        return self.context["request"].build_absolute_uri(obj.portrait.url)


@extend_schema_view(
    list=list_schema("people", PersonListSerializer, PersonListSerializer.Meta.include_fields),
    retrieve=retrieve_schema("person", PersonDetailSerializer),
)
class PersonViewSet(PublicReadOnlyViewSet):
    """Published people, with their positions over time and every name form."""

    list_serializer_class = PersonListSerializer
    detail_serializer_class = PersonDetailSerializer
    filterset_class = PersonFilter
    ordering = ("slug",)
    include_prefetches = {
        "positions": prefetch_positions,
        "other_names": prefetch_other_names,
        "identifiers": prefetch_identifiers,
    }

    def base_queryset(self) -> QuerySet:
        return Person.objects.published()
