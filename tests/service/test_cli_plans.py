"""``qorgau plans duplicates`` over real DOCX/PDF/CSV files, a folder and a .zip: the report contract."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from corpora.plans.generate import generate_collection, relation_between, write_collection
from pipelines.plans import DuplicateReport
from service.cli import app

pytestmark = pytest.mark.slow


@pytest.fixture
def data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    from service.settings import get_settings

    monkeypatch.setenv("QORGAU_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield tmp_path / "data"
    get_settings.cache_clear()


def test_duplicates_report_over_folder_and_zip(tmp_path: Path, data_dir: Path) -> None:
    plans = generate_collection(families=3, seed=5, topical_rows=(8, 10))
    folder = tmp_path / "plans"
    write_collection(plans, folder, formats=("docx", "pdf", "csv"))
    (folder / "labels.jsonl").unlink()
    archived = sorted(folder.glob("*.csv"))
    with zipfile.ZipFile(tmp_path / "more.zip", "w") as archive:
        for path in archived:
            archive.write(path, arcname=f"sub/{path.name}")
            path.unlink()
    out = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["plans", "duplicates", str(folder), str(tmp_path / "more.zip"), "-o", str(out),
                                      "--embedder", "none", "--csv", str(tmp_path / "rep"),
                                      "--xlsx", str(tmp_path / "rep.xlsx"), "-q"])
    assert result.exit_code == 0, result.output
    payload = json.loads(out.read_text(encoding="utf-8"))
    report = DuplicateReport.model_validate(payload)
    assert set(payload) == {"documents", "rows"}
    names = {f"{p.plan_id}.{fmt}" for p, fmt in zip(plans, ["docx", "pdf", "csv"] * len(plans), strict=False)}
    assert {d.a for d in report.documents} | {d.b for d in report.documents} <= names  # base names, zip members too

    # Lexical mode: every same-language verbatim/district copy must be there, with its label.
    by_name = {f"{p.plan_id}": p for p in plans}
    found = {frozenset((d.a.rsplit(".", 1)[0], d.b.rsplit(".", 1)[0])): d.relation for d in report.documents}
    for i, a in enumerate(plans):
        for b in plans[i + 1:]:
            relation = relation_between(a, b)
            if relation in ("verbatim", "district_copy"):
                assert found.get(frozenset((a.plan_id, b.plan_id))) == relation
            if relation is None:
                assert frozenset((a.plan_id, b.plan_id)) not in found
    for row in report.rows:
        plan_a = by_name[row.a.rsplit(".", 1)[0]]
        assert 1 <= row.a_row <= len(plan_a.rows)

    assert (tmp_path / "rep.documents.csv").read_text(encoding="utf-8").startswith("a,b,score,share_of_rows_reused,relation")
    workbook = load_workbook(tmp_path / "rep.xlsx")
    assert workbook.sheetnames == ["documents", "rows"]
    assert workbook["rows"].max_row == len(report.rows) + 1


def test_persistent_index_keeps_earlier_plans(tmp_path: Path, data_dir: Path) -> None:
    plans = generate_collection(families=2, seed=9, topical_rows=(8, 9), copies_per_family=(1, 1),
                                kinds=("verbatim",), negatives_per_family=0)
    first, second = tmp_path / "first", tmp_path / "second"
    write_collection(plans[:1], first, formats=("docx",))
    write_collection(plans[1:2], second, formats=("csv",))
    index_dir = tmp_path / "index"
    runner = CliRunner()
    for folder in (first, second):
        result = runner.invoke(app, ["plans", "duplicates", str(folder), "-o", str(tmp_path / "r.json"), "--embedder", "none",
                                     "--index", str(index_dir), "-q"])
        assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    # The copy in the second run is found against the plan indexed in the first run.
    assert [(d["a"], d["b"], d["relation"]) for d in report["documents"]] == [
        (f"{plans[0].plan_id}.docx", f"{plans[1].plan_id}.csv", "verbatim")]


def test_remove_plans_from_a_persistent_index(tmp_path: Path, data_dir: Path) -> None:
    plans = generate_collection(families=1, seed=9, topical_rows=(8, 9), copies_per_family=(1, 1),
                                kinds=("verbatim",), negatives_per_family=0)
    folder = tmp_path / "plans"
    write_collection(plans, folder, formats=("docx", "csv"))
    index_dir = tmp_path / "index"
    runner = CliRunner()
    args = ["plans", "duplicates", str(folder), "-o", str(tmp_path / "r.json"), "--embedder", "none",
            "--index", str(index_dir), "-q"]
    assert runner.invoke(app, args).exit_code == 0
    removed = runner.invoke(app, ["plans", "remove", f"{plans[1].plan_id}.csv", "--index", str(index_dir)])
    assert removed.exit_code == 0, removed.output
    from pipelines.plans import PlanIndex

    assert list(PlanIndex.load(index_dir).plans) == [f"{plans[0].plan_id}.docx"]
    assert runner.invoke(app, ["plans", "remove", "nope.docx", "--index", str(index_dir)]).exit_code == 1
