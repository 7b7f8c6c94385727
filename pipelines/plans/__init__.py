"""Plan tables -> rows; copied plans and rows across years, districts and languages.

    parse_plan(doc) -> Plan                       rows of the plan table (pipelines.plans.parse)
    normalize_activity(text, places=...)          what copiers change, erased (pipelines.plans.normalize)
    PlanIndex(embedder=..., places=...)           incremental, persistent matcher (pipelines.plans.index)
    duplicates_report(index) -> DuplicateReport   the `qorgau plans duplicates` contract (pipelines.plans.report)
"""

from pipelines.plans.index import MatchConfig, PlanIndex, PlanMatch, RowHit, RowPair
from pipelines.plans.normalize import NormalizedActivity, PlaceNames, normalize_activity
from pipelines.plans.parse import Plan, PlanRow, parse_plan, parse_plan_tables
from pipelines.plans.report import DuplicateReport, build_report, duplicates_report

__all__ = [
    "DuplicateReport", "MatchConfig", "NormalizedActivity", "PlaceNames", "Plan", "PlanIndex", "PlanMatch",
    "PlanRow", "RowHit", "RowPair", "build_report", "duplicates_report", "normalize_activity", "parse_plan",
    "parse_plan_tables",
]
