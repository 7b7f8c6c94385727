"""The web pages in real headless Chromium against a real uvicorn server (login, upload, live batch, document)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from service_support import PROTOCOL_RU, chromium, docx_bytes, live_server_for

pytestmark = pytest.mark.slow


@pytest.fixture
def live_server(service_settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with live_server_for(service_settings) as url:
        yield url


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """A post-extraction step that holds documents in 'processing' until the test opens the gate."""
    from service.steps import register_document_step, unregister_document_step

    opened = threading.Event()
    register_document_step("test.gate", None, lambda session, document, extracted: opened.wait(30))
    yield opened
    opened.set()
    unregister_document_step("test.gate")


def test_login_upload_live_progress_and_document(live_server: str, gate: threading.Event, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    protocol = tmp_path / "protocol_ru.docx"
    protocol.write_bytes(docx_bytes(PROTOCOL_RU))
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")

    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{live_server}/batches")
        expect(page).to_have_url(f"{live_server}/login?next=/batches")

        page.fill("input[name=token]", "wrong")
        page.click("button[type=submit]")
        expect(page.locator(".error")).to_contain_text("not valid")

        page.fill("input[name=token]", "test-admin-token")
        page.click("button[type=submit]")
        expect(page).to_have_url(f"{live_server}/batches")

        page.set_input_files("input[name=files]", [str(protocol), str(empty)])
        page.fill("input[name=label]", "Март")
        page.click("#upload-form button[type=submit]")
        expect(page.locator("h1")).to_contain_text("Март")

        protocol_row = page.locator("tr[data-file='protocol_ru.docx']")
        expect(protocol_row.locator(".badge").first).to_have_text("processing", timeout=20_000)
        expect(page.locator("#batch-state")).to_have_text("processing…")
        gate.set()
        # No reload: the page's own auto-refresh must bring the final state.
        expect(page.locator("#batch-state")).to_have_text("finished", timeout=20_000)
        expect(protocol_row.locator(".badge").first).to_have_text("done")
        empty_row = page.locator("tr[data-file='empty.pdf']")
        expect(empty_row.locator(".badge").first).to_have_text("failed")
        expect(empty_row.locator(".message")).to_contain_text("empty")

        protocol_row.locator("a").click()
        expect(page.locator("#doc-type")).to_have_text("protocol")
        expect(page.locator("#doc-language")).to_have_text("ru")
        expect(page.locator("#doc-text")).to_contain_text("Постановили")

        page.goto(f"{live_server}/documents?doc_type=protocol")
        expect(page.locator("table.grid tbody tr")).to_have_count(1)

        # The admin gives a department officer a token in the UI; the officer logs in with it.
        page.click("nav >> text=Admin")
        page.fill("input[name=name]", "Officer Serikova")
        page.select_option("select[name=role]", "department")
        page.click("form.filters button[type=submit]")
        secret = page.locator("#new-token-secret").inner_text()
        assert secret.startswith("qg_")
        page.click("text=Log out")
        expect(page).to_have_url(f"{live_server}/login")
        page.fill("input[name=token]", secret)
        page.click("button[type=submit]")
        expect(page.locator(".who")).to_contain_text("Officer Serikova · department")
        expect(page.locator("nav >> text=Admin")).to_have_count(0)
        page.goto(f"{live_server}/admin/tokens")
        expect(page.locator("h1")).to_have_text("Permission denied")
