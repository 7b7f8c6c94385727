"""The area pages as a user works with them: real headless Chromium against a real uvicorn server (tmp data
dir, SQLite, the worker thread, the real extraction, plan indexing, complaint classifier and monitoring).

One service and one browser for the module. The batch is uploaded once through the /batches page (a
Kazakh protocol DOCX, a Russian plan PDF, its Kazakh translation as DOCX and a corrupt file); the tests
after it read what that upload produced on /documents, /plans, /commissions. /complaints is driven
through its own form. Every input file is generated here from corpora/ generators (nothing committed).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from corpora.monitoring.generate import GeneratedProtocol, generate_year
from corpora.plans.generate import GeneratedPlan, PlanGenerator, write_docx, write_pdf
from corpora.render import render_docx
from tests.conftest import ADMIN_TOKEN, make_service_settings
from tests.service.service_support import chromium, live_server_for, login, role_token

pytestmark = pytest.mark.slow

YEAR = 2025
PROTOCOL_COMMISSION = "alga"

# A child writing that she does not want to live (fictional); with an IIN whose checksum is valid and a phone.
URGENT_KK = ("Сәлеметсіз бе. Мен 8-сыныпта оқимын. Сыныптастарым күнде мені мазақтайды, ұрады, мұғалімге "
             "айтсам ешкім көмектеспейді. Енді өмір сүргім келмейді, өлгім келеді. Анам білмейді. "
             "Менің ЖСН {iin}, телефоным {phone}.")
NOT_URGENT_RU = ("Здравствуйте. Прошу разъяснить, как оформить пособие на ребёнка с инвалидностью: в отделе "
                 "занятости и соцпрограмм второй месяц не дают ответа на заявление. Дочь учится в 3 классе.")
PHONE = "+7 701 234 56 78"
CHILD_NAME = "Айгерім Сапарова"
EMAIL = "aigerim.saparova08@mail.kz"


def _iin_with_valid_checksum(first11: str) -> str:
    """Kazakhstan IIN control digit: weights 1..11, if the remainder is 10 then weights 3..11,1,2."""
    digits = [int(c) for c in first11]
    check = sum(d * w for d, w in zip(digits, range(1, 12), strict=True)) % 11
    if check == 10:
        check = sum(d * w for d, w in zip(digits, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2], strict=True)) % 11
    assert check != 10, "pick other digits: this IIN prefix has no valid control digit"
    return first11 + str(check)


IIN = _iin_with_valid_checksum("08021565018")


@dataclass
class Inputs:
    folder: Path
    protocol: GeneratedProtocol
    protocol_file: Path
    plan: GeneratedPlan
    plan_file: Path
    copy: GeneratedPlan
    copy_file: Path
    corrupt_file: Path

    @property
    def files(self) -> list[Path]:
        return [self.protocol_file, self.plan_file, self.copy_file, self.corrupt_file]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Inputs:
    folder = tmp_path_factory.mktemp("upload")
    year = generate_year(year=YEAR, seed=7)
    protocol = next(p for p in year.protocols
                    if p.commission_id == PROTOCOL_COMMISSION and p.language == "kk" and p.in_year)
    protocol_file = folder / "hattama_alga_kk.docx"
    protocol_file.write_bytes(render_docx(protocol.text.splitlines()))

    generator = PlanGenerator(seed=11)
    plan = generator.original(family=0, language="ru", district="alga", year=2024, n_topical=8)
    copy = generator.copy(plan, "translation")
    plan_file, copy_file = folder / "plan_ru.pdf", folder / "plan_kk_copy.docx"
    write_pdf(plan, plan_file)
    write_docx(copy, copy_file)

    corrupt_file = folder / "broken.docx"
    corrupt_file.write_bytes(b"PK\x03\x04 this is not really a Word document" * 8)
    return Inputs(folder, protocol, protocol_file, plan, plan_file, copy, copy_file, corrupt_file)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server_for(make_service_settings(tmp_path_factory.mktemp("data"))) as url:
        yield url


@pytest.fixture(scope="module")
def tokens(live_server: str) -> dict[str, str]:
    """Role tokens made by the admin through the API (the UI path is covered by test_web.py)."""
    made = {"admin": ADMIN_TOKEN}
    for role in ("analyst", "ombudsman", "department"):
        made[role] = role_token(live_server, role, ADMIN_TOKEN)
    return made


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def admin_page(browser, live_server: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    page = login(browser, live_server, ADMIN_TOKEN)
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def uploaded(admin_page, live_server: str, inputs: Inputs) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The batch uploaded through the /batches form; waits (on the live page, no reload) until it finishes."""
    from playwright.sync_api import expect

    page = admin_page
    page.goto(f"{live_server}/batches")
    page.set_input_files("input[name=files]", [str(path) for path in inputs.files])
    page.fill("input[name=label]", "Алға, 2024-2025")
    page.click("#upload-form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Алға, 2024-2025")
    expect(page.locator("#batch-state")).to_have_text("finished", timeout=120_000)
    rows = {}
    for path in inputs.files:
        row = page.locator(f"tr[data-file='{path.name}']")
        rows[path.name] = {"status": row.locator(".badge").first.inner_text(),
                           "message": row.locator(".message").inner_text(),
                           "type": row.locator("td").nth(3).inner_text(),
                           "href": row.locator("a").first.get_attribute("href") if row.locator("a").count() else None}
    return {"url": page.url, "rows": rows}


