"""``qorgau monitoring report PATH... --year 2025 -o report.csv|.xlsx|.json``: a year of protocols in,
the monthly monitoring table of every commission out (no service needed).

Every file is extracted (text PDF, DOCX, scan, TXT; folders and .zip archives unpacked), protocols are
segmented, and each becomes a ``MeetingRecord`` of the commission its district names. Files that are not
protocols, or whose district or date cannot be found, are listed on stderr and left out, never fatal.

Decisions re-adopted in the other language (kk <-> ru) count as repeated, as in the API: the report gets
the same embedder-backed matcher (``service.monitoring``). ``--no-cross-language`` skips it; when the
embedder cannot be loaded the report is made without it and stderr says so.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from pipelines.monitoring import CrossLanguageMatcher

monitoring_app = typer.Typer(no_args_is_help=True, help="Monitoring of the commissions across protocols.")


def _report(
    paths: Annotated[list[Path], typer.Argument(help="Protocol files, folders or .zip archives.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="report.csv (monthly table), .xlsx (all sheets) or .json.")],
    year: Annotated[int, typer.Option(help="Calendar year reported.")] = dt.date.today().year,
    as_of: Annotated[str | None, typer.Option(help="End of the period (YYYY-MM-DD) when the year is running.")] = None,
    mask_officials: Annotated[bool, typer.Option(help="Mask chairs' and secretaries' surnames.")] = False,
    plan_shares: Annotated[Path | None, typer.Option(
        help='JSON {"<district id>": share} of plan rows copied, if known.')] = None,
    plans_duplicates: Annotated[Path | None, typer.Option(
        help="The JSON of `qorgau plans duplicates`; the plan files among PATH give each plan's district.")] = None,
    all_commissions: Annotated[bool, typer.Option(
        help="List all 13 commissions of the region, also those with no protocol.")] = True,
    no_ocr: Annotated[bool, typer.Option("--no-ocr", help="Never run OCR.")] = False,
    no_cross_language: Annotated[bool, typer.Option(
        "--no-cross-language", help="Do not load the embedder: decisions re-adopted in the other language "
                                    "(kk<->ru) are not counted as repeated.")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress on stderr.")] = False,
) -> None:
    """Monthly monitoring per commission: meetings, gaps, secretary/chair changes, suicide prevention per
    quarter, weak and repeated decisions, alerts."""
    from corpora.gazetteer import districts
    from pipelines.errors import QorgauError
    from pipelines.extract import ExtractOptions, extract_bytes, iter_input_files
    from pipelines.monitoring import MeetingRecord, build_region_report
    from pipelines.monitoring.adapter import meeting_record_from_structure
    from pipelines.monitoring.export import to_csv, to_json, to_xlsx
    from pipelines.protocols import segment_protocol

    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".json"):
        raise typer.BadParameter("the output must end in .csv, .xlsx or .json", param_hint="-o")
    started = time.perf_counter()
    options = ExtractOptions(ocr_enabled=not no_ocr)
    records: list[MeetingRecord] = []
    skipped: list[tuple[str, str]] = []
    plan_districts: dict[str, str] = {}
    for item in iter_input_files(paths, options=options):
        if item.error is not None or item.data is None:
            skipped.append((item.display, item.error or "unreadable"))
            continue
        document = extract_bytes(item.data, filename=item.name, options=options)
        if document.error:
            skipped.append((item.display, document.error))
            continue
        if document.doc_type == "plan":
            # Only the reported year's plans speak for the commission; older ones are what gets copied.
            if document.metadata.district_id and document.metadata.year in (None, year):
                plan_districts[item.name] = document.metadata.district_id
            continue
        if document.doc_type != "protocol":
            skipped.append((item.display, f"not a protocol ({document.doc_type})"))
            continue
        if not document.metadata.district_id:
            skipped.append((item.display, "district not found"))
            continue
        structure = segment_protocol(document.text, language=document.language)
        try:
            records.append(meeting_record_from_structure(
                structure, document.metadata.district_id, fallback_date=document.metadata.date,
                fallback_number=document.metadata.number, source=item.display))
        except QorgauError as exc:
            skipped.append((item.display, exc.message))
            continue
        if not quiet:
            typer.echo(f"{item.display}: {document.metadata.district_id} {records[-1].date} № {records[-1].number}",
                       err=True)

    gazetteer = districts()
    shares = {k: float(v) for k, v in json.loads(plan_shares.read_text(encoding="utf-8")).items()} \
        if plan_shares else {}
    if plans_duplicates:
        from pipelines.monitoring.plan_shares import plan_duplication_shares

        pairs = json.loads(plans_duplicates.read_text(encoding="utf-8")).get("documents", [])
        shares.update(plan_duplication_shares(((p["a"], p["b"], p["share_of_rows_reused"]) for p in pairs),
                                              plan_districts))
    period_end = dt.date.fromisoformat(as_of) if as_of else None
    if period_end is None and year == dt.date.today().year:
        period_end = dt.date.today()  # the running year: months that have not ended are not yet "missed"
    matcher = None if no_cross_language else _cross_language_matcher()
    report = build_region_report(
        records, year=year, commission_ids=[d.id for d in gazetteer] if all_commissions else None,
        commission_names={d.id: d.ru for d in gazetteer}, as_of=period_end, plan_duplication_shares=shares,
        embedder=matcher)
    if suffix == ".csv":
        out.write_text(to_csv(report, mask_officials=mask_officials), encoding="utf-8")
    elif suffix == ".xlsx":
        out.write_bytes(to_xlsx(report, mask_officials=mask_officials))
    else:
        out.write_text(to_json(report, mask_officials=mask_officials), encoding="utf-8")
    if not quiet:
        for display, reason in skipped:
            typer.echo(f"skipped {display}: {reason}", err=True)
        repeats = [r for c in report.commissions for r in c.repeated_decisions]
        translated = (f"{sum(r.cross_language for r in repeats)} in translation" if matcher is not None
                      else "same-language only")
        typer.echo(f"done: {len(records)} protocols of {len({r.commission_id for r in records})} commissions, "
                   f"{len(skipped)} files skipped, {len(report.alerts)} alerts, "
                   f"{len(repeats)} repeated decisions ({translated}), "
                   f"{time.perf_counter() - started:.1f} s -> {out}", err=True)


def _cross_language_matcher() -> CrossLanguageMatcher | None:
    """The API's matcher, so the CLI counts the same translated repeats; None when its embedder cannot be
    loaded: the report is still worth having, with same-language repeats only, and stderr says so even
    with --quiet, since the figures are then lower than the API's."""
    from pipelines.errors import ModelError
    from service.monitoring import cross_language_matcher

    try:
        return cross_language_matcher()
    except ModelError as exc:
        typer.echo(f"cross-language matching off: {exc.message}. Repeated decisions count same-language copies "
                   "only; pass --no-cross-language to skip the embedder.", err=True)
        return None


monitoring_app.command("report")(_report)


def register(app: typer.Typer, train_app: typer.Typer) -> None:
    """Add ``qorgau monitoring ...`` to the main app."""
    app.add_typer(monitoring_app, name="monitoring")
