"""Plans over HTTP: uploaded plan files are indexed by the post-extraction step; analysts list suspected
copies with filters, open a pair side by side, ask for similar plans/rows, and export the report."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from corpora.plans.generate import generate_collection, relation_between, write_collection
from pipelines.plans import DuplicateReport
from tests.service.service_support import upload, wait_for_batch

pytestmark = pytest.mark.slow


@pytest.fixture
def uploaded(service_client):  # type: ignore[no-untyped-def]
    plans = generate_collection(families=1, seed=21, topical_rows=(8, 9), copies_per_family=(2, 2),
                                kinds=("translation", "verbatim"), negatives_per_family=1)
    with tempfile.TemporaryDirectory() as tmp:
        write_collection(plans, Path(tmp), formats=("docx", "csv"))
        files = [(path.name, path.read_bytes()) for path in sorted(Path(tmp).glob("plan_*"))]
    response = upload(service_client, files)
    assert response.status_code == 202, response.text
    batch = wait_for_batch(service_client, response.json()["id"], timeout=240)
    assert all(f["status"] == "done" for f in batch["files"]), batch
    documents = service_client.get("/api/documents", params={"doc_type": "plan"}).json()["items"]
    ids = {d["filename"].rsplit(".", 1)[0]: d["id"] for d in documents}
    return plans, ids


def test_suspected_copies_pairs_similar_and_export(service_client, role_headers, uploaded) -> None:  # type: ignore[no-untyped-def]
    plans, ids = uploaded
    analyst = role_headers("analyst")
    body = service_client.get("/api/plans/duplicates", headers=analyst).json()
    found = {frozenset((i["a"]["id"], i["b"]["id"])): i["relation"] for i in body["items"]}
    truth = {frozenset((ids[a.plan_id], ids[b.plan_id])): rel for k, a in enumerate(plans) for b in plans[k + 1:]
             if (rel := relation_between(a, b))}
    assert found == truth and body["total"] == len(truth)
    assert "translation" in found.values()

    translation = next(p for p in plans if p.kind == "translation")
    only_translations = service_client.get("/api/plans/duplicates", headers=analyst,
                                           params={"relation": "translation", "language": translation.language}).json()
    assert only_translations["total"] >= 1 and all(i["relation"] == "translation" for i in only_translations["items"])
    assert service_client.get("/api/plans/duplicates", headers=analyst, params={"year": 1990}).json()["total"] == 0

    source_id, copy_id = ids[translation.source], ids[translation.plan_id]
    pair = service_client.get(f"/api/plans/pairs/{source_id}/{copy_id}", headers=analyst).json()
    assert pair["relation"] == "translation"
    matched = [r for r in pair["a_rows"] if r["match"] is not None and not r["boilerplate"]]
    assert len(matched) >= 0.8 * sum(not r.boilerplate for r in translation.rows)
    b_rows = {r["row_index"]: r for r in pair["b_rows"]}
    assert all(b_rows[r["match"]]["match"] == r["row_index"] for r in matched)  # the two sides agree

    similar = service_client.get(f"/api/plans/{source_id}/similar", headers=analyst, params={"k": 3}).json()
    assert similar[0]["reported"] and {s["plan"]["id"] for s in similar} >= {copy_id}

    row = next(r for r in translation.rows if not r.boilerplate)
    hits = service_client.post("/api/plans/similar", headers=analyst, json={"text": row.activity, "k": 3}).json()
    assert {h["plan"]["id"] for h in hits} & {source_id, copy_id}

    report = DuplicateReport.model_validate(service_client.get("/api/plans/duplicates/export", headers=analyst,
                                                               params={"format": "json"}).json())
    assert len(report.documents) == len(truth)
    xlsx = service_client.get("/api/plans/duplicates/export", headers=analyst, params={"format": "xlsx"})
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook["documents"].max_row == len(truth) + 1 and workbook["rows"].max_row == len(report.rows) + 1

    # The index on disk is a cache of the database: without it (or with a stale one) the next use rebuilds it.
    import shutil

    service_client.app.state.cache.pop("plans.index")
    shutil.rmtree(service_client.app.state.worker_context.settings.data_dir / "plans-index", ignore_errors=True)
    rebuilt = service_client.get(f"/api/plans/{source_id}/similar", headers=analyst, params={"k": 3}).json()
    assert [(s["plan"]["id"], s["score"]) for s in rebuilt] == [(s["plan"]["id"], s["score"]) for s in similar]

    # The pages show the same: the list links the pair, the pair page highlights the copied rows.
    service_client.cookies.set("qorgau_token", analyst["Authorization"].split(" ", 1)[1])
    page = service_client.get("/plans", params={"relation": "translation"})
    assert page.status_code == 200 and "/plans/pairs/" in page.text
    side_by_side = service_client.get(f"/plans/pairs/{source_id}/{copy_id}")
    assert side_by_side.status_code == 200 and side_by_side.text.count("background:#fff3bf") >= 2 * len(matched)


def test_plans_api_needs_a_reader_role(service_client, role_headers) -> None:  # type: ignore[no-untyped-def]
    assert service_client.get("/api/plans/duplicates", headers=role_headers("ombudsman")).status_code == 403
    assert service_client.get("/api/plans/duplicates", headers={"Authorization": "Bearer wrong"}).status_code == 401
