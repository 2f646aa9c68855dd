"""Read a pasted report into proposals an editor can tick: source, people, dates, events, quotes,
issues. Deterministic and explainable: every proposal carries the words that produced it
(`evidence`, with their place in the text). No network, no model: name forms from the database,
patterns, the date rules of `intake.dates`, keywords kept on each issue.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from core.dates import FuzzyDate, Precision
from core.text import normalize_name
from events.models import Event, EventKind, EventStatus, Source
from events.services import sources_like
from intake.dates import DateMention, find_dates
from issues.models import Issue
from people.models import Organization, OrganizationKind, Person

MAX_CHARS = 100_000
EAST_ASIAN = {"KR", "KP", "CN", "JP", "TW", "HK", "VN"}
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HAN = re.compile(r"[\u4e00-\u9fff]")

TITLE_WORDS = (
    "President|Minister|Adviser|Advisor|Spokesperson|Spokesman|Spokeswoman|Secretary|Chair|"
    "Chairman|Director|Ambassador|Leader|Premier|Chief|Envoy|Governor|Mayor"
)
# A title phrase ending right before a name: "Deputy Prime Minister and Finance Minister Koo",
# "Minister of Trade, Industry and Resources Kim Jung-kwan", "Foreign Minister Cho Hyun".
_TITLE_BEFORE = re.compile(
    rf"((?:(?:[A-Z][\w’'.-]*|of|and|for|the|,)\s+){{0,8}}?(?:{TITLE_WORDS})"
    r"(?:\s+of\s+[A-Z][\w’'-]*(?:\s+(?:and\s+)?[A-Z][\w’'-]*,?){0,4})?)\s+$"
)
_TITLE_AFTER = re.compile(
    rf"^,\s+((?:the\s+)?(?:[a-zA-Z’'-]+\s+){{0,5}}?(?:{TITLE_WORDS.lower()}|{TITLE_WORDS})"
    r"(?:\s+(?:of|for)\s+[^,.;]{3,80})?)[,.;]"
)
_NAME_SHAPE = re.compile(r"\b([A-Z][a-z]{0,6}\s(?:[A-Z][a-z]+-[a-z]+|[A-Z][a-z]{2,}))\b")
_TITLE_NOISE = {"of", "the", "and", "for", "south", "korean", "korea’s", "chinese", "china’s"}
_TITLE_NOISE |= {"korea's", "china's", "affairs", "s", "a", "an", "ministry", "its"}

CITIES = {
    "Beijing": "CN",
    "Shanghai": "CN",
    "Seoul": "KR",
    "Gyeongju": "KR",
    "Busan": "KR",
    "Pyongyang": "KP",
    "Tokyo": "JP",
    "Washington": "US",
    "베이징": "CN",
    "서울": "KR",
    "상하이": "CN",
    "北京": "CN",
    "首尔": "KR",
    "上海": "CN",
}

# Event kinds from wording, most specific first: (pattern, kind).
KIND_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"strategic dialogue|전략대화|战略对话", re.I), EventKind.STRATEGIC_DIALOGUE),
    (re.compile(r"state visit|국빈 ?방문|国事访问", re.I), EventKind.STATE_VISIT),
    (re.compile(r"signing ceremony|서명식|签字仪式", re.I), EventKind.SIGNING),
    (re.compile(r"cabinet meeting|국무회의", re.I), EventKind.CABINET),
    (re.compile(r"(?:regular )?briefing|브리핑|记者会", re.I), EventKind.BRIEFING),
    (re.compile(r"phone call|telephone|통화|通电话", re.I), EventKind.PHONE_CALL),
    (re.compile(r"working-level", re.I), EventKind.WORKING_LEVEL),
    (
        re.compile(
            r"foreign ministers[’']? (?:meeting|talks)|ministerial[- ]level talks|외교장관", re.I
        ),
        EventKind.MINISTERIAL,
    ),
    (re.compile(r"ministerial (?:meeting|dialogue)", re.I), EventKind.MINISTERIAL),
    (re.compile(r"\bsummit\b|정상회담|峰会|会晤", re.I), EventKind.SUMMIT),
    (re.compile(r"\bconcert\b|festival|콘서트|演唱会", re.I), EventKind.CULTURAL),
    (re.compile(r"\bvisit\b|방문|访问", re.I), EventKind.OFFICIAL_VISIT),
]
# A kind an undated next sentence may make more precise: a "ministerial meeting" that the next
# sentence calls the "Strategic Dialogue", a "visit" it calls a "state visit".
REFINES = {
    EventKind.MINISTERIAL: (EventKind.STRATEGIC_DIALOGUE, EventKind.WORKING_LEVEL),
    EventKind.OFFICIAL_VISIT: (EventKind.STATE_VISIT,),
}
STATUS_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"nothing has been confirmed|not (?:yet )?confirmed|if realized|unconfirmed", re.I
        ),
        EventStatus.UNCONFIRMED,
    ),
    (re.compile(r"\bplanned\b|\bplans? to\b|예정|计划", re.I), EventStatus.PLANNED),
    (
        re.compile(
            r"\bwill (?:hold|meet|visit|take place)|\bexpected\b|\banticipated\b|\bupcoming\b|"
            r"\bpossible\b|\bwill\b|\bahead of\b",
            re.I,
        ),
        EventStatus.EXPECTED,
    ),
]
SAY_VERBS = r"said|says|told(?:\s+\w+){0,2}|added|stressed|noted|cautioned|stated|wrote|confirmed"


@dataclass
class Evidence:
    start: int
    end: int
    words: str


@dataclass
class PersonProposal:
    person: Person
    evidence: list[Evidence] = field(default_factory=list)
    participant: bool = False  # ticked as a participant of the report's event
    role: str = "delegation"
    stated_title: str = ""
    title_words: str = ""  # the words the stated title was read from, name included
    title_on_record: str = ""
    title_differs: bool = False

    @property
    def words(self) -> list[str]:
        return list(dict.fromkeys(e.words for e in self.evidence))


@dataclass
class AmbiguousMention:
    words: str
    start: int
    end: int
    candidates: list[Person]


@dataclass
class NewPersonProposal:
    name: str
    title: str
    country: str
    evidence: Evidence


@dataclass
class EventProposal:
    kind: str
    status: str
    start: FuzzyDate | None
    title: str
    city: str = ""
    country: str = ""
    existing: Event | None = None
    parent: Event | None = None
    evidence: list[Evidence] = field(default_factory=list)
    primary: bool = False

    @property
    def words(self) -> list[str]:
        return [e.words for e in self.evidence]

    def get_kind_label(self) -> str:
        return str(EventKind(self.kind).label)

    def get_status_label(self) -> str:
        return str(EventStatus(self.status).label)


@dataclass
class QuoteProposal:
    text: str
    speaker: Person | None
    speaker_label: str
    evidence: Evidence
    attribution: str


@dataclass
class IssueProposal:
    issue: Issue
    hits: list[Evidence]

    @property
    def words(self) -> list[str]:
        return list(dict.fromkeys(e.words for e in self.hits))


@dataclass
class SourceProposal:
    title: str
    url: str
    outlet: Organization | None
    outlet_words: str
    byline: str
    published: FuzzyDate | None
    published_words: str
    language: str
    existing: list[tuple[Source, str]] = field(default_factory=list)


@dataclass
class Reading:
    text: str
    source: SourceProposal
    people: list[PersonProposal]
    ambiguous: list[AmbiguousMention]
    new_people: list[NewPersonProposal]
    dates: list[DateMention]
    events: list[EventProposal]
    quotes: list[QuoteProposal]
    issues: list[IssueProposal]
    notes: list[str]

    @property
    def primary_event(self) -> EventProposal | None:
        return next((e for e in self.events if e.primary), None)


class ReportError(ValueError):
    """The paste cannot be read; the message says why, for the editor."""


# ---------------------------------------------------------------- text


def clean_text(raw: str) -> tuple[str, list[str]]:
    """Plain text from a paste: HTML tags dropped and entities decoded; NULs removed."""
    notes = []
    text = (raw or "").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"<(p|div|br|span|a|html|body|script|style|h\d)\b", text, re.I):
        text = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", text, flags=re.I | re.S)
        text = re.sub(r"<br\s*/?>|</p\s*>|</div\s*>|</h\d\s*>", "\n", text, flags=re.I)
        text = re.sub(r"<[^>]{0,2000}>", " ", text)
        text = html.unescape(text)
        notes.append("The paste was HTML: its tags were removed and only the text was read.")
    text = re.sub(r"[ \t]+", " ", text).strip()
    return text, notes


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line."""
    spans = []
    start = 0
    boundary = r"(?<=[.!?。！？])[”\"]?\s+(?=[“\"A-Z\u3131-\ud7a3\u4e00-\u9fff])|\n+"
    for match in re.finditer(boundary, text):
        end = match.start() if text[match.start()] == "\n" else match.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def sentence_at(spans: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for a, b in spans:
        if a <= position < b:
            return a, b
    return (0, 0)


def language_of(text: str) -> str:
    hangul, han = len(_HANGUL.findall(text)), len(_HAN.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    if hangul > latin and hangul >= han:
        return "ko"
    if han > latin:
        return "zh-hans"
    return "en"


# ---------------------------------------------------------------- people


def _surname(person: Person) -> str:
    tokens = re.split(r"\s+", person.display_name.strip())
    if len(tokens) < 2 or "," in person.display_name:
        return ""
    return tokens[0] if person.country in EAST_ASIAN else tokens[-1]


def _name_pattern(name: str) -> re.Pattern[str] | None:
    name = name.strip()
    if not name or "," in name:
        return None
    if _HANGUL.search(name) or _HAN.search(name):
        return re.compile(re.escape(name))
    tokens = [t for t in re.split(r"[\s\-‐]+", name) if t]
    if len(tokens) < 2:
        return None
    rest = r"[\s\-‐]*".join(re.escape(t) for t in tokens[1:])
    return re.compile(rf"(?<![\w-]){re.escape(tokens[0])}[\s\-‐]+{rest}(?![\w-])", re.I)


def _title_tokens(title: str) -> set[str]:
    words = re.findall(r"[\w’']+", title.casefold())
    return {w for w in words if w not in _TITLE_NOISE}


def titles_differ(stated: str, on_record: str) -> bool:
    a, b = _title_tokens(stated), _title_tokens(on_record)
    if not a or not b:
        return False
    return not (a <= b or b <= a)


_NATIONALITY = r"^(?:South Korean|Chinese|Korean|China’s|Korea’s|South Korea’s)\s+"


def _title_words(text: str, start: int, end: int, stated: str) -> str:
    """The stretch of the report the stated title was read from: title and name."""
    before = text[max(0, start - 120) : start]
    at = before.rfind(stated)
    if at >= 0:
        return " ".join(before[at:].split() + text[start:end].split())
    after = text[end : end + 160]
    at = after.find(stated)
    if at >= 0:
        return " ".join((text[start:end] + after[: at + len(stated)]).split())
    return f"{stated} {text[start:end]}"


def _as_words(text: str) -> str:
    return " " + " ".join(re.findall(r"[\w’'-]+", text.casefold())) + " "


def organization_in_title(title: str) -> Organization | None:
    """The known organization a stated title names ("KOTRA President"), by its name or
    abbreviation as whole words; None when it names none or several."""
    words = _as_words(title)
    found = [
        org
        for org in Organization.objects.exclude(kind=OrganizationKind.MEDIA)
        if any(_as_words(name) in words for name in (org.name, org.abbreviation) if name)
    ]
    return found[0] if len(found) == 1 else None


def _stated_title(text: str, start: int, end: int) -> str:
    before = _TITLE_BEFORE.search(text[max(0, start - 120) : start])
    if before:
        title = re.sub(_NATIONALITY, "", before.group(1).strip(" ,"))
        return re.sub(r"^(?:The|the|and|And)\s+", "", title).strip(" ,")
    after = _TITLE_AFTER.search(text[end : end + 160])
    if after:
        return after.group(1).strip(" ,")
    return ""


def read_people(text: str, on: date):
    people = list(
        Person.objects.exclude(editorial_status="archived").prefetch_related(
            "other_names", "positions"
        )
    )
    full_hits: dict[int, list[Evidence]] = {}
    taken: list[tuple[int, int]] = []
    by_pk = {p.pk: p for p in people}
    for person in people:
        for form in person.name_forms():
            pattern = _name_pattern(form)
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                full_hits.setdefault(person.pk, []).append(
                    Evidence(match.start(), match.end(), match.group(0))
                )
                taken.append(match.span())
    # Surname-only mentions ("Lee", "Xi", "President Lee"): the people named in full count
    # first; a surname shared by several of them is flagged, not guessed.
    surnames: dict[str, list[Person]] = {}
    for person in people:
        surname = _surname(person)
        if surname:
            surnames.setdefault(surname, []).append(person)
    ambiguous: list[AmbiguousMention] = []
    surname_hits: dict[int, list[Evidence]] = {}
    for surname, holders in surnames.items():
        pattern = re.compile(rf"(?<![\w-]){re.escape(surname)}(?![\w-])(?:[’']s)?")
        named = [p for p in holders if p.pk in full_hits]
        for match in pattern.finditer(text):
            a, b = match.span()
            if any(s <= a < e for s, e in taken):
                continue
            candidates = named
            if not candidates:
                title = _TITLE_BEFORE.search(text[max(0, a - 60) : a])
                candidates = holders if title and len(holders) == 1 else []
                if not candidates:
                    continue
            if len(candidates) == 1:
                surname_hits.setdefault(candidates[0].pk, []).append(Evidence(a, b, match.group(0)))
                continue
            title = _stated_title(text, a, b)
            chosen = [p for p in candidates if title and not titles_differ(title, p.title_on(on))]
            if len(chosen) == 1:
                surname_hits.setdefault(chosen[0].pk, []).append(
                    Evidence(a, b, f"{title} {match.group(0)}")
                )
            else:
                ambiguous.append(AmbiguousMention(match.group(0), a, b, candidates))
    proposals = []
    for pk in sorted(
        set(full_hits) | set(surname_hits),
        key=lambda k: min(e.start for e in full_hits.get(k, []) + surname_hits.get(k, [])),
    ):
        person = by_pk[pk]
        evidence = sorted(full_hits.get(pk, []) + surname_hits.get(pk, []), key=lambda e: e.start)
        proposal = PersonProposal(person=person, evidence=evidence)
        proposal.title_on_record = person.title_on(on)
        for ev in full_hits.get(pk, []):
            stated = _stated_title(text, ev.start, ev.end)
            if stated:
                proposal.stated_title = stated
                proposal.title_words = _title_words(text, ev.start, ev.end, stated)
                break
        proposal.title_differs = bool(
            proposal.stated_title
            and proposal.title_on_record
            and titles_differ(proposal.stated_title, proposal.title_on_record)
        )
        proposals.append(proposal)
    new_people = _unknown_titled_people(text, taken + [(m.start, m.end) for m in ambiguous])
    return proposals, ambiguous, new_people


def _unknown_titled_people(text: str, taken: list[tuple[int, int]]) -> list[NewPersonProposal]:
    found: dict[str, NewPersonProposal] = {}
    for match in _NAME_SHAPE.finditer(text):
        a, b = match.span()
        if any(s < b and a < e for s, e in taken):
            continue
        name = match.group(1)
        if re.match(rf"^(?:{TITLE_WORDS}|The|South|North|Korea|China|Chinese|Korean)\b", name):
            continue
        if text[b : b + 1].isalpha() or normalize_name(name) in found:
            continue
        title = _stated_title(text, a, b)
        if not title:
            continue
        found[normalize_name(name)] = NewPersonProposal(
            name=name, title=title, country="", evidence=Evidence(a, b, f"{title} {name}")
        )
    return list(found.values())


# ---------------------------------------------------------------- source


def read_source(
    text: str, *, url: str, headline: str, outlet: str, author: str, published: str
) -> SourceProposal:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title = headline.strip()
    if not title and lines and len(lines[0]) <= 250:
        title = re.sub(r"^date\s+\d{4}-\d{2}-\d{2}\s*", "", lines[0]).strip()[:250]
    found_outlet = None
    outlet_words = ""
    media = list(Organization.objects.filter(kind=OrganizationKind.MEDIA))
    wanted = normalize_name(outlet)
    for org in media:
        if wanted and wanted in (normalize_name(org.name), normalize_name(org.abbreviation)):
            found_outlet, outlet_words = org, outlet
            break
    if found_outlet is None:
        head = text[:1500] + "\n" + text[-600:]
        for org in sorted(media, key=lambda o: -len(o.name)):
            match = re.search(rf"(?<!\w){re.escape(org.name)}(?!\w)", head)
            if match:
                found_outlet, outlet_words = org, match.group(0)
                break
    byline = author.strip()
    if not byline:
        match = re.search(r"(?:Written by|By)\s+([A-Z][\w-]+(?:\s[A-Z][\w-]+){1,2})", text[:600])
        if match:
            byline = match.group(1)
    value = None
    words = ""
    if published.strip():
        try:
            value, words = FuzzyDate.parse(published), published.strip()
        except ValueError:
            value = None
    if value is None:
        head = text[:1200]
        match = re.search(r"\bdate\s+(\d{4}-\d{2}-\d{2})\b", head) or re.search(
            r"^\s*((?:January|February|March|April|May|June|July|August|September|October|"
            r"November|December)\s+\d{1,2},\s+\d{4})\s*$",
            head,
            re.M,
        )
        if match:
            mentions = find_dates(match.group(1), date(2000, 1, 1))
            if mentions:
                value, words = mentions[0].value, match.group(0).strip()
    proposal = SourceProposal(
        title=title,
        url=url.strip(),
        outlet=found_outlet,
        outlet_words=outlet_words,
        byline=byline,
        published=value,
        published_words=words,
        language=language_of(text),
    )
    proposal.existing = sources_like(url=proposal.url, title=title, published=value)
    return proposal


# ---------------------------------------------------------------- events


def _kind_at(sentence: str) -> tuple[str, re.Match[str]] | None:
    for pattern, kind in KIND_PATTERNS:
        match = pattern.search(sentence)
        if match:
            return kind, match
    return None


def _status_of(sentence: str, when: FuzzyDate | None, published: date, following: str = "") -> str:
    """From the wording; "nothing has been confirmed" may come in the next two sentences."""
    unconfirmed = STATUS_PATTERNS[0][0]
    if unconfirmed.search(following):
        return EventStatus.UNCONFIRMED
    for pattern, status in STATUS_PATTERNS:
        if pattern.search(sentence):
            return status
    if when is not None and when.first > published:
        return EventStatus.EXPECTED
    return EventStatus.HELD


_ORDINAL_TITLE = re.compile(
    r"(?:the\s+)?((?:\d+(?:st|nd|rd|th)\s+)?(?:[A-Z][\w’'-]*\s+){0,6}"
    r"(?:Strategic Dialogue|Summit|Dialogue|Meeting|Talks|State Visit|Ceremony))"
)


def _event_title(sentence: str, kind: str, city: str, when: FuzzyDate | None) -> str:
    match = _ORDINAL_TITLE.search(sentence)
    if match and len(match.group(1).split()) >= 3:
        return match.group(1).strip()
    parts = [str(EventKind(kind).label)]
    if city:
        parts.append(f"in {city}")
    if when:
        parts.append(f"({when.iso()})")
    return " ".join(parts)


def _family(kind: str) -> str:
    """A state visit and an official visit are both visits when matching existing events."""
    return "visit" if kind in (EventKind.STATE_VISIT, EventKind.OFFICIAL_VISIT) else kind


def _city_in(sentence: str) -> tuple[str, str] | None:
    for name, code in CITIES.items():
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", sentence):
            return name, code
    return None


def read_events(
    text: str,
    spans: list[tuple[int, int]],
    dates: list[DateMention],
    people: list[PersonProposal],
    published: FuzzyDate,
) -> list[EventProposal]:
    pub_day = published.first
    proposals: list[EventProposal] = []
    seen: set[tuple[str, str]] = set()
    last_sentence = -9
    for number, (a, b) in enumerate(spans):
        sentence = text[a:b]
        found = _kind_at(sentence)
        if not found:
            continue
        kind, match = found
        in_sentence = [d for d in dates if a <= d.start < b and d.rule != "year"]
        if not in_sentence:
            # An undated sentence right after an event's names it more precisely ("a vice
            # foreign ministerial meeting" … "the 11th … Strategic Dialogue in Beijing").
            if (
                proposals
                and number - last_sentence <= 2
                and kind in REFINES.get(proposals[-1].kind, ())
            ):
                previous = proposals[-1]
                previous.kind = kind
                previous.evidence.append(
                    Evidence(a + match.start(), a + match.end(), match.group(0))
                )
                city = _city_in(sentence)
                if city and not previous.city:
                    previous.city, previous.country = city
                previous.title = _event_title(sentence, kind, previous.city, previous.start)
            continue
        last_sentence = number
        anchor = a + match.start()
        when = min(in_sentence, key=lambda d: abs(d.start - anchor)).value
        city, country = _city_in(sentence) or ("", "")
        following = text[b : spans[min(number + 2, len(spans) - 1)][1]]
        key = (kind, when.iso())
        if key in seen:
            continue
        seen.add(key)
        proposals.append(
            EventProposal(
                kind=kind,
                status=_status_of(sentence, when, pub_day, following),
                start=when,
                title=_event_title(sentence, kind, city, when),
                city=city,
                country=country,
                evidence=[Evidence(a + match.start(), a + match.end(), match.group(0))],
            )
        )
    # The report's own event: the first one dated within a week of publication, held first.
    near = [
        p
        for p in proposals
        if p.start and abs((p.start.first - pub_day).days) <= 7 and p.start.precision == "day"
    ]
    near.sort(key=lambda p: (p.status != EventStatus.HELD, p.evidence[0].start))
    if near:
        near[0].primary = True
    elif proposals:
        proposals[0].primary = True
    person_ids = {p.person.pk for p in people}
    for proposal in proposals:
        candidates = Event.objects.overlapping(proposal.start.first, proposal.start.last)
        best = None
        for event in candidates.prefetch_related("participations")[:50]:
            shared = {pa.person_id for pa in event.participations.all()} & person_ids
            same_kind = _family(event.kind) == _family(proposal.kind)
            if same_kind or len(shared) >= 2:
                score = len(shared) + 3 * same_kind
                if best is None or score > best[0]:
                    best = (score, event)
        if best:
            proposal.existing = best[1]
        if proposal.kind not in (EventKind.STATE_VISIT, EventKind.OFFICIAL_VISIT):
            proposal.parent = (
                Event.objects.overlapping(proposal.start.first, proposal.start.last)
                .filter(kind__in=[EventKind.STATE_VISIT, EventKind.OFFICIAL_VISIT])
                .exclude(pk=getattr(proposal.existing, "pk", None))
                .first()
            )
    return proposals


# ---------------------------------------------------------------- quotes


def _speaker_in(words: str, offset: int, people: list[PersonProposal]) -> tuple[Person | None, str]:
    for proposal in people:
        for ev in proposal.evidence:
            if offset <= ev.start < offset + len(words):
                return proposal.person, ""
    label = words.strip(" ,.")
    label = re.sub(rf"\s+(?:{SAY_VERBS}).*$", "", label)
    return None, label


def _role_person(label: str) -> Person | None:
    if not re.search(r"spokes", label, re.I):
        return None
    country = (
        "CN" if re.search(r"Chin", label) else "KR" if re.search(r"Korea|Seoul", label) else ""
    )
    queryset = Person.objects.filter(display_name__icontains="spokesperson")
    if country:
        queryset = queryset.filter(country=country)
    found = list(queryset[:2])
    return found[0] if len(found) == 1 else None


_AFTER = re.compile(
    rf"^[,.]?\s*(?P<who>(?:[A-Za-z’'\-]+\s+){{0,9}}?[A-Za-z’'\-]+)\s+(?:{SAY_VERBS})\b"
)
_AFTER_INVERTED = re.compile(rf"^[,.]?\s*(?:{SAY_VERBS})\s+(?P<who>[^.,;]{{2,80}})")
_ACCORDING = re.compile(r"^[,.]?\s*according to (?P<who>[^.;]{2,80})", re.I)
_SAY = re.compile(rf"\b(?:{SAY_VERBS})\b")
_OPEN_QUOTE = re.compile(r"[“\"]([^“”\"\n]{12,1200})[”\"]")
_CLOSE_ONLY = re.compile(r"^([^“”\"\n]{12,1200})”")


def _quote_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, text start, text end) of each quotation, paragraph by paragraph.

    A paragraph that closes a quote it never opened (a report's lost opening mark) is quoted
    from its start.
    """
    spans = []
    offset = 0
    for paragraph in text.split("\n"):
        close_only = _CLOSE_ONLY.match(paragraph)
        if close_only and "“" not in close_only.group(1):
            spans.append((offset, offset + close_only.end(), offset, offset + close_only.end(1)))
        for match in _OPEN_QUOTE.finditer(paragraph):
            if close_only and match.start() < close_only.end():
                continue
            spans.append(
                (
                    offset + match.start(),
                    offset + match.end(),
                    offset + match.start(1),
                    offset + match.end(1),
                )
            )
        offset += len(paragraph) + 1
    return sorted(spans)


def _who_before(tail: str, tail_start: int, people: list[PersonProposal]):
    """The speaker of "X said (that) “…”": the person or words before the last say-verb."""
    verbs = list(_SAY.finditer(tail))
    if not verbs:
        return None
    verb = verbs[-1]
    region = tail[: verb.start()]
    for proposal in people:
        for ev in proposal.evidence:
            if tail_start <= ev.start < tail_start + len(region):
                return proposal.person, "", tail[: verb.end()].strip()
    parts = [p.strip() for p in region.split(",") if p.strip()]
    parts = [p for p in parts if p.casefold() not in ("however", "also", "in addition")]
    label = parts[-1] if parts else ""
    label = re.sub(r"\b(?:also|however|notably)\b", "", label).strip(" ,")
    if not label or len(label) > 80:
        return None
    return None, label, tail[: verb.end()].strip()


def read_quotes(text: str, people: list[PersonProposal]) -> list[QuoteProposal]:
    quotes: list[QuoteProposal] = []
    previous: QuoteProposal | None = None
    previous_paragraph = -1
    for start, end, text_start, text_end in _quote_spans(text):
        quote = text[text_start:text_end].strip().strip(",")
        if len(quote.split()) < 4:
            continue
        paragraph_start = text.rfind("\n", 0, start) + 1
        paragraph_end = text.find("\n", end)
        paragraph_end = len(text) if paragraph_end == -1 else paragraph_end
        before = text[paragraph_start:start]
        tail = re.split(r"(?<=[.!?”\"])\s+", before)[-1] if before.strip() else ""
        tail_start = start - len(tail)
        after = text[end:paragraph_end][:160]
        speaker, label, how = None, "", ""
        found_before = _who_before(tail, tail_start, people) if tail.strip() else None
        if found_before:
            speaker, label, how = found_before
        if not how:
            for pattern in (_AFTER, _AFTER_INVERTED, _ACCORDING):
                found = pattern.search(after)
                if found:
                    who = found.group("who")
                    speaker, label = _speaker_in(who, end + found.start("who"), people)
                    how = found.group(0).strip(" ,.")
                    break
        if not how and previous is not None and previous_paragraph >= paragraph_start - 2000:
            # a quote carrying on the one before (same or next paragraph, no attribution)
            speaker, label = previous.speaker, previous.speaker_label
            how = "continues the quote before"
        if not how:
            continue
        if speaker is None and label:
            label = re.sub(r"^(?:the|a|an)\s+", "", label, flags=re.I)
            speaker = _role_person(label)
        proposal = QuoteProposal(
            text=quote,
            speaker=speaker,
            speaker_label=label,
            evidence=Evidence(start, end, text[start:end][:80]),
            attribution=how,
        )
        quotes.append(proposal)
        previous = proposal
        previous_paragraph = paragraph_start
    return quotes


# ---------------------------------------------------------------- issues


def issue_terms(issue: Issue) -> list[str]:
    terms = [t.strip() for t in re.split(r"[\n,;]+", issue.keywords or "") if t.strip()]
    quoted = re.findall(r"[“\"]([^”\"]+)[”\"]", issue.title)
    return list(dict.fromkeys([issue.title, *quoted, *terms]))


def read_issues(text: str) -> list[IssueProposal]:
    proposals = []
    for issue in Issue.objects.exclude(editorial_status="archived"):
        hits = []
        for term in issue_terms(issue):
            if _HANGUL.search(term) or _HAN.search(term):
                pattern = re.compile(re.escape(term))
            else:
                pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.I)
            hits += [Evidence(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]
        if hits:
            proposals.append(IssueProposal(issue, sorted(hits, key=lambda e: e.start)))
    return proposals


# ---------------------------------------------------------------- all together


def read_report(
    raw: str,
    *,
    url: str = "",
    headline: str = "",
    outlet: str = "",
    author: str = "",
    published: str = "",
) -> Reading:
    """Every proposal for one pasted report; raises ReportError for a paste it cannot read."""
    if len(raw or "") > MAX_CHARS:
        raise ReportError(
            f"The text is {len(raw):,} characters long; paste one report of at most "
            f"{MAX_CHARS:,} characters."
        )
    text, notes = clean_text(raw)
    if len(text) < 20:
        raise ReportError("Paste the text of a report (at least a sentence) to read it.")
    source = read_source(
        text, url=url, headline=headline, outlet=outlet, author=author, published=published
    )
    if source.published is not None:
        base = source.published
    else:
        base = FuzzyDate(timezone.localdate())
        notes.append(
            "No publication date was given or found: relative dates (“Tuesday”, “last year”) "
            "were read against today. Give the date and read again."
        )
    spans = sentences(text)
    people, ambiguous, new_people = read_people(text, base.first)
    dates = find_dates(text, base)
    events = read_events(text, spans, dates, people, base)
    primary = next((e for e in events if e.primary), None)
    if primary is not None:
        # The people named in the sentences that name the event take part in it.
        around = [sentence_at(spans, ev.start) for ev in primary.evidence]
        for proposal in people:
            if any(a <= ev.start < b for ev in proposal.evidence for a, b in around):
                proposal.participant = True
                proposal.role = "principal"
    if not people:
        notes.append("No known person was recognised in this report.")
    return Reading(
        text=text,
        source=source,
        people=people,
        ambiguous=ambiguous,
        new_people=new_people,
        dates=dates,
        events=events,
        quotes=read_quotes(text, people),
        issues=read_issues(text),
        notes=notes,
    )


def precision_label(value: FuzzyDate) -> str:
    return str(Precision(value.precision).label)
