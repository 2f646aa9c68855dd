"""Translation status: recorded on every save, read as missing / outdated / done per language.

`translations_record` runs on every save of a translatable model (translations.signals, the one
write path: admin forms, inline rows, reverts, approved revisions, load_demo and commands alike).
An item's status in a language is *missing* when a field has English but no translation,
*outdated* when a translation was made from English that has changed since, else *done*.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.utils import timezone

from core.translation_fields import (
    CONTENT_LANGUAGES,
    SOURCE_LANGUAGE,
    column,
    translatable_fields,
    value_in,
)
from people.models import Title
from translations.models import TranslationMark, TranslationStatus

TARGET_LANGUAGES: tuple[str, ...] = tuple(c for c in CONTENT_LANGUAGES if c != SOURCE_LANGUAGE)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def status_key(language: str) -> str:
    """The annotation holding an item's status in `language`: status_ko, status_zh_hans."""
    return f"status_{language.replace('-', '_')}"


def translations_record(obj: models.Model) -> None:
    """Bring `obj`'s marks up to date with its English and its translations (after a save)."""
    fields = translatable_fields(type(obj))
    if not fields or obj.pk is None:
        return
    content_type = ContentType.objects.get_for_model(type(obj))
    marks = {
        (m.field, m.language): m
        for m in TranslationMark.objects.filter(content_type=content_type, object_id=obj.pk)
    }
    now = timezone.now()
    new, changed, gone = [], [], []
    for field in fields:
        english = digest(value_in(obj, field, SOURCE_LANGUAGE) or "")
        mark = marks.get((field, SOURCE_LANGUAGE))
        if mark is None:
            new.append(_mark(content_type, obj.pk, field, SOURCE_LANGUAGE, english, "", now))
        elif mark.source_digest != english:
            mark.source_digest, mark.changed_at = english, now
            changed.append(mark)
        for language in TARGET_LANGUAGES:
            text = value_in(obj, field, language)
            mark = marks.get((field, language))
            if not text:
                if mark is not None:
                    gone.append(mark.pk)
                continue
            if mark is None:  # a new translation: made from the English as it is now
                new.append(_mark(content_type, obj.pk, field, language, english, digest(text), now))
            elif mark.translation_digest != digest(text):  # the translation edited: current again
                mark.source_digest, mark.translation_digest = english, digest(text)
                mark.outdated, mark.changed_at, mark.reviewed_by = False, now, None
                changed.append(mark)
            elif mark.outdated != (mark.source_digest != english):
                # The English changed since (or changed back to what was translated).
                mark.outdated = mark.source_digest != english
                changed.append(mark)
    if new:
        TranslationMark.objects.bulk_create(new)
    if changed:
        TranslationMark.objects.bulk_update(
            changed,
            ["source_digest", "translation_digest", "outdated", "changed_at", "reviewed_by"],
        )
    if gone:
        TranslationMark.objects.filter(pk__in=gone).delete()


def _mark(
    content_type: ContentType,
    pk: Any,
    field: str,
    language: str,
    source: str,
    translation: str,
    now: Any,
) -> TranslationMark:
    return TranslationMark(
        content_type=content_type,
        object_id=pk,
        field=field,
        language=language,
        source_digest=source,
        translation_digest=translation,
        changed_at=now,
    )


def translations_forget(obj: models.Model) -> None:
    """Remove the marks of a deleted item."""
    content_type = ContentType.objects.get_for_model(type(obj))
    TranslationMark.objects.filter(content_type=content_type, object_id=obj.pk).delete()


def translation_mark_reviewed(*, obj: models.Model, language: str, user: Any) -> int:
    """Mark `obj`'s `language` translation checked against the English as it is now.

    Clears its outdated flags and returns how many fields were outdated. The status is staff-only
    (no page, feed or API shows it) and the mark changes no text, so any editor who may change the
    item may mark it, live or not; the translation itself changes only by an edit, which on a live
    item is held for review like any change. Who marked it is kept (`reviewed_by`).
    """
    if language not in TARGET_LANGUAGES:
        raise ValueError(language)
    content_type = ContentType.objects.get_for_model(type(obj))
    with transaction.atomic():
        translations_record(obj)
        marks = TranslationMark.objects.filter(
            content_type=content_type, object_id=obj.pk, language=language, outdated=True
        )
        count = 0
        for mark in marks.select_for_update():
            mark.source_digest = digest(value_in(obj, mark.field, SOURCE_LANGUAGE) or "")
            mark.outdated, mark.changed_at, mark.reviewed_by = False, timezone.now(), user
            mark.save(update_fields=["source_digest", "outdated", "changed_at", "reviewed_by"])
            count += 1
        if isinstance(obj, Title):
            # A glossary title's positions carry copies of its translations: reviewed with it.
            for position in obj.positions.all():
                translation_mark_reviewed(obj=position, language=language, user=user)
    return count


# Reading the status ------------------------------------------------------------------------


def missing_q(model: type[models.Model], language: str) -> Q:
    """Rows with a field written in English and not in `language`."""
    q = Q(pk__in=[])
    for field in translatable_fields(model):
        english, translated = column(field, SOURCE_LANGUAGE), column(field, language)
        q |= Q(**{f"{english}__gt": ""}) & (
            Q(**{f"{translated}__isnull": True}) | Q(**{translated: ""})
        )
    return q


def outdated_exists(model: type[models.Model], language: str) -> Exists:
    content_type = ContentType.objects.get_for_model(model)
    return Exists(
        TranslationMark.objects.filter(
            content_type=content_type, object_id=OuterRef("pk"), language=language, outdated=True
        )
    )


def status_case(model: type[models.Model], language: str) -> Case:
    return Case(
        When(missing_q(model, language), then=Value(TranslationStatus.MISSING)),
        When(outdated_exists(model, language), then=Value(TranslationStatus.OUTDATED)),
        default=Value(TranslationStatus.DONE),
        output_field=models.CharField(),
    )


def with_status(queryset: models.QuerySet, languages: tuple[str, ...] = TARGET_LANGUAGES):
    """`queryset` with each item's status per language (`status_ko`, `status_zh_hans`) and when
    its English last changed (`english_changed_at`)."""
    model = queryset.model
    content_type = ContentType.objects.get_for_model(model)
    english_changed = (
        TranslationMark.objects.filter(
            content_type=content_type, object_id=OuterRef("pk"), language=SOURCE_LANGUAGE
        )
        .order_by("-changed_at")
        .values("changed_at")[:1]
    )
    return queryset.annotate(
        english_changed_at=Subquery(english_changed),
        **{status_key(language): status_case(model, language) for language in languages},
    )


def filter_status(queryset: models.QuerySet, language: str, status: str) -> models.QuerySet:
    """Items of `queryset` whose translation into `language` is `status`."""
    model = queryset.model
    missing, outdated = missing_q(model, language), outdated_exists(model, language)
    if status == TranslationStatus.MISSING:
        return queryset.filter(missing)
    if status == TranslationStatus.OUTDATED:
        return queryset.filter(outdated).exclude(missing)
    if status == TranslationStatus.DONE:
        return queryset.exclude(missing).exclude(outdated)
    raise ValueError(status)


def needing_translation(model: type[models.Model], language: str) -> models.QuerySet:
    """Items of `model` missing or outdated in `language`, newest English change first."""
    queryset = model._default_manager.filter(
        missing_q(model, language) | Q(outdated_exists(model, language))
    )
    return with_status(queryset, (language,)).order_by(
        F("english_changed_at").desc(nulls_last=True), "-pk"
    )
