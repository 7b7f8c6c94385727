"""Monitoring figures on generated years of the 13 commissions, against the generator's ground truth.

    .venv/bin/python benchmarks/monitoring.py [--seeds 7 11 13] [--files]

Prints, side by side in one run:
* exactness of every figure (share of commission x figure cells equal to the truth), on the true
  ``MeetingRecord``s and through segmentation of the rendered texts (``pipelines.protocols``), per
  commission language (kk, ru, mixed = alternating kk/ru protocols);
* baseline (on the segmented texts): chairs and secretaries identified by the name as written, repeats
  found by exact text equality (only those figures differ from the system's);
* speed: monitoring of the region, segmentation per protocol, and with ``--files`` extraction of the
  written .txt/.docx files as well (the path of ``qorgau monitoring report``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpora.monitoring.generate import PROFILES, GeneratedYear, generate_year, write_year  # noqa: E402
from pipelines.monitoring import MeetingRecord, build_region_report  # noqa: E402
from pipelines.monitoring.adapter import meeting_record_from_structure  # noqa: E402
from pipelines.monitoring.report import CommissionYearReport  # noqa: E402
from pipelines.protocols import segment_protocol  # noqa: E402

YEAR = 2025
FIGURES = ("meetings_per_month", "gaps_per_month", "alerts", "distinct_secretaries", "secretary_changes",
           "chair_changes", "prevention_per_quarter", "weak_per_month", "repeated_per_month")


def figures_of(report: CommissionYearReport) -> dict[str, object]:
    return {
        "meetings_per_month": [r.meetings_held for r in report.months],
        "gaps_per_month": [r.longest_gap_days for r in report.months],
        "alerts": sorted((a.kind, a.date) for a in report.alerts),
        "distinct_secretaries": len(report.secretaries),
        "secretary_changes": [c.date for c in report.secretary_changes],
        "chair_changes": [c.date for c in report.chair_changes],
        "prevention_per_quarter": [q.suicide_prevention_meetings for q in report.quarters],
        "weak_per_month": [r.weak_decisions for r in report.months],
        "repeated_per_month": [r.repeated_decisions for r in report.months],
    }


def truth_of(generated: GeneratedYear, commission_id: str) -> dict[str, object]:
    e = generated.expected[commission_id]
    return {
        "meetings_per_month": [e.months[m].meetings_held for m in range(1, 13)],
        "gaps_per_month": [e.months[m].longest_gap_days for m in range(1, 13)],
        "alerts": sorted((k, d) for k, d in e.alerts),
        "distinct_secretaries": e.distinct_secretaries,
        "secretary_changes": e.secretary_change_dates,
        "chair_changes": e.chair_change_dates,
        "prevention_per_quarter": [e.quarter_prevention[q][1] for q in range(1, 5)],
        "weak_per_month": [e.months[m].weak_decisions for m in range(1, 13)],
        "repeated_per_month": [e.months[m].repeated_decisions for m in range(1, 13)],
    }


def language_group(commission_id: str) -> str:
    language = PROFILES[commission_id].language
    return "mixed" if language == "alternate" else language


def score(generated: GeneratedYear, records: list[MeetingRecord], tally: dict[tuple[str, str], list[int]],
          *, baseline: bool = False) -> None:
    report = build_region_report(records, year=YEAR, commission_ids=list(generated.expected),
                                 options=None)
    for commission in report.commissions:
        got, truth = figures_of(commission), truth_of(generated, commission.commission_id)
        if baseline:
            got["distinct_secretaries"] = len({r.secretary for r in records
                                               if r.commission_id == commission.commission_id and r.secretary
                                               and r.date.year == YEAR})
            got["secretary_changes"] = _raw_changes(records, commission.commission_id, "secretary")
            got["chair_changes"] = _raw_changes(records, commission.commission_id, "chair")
            got["repeated_per_month"] = _exact_repeats(records, commission.commission_id)
            got["alerts"] = sorted([a for a in got["alerts"] if a[0] != "third_secretary"]  # type: ignore[union-attr]
                                   + _raw_third_secretary(records, commission.commission_id))
        group = language_group(commission.commission_id)
        error = sum(abs(a - b) for a, b in zip(got["weak_per_month"], truth["weak_per_month"], strict=True))  # type: ignore[call-overload]
        for key in (("weak_count_error", group), ("weak_count_error", "all")):
            tally[key][0] += error
            tally[key][1] += generated.expected[commission.commission_id].decisions
        for figure in FIGURES:
            for key in ((figure, group), (figure, "all")):
                tally[key][0] += got[figure] == truth[figure]
                tally[key][1] += 1


def _raw_changes(records: list[MeetingRecord], commission_id: str, role: str) -> list:
    # A person is whatever string the protocol wrote: every new spelling counts as a change.
    dates, previous = [], None
    for record in sorted((r for r in records if r.commission_id == commission_id), key=lambda r: r.date):
        name = getattr(record, role)
        if not name:
            continue
        if previous is not None and name != previous and record.date.year == YEAR:
            dates.append(record.date)
        previous = name
    return dates


def _raw_third_secretary(records: list[MeetingRecord], commission_id: str) -> list:
    seen: list[str] = []
    alerts = []
    for record in sorted((r for r in records if r.commission_id == commission_id and r.date.year == YEAR),
                         key=lambda r: r.date):
        if record.secretary and record.secretary not in seen:
            seen.append(record.secretary)
            if len(seen) >= 3:
                alerts.append(("third_secretary", record.date))
    return alerts


def _exact_repeats(records: list[MeetingRecord], commission_id: str) -> list[int]:
    seen: set[str] = set()
    per_month = [0] * 12
    for record in sorted((r for r in records if r.commission_id == commission_id), key=lambda r: r.date):
        texts = [d.text.strip().lower() for d in record.decisions if d.concrete]
        if record.date.year == YEAR:
            per_month[record.date.month - 1] += sum(t in seen for t in texts)
        seen.update(texts)
    return per_month


def scan_fields(generated: GeneratedYear, count: int, timings: dict[str, list[float]]) -> None:
    """Per-protocol fields monitoring needs, read from scans (render -> OCR -> segment), vs the truth."""
    from corpora.render import render_scanned_pdf
    from pipelines.extract import extract_bytes
    from pipelines.monitoring.names import parse_person_name

    def same_person(a: str | None, b: str | None) -> bool:
        # What monitoring needs: the read name joins the true person (a lost patronymic is fine).
        parsed_a, parsed_b = parse_person_name(a), parse_person_name(b)
        if parsed_a is None or parsed_b is None:
            return parsed_a is parsed_b
        return parsed_a.compatible(parsed_b)

    step = max(1, len(generated.protocols) // count)
    chosen = generated.protocols[::step][:count]
    right: dict[str, int] = defaultdict(int)
    for index, protocol in enumerate(chosen):
        scan = render_scanned_pdf(protocol.text.replace("\t", " ").splitlines(), seed=index)
        started = time.perf_counter()
        document = extract_bytes(scan, filename="scan.pdf")
        structure = segment_protocol(document.text, language=document.language)
        timings["OCR + segment scans, s per protocol"].append(time.perf_counter() - started)
        truth = protocol.record
        try:
            record = meeting_record_from_structure(structure, document.metadata.district_id or "?",
                                                   fallback_date=document.metadata.date)
        except Exception:  # noqa: BLE001 - an undated scan counts as wrong on every field
            continue
        right["district"] += document.metadata.district_id == protocol.commission_id
        right["date"] += record.date == truth.date
        right["number"] += record.number == truth.number
        right["secretary person"] += same_person(record.secretary, truth.secretary)
        right["chair person"] += same_person(record.chair, truth.chair)
        right["suicide prevention"] += record.has_suicide_prevention_item == truth.has_suicide_prevention_item
        right["decision count"] += len(record.decisions) == len(truth.decisions)
    print(f"\nscanned protocols ({len(chosen)}, kk {sum(p.language == 'kk' for p in chosen)}, "  # noqa: T201
          f"ru {sum(p.language == 'ru' for p in chosen)}): share of fields read right")
    for name in ("district", "date", "number", "secretary person", "chair person", "suicide prevention",
                 "decision count"):
        print(f"{name:24s} {right[name] / len(chosen):.3f} ({right[name]}/{len(chosen)})")  # noqa: T201


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 11, 13])
    parser.add_argument("--files", action="store_true", help="also extract written .txt/.docx/.pdf files")
    parser.add_argument("--scans", type=int, default=0,
                        help="also OCR this many protocols rendered as noisy scans (slow: ~10-40 s each)")
    args = parser.parse_args()

    tallies: dict[str, dict[tuple[str, str], list[int]]] = {
        name: defaultdict(lambda: [0, 0]) for name in ("true records", "segmented texts", "raw-name/exact-text baseline")}
    timings: dict[str, list[float]] = defaultdict(list)
    protocols = 0
    for seed in args.seeds:
        generated = generate_year(year=YEAR, seed=seed)
        protocols += len(generated.protocols)
        started = time.perf_counter()
        score(generated, generated.records, tallies["true records"])
        timings["monitoring of 13 commissions, s"].append(time.perf_counter() - started)

        started = time.perf_counter()
        records = [meeting_record_from_structure(segment_protocol(p.text), p.commission_id, source=p.file_name)
                   for p in generated.protocols]
        timings["segmentation, s per protocol"].append((time.perf_counter() - started) / len(generated.protocols))
        score(generated, records, tallies["segmented texts"])
        score(generated, records, tallies["raw-name/exact-text baseline"], baseline=True)

        if args.files:
            from pipelines.extract import extract_file

            with tempfile.TemporaryDirectory() as folder:
                paths = write_year(generated, Path(folder), docx_share=0.3, pdf_share=0.2)
                by_name = {p.file_name: p for p in generated.protocols}
                started = time.perf_counter()
                file_records = []
                for path in paths:
                    document = extract_file(path)
                    structure = segment_protocol(document.text, language=document.language)
                    file_records.append(meeting_record_from_structure(
                        structure, document.metadata.district_id or "?", fallback_date=document.metadata.date))
                timings["extract + segment files, s per protocol"].append((time.perf_counter() - started) / len(paths))
                tallies.setdefault("extracted files", defaultdict(lambda: [0, 0]))
                score(generated, file_records, tallies["extracted files"])
                del by_name

    print(f"Monitoring on generated years: seeds {args.seeds}, {protocols} protocols, 13 commissions per year")  # noqa: T201
    groups = ("kk", "ru", "mixed", "all")
    header = f"{'figure':24s}" + "".join(f"{name[:22]:>24s}" for name in tallies)
    for group in groups:
        print(f"\nexact share, {group} commissions")  # noqa: T201
        print(header)  # noqa: T201
        for figure in FIGURES:
            cells = []
            for tally in tallies.values():
                right, total = tally[(figure, group)]
                cells.append(f"{right / total:.3f} ({right}/{total})" if total else "-")
            print(f"{figure:24s}" + "".join(f"{cell:>24s}" for cell in cells))  # noqa: T201
        cells = []
        for tally in tallies.values():
            wrong, total = tally[("weak_count_error", group)]
            cells.append(f"{wrong / total:.3f} ({wrong}/{total})" if total else "-")
        print(f"{'weak count error/decis.':24s}" + "".join(f"{cell:>24s}" for cell in cells))  # noqa: T201
    if args.scans:
        scan_fields(generate_year(year=YEAR, seed=args.seeds[0]), args.scans, timings)
    print()  # noqa: T201
    for name, values in timings.items():
        print(f"{name:44s} {sum(values) / len(values):.4f}")  # noqa: T201


if __name__ == "__main__":
    main()