def test_batch_upload_shows_each_file_status_and_the_corrupt_files_error(uploaded, inputs: Inputs) -> None:  # type: ignore[no-untyped-def]
    rows = uploaded["rows"]
    for path in (inputs.protocol_file, inputs.plan_file, inputs.copy_file):
        assert rows[path.name]["status"] == "done", rows
        assert rows[path.name]["href"] and rows[path.name]["href"].startswith("/documents/")
    assert rows[inputs.protocol_file.name]["type"] == "protocol"
    assert rows[inputs.plan_file.name]["type"] == rows[inputs.copy_file.name]["type"] == "plan"
    corrupt = rows[inputs.corrupt_file.name]
    assert corrupt["status"] == "failed", corrupt
    assert re.search(r"corrupt|damaged|повре", corrupt["message"], re.I), corrupt  # says why, in words


def test_documents_page_lists_the_protocol_with_its_district(admin_page, live_server: str, uploaded,  # type: ignore[no-untyped-def]
                                                             inputs: Inputs) -> None:
    from playwright.sync_api import expect

    page = admin_page
    page.goto(f"{live_server}/documents")
    page.select_option("select[name=doc_type]", "protocol")
    page.click("form.filters button[type=submit]")
    expect(page).to_have_url(re.compile(r"doc_type=protocol"))
    rows = page.locator("table.grid tbody tr")
    expect(rows).to_have_count(1)
    cells = rows.first.locator("td")
    expect(cells.nth(1)).to_have_text(inputs.protocol_file.name)
    expect(cells.nth(4)).to_have_text("kk")
    # The district as the protocol writes it (Kazakh) or as the gazetteer names it (Russian).
    expect(cells.nth(5)).to_have_text(re.compile(r"Алға ауданы|Алгинский район"))
    expect(cells.nth(6)).to_contain_text(inputs.protocol.record.date.isoformat())

    # Filtering by the district as shown, or by its gazetteer key, finds it; another district does not.
    shown = cells.nth(5).inner_text().strip()
    for district, count in ((shown, 1), ("alga", 1), ("irgiz", 0)):
        page.fill("input[name=district]", district)
        page.click("form.filters button[type=submit]")
        expect(page.locator("table.grid tbody tr")).to_have_count(count)

    # The corrupt upload is listed as failed, and its page says why.
    page.goto(f"{live_server}/documents")
    broken = page.locator("table.grid tbody tr", has_text=inputs.corrupt_file.name)
    expect(broken.locator(".badge")).to_have_text("failed")
    broken.locator("a").click()
    expect(page.locator("main")).to_contain_text("corrupt")

    page.goto(f"{live_server}/documents?doc_type=protocol")
    page.locator("table.grid tbody tr a").first.click()
    expect(page.locator("#doc-language")).to_have_text("kk")
    expect(page.locator("#doc-text")).to_contain_text("ХАТТАМАСЫ")


