"""``qorgau monitoring report`` on real files: generated protocols written as .txt, .docx, text .pdf and a .zip;
translated repeats counted with the real embedder the service uses, and left out with --no-cross-language."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import load_workbook
from typer.testing import CliRunner

import service.monitoring
from corpora.monitoring.generate import ExpectedCommission, generate_year, write_year
from pipelines.monitoring.export import TRANSLATED_REPEATS_LABEL
from service.cli import app
from service.settings import get_settings


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


@pytest.fixture(scope="module")
def translated_year(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ExpectedCommission]:
    """Alga's protocols of a year (kk and ru) in which two decisions re-adopt earlier ones in translation."""
    generated = generate_year(year=2025, seed=7, translated_repeats=2)
    generated.protocols = [p for p in generated.protocols if p.commission_id == "alga"]
    folder = tmp_path_factory.mktemp("translated")
    write_year(generated, folder)
    return folder / "alga", generated.expected["alga"]


def run_report(folder: Path, out: Path, *options: str) -> Result:
    result = CliRunner().invoke(app, ["monitoring", "report", str(folder), "--year", "2025",
                                      "--no-all-commissions", "-o", str(out), *options])
    assert result.exit_code == 0, result.output
    return result


def repeats_of(report_json: Path) -> list[tuple[str, int, bool]]:
    (alga,) = json.loads(report_json.read_text(encoding="utf-8"))["commissions"]
    return [(r["decision"]["date"], r["decision"]["index"], r["cross_language"]) for r in alga["repeated_decisions"]]


@pytest.mark.slow
def test_translated_repeats_are_counted_with_the_embedder_and_not_without(
        translated_year: tuple[Path, ExpectedCommission], tmp_path: Path) -> None:
    folder, expected = translated_year
    translated = {(c.date.isoformat(), c.index) for c in expected.copies if c.translated}
    assert len(translated) == 2

    result = run_report(folder, tmp_path / "report.json")
    repeats = repeats_of(tmp_path / "report.json")
    assert {(date, index) for date, index, cross in repeats if cross} == translated
    assert len(repeats) == expected.repeated_decisions
    assert "4 repeated decisions (2 in translation)" in result.output
    assert "cross-language matching off" not in result.output

    result = run_report(folder, tmp_path / "plain.json", "--no-cross-language")
    repeats = repeats_of(tmp_path / "plain.json")
    assert not any(cross for _, _, cross in repeats)
    assert {(date, index) for date, index, _ in repeats}.isdisjoint(translated)
    assert len(repeats) == expected.repeated_decisions - len(translated)
    assert "(same-language only)" in result.output


@pytest.mark.slow
def test_exports_mark_the_translated_repeats_and_stay_masked(
        translated_year: tuple[Path, ExpectedCommission], tmp_path: Path) -> None:
    folder, expected = translated_year
    translated_months = sorted(c.date.month for c in expected.copies if c.translated)

    run_report(folder, tmp_path / "report.xlsx", "--mask-officials", "-q")
    workbook = load_workbook(tmp_path / "report.xlsx")
    header, *months = list(workbook["Помесячно"].values)
    month, column, secretary = (header.index(label) for label in ("Месяц", TRANSLATED_REPEATS_LABEL, "Секретарь"))
    assert [row[month] for row in months if row[column]] == translated_months
    assert all("*" in row[secretary] for row in months if row[secretary])
    header, alga = list(workbook["Сводка"].values)
    assert alga[header.index(TRANSLATED_REPEATS_LABEL)] == len(translated_months)

    run_report(folder, tmp_path / "plain.csv", "--no-cross-language", "--mask-officials", "-q")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "plain.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 12 and all(row[TRANSLATED_REPEATS_LABEL] == "" for row in rows)  # not looked for
    assert all("*" in row["Секретарь"] for row in rows if row["Секретарь"])


def test_an_embedder_that_cannot_be_loaded_is_reported_and_the_report_still_made(
        translated_year: tuple[Path, ExpectedCommission], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, expected = translated_year
    # A real failing load: the sentence-transformers backend on a directory `make models` never built.
    monkeypatch.setenv("QORGAU_EMBEDDINGS__BACKEND", "sentence_transformers")
    monkeypatch.setenv("QORGAU_EMBEDDINGS__MODEL_DIR", str(tmp_path / "no-model"))
    monkeypatch.setattr(service.monitoring, "_matcher", None)  # forget a matcher an earlier test loaded
    get_settings.cache_clear()
    try:
        result = run_report(folder, tmp_path / "report.json", "-q")
    finally:
        get_settings.cache_clear()  # the next caller reads the restored environment
    assert result.exception is None
    assert "cross-language matching off" in result.output and "make models" in result.output
    assert "--no-cross-language" in result.output and "Traceback" not in result.output
    repeats = repeats_of(tmp_path / "report.json")
    assert not any(cross for _, _, cross in repeats)
    assert len(repeats) == expected.repeated_decisions - 2  # the same-language copies
