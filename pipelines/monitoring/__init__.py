"""Monitoring of the commissions across protocols: cadence, turnover of chairs and secretaries,
suicide-prevention coverage, weak and repeated decisions, per commission and month.

Input is one ``MeetingRecord`` per protocol (``adapter.meeting_record_from_structure`` builds it from a
segmented protocol); ``build_region_report`` / ``build_commission_report`` compute the typed report;
``export`` renders it as CSV/XLSX/JSON; ``plan_shares`` turns the plans module's duplicate pairs into
each commission's plan duplication share.

Decisions copied in translation (a Kazakh decision re-adopting an earlier Russian one, or the reverse)
count as repeated only when the caller passes an embedder it loaded (``embedder=`` of the report
builders, or a ``CrossLanguageMatcher`` to ``find_repeated_decisions``); monitoring loads no model.
"""

from pipelines.monitoring.names import ResolvedPerson, mask_person, parse_person_name, resolve_people
from pipelines.monitoring.records import DecisionRecord, MeetingRecord
from pipelines.monitoring.repeats import CrossLanguageMatcher, RepeatedDecision, find_repeated_decisions
from pipelines.monitoring.report import (
    Alert,
    CommissionYearReport,
    Gap,
    MonitoringOptions,
    MonthlyRow,
    PersonChange,
    PersonTenure,
    QuarterRow,
    RegionYearReport,
    build_commission_report,
    build_region_report,
)

__all__ = [
    "Alert",
    "CommissionYearReport",
    "CrossLanguageMatcher",
    "DecisionRecord",
    "Gap",
    "MeetingRecord",
    "MonitoringOptions",
    "MonthlyRow",
    "PersonChange",
    "PersonTenure",
    "QuarterRow",
    "RegionYearReport",
    "RepeatedDecision",
    "ResolvedPerson",
    "build_commission_report",
    "build_region_report",
    "find_repeated_decisions",
    "mask_person",
    "parse_person_name",
    "resolve_people",
]