def test_plans_page_shows_the_copy_and_the_pair_side_by_side(browser, live_server: str, tokens, uploaded,  # type: ignore[no-untyped-def]
                                                             inputs: Inputs) -> None:
    from playwright.sync_api import expect

    page = login(browser, live_server, tokens["analyst"])  # the analyst is who reads plan copies
    try:
        page.click("nav >> text=Plans")
        expect(page.locator("h1")).to_contain_text("возможные копии")
        rows = page.locator("table#copies tbody tr")
        expect(rows).to_have_count(1)
        row = rows.first
        names = {row.locator("td").nth(0).inner_text().splitlines()[0],
                 row.locator("td").nth(1).inner_text().splitlines()[0]}
        assert names == {inputs.plan_file.name, inputs.copy_file.name}
        expect(row.locator(".badge")).to_have_text("translation")

        # The report the analyst files: the CSV and XLSX links of the page download the same pair.
        with page.expect_download() as download:
            page.click("a:text-is('CSV (планы)')")
        report = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
        assert len(report) == 2 and all(name.rsplit(".", 1)[0] in report[1]
                                        for name in (inputs.plan_file.name, inputs.copy_file.name)), report
        with page.expect_download() as download:
            page.click("a:text-is('XLSX')")
        import io

        from openpyxl import load_workbook

        assert download.value.suggested_filename == "plan-copies.xlsx"
        workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
        assert workbook["documents"].max_row == 2 and workbook["rows"].max_row >= 2

        page.locator("table#copies tbody tr a", has_text="рядом").click()
        expect(page).to_have_url(re.compile(r"/plans/pairs/\d+/\d+$"))
        expect(page.locator("h1")).to_contain_text(inputs.plan_file.name)
        expect(page.locator("h1")).to_contain_text(inputs.copy_file.name)
        expect(page.locator("section.card")).to_contain_text("translation")

        sides = [page.locator("table#side-1 tbody tr"), page.locator("table#side-2 tbody tr")]
        expect(sides[0]).not_to_have_count(0)
        # Read each side: row number -> (activity, matched row number on the other side or None, boilerplate)
        parsed = []
        for side in sides:
            table = {}
            for i in range(side.count()):
                cells = side.nth(i).locator("td")
                match_text = cells.nth(2).inner_text().strip()
                match = int(match_text.split()[0]) if match_text else None
                table[int(cells.nth(0).inner_text())] = (cells.nth(1).inner_text().splitlines()[0], match,
                                                         "типовая" in match_text)
            parsed.append(table)
        left, right = parsed
        # The two sides agree with each other: a row on the left points at a row on the right that points back.
        topical = {n: v for n, v in left.items() if v[1] is not None and not v[2]}
        assert topical and all(right[m][1] == n for n, (_, m, _) in topical.items())
        # ... and with the truth: the copied (non-boilerplate) rows of the generated plans are aligned.
        left_plan = inputs.plan if inputs.plan_file.name in page.locator("table#side-1 thead").inner_text() \
            else inputs.copy
        right_plan = inputs.copy if left_plan is inputs.plan else inputs.plan
        true_rows = {r.key: i for i, r in enumerate(right_plan.rows, start=1)}
        true_pairs = {(i, true_rows[r.key]) for i, r in enumerate(left_plan.rows, start=1)
                      if not r.boilerplate and r.key in true_rows}
        shown_pairs = {(n, m) for n, (_, m, _) in topical.items()}
        assert len(shown_pairs & true_pairs) >= 0.8 * len(true_pairs), (shown_pairs, true_pairs)
        # Side by side means different languages here: the left row's text is Russian, the right one Kazakh.
        n, (activity, m, _) = next(iter(topical.items()))
        assert activity != right[m][0]
    finally:
        page.context.close()


def test_plans_filter_form_as_a_user_submits_it(browser, live_server: str, tokens, uploaded,  # type: ignore[no-untyped-def]
                                                inputs: Inputs) -> None:
    from playwright.sync_api import expect

    page = login(browser, live_server, tokens["analyst"])
    try:
        page.goto(f"{live_server}/plans")
        expect(page.locator("table#copies tbody tr a")).to_have_count(1)
        page.select_option("select[name=language]", "kk")  # the copy is Kazakh: the pair stays
        with page.expect_navigation() as navigation:
            page.click("form[action='/plans'] button[type=submit]")
        assert navigation.value is not None and navigation.value.status == 200, navigation.value.status
        expect(page.locator("table#copies tbody tr a")).to_have_count(1)
        # Each filter a user sets in the form, alone, on top of an otherwise empty form: (field, value, pairs left)
        plan_district = inputs.plan.district_obj
        for field, value, count in (("relation", "translation", 1), ("relation", "verbatim", 0),
                                    ("district", plan_district.key, 1), ("district", "Иргизский район", 0),
                                    ("year", str(inputs.plan.year), 1), ("year", "1999", 0),
                                    ("min_share", "0.5", 1)):
            page.goto(f"{live_server}/plans")
            if field == "relation":
                page.select_option("select[name=relation]", value)
            else:
                page.fill(f"input[name={field}]", value)
            with page.expect_navigation() as navigation:
                page.click("form[action='/plans'] button[type=submit]")
            assert navigation.value is not None and navigation.value.status == 200, (field, value)
            expect(page.locator("table#copies tbody tr a")).to_have_count(count)
            if not count:
                expect(page.locator("table#copies tbody")).to_contain_text("Копий не найдено")
    finally:
        page.context.close()


