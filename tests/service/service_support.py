"""Service-test support: small real input files built in memory (DOCX, text PDF, encrypted PDF, zip),
waiting on the real worker, and the live uvicorn server + headless Chromium the browser tests share."""

from __future__ import annotations

import io
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

PROTOCOL_RU = [
    "ПРОТОКОЛ № 3",
    "заседания комиссии по делам несовершеннолетних и защите их прав Алгинского района",
    "г. Алга, 14 марта 2024 года",
    "Присутствовали: председатель комиссии Серикова А. Б., секретарь Нурланова Г. К.",
    "Повестка дня: 1. О профилактике суицидального поведения среди несовершеннолетних.",
    "Слушали: инспектора ювенальной полиции о работе с семьями, находящимися в социально опасном положении.",
    "Постановили: 1. Информацию принять к сведению. 2. Отделу образования провести тренинги до 1 мая 2024 года.",
]

PLAN_KK = [
    "Ақтөбе қаласы кәмелетке толмағандардың істері және олардың құқықтарын қорғау жөніндегі комиссиясының",
    "2024 жылға арналған жұмыс жоспары",
]
PLAN_KK_TABLE = [
    ["№", "Іс-шаралар", "Мерзімі", "Жауаптылар"],
    ["1", "Балалар арасындағы құқық бұзушылықтың алдын алу бойынша рейдтер өткізу", "тоқсан сайын", "полиция"],
    ["2", "Суицидтің алдын алу бойынша психологтардың семинарын ұйымдастыру", "наурыз", "білім бөлімі"],
]


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(lines: list[str], *, encrypt: str | None = None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    pdf.setFont("DejaVuSans", 11)
    y = 800
    for line in lines:
        pdf.drawString(50, y, line[:95])
        y -= 18
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def wait_for_batch(client: TestClient, batch_id: int, *, timeout: float = 60.0,
                   headers: dict[str, str] | None = None) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(f"/api/batches/{batch_id}", headers=headers).json()
        if body["finished"]:
            return body
        if time.monotonic() > deadline:
            raise AssertionError(f"batch {batch_id} not finished after {timeout}s: {body['progress']}")
        time.sleep(0.1)


def upload(client: TestClient, files: list[tuple[str, bytes]], **kwargs: Any) -> Any:
    return client.post("/api/batches", files=[("files", (name, data)) for name, data in files], **kwargs)


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def live_server_for(settings: Any) -> Iterator[str]:
    """The app under a real uvicorn on a free local port (lifespan: migrations, worker); yields its base URL."""
    import uvicorn

    from service.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        assert thread.is_alive(), "uvicorn stopped while starting"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)


@contextmanager
def chromium() -> Iterator[Any]:
    """The system Chromium, headless, through playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def role_token(live_server: str, role: str, admin_token: str) -> str:
    """A token of ``role`` made by the admin through the API (the UI path is covered by test_web.py)."""
    import httpx

    response = httpx.post(f"{live_server}/api/tokens", json={"name": f"Web {role}", "role": role},
                          headers={"Authorization": f"Bearer {admin_token}"}, timeout=10)
    response.raise_for_status()
    return str(response.json()["token"])


def login(browser: Any, live_server: str, token: str) -> Any:
    """A fresh browser context (own cookie jar) logged in through the login form; returns its page."""
    from playwright.sync_api import expect

    context = browser.new_context()
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server}/login")
    page.fill("input[name=token]", token)
    page.click("button[type=submit]")
    expect(page.locator(".who")).to_be_visible()
    return page
