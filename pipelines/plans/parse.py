"""Plan tables -> typed plan rows.

A commission's work plan is a table ``№ | activity | deadline | responsible | expected result``
(Russian or Kazakh headers). Real files repeat the header on every page, number the columns
("1 2 3 4 5") under the header, put section titles ("I. Организационные мероприятия") in merged
rows, and split the table over pages (PDF) or keep it in one grid (DOCX). ``parse_plan`` keeps only
the data rows, numbered 1.. in file order; that number is what reports cite.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from pydantic import BaseModel, Field

from pipelines.extract.document import ExtractedDocument
from pipelines.types import Language

ColumnRole = str  # "number" | "activity" | "deadline" | "responsible" | "result" | "other"

# Header cue -> column role. Checked in order; the first cue found in a header cell decides its role.
_HEADER_CUES: tuple[tuple[str, ColumnRole], ...] = (
    ("№", "number"), ("п/п", "number"), ("р/с", "number"), ("р/н", "number"),
    ("ожидаем", "result"), ("результат", "result"), ("форма заверш", "result"), ("нәтиже", "result"),
    ("аяқтау нысаны", "result"), ("отметка", "result"), ("белгі", "result"), ("форма исполн", "result"),
    ("срок", "deadline"), ("мерзім", "deadline"), ("период", "deadline"), ("уақыты", "deadline"),
    ("ответствен", "responsible"), ("исполнител", "responsible"), ("жауапты", "responsible"),
    ("орындаушы", "responsible"), ("докладчик", "responsible"), ("баяндамашы", "responsible"),
    ("наименование", "activity"), ("мероприят", "activity"), ("іс-шара", "activity"), ("іс шара", "activity"),
    ("рассматриваем", "activity"), ("қаралатын", "activity"), ("мазмұны", "activity"), ("содержание", "activity"),
    ("вопрос", "activity"), ("мәселе", "activity"), ("атауы", "activity"),
)
_ROW_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)\s*[.)]?\s*$")
_SECTION_TITLE = re.compile(r"^\s*(?:[IVXІ]{1,4}|\d{1,2})\s*[.)]\s+\S|^\s*(?:раздел|бөлім)\b", re.IGNORECASE)
_COLUMN_NUMBERS = re.compile(r"^\s*\d{1,2}\s*$")


class PlanRow(BaseModel):
    row_index: int  # 1-based over the plan's data rows, in file order
    number: str | None = None  # the number written in the "№" column, as written
    activity: str
    deadline: str = ""
    responsible: str = ""
    expected_result: str = ""
    section: str | None = None  # title of the section row above, if any


class Plan(BaseModel):
    file: str
    language: Language | None = None
    district: str | None = None
    district_id: str | None = None
    year: int | None = None
    rows: list[PlanRow] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


@dataclass
class _Columns:
    roles: list[ColumnRole]

    def index(self, role: ColumnRole) -> int | None:
        return self.roles.index(role) if role in self.roles else None


def _clean(cell: str | None) -> str:
    return re.sub(r"\s+", " ", cell or "").strip()


def _header_roles(row: list[str]) -> _Columns | None:
    """Column roles if ``row`` is a header row (it names an activity column and one other), else None."""
    roles: list[ColumnRole] = []
    for cell in row:
        lowered = _clean(cell).lower()
        role = "other"
        for cue, cue_role in _HEADER_CUES:
            if cue in lowered and len(lowered) <= 60:
                role = cue_role
                break
        roles.append(role)
    named = {r for r in roles if r != "other"}
    numbered = any(_ROW_NUMBER.match(_clean(c)) for c in row)
    if "activity" in named and len(named) >= min(3, len(row)) and not numbered:
        # Merged header cells are repeated by extraction; keep only the first copy of each role.
        seen: set[str] = set()
        for i, role in enumerate(roles):
            if role in seen and role != "other":
                roles[i] = "other"
            seen.add(role)
        return _Columns(roles)
    return None


def _is_column_numbering(row: list[str]) -> bool:
    cells = [_clean(c) for c in row if _clean(c)]
    return len(cells) >= 3 and all(_COLUMN_NUMBERS.match(c) for c in cells)


def _section_title(row: list[str]) -> str | None:
    """The title if the row is a merged section row ("I. Организационные мероприятия"), else None."""
    cells = [_clean(c) for c in row if _clean(c)]
    if not cells:
        return None
    distinct = list(dict.fromkeys(cells))
    if len(distinct) == 1 and (len(cells) > 1 or len(row) == 1 or _SECTION_TITLE.match(distinct[0])):
        text = distinct[0]
        if len(row) > 1 or _SECTION_TITLE.match(text):
            return text
    return None


def _rows_from_text(text: str) -> list[list[str]]:
    """Rows of a plan written as text: tab/semicolon/pipe separated, or a numbered list."""
    lines = [line for line in text.splitlines() if line.strip()]
    for delimiter in ("\t", "|", ";"):
        if sum(delimiter in line for line in lines) >= max(2, len(lines) // 2):
            if delimiter in ("\t", ";"):
                return [list(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)]
            return [[c for c in line.strip().strip("|").split("|")] for line in lines]
    numbered = [re.match(r"^\s*(\d{1,3})[.)]\s+(.+)$", line) for line in lines]
    return [[m.group(1), m.group(2)] for m in numbered if m]


def parse_plan_tables(tables: list[list[list[str]]], *, file: str = "") -> Plan:
    """Data rows of the plan in ``tables`` (a plan split over pages arrives as several tables)."""
    plan = Plan(file=file)
    columns: _Columns | None = None
    section: str | None = None
    for table_number, rows in enumerate(tables):
        first_data_row = True
        width = max((len(r) for r in rows), default=0)
        if columns is not None and width and len(columns.roles) != width:
            # A table of another shape (signatures, an approval stamp) ends the plan unless it has a header.
            columns = None if not any(_header_roles(r) for r in rows[:3]) else columns
        for raw in rows:
            row = [_clean(c) for c in raw]
            if not any(row):
                continue
            header = _header_roles(row)
            if header is not None:
                columns = header
                continue
            if columns is None:
                continue
            if _is_column_numbering(row):
                continue
            title = _section_title(row)
            if title is not None:
                section = title
                continue
            parsed = _data_row(row, columns, section=section, index=len(plan.rows) + 1)
            if (first_data_row and table_number > 0 and parsed.number is None and plan.rows
                    and plan.rows[-1].number is not None and columns.index("number") is not None):
                # A row cut by a page break: its rest opens the next page's table without a number.
                _continue_row(plan.rows[-1], parsed)
            else:
                plan.rows.append(parsed)
            first_data_row = False
    plan.rows = [r for r in plan.rows if r.activity]
    for i, row in enumerate(plan.rows, start=1):
        row.row_index = i
    return plan


def _continue_row(row: PlanRow, rest: PlanRow) -> None:
    for name in ("activity", "deadline", "responsible", "expected_result"):
        tail = getattr(rest, name)
        if tail:
            setattr(row, name, f"{getattr(row, name)} {tail}".strip())


def _data_row(row: list[str], columns: _Columns, *, section: str | None, index: int) -> PlanRow:
    def cell(role: ColumnRole) -> str:
        i = columns.index(role)
        return row[i] if i is not None and i < len(row) else ""

    number = cell("number")
    activity = cell("activity")
    if not activity:
        # No activity column found in this row's width: the longest non-number cell is the activity.
        candidates = [c for c in row if c and not _ROW_NUMBER.match(c)]
        activity = max(candidates, key=len, default="")
    match = _ROW_NUMBER.match(number)
    return PlanRow(row_index=index, number=match.group(1) if match else (number or None), activity=activity,
                   deadline=cell("deadline"), responsible=cell("responsible"), expected_result=cell("result"),
                   section=section)


def parse_plan(doc: ExtractedDocument) -> Plan:
    """The plan rows of an extracted document (DOCX/PDF tables, or CSV/XLSX/TXT content)."""
    tables = [t.rows for t in doc.tables if t.rows]
    plan = parse_plan_tables(tables, file=doc.file) if tables else Plan(file=doc.file)
    if not plan.rows:
        text_rows = _rows_from_text(doc.text or "\n".join(p.text for p in doc.paragraphs))
        if text_rows:
            text_plan = parse_plan_tables([text_rows], file=doc.file)
            if not text_plan.rows and all(len(r) == 2 for r in text_rows):
                text_plan = parse_plan_tables([[["№", "Наименование мероприятий"], *text_rows]], file=doc.file)
            plan = text_plan
    if not plan.rows:
        plan.warnings.append("no plan table found")
    plan.language = doc.language
    plan.district = doc.metadata.district
    plan.district_id = doc.metadata.district_id
    plan.year = doc.metadata.year
    return plan