def test_plans_district_filter_by_the_other_languages_name(browser, live_server: str, tokens, uploaded,  # type: ignore[no-untyped-def]
                                                          inputs: Inputs) -> None:
    from playwright.sync_api import expect

    assert inputs.copy.language == "kk" and inputs.copy.district != inputs.plan.district  # only the copy is there
    page = login(browser, live_server, tokens["analyst"])
    try:
        page.goto(f"{live_server}/plans")
        page.fill("input[name=district]", inputs.copy.district_obj.ru)
        with page.expect_navigation():
            page.click("form[action='/plans'] button[type=submit]")
        expect(page.locator("table#copies tbody tr a")).to_have_count(1, timeout=2_000)  # rendered by now
    finally:
        page.context.close()


def test_documents_district_filter_by_the_other_languages_name(admin_page, live_server: str, uploaded) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page = admin_page
    page.goto(f"{live_server}/documents?doc_type=protocol")
    shown = page.locator("table.grid tbody tr").first.locator("td").nth(5).inner_text().strip()
    other = "Алгинский район" if shown == "Алға ауданы" else "Алға ауданы"
    page.fill("input[name=district]", other)
    page.click("form.filters button[type=submit]")
    expect(page.locator("table.grid tbody tr")).to_have_count(1)


def test_commissions_page_counts_the_uploaded_protocol(admin_page, live_server: str, uploaded,  # type: ignore[no-untyped-def]
                                                       inputs: Inputs) -> None:
    from playwright.sync_api import expect

    page = admin_page
    page.click("nav >> text=Monitoring")
    page.fill("input[name=year]", str(YEAR))
    page.click("form.filters button[type=submit]")
    expect(page.locator("h1")).to_contain_text(str(YEAR))
    row = page.locator("table#commissions tbody tr", has=page.locator(f"a[href^='/commissions/{PROTOCOL_COMMISSION}?']"))
    expect(row).to_have_count(1)
    month = inputs.protocol.record.date.month
    expect(row.locator("td").nth(month)).to_have_text("1")
    expect(row.locator("td").nth(13)).to_contain_text("1 /")
    # Exactly one meeting in the whole region: only the uploaded protocol was counted.
    other_counts = page.locator("table#commissions tbody tr").evaluate_all(
        "rows => rows.map(r => r.children[13].textContent.trim().split(' /')[0])")
    assert sorted(other_counts)[-1] == "1" and other_counts.count("1") == 1, other_counts

    row.locator("a").click()
    expect(page).to_have_url(re.compile(rf"/commissions/{PROTOCOL_COMMISSION}\?year={YEAR}"))
    expect(page.locator("h1")).to_contain_text("Алгинский")
    # The month of the protocol: one meeting on its date, the secretary it names, its decisions.
    record = inputs.protocol.record
    cells = page.locator("table#monthly tbody tr").nth(record.date.month - 1).locator("td")
    expect(cells.nth(1)).to_have_text("1")
    expect(cells.nth(2)).to_have_text(record.date.strftime("%d.%m"))
    expect(cells.nth(5)).to_contain_text(record.secretary.split()[0])
    expect(cells.nth(6)).to_have_text(str(int(record.has_suicide_prevention_item)))
    expect(cells.nth(7)).to_have_text(str(len(record.decisions)))


def _monthly_total(page, table: str) -> int:  # type: ignore[no-untyped-def]
    counts = page.locator(f"table#{table} tbody td:not(:first-child)").all_inner_texts()
    return sum(int(c) for c in counts if c.strip())


