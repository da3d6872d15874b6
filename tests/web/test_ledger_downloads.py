"""GET /ledgers/{kind}/template and /export against a real Neo4j: admins download xlsx files."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import quote

import httpx
import openpyxl  # type: ignore[import-untyped]
import pytest
from starlette.testclient import TestClient

from graph.store import Neo4jStore
from resolvers.access.principal import Role
from resolvers.ledgers.importer import import_ledger, plan
from settings import Settings
from tests.support.graphql import client_for
from tests.support.ledgers import fieldwork_book, snapshot, write_fieldwork_base
from web.app import create_app
from web.ledgers import XLSX


@pytest.fixture
async def base(store: Neo4jStore) -> Neo4jStore:
    """The test store holding what the field-work ledgers name."""
    await write_fieldwork_base(store)
    return store


def _book(response: httpx.Response) -> openpyxl.Workbook:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    assert response.headers["cache-control"] == "no-store"
    return openpyxl.load_workbook(io.BytesIO(response.content))


async def test_an_admin_downloads_a_template_and_an_export_that_reimports_unchanged(
    base: Neo4jStore, settings: Settings, tmp_path: Path
) -> None:
    await import_ledger(base, plan(fieldwork_book(tmp_path / "field.xlsx")))
    before = await snapshot(base)
    with client_for(settings, Role.ADMIN, sub="person/admin-zhou") as admin:
        template = admin.get("/ledgers/meetings/template")
        # The kind may be named as clerks name the sheet, too.
        export = admin.get(f"/ledgers/{quote('搬迁')}/export")
    book = _book(template)
    assert book.sheetnames == ["会议", "选项"]
    assert [c.value for c in book["会议"][2]][:2] == ["示例", "（文字）"]
    disposition = template.headers["content-disposition"]
    assert "meetings-template.xlsx" in disposition and quote("会议台账模板.xlsx") in disposition
    moves = _book(export)
    assert moves.sheetnames == ["搬迁"]
    rows = list(moves["搬迁"].iter_rows(values_only=True))
    assert rows[0][:3] == ("编号", "所属项目", "所属项目编号")
    assert rows[1][:3] == ("move/MV1", "东辛搬迁", "project/dongxin")
    path = tmp_path / "moves.xlsx"
    path.write_bytes(export.content)
    summary = await import_ledger(base, plan(path))
    assert (summary.written, summary.rejected) == (2, 0)
    assert await snapshot(base) == before


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.OBSERVER, Role.VIEWER])
async def test_only_admins_may_download(base: Neo4jStore, settings: Settings, role: Role) -> None:
    with client_for(settings, role, sub="person/someone", org="org/center") as client:
        for what in ("template", "export"):
            response = client.get(f"/ledgers/issues/{what}")
            assert response.status_code == 403, response.text
            [error] = response.json()["errors"]
            assert error["extensions"]["code"] == "FORBIDDEN"


async def test_no_token_is_401_and_an_unknown_kind_404(
    base: Neo4jStore, settings: Settings
) -> None:
    with TestClient(create_app(settings)) as anonymous:
        assert anonymous.get("/ledgers/issues/template").status_code == 401
    with client_for(settings, Role.ADMIN) as admin:
        response = admin.get("/ledgers/receipts/template")
    assert response.status_code == 404
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "NOT_FOUND"
