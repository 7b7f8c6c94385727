"""``qorgau extract``: files, folders and zips in, one contract line per file, progress on stderr."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from service.cli import app

CONTRACT_KEYS = {"file", "doc_type", "language", "metadata", "pages", "text", "tables", "page_methods",
                 "warnings", "error"}


def test_extract_command_writes_one_line_per_file(tmp_path: Path, docx_files, pdf_files) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "protocol_kk.docx").write_bytes(docx_files["kk_protocol"])
    (folder / "empty.pdf").write_bytes(b"")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("plans/plan_ru.pdf", pdf_files["ru_plan"])
        zf.writestr("../evil.txt", "x")
    (tmp_path / "more.zip").write_bytes(archive.getvalue())
    out = tmp_path / "out.jsonl"

    result = CliRunner().invoke(app, ["extract", str(folder), str(tmp_path / "more.zip"), "-o", str(out),
                                      "--no-ocr"])

    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["file"] for line in lines] == ["empty.pdf", "protocol_kk.docx", "plan_ru.pdf", "evil.txt"]
    assert all(set(line) == CONTRACT_KEYS for line in lines)
    by_file = {line["file"]: line for line in lines}
    assert "empty" in by_file["empty.pdf"]["error"]
    assert by_file["evil.txt"]["error"] and "outside the archive" in by_file["evil.txt"]["error"]
    protocol = by_file["protocol_kk.docx"]
    assert (protocol["doc_type"], protocol["language"], protocol["metadata"]["district"]) == \
        ("protocol", "kk", "Мәртөк ауданы")
    assert protocol["metadata"]["date"] == "2024-03-14" and protocol["page_methods"] == ["text"]
    plan = by_file["plan_ru.pdf"]
    assert plan["doc_type"] == "plan" and plan["metadata"]["year"] == 2025 and plan["tables"]
    assert "done: 4 files" in result.output  # progress and summary go to stderr (mixed in by CliRunner)
