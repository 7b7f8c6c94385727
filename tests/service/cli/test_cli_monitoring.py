"""``qorgau monitoring report`` on real files: generated protocols written as .txt, .docx, text .pdf and a .zip."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from corpora.monitoring.generate import generate_year, write_year
from service.cli import app


@pytest.mark.slow
def test_report_from_folder_and_zip_matches_the_ground_truth(tmp_path: Path) -> None:
    generated = generate_year(year=2025, seed=7)
    generated.protocols = [p for p in generated.protocols if p.commission_id in ("kargaly", "martuk")]
    folder = tmp_path / "year"
    write_year(generated, folder, docx_share=0.3, pdf_share=0.2)
    archive = tmp_path / "martuk.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for path in sorted((folder / "martuk").iterdir()):
            handle.write(path, f"martuk/{path.name}")
    (tmp_path / "note.txt").write_text("Список телефонов отдела образования", encoding="utf-8")

    out = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["monitoring", "report", str(folder / "kargaly"), str(archive),
                                      str(tmp_path / "note.txt"), "--year", "2025", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output and "note.txt" in result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    by_id = {c["commission_id"]: c for c in report["commissions"]}
    assert len(by_id) == 13
    for commission_id in ("kargaly", "martuk"):
        expected = generated.expected[commission_id]
        got = by_id[commission_id]
        assert got["meetings_held"] == expected.meetings_held
        assert len(got["secretaries"]) == expected.distinct_secretaries
        assert [c["date"] for c in got["secretary_changes"]] == [d.isoformat() for d in expected.secretary_change_dates]
        assert len(got["repeated_decisions"]) == expected.repeated_decisions
        assert sorted((a["kind"], a["date"]) for a in got["alerts"]) == \
            sorted((k, d.isoformat()) for k, d in expected.alerts)

    xlsx = tmp_path / "report.xlsx"
    result = CliRunner().invoke(app, ["monitoring", "report", str(folder / "kargaly"), "--year", "2025",
                                      "--no-all-commissions", "--mask-officials", "-q", "-o", str(xlsx)])
    assert result.exit_code == 0, result.output
    rows = list(load_workbook(xlsx)["Помесячно"].values)
    assert len(rows) == 13 and {r[0] for r in rows[1:]} == {"kargaly"}
    assert all("*" in r[10] for r in rows[1:] if r[10])

    bad = CliRunner().invoke(app, ["monitoring", "report", str(folder), "-o", str(tmp_path / "r.txt")])
    assert bad.exit_code != 0
