"""The protocol pages as a department officer uses them: real headless Chromium against a real uvicorn server
(tmp data dir, SQLite, the worker thread, real extraction and protocol scoring).

Two protocols are uploaded through the /batches form: a complete Russian one moved to Alga district and a
Kazakh one of Kargaly district that lost its quorum line and its first dated deadline. The tests read the
list, filter it, and open the weak protocol's checklist.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import ADMIN_TOKEN, make_service_settings
from tests.pipelines.protocols.protocol_samples import KK_FULL, RU_FULL
from tests.service.service_support import chromium, docx_bytes, live_server_for, login, role_token

pytestmark = pytest.mark.slow

RU_ALGA = RU_FULL.replace("Каргалинского района", "Алгинского района").replace("Бадамша", "Алга")
KK_WEAK = KK_FULL.replace("Кворум бар.\n", "").replace("Мерзімі: 01.12.2025 дейін.", "Мерзімі: жыл бойы.")
FILES = {"ru_alga.docx": RU_ALGA, "kk_kargaly.docx": KK_WEAK}


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server_for(make_service_settings(tmp_path_factory.mktemp("data"))) as url:
        yield url


@pytest.fixture(scope="module")
def department_page(live_server: str) -> Iterator[object]:
    with chromium() as browser:
        page = login(browser, live_server, role_token(live_server, "department", ADMIN_TOKEN))
        yield page
        page.context.close()


@pytest.fixture(scope="module")
def uploaded(department_page, live_server: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    """Both protocols uploaded through the /batches form; the live page is watched until the batch finishes.
    Returns the stored scores per file, read back through the API, for the pages to be compared against."""
    from playwright.sync_api import expect

    folder = tmp_path_factory.mktemp("protocols")
    paths = []
    for name, text in FILES.items():
        path = Path(folder, name)
        path.write_bytes(docx_bytes(text.splitlines()))
        paths.append(str(path))
    page = department_page
    page.goto(f"{live_server}/batches")
    page.set_input_files("input[name=files]", paths)
    page.click("#upload-form button[type=submit]")
    expect(page.locator("#batch-state")).to_have_text("finished", timeout=60_000)
    for name in FILES:
        expect(page.locator(f"tr[data-file='{name}'] .badge").first).to_have_text("done")
    response = httpx.get(f"{live_server}/api/protocols", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
                         timeout=10)
    response.raise_for_status()
    return {item["file"]: item for item in response.json()["items"]}


def _listed(page) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    rows = page.locator("table#protocols tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.children, c => c.innerText.trim()))")
    return {row[0]: row for row in rows}


def test_list_shows_each_protocol_with_its_score_and_missing_elements(department_page, live_server: str,  # type: ignore[no-untyped-def]
                                                                      uploaded) -> None:
    from playwright.sync_api import expect

    assert set(uploaded) == set(FILES)
    assert uploaded["ru_alga.docx"]["score"] == 100 and uploaded["kk_kargaly.docx"]["score"] < 100, uploaded
    page = department_page
    page.click("nav >> text=Protocols")
    expect(page).to_have_url(f"{live_server}/protocols")
    expect(page.locator("table#protocols tbody tr")).to_have_count(2)
    expect(page.locator("h1 small")).to_have_text("2")
    rows = _listed(page)
    assert rows["ru_alga.docx"][1:] == ["Алгинский район", "2025-11-05", "11", "100", "—"], rows
    kk = rows["kk_kargaly.docx"]
    assert kk[1:4] == ["Қарғалы ауданы", "2025-11-05", "11"], kk  # the district as the Kazakh protocol names it
    assert kk[4] == str(uploaded["kk_kargaly.docx"]["score"]), kk
    badges = page.locator("table#protocols tbody tr", has_text="kk_kargaly.docx").locator(".badge.failed")
    expect(badges).to_have_text(["quorum", "deadlines_assigned"])


def test_list_filters_narrow_the_rows(department_page, live_server: str, uploaded) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page = department_page
    page.goto(f"{live_server}/protocols")
    rows = page.locator("table#protocols tbody tr")
    weak_score = str(uploaded["kk_kargaly.docx"]["score"])
    # (field, value) typed into the form -> the files left; every other field is left empty.
    cases = [("district", "alga", {"ru_alga.docx"}),
             ("district", "Қарғалы ауданы", {"kk_kargaly.docx"}),  # a name in Kazakh, as the protocol writes it
             ("district", "Иргизский район", set()),
             ("max_score", "99", {"kk_kargaly.docx"}),
             ("min_score", weak_score, set(FILES)),
             ("year", "2024", set())]
    for field, value, expected in cases:
        for name in ("district", "year", "min_score", "max_score"):
            page.fill(f"form[action='/protocols'] input[name={name}]", value if name == field else "")
        with page.expect_navigation() as navigation:
            page.click("form[action='/protocols'] button[type=submit]")
        assert navigation.value is not None and navigation.value.status == 200, (field, value)
        expect(page).to_have_url(re.compile(rf"[?&]{field}="))
        if expected:
            expect(rows).to_have_count(len(expected))
            assert set(_listed(page)) == expected, (field, value)
        else:
            expect(rows).to_have_count(1)
            expect(rows.first).to_have_text("Оценённых протоколов нет.")
        expect(page.locator("h1 small")).to_have_text(str(len(expected)))
        # The form keeps what was typed, so the next change starts from the current filter.
        expect(page.locator(f"form[action='/protocols'] input[name={field}]")).to_have_value(value)

    # A year no date can have (the field has no bounds) is refused in words, not a server error.
    page.fill("form[action='/protocols'] input[name=year]", "99999")
    with page.expect_navigation() as navigation:
        page.click("form[action='/protocols'] button[type=submit]")
    assert navigation.value is not None and navigation.value.status == 400
    expect(page.locator("main")).to_contain_text("year 99999 is out of range")


def test_detail_shows_the_checklist_with_evidence_and_what_is_missing(department_page, live_server: str,  # type: ignore[no-untyped-def]
                                                                      uploaded) -> None:
    from playwright.sync_api import expect

    page = department_page
    page.goto(f"{live_server}/protocols")
    page.locator("table#protocols a", has_text="kk_kargaly.docx").click()
    weak = uploaded["kk_kargaly.docx"]
    expect(page).to_have_url(f"{live_server}/protocols/{weak['document_id']}")
    expect(page.locator("h1")).to_have_text("kk_kargaly.docx")
    expect(page.locator("#protocol-score")).to_have_text(f"{weak['score']} / 100")
    expect(page.locator("#missing li")).to_have_text(["quorum", "deadlines_assigned"])

    checklist = page.locator("table#checklist tbody tr")
    expect(checklist).to_have_count(20)
    quorum = page.locator("tr[data-element=quorum]")
    expect(quorum).to_have_attribute("data-present", "false")
    expect(quorum.locator(".badge")).to_have_text("нет")
    expect(quorum.locator("td").nth(2)).to_have_text("—")
    # Present elements quote the protocol's own words as evidence.
    number = page.locator("tr[data-element=header_number]")
    expect(number.locator(".badge")).to_have_text("есть")
    expect(number.locator("q")).to_contain_text("№ 11 ХАТТАМА")
    expect(page.locator("tr[data-element=secretary_named] q")).to_contain_text("Ілиясова")
    # The badges agree with the missing list: exactly the missing elements are marked absent.
    absent = page.locator("tr[data-present=false]").evaluate_all("rows => rows.map(r => r.dataset.element)")
    assert set(absent) == {"quorum", "deadlines_assigned"}, absent
    # Every present element quotes its evidence (none shows the "—" of an absent one).
    expect(page.locator("tr[data-present=true] q")).to_have_count(18)
    # The decisions table: the deadline turned into «жыл бойы» is shown as having no date.
    expect(page.locator("table#decisions tbody tr", has_text="жыл бойы").locator("td").nth(3))\
        .to_contain_text("нет даты")

    # Back to the list, then the complete protocol: nothing missing.
    page.click("text=Все протоколы")
    expect(page).to_have_url(f"{live_server}/protocols")
    page.locator("table#protocols a", has_text="ru_alga.docx").click()
    expect(page.locator("#protocol-score")).to_have_text("100 / 100")
    expect(page.locator("#missing li")).to_have_text(["ничего — все элементы на месте"])
    expect(page.locator("tr[data-present=false]")).to_have_count(0)
    expect(page.locator("tr[data-element=chair_named] q")).to_contain_text("Абенов")
