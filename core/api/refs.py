"""How the partner API names one object inside another: the shared reference shapes.

An event lists its participants as person references, a source names its outlet, every fact lists
its citations: these shapes are the same in every resource, so they are declared once, here. They
are plain serializers over attributes (no model is imported); the resource named by each `api_url`
is given by its router basename.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.viewsets import APIURLField, FuzzyDateField, PublicURLField, in_active_language


class OrganizationRefSerializer(serializers.Serializer):
    """An organization named inside another object."""

    slug = serializers.CharField()
    name = serializers.CharField()
    abbreviation = serializers.CharField()
    url = PublicURLField()
    api_url = APIURLField("organization")


class PersonRefSerializer(serializers.Serializer):
    """A person named inside another object."""

    slug = serializers.CharField()
    display_name = serializers.CharField()
    native_name = serializers.CharField()
    url = PublicURLField()
    api_url = APIURLField("person")


class EventRefSerializer(serializers.Serializer):
    """An event named inside another object."""

    slug = serializers.CharField()
    title = serializers.CharField()
    start = FuzzyDateField()
    url = PublicURLField()
    api_url = APIURLField("event")


class IssueRefSerializer(serializers.Serializer):
    """An issue named inside an event (issues are serialized fully by the issues API)."""

    slug = serializers.CharField()
    title = serializers.CharField()
    url = PublicURLField()
    api_url = APIURLField("issue")


class SourceListSerializer(serializers.Serializer):
    """A source as the sources list shows it, and as every citation names it."""

    id = serializers.IntegerField()
    title = serializers.CharField(help_text="The headline as published, in `language`.")
    translated_title = serializers.SerializerMethodField()
    outlet = serializers.SerializerMethodField()
    outlet_note = serializers.CharField()
    link = serializers.CharField(source="url", allow_null=True, help_text="The source's own URL.")
    published = FuzzyDateField(source="published_on", allow_null=True)
    language = serializers.CharField()
    kind = serializers.CharField()
    updated_at = serializers.DateTimeField()
    url = PublicURLField()
    api_url = APIURLField("source", lookup="pk")

    @extend_schema_field(
        serializers.CharField(
            allow_null=True,
            help_text="Our translation of the headline into the answer's language (not the "
            "outlet's words); null when there is none.",
        )
    )
    def get_translated_title(self, obj: Any) -> str | None:
        return in_active_language(obj, "translated_title")

    @extend_schema_field(OrganizationRefSerializer(allow_null=True))
    def get_outlet(self, obj: Any) -> dict[str, Any] | None:
        # Loaded with Source.objects.with_outlet() or CitationQuerySet.published(): None while
        # the outlet is hidden.
        outlet = obj.outlet
        return OrganizationRefSerializer(outlet, context=self.context).data if outlet else None


class CitationSerializer(serializers.Serializer):
    """A fact's reference to a published source, with where and how the source says it."""

    source = SourceListSerializer()
    locator = serializers.CharField()
    note = serializers.CharField()
    conflicts = serializers.BooleanField()
