"""``qorgau protocols score`` over files, a folder and a .zip: one contract line per file."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from service.cli import app
from tests.pipelines.protocols.protocol_samples import KK_FULL, RU_FULL

PLAN = ("ПЛАН работы комиссии по делам несовершеннолетних на 2025 год\n"
        "№ | Наименование мероприятия | Срок | Ответственные\n"
        "1 | Провести рейды | ежемесячно | ОП района\n2 | Заслушать отчёты школ | II квартал | отдел образования\n")


def test_score_folder_and_zip(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ru.txt").write_text(RU_FULL, encoding="utf-8")
    (folder / "plan.txt").write_text(PLAN, encoding="utf-8")
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("kk.txt", KK_FULL.replace("Кворум бар.\n", ""))
    out = tmp_path / "scores.jsonl"
    result = CliRunner().invoke(app, ["protocols", "score", str(folder), str(archive), "-o", str(out),
                                      "--no-classifier", "-q"])
    assert result.exit_code == 0, result.output
    lines = {row["file"]: row for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert set(lines) == {"ru.txt", "plan.txt", "kk.txt"}
    assert lines["ru.txt"]["is_protocol"] and lines["ru.txt"]["score"] == 100 and lines["ru.txt"]["language"] == "ru"
    assert lines["kk.txt"]["missing"] == ["quorum"] and lines["kk.txt"]["evidence"]["quorum"] is None
    assert lines["plan.txt"]["is_protocol"] is False and lines["plan.txt"]["elements"] == {}
    for row in lines.values():
        assert {"file", "is_protocol", "language", "elements", "evidence", "score", "missing"} <= set(row)


def test_missing_path_gets_its_own_error_line(tmp_path: Path) -> None:
    out = tmp_path / "scores.jsonl"
    result = CliRunner().invoke(app, ["protocols", "score", str(tmp_path / "nope.pdf"), "-o", str(out),
                                      "--no-classifier", "-q"])
    assert result.exit_code == 0, result.output
    row = json.loads(out.read_text(encoding="utf-8"))
    assert row["is_protocol"] is False and row["error"]