def test_complaints_urgent_first_with_evidence_and_a_correction_is_stored(browser, live_server: str, tokens) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page = login(browser, live_server, tokens["ombudsman"])
    try:
        expect(page).to_have_url(f"{live_server}/complaints")  # the ombudsman's first (only) page
        counted_before = {table: _monthly_total(page, table) for table in ("by-category", "by-district")}
        # The non-urgent one first, so that "urgent first" is the queue's order, not the order of arrival.
        for text, district in ((NOT_URGENT_RU, "Хромтауский район"),
                               (URGENT_KK.format(iin=IIN, phone=PHONE), "Алгинский район")):
            page.fill("textarea[name=text]", text)
            page.fill("input[name=district]", district)
            page.fill("input[name=date]", "2026-11-05")
            page.click("form[action='/complaints'] button[type=submit]")
            expect(page.locator("p.badge.done")).to_contain_text("classified 1")
        expect(page.locator("p.badge.done")).to_contain_text("urgent 1")

        rows = page.locator("table#queue tbody tr")
        first = rows.first
        expect(first.locator("td").nth(1)).to_contain_text("өлгім келеді")
        expect(first.locator("td").nth(3).locator(".badge")).to_have_text("suicide")
        evidence = first.locator("td").nth(3).locator("small")
        expect(evidence).not_to_be_empty()
        assert re.search(r"өлгім|өмір сүргім", evidence.inner_text()), evidence.inner_text()
        for i in range(1, rows.count()):  # whatever else is in the queue (needs review) is not urgent
            expect(rows.nth(i).locator("td").nth(3).locator(".badge")).to_have_count(0)

        # The officer confirms it is urgent, changes the category and leaves a note.
        complaint_id = int(first.locator("td").first.inner_text().split()[0])
        form = first.locator("form")
        current = form.locator("select[name=category]").input_value()
        options = form.locator("select[name=category] option").all_inner_texts()
        new_category = next(o for o in options if o != current)
        form.locator("select[name=category]").select_option(new_category)
        form.locator("input[name=note]").fill("проверено, передано в школу")
        form.locator("button[type=submit]").click()
        expect(page.locator("p.badge.done")).to_have_text("saved")
        # Reviewed complaints leave the queue ...
        expect(page.locator("table#queue tbody td:first-child", has_text=re.compile(rf"^{complaint_id}\b")))\
            .to_have_count(0)
        # ... and the decision is stored (read back with the same role's token, as an auditor would).
        stored = httpx.get(f"{live_server}/api/complaints/{complaint_id}",
                           headers={"Authorization": f"Bearer {tokens['ombudsman']}"}, timeout=10).json()
        assert stored["category"] == new_category and stored["urgent"] is True, stored
        assert stored["reviewed_by"] == "Web ombudsman", stored
        # The monthly picture counts both pasted complaints (per category and per district).
        expect(page.locator("table#by-district")).to_contain_text("Хромтауский район")
        expect(page.locator("table#by-district thead")).to_contain_text("2026-11")
        for table in ("by-category", "by-district"):
            assert _monthly_total(page, table) == counted_before[table] + 2, table
    finally:
        page.context.close()


