"""Score "New from a report" on the five seed articles against hand-labelled proposals.

    .venv/bin/python bench/extraction.py            # scratch SQLite database with the demo data
    .venv/bin/python bench/extraction.py --misses   # also list every miss and false proposal

Reads each article in ../shared/seeds (or --seeds DIR) with `intake.reading.read_report`, given
only what an editor would type beside the paste (the publication date), and compares the
proposals with `bench/fixtures/extraction_labels.json`: precision and recall per kind — people,
dates (the right day *and* precision), events (existing matched, or proposed), quote speakers,
issues. `score_all()` is what tests/intake/test_extraction_bench.py runs. See docs/extraction.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LABELS = ROOT / "bench" / "fixtures" / "extraction_labels.json"
SEEDS = ROOT.parent / "shared" / "seeds"
KINDS = ["people", "dates", "events", "quotes", "issues"]
TARGETS = {
    "people": {"recall": 0.95, "precision": 0.90},
    "dates": {"recall": 0.90, "precision": 0.90},
    "quotes": {"recall": 0.80, "precision": 0.80},
    "issues": {"recall": 0.90, "precision": 0.90},
}


def _quote_key(text: str) -> str:
    return " ".join(text.replace("’", "'").split())[:25].casefold()


def found_by_reader(reading) -> dict[str, list[str]]:
    """The reader's proposals in the labels' terms."""
    quotes = []
    for quote in reading.quotes:
        if quote.speaker is not None:
            speaker = quote.speaker.slug
        else:
            speaker = "label:" + quote.speaker_label.casefold()
        quotes.append(f"{_quote_key(quote.text)}|{speaker}")
    events = []
    for event in reading.events:
        if event.existing is not None:
            events.append(event.existing.slug)
        else:
            events.append(f"new:{event.kind}:{event.start.iso() if event.start else ''}")
    return {
        "people": [p.person.slug for p in reading.people],
        "dates": [d.value.iso() for d in reading.dates],
        "events": events,
        "quotes": quotes,
        "issues": [i.issue.slug for i in reading.issues],
    }


def expected_from_labels(article: dict) -> dict[str, list[str]]:
    return {
        "people": list(article["people"]),
        "dates": [d["value"] for d in article["dates"]],
        "events": list(article["events"]),
        "quotes": [f"{_quote_key(q['starts'])}|{q['speaker']}" for q in article["quotes"]],
        "issues": list(article["issues"]),
    }


def _match_quote(found: str, wanted: str) -> bool:
    found_text, found_speaker = found.split("|", 1)
    wanted_text, wanted_speaker = wanted.split("|", 1)
    if found_text[:15] != wanted_text[:15]:
        return False
    if wanted_speaker.startswith("label:"):
        return found_speaker.startswith("label:") and wanted_speaker[6:] in found_speaker
    return found_speaker == wanted_speaker


def compare(kind: str, found: list[str], wanted: list[str]) -> tuple[int, list[str], list[str]]:
    """(true positives, misses, false proposals) — multisets, so a date found twice counts twice."""
    if kind == "quotes":
        left = list(wanted)
        extra = []
        hits = 0
        for item in found:
            match = next((w for w in left if _match_quote(item, w)), None)
            if match is None:
                extra.append(item)
            else:
                left.remove(match)
                hits += 1
        return hits, left, extra
    if kind in ("people", "events", "issues"):
        found, wanted = list(dict.fromkeys(found)), list(dict.fromkeys(wanted))
    have, want = Counter(found), Counter(wanted)
    hits = sum((have & want).values())
    return hits, list((want - have).elements()), list((have - want).elements())


def score_all(seeds: Path = SEEDS, labels_path: Path = LABELS) -> dict:
    """Read every labelled article and score it; needs a database holding the demo data."""
    from intake.reading import read_report

    labels = json.loads(labels_path.read_text(encoding="utf-8"))["articles"]
    totals = {k: {"hits": 0, "found": 0, "wanted": 0, "misses": [], "extra": []} for k in KINDS}
    for key, article in labels.items():
        text = (seeds / article["file"]).read_text(encoding="utf-8")
        reading = read_report(text, **article.get("input", {}))
        found = found_by_reader(reading)
        wanted = expected_from_labels(article)
        for kind in KINDS:
            hits, misses, extra = compare(kind, found[kind], wanted[kind])
            total = totals[kind]
            total["hits"] += hits
            total["found"] += hits + len(extra)
            total["wanted"] += hits + len(misses)
            total["misses"] += [f"{key}: {m}" for m in misses]
            total["extra"] += [f"{key}: {e}" for e in extra]
    for total in totals.values():
        total["precision"] = total["hits"] / total["found"] if total["found"] else 1.0
        total["recall"] = total["hits"] / total["wanted"] if total["wanted"] else 1.0
    return totals


def meets_targets(totals: dict) -> list[str]:
    """Every target missed, as sentences; empty when all are met."""
    failures = []
    for kind, target in TARGETS.items():
        for measure, least in target.items():
            if totals[kind][measure] < least:
                failures.append(f"{kind} {measure} {totals[kind][measure]:.2f} < {least:.2f}")
    return failures


def report(totals: dict, misses: bool = False) -> str:
    lines = ["kind      precision  recall   found  labelled", "-" * 46]
    for kind in KINDS:
        t = totals[kind]
        lines.append(
            f"{kind:<9} {t['precision']:>9.2f} {t['recall']:>7.2f} {t['found']:>7} {t['wanted']:>9}"
        )
    if misses:
        for kind in KINDS:
            for item in totals[kind]["misses"]:
                lines.append(f"miss   {kind:<7} {item}")
            for item in totals[kind]["extra"]:
                lines.append(f"extra  {kind:<7} {item}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/extraction.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        totals = score_all(args.seeds)
        print(report(totals, misses=args.misses))
        failures = meets_targets(totals)
        print("targets met" if not failures else "targets missed: " + "; ".join(failures))


if __name__ == "__main__":
    main()
