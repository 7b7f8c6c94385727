"""Commissions API and pages over real uploads: generated protocols of two commissions go through the
batch upload, the worker's extraction and storage; monitoring is computed from what was stored."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from corpora.monitoring.generate import generate_year
from tests.service.service_support import docx_bytes, upload, wait_for_batch, zip_bytes

YEAR = 2025
COMMISSIONS = ("alga", "irgiz")  # kk/ru alternating with a third secretary; December before the year


@pytest.fixture(scope="module")
def generated():  # type: ignore[no-untyped-def]
    return generate_year(year=YEAR, seed=7)


@pytest.fixture
def loaded(service_client: TestClient, generated) -> TestClient:  # type: ignore[no-untyped-def]
    members = {}
    for position, protocol in enumerate(p for p in generated.protocols if p.commission_id in COMMISSIONS):
        if position % 4 == 0:  # some as DOCX, the rest as text files
            members[protocol.file_name.replace(".txt", ".docx")] = docx_bytes(protocol.text.splitlines())
        else:
            members[protocol.file_name] = protocol.text.encode("utf-8")
    batch = wait_for_batch(service_client, upload(service_client, [("year.zip", zip_bytes(members))]).json()["id"],
                           timeout=120)
    assert all(f["status"] == "done" for f in batch["files"]), batch["files"]
    return service_client


@pytest.mark.slow
def test_monitoring_of_uploaded_protocols_matches_the_ground_truth_and_exports(loaded: TestClient, generated) -> None:  # type: ignore[no-untyped-def]
    for commission_id in COMMISSIONS:
        response = loaded.get(f"/api/commissions/{commission_id}/monitoring", params={"year": YEAR})
        assert response.status_code == 200, response.text
        report = response.json()
        expected = generated.expected[commission_id]
        assert report["meetings_held"] == expected.meetings_held
        assert [r["meetings_held"] for r in report["months"]] == [expected.months[m].meetings_held for m in range(1, 13)]
        assert [r["longest_gap_days"] for r in report["months"]] == \
            [expected.months[m].longest_gap_days for m in range(1, 13)]
        assert len(report["secretaries"]) == expected.distinct_secretaries
        assert [c["date"] for c in report["secretary_changes"]] == \
            [d.isoformat() for d in expected.secretary_change_dates]
        assert len(report["repeated_decisions"]) == expected.repeated_decisions
        assert sorted((a["kind"], a["date"]) for a in report["alerts"]) == \
            sorted((k, d.isoformat()) for k, d in expected.alerts)

    listing = {c["id"]: c for c in loaded.get("/api/commissions", params={"year": YEAR}).json()}
    assert len(listing) == 13
    assert listing["alga"]["meetings_held"] == generated.expected["alga"].meetings_held
    assert listing["temir"]["protocols"] == 0 and listing["temir"]["alerts"] == 5  # 4 quarters + the open gap

    # exports and pages on the same upload (one upload per test keeps the suite short)
    response = loaded.get("/api/commissions/monitoring/export", params={"year": YEAR, "format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert len(rows) == 1 + 13 * 12
    xlsx = loaded.get("/api/commissions/alga/monitoring/export",
                      params={"year": YEAR, "format": "xlsx", "mask_officials": "true"})
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames[0] == "Помесячно"
    secretaries = {row[10] for row in list(workbook["Помесячно"].values)[1:] if row[10]}
    assert secretaries and all("*" in name for name in secretaries)

    loaded.cookies.set("qorgau_token", loaded.headers["Authorization"].split()[1])
    page = loaded.get("/commissions", params={"year": YEAR})
    assert page.status_code == 200 and "Алгинский район" in page.text and "Третий" not in page.text
    detail = loaded.get("/commissions/alga", params={"year": YEAR})
    assert detail.status_code == 200 and "Профилактика суицида по кварталам" in detail.text
    assert loaded.get("/commissions/export.xlsx", params={"year": YEAR}).status_code == 200


def test_roles_and_unknown_commission(service_client: TestClient, role_headers) -> None:  # type: ignore[no-untyped-def]
    assert service_client.get("/api/commissions/nowhere/monitoring").status_code == 404
    assert service_client.get("/api/commissions", headers=role_headers("ombudsman")).status_code == 403
    assert service_client.get("/api/commissions", headers=role_headers("analyst")).status_code == 200
    assert service_client.get("/api/commissions", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_plan_duplication_share_comes_from_the_stored_plan_copies(service_client: TestClient) -> None:
    from service.db.models import Document
    from service.db.plans import PlanMatchRecord

    with service_client.app.state.session_factory() as session:  # type: ignore[attr-defined]
        plans = {key: Document(sha256=key * 64, filename=f"plan_{key}.docx", size=1, status="done", doc_type="plan",
                               district_id=district, year=year)
                 for key, district, year in (("a", "alga", 2025), ("b", "alga", 2024), ("c", "temir", 2024),
                                             ("d", "irgiz", 2025))}
        session.add_all(plans.values())
        session.flush()
        session.add_all([
            PlanMatchRecord(document_a_id=plans["b"].id, document_b_id=plans["a"].id, score=0.8,
                            share_of_rows_reused=0.8, relation="verbatim", pipeline_version="t"),
            PlanMatchRecord(document_a_id=plans["c"].id, document_b_id=plans["d"].id, score=0.6,
                            share_of_rows_reused=0.6, relation="translation", pipeline_version="t"),
            PlanMatchRecord(document_a_id=plans["a"].id, document_b_id=plans["d"].id, score=0.9,
                            share_of_rows_reused=0.9, relation="district_copy", pipeline_version="t",
                            current=False),  # an earlier run, superseded
        ])
        session.commit()
    shares = {cid: service_client.get(f"/api/commissions/{cid}/monitoring", params={"year": 2025}).json()
              ["plan_duplication_share"] for cid in ("alga", "irgiz", "temir")}
    assert shares == {"alga": 0.8, "irgiz": 0.6, "temir": None}  # temir's plan is of 2024