def test_complaints_file_upload_through_the_form(browser, live_server: str, tokens, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import csv

    from playwright.sync_api import expect

    table = tmp_path / "obrashcheniya_noyabr.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "district", "date"])
        writer.writerow(["N-17", "Отчим каждый вечер избивает моего брата ремнём, у него синяки на спине, "
                                 "мама боится заявлять. Помогите, ему 10 лет.", "Мугалжарский район", "04.11.2026"])
        writer.writerow(["N-18", "Балабақшаға кезек үш жылдан бері жылжымайды, жұмысқа шыға алмай отырмын. "
                                 "Қашан орын береді?", "Ақтөбе қаласы", "2026-11-06"])
    page = login(browser, live_server, tokens["ombudsman"])
    try:
        page.set_input_files("input[name=file]", str(table))
        page.click("form[action='/complaints'] button[type=submit]")
        expect(page.locator("p.badge.done")).to_have_text("classified 2, urgent 1")
        row = page.locator("table#queue tbody tr", has_text="избивает")
        expect(row).to_have_count(1)
        expect(row.locator("td").nth(0)).to_contain_text("2026-11-04 Мугалжарский район")
        expect(row.locator("td").nth(3).locator(".badge")).not_to_be_empty()
        assert re.search(r"избивает|синяки", row.locator("td").nth(3).locator("small").inner_text())
    finally:
        page.context.close()


def test_a_pasted_non_urgent_complaint_is_shown_with_its_category(browser, live_server: str, tokens) -> None:  # type: ignore[no-untyped-def]
    page = login(browser, live_server, tokens["ombudsman"])
    try:
        text = NOT_URGENT_RU.replace("3 классе", "5 классе")
        page.fill("textarea[name=text]", text)
        page.click("form[action='/complaints'] button[type=submit]")
        page.wait_for_url(re.compile(r"message=classified"))
        # Anywhere on the page outside the review queue (which holds it only when the model is unsure).
        outside_queue = page.evaluate("""() => { const main = document.querySelector('main').cloneNode(true);
            main.querySelector('#queue')?.remove(); return main.innerText; }""")
        assert "5 классе" in outside_queue
    finally:
        page.context.close()


def test_complaint_page_masks_the_iin_phone_name_and_email_typed_into_a_complaint(browser, live_server: str,  # type: ignore[no-untyped-def]
                                                                                 tokens) -> None:
    """complaints.list.html promises "Тексты показаны с маскированием"; service/complaints.py stores
    ``masked_text`` and masked ``urgent_evidence`` for the pages."""
    from playwright.sync_api import expect

    text = (URGENT_KK.format(iin=IIN, phone=PHONE).replace("8-сыныпта", "7-сыныпта")
            + f" Менің атым {CHILD_NAME}, поштам {EMAIL}. Өлгім келеді, ЖСН {IIN}.")
    page = login(browser, live_server, tokens["ombudsman"])
    try:
        page.goto(f"{live_server}/complaints")
        page.fill("textarea[name=text]", text)
        page.click("form[action='/complaints'] button[type=submit]")
        expect(page.locator("p.badge.done")).to_contain_text("classified 1")
        row = page.locator("table#queue tbody tr", has_text="7-сыныпта")
        expect(row).to_have_count(1)
        expect(row.locator("td").nth(1)).to_contain_text("ЖСН")  # the text is shown, with the IIN masked out
        expect(row.locator("td").nth(3).locator("small")).not_to_be_empty()  # evidence, masked the same way
        html = page.content()
        digits = re.sub(r"\D", "", html)
        leaks = [what for what, found in (
            ("IIN", IIN in digits), ("phone", re.sub(r"\D", "", PHONE)[1:] in digits),
            ("name", CHILD_NAME.split()[1] in html), ("e-mail", EMAIL in html)) if found]
        assert not leaks, f"unmasked on /complaints: {leaks}"
        # The audit page (admin) lists what was done, never the complaint text.
        admin = login(browser, live_server, ADMIN_TOKEN)
        try:
            admin.goto(f"{live_server}/admin/audit")
            expect(admin.locator("main")).to_contain_text("/complaints")
            assert IIN not in re.sub(r"\D", "", admin.content()) and CHILD_NAME.split()[1] not in admin.content()
        finally:
            admin.context.close()
    finally:
        page.context.close()


def test_roles_decide_which_area_pages_open(browser, live_server: str, tokens) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    analyst = login(browser, live_server, tokens["analyst"])
    try:
        nav = analyst.locator("nav a").all_inner_texts()
        assert "Complaints" not in nav and "Plans" in nav and "Monitoring" in nav, nav
        response = analyst.goto(f"{live_server}/complaints")
        assert response is not None and response.status == 403
        expect(analyst.locator("h1")).to_have_text("Permission denied")
        expect(analyst.locator("textarea[name=text]")).to_have_count(0)
        for path in ("/plans", "/commissions", "/documents"):
            assert analyst.goto(f"{live_server}{path}").status == 200, path
        assert analyst.goto(f"{live_server}/batches").status == 403  # uploading is the department's
        # Posting the complaint forms directly is refused as well, not only the page.
        statuses = analyst.evaluate("""async () => [
            (await fetch('/complaints', {method: 'POST', body: new URLSearchParams({text: 'x'})})).status,
            (await fetch('/complaints/1/correct', {method: 'POST',
                body: new URLSearchParams({category: 'alimony'})})).status]""")
        assert statuses == [403, 403], statuses
    finally:
        analyst.context.close()

    ombudsman = login(browser, live_server, tokens["ombudsman"])
    try:
        for path in ("/plans", "/commissions", "/documents", "/batches"):
            assert ombudsman.goto(f"{live_server}{path}").status == 403, path
        # A forged form post to another area is refused too, not just the page.
        status = ombudsman.evaluate("""async () => (await fetch('/batches', {method: 'POST',
            body: new FormData()})).status""")
        assert status in (403, 422), status
    finally:
        ombudsman.context.close()

    department = login(browser, live_server, tokens["department"])
    try:
        assert department.goto(f"{live_server}/complaints").status == 403
        assert department.goto(f"{live_server}/plans").status == 200
    finally:
        department.context.close()

    anonymous = browser.new_context()
    try:
        page = anonymous.new_page()
        page.goto(f"{live_server}/complaints")
        expect(page).to_have_url(f"{live_server}/login?next=/complaints")
    finally:
        anonymous.close()
