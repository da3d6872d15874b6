"""POST /ledgers/import against a real Neo4j: the CLI's import, for admins only, over HTTP."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from graph.store import Neo4jStore
from resolvers.access.principal import Role
from resolvers.ledgers.importer import import_ledger, read_ledger
from settings import Settings
from tests.support.graphql import client_for
from tests.support.ledgers import (
    CLERK_DATA_ROWS,
    CLERK_FOOTER,
    CLERK_HEADERS,
    CLERK_PRIVATE,
    CLERK_ROWS,
    COMMUNITIES,
    ISSUES,
    ORGANIZATIONS,
    book,
    clerk_book,
    csv_file,
    snapshot,
    write_base,
    xlsx,
)
from web.app import create_app

URL = "/ledgers/import"
BAD_ISSUES = [
    ["编号", "问题标题", "反映渠道", "问题类别", "所属社区", "反映时间", "满意度"],
    ["Q1", "好问题", "电话", "食堂就餐", "瑞景社区", "2024-03-01", ""],
    ["Q2", "坏日期", "电话", "食堂就餐", "瑞景社区", "2024-13-45", ""],
    ["Q3", "坏渠道", "飞鸽传书", "食堂就餐", "瑞景社区", "2024-03-01", ""],
    ["Q5", "无此社区", "电话", "食堂就餐", "幸福社区", "2024-03-01", ""],
]


@pytest.fixture
async def base(store: Neo4jStore) -> Neo4jStore:
    """The test store holding the categories and the 片区 ledgers name."""
    await write_base(store)
    return store


@pytest.fixture
def admin(settings: Settings) -> Iterator[TestClient]:
    """A client of a fresh app whose requests carry an ADMIN token."""
    with client_for(settings, Role.ADMIN, sub="person/admin-zhou") as client:
        yield client


def _upload(client: TestClient, path: Path, **fields: str) -> httpx.Response:
    with path.open("rb") as file:
        return client.post(URL, files={"file": (path.name, file)}, data=fields)


def _dated(response: httpx.Response) -> list[dict[str, Any]]:
    """The error report's entries about the 反映时间 column."""
    assert response.status_code == 200, response.text
    return [row for row in response.json()["errorReport"] if row["column"] == "反映时间"]


def _error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == code
    message: str = error["message"]
    return message


async def test_an_admin_upload_of_a_workbook_writes_what_the_cli_writes(
    base: Neo4jStore, admin: TestClient, tmp_path: Path
) -> None:
    path = book(tmp_path)
    response = _upload(admin, path)
    assert response.status_code == 200, response.text
    body = response.json()
    summary = body["summary"]
    assert (summary["read"], summary["valid"], summary["written"], summary["rejected"]) == (
        10,
        10,
        10,
        0,
    )
    assert summary["dryRun"] is False and summary["seconds"] >= 0
    clean = {"skipped": 0, "skippedRows": [], "unknownColumns": []}
    assert summary["ledgers"] == {
        "communities": {"read": 2, "valid": 2, "written": 2, **clean},
        "organizations": {"read": 3, "valid": 3, "written": 3, **clean},
        "people": {"read": 2, "valid": 2, "written": 2, **clean},
        "issues": {"read": 3, "valid": 3, "written": 3, **clean},
    }
    assert body["errorReport"] == []
    uploaded = await snapshot(base)

    # Uploading the same file again changes nothing.
    assert _upload(admin, path).json()["summary"]["written"] == 10
    assert await snapshot(base) == uploaded

    await base.clear()
    await write_base(base)
    await import_ledger(base, read_ledger(path))
    assert await snapshot(base) == uploaded


async def test_gb18030_csv_uploads_give_the_graph_the_cli_gives(
    base: Neo4jStore, admin: TestClient, tmp_path: Path
) -> None:
    # Named in Chinese: a CSV's sheet is named after its file, so the name must survive upload.
    communities = csv_file(tmp_path / "社区.csv", COMMUNITIES, "gb18030")
    issues = csv_file(tmp_path / "问题台账.csv", ISSUES, "gb18030")
    for path, written in ((communities, 2), (issues, 3)):
        response = _upload(admin, path)
        assert response.status_code == 200, response.text
        assert response.json()["summary"]["written"] == written
    uploaded = await snapshot(base)
    assert sum("Issue" in node["labels"] for node in uploaded[0]) == 3

    await base.clear()
    await write_base(base)
    for path in (communities, issues):
        await import_ledger(base, read_ledger(path))
    assert await snapshot(base) == uploaded


async def test_a_dry_run_reports_and_writes_nothing(
    base: Neo4jStore, admin: TestClient, tmp_path: Path
) -> None:
    before = await snapshot(base)
    response = _upload(admin, book(tmp_path), dryRun="true")
    assert response.status_code == 200, response.text
    summary = response.json()["summary"]
    assert (summary["dryRun"], summary["valid"], summary["written"]) == (True, 10, 0)
    assert await snapshot(base) == before


def _utf16(tmp_path: Path) -> Path:
    return csv_file(tmp_path / "issues.csv", ISSUES, "utf-16")


def _missing_column(tmp_path: Path) -> Path:
    organizations = [[cell for i, cell in enumerate(row) if i != 2] for row in ORGANIZATIONS]
    return xlsx(tmp_path / "bad.xlsx", {"社区": COMMUNITIES, "单位": organizations})


def _not_a_workbook(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return path


def _not_a_spreadsheet(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_utf16, "既不是 UTF-8 也不是 GB18030"),
        (_missing_column, "缺少必填列 单位类型"),
        (_not_a_workbook, "不是可读的 .xlsx 工作簿"),
        (_not_a_spreadsheet, "只能导入 .xlsx 或 .csv 台账"),
    ],
)
async def test_a_malformed_file_is_refused_with_its_reason_and_writes_nothing(
    base: Neo4jStore, admin: TestClient, tmp_path: Path, make: Any, reason: str
) -> None:
    path = make(tmp_path)
    before = await snapshot(base)
    message = _error(_upload(admin, path), 400, "BAD_USER_INPUT")
    assert reason in message
    # The reason names the uploaded file, not where the server spooled it.
    assert message.startswith(f"{path.name}: ") and str(tmp_path) not in message
    assert "/tmp" not in message
    assert await snapshot(base) == before


async def test_bad_rows_come_back_as_the_error_report_and_the_good_ones_are_written(
    base: Neo4jStore, admin: TestClient, tmp_path: Path
) -> None:
    assert _upload(admin, csv_file(tmp_path / "communities.csv", COMMUNITIES)).status_code == 200
    response = _upload(admin, csv_file(tmp_path / "issues.csv", BAD_ISSUES))
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["summary"]["read"], body["summary"]["written"]) == (4, 1)
    assert body["summary"]["rejected"] == 3
    report = [(row["row"], row["column"], row["value"]) for row in body["errorReport"]]
    assert report == [
        (3, "反映时间", "2024-13-45"),
        (4, "反映渠道", "飞鸽传书"),
        (5, "所属社区", "幸福社区"),
    ]
    assert all(row["sheet"] == "issues" and row["reason"] for row in body["errorReport"])
    assert "幸福社区" in body["errorReport"][2]["reason"]
    [issue] = await base.query("MATCH (i:Issue) RETURN i.key AS key")
    assert issue["key"] == "issue/Q1"


async def test_a_mapping_and_a_ledger_kind_are_taken_as_the_cli_takes_them(
    base: Neo4jStore, admin: TestClient, tmp_path: Path
) -> None:
    path = csv_file(tmp_path / "orgs.csv", [["机构全称", "机构类别"], ["区中心医院", "医院"]])
    mapping = json.dumps({"organizations": {"机构全称": "name", "机构类别": "kind"}})
    with path.open("rb") as file:
        response = admin.post(
            URL,
            files={"file": (path.name, file), "mapping": ("map.json", mapping.encode())},
            data={"ledger": "organizations"},
        )
    assert response.status_code == 200, response.text
    assert response.json()["summary"]["ledgers"]["organizations"]["written"] == 1
    [row] = await base.query("MATCH (o:Organization) RETURN o.name AS name, o.kind AS kind")
    assert row == {"name": "区中心医院", "kind": "HOSPITAL"}
    # The mapping may also come as a plain form field.
    with path.open("rb") as file:
        again = admin.post(
            URL, files={"file": (path.name, file)}, data={"mapping": mapping, "dryRun": "1"}
        )
    assert again.json()["summary"]["valid"] == 1


async def test_malformed_requests_are_bad_user_input(
    base: Neo4jStore, admin: TestClient, tmp_path: Path
) -> None:
    path = book(tmp_path)
    assert "multipart/form-data" in _error(
        admin.post(URL, json={"file": "x"}), 400, "BAD_USER_INPUT"
    )
    assert "`file`" in _error(
        admin.post(URL, files={"other": ("a.csv", b"x")}), 400, "BAD_USER_INPUT"
    )
    assert "`ledger`" in _error(_upload(admin, path, ledger="widgets"), 400, "BAD_USER_INPUT")
    assert "`dryRun`" in _error(_upload(admin, path, dryRun="maybe"), 400, "BAD_USER_INPUT")
    assert "mapping" in _error(_upload(admin, path, mapping="{not json"), 400, "BAD_USER_INPUT")
    counts = await base.count_by_label()
    assert {label: n for label, n in counts.items() if n} == {"Category": 2, "Area": 1}


async def test_without_a_valid_token_the_upload_is_unauthenticated(
    base: Neo4jStore, settings: Settings, tmp_path: Path
) -> None:
    path = book(tmp_path)
    before = await snapshot(base)
    with TestClient(create_app(settings)) as anonymous:
        for headers in ({}, {"Authorization": "Bearer not-a-jwt"}):
            with path.open("rb") as file:
                response = anonymous.post(URL, files={"file": (path.name, file)}, headers=headers)
            _error(response, 401, "UNAUTHENTICATED")
            assert response.headers["www-authenticate"] == "Bearer"
    assert await snapshot(base) == before


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.OBSERVER, Role.VIEWER])
async def test_only_admins_may_import(
    base: Neo4jStore, settings: Settings, tmp_path: Path, role: Role
) -> None:
    before = await snapshot(base)
    with client_for(settings, role, sub="person/someone", org="org/center") as client:
        response = _upload(client, book(tmp_path))
    _error(response, 403, "FORBIDDEN")
    assert response.json()["errors"][0]["extensions"]["allowedRoles"] == ["ADMIN"]
    assert await snapshot(base) == before


async def test_an_oversize_upload_is_413_and_writes_nothing(
    base: Neo4jStore, settings: Settings, tmp_path: Path
) -> None:
    small = settings.model_copy(update={"max_upload_mb": 4 / 1024})
    path = csv_file(tmp_path / "issues.csv", [ISSUES[0], *[ISSUES[1]] * 200])
    assert path.stat().st_size > 4096
    before = await snapshot(base)
    with client_for(small) as client:
        message = _error(_upload(client, path), 413, "LIMIT_EXCEEDED")
        assert "LIANXIN_MAX_UPLOAD_MB" in message

        # Without a Content-Length (chunked), the limit holds while the body streams in.
        def chunks() -> Iterator[bytes]:
            yield b"--b\r\nContent-Disposition: form-data; name=file; filename=a.csv\r\n\r\n"
            yield from [b"x" * 1024] * 8
            yield b"\r\n--b--\r\n"

        streamed = client.post(
            URL, content=chunks(), headers={"Content-Type": "multipart/form-data; boundary=b"}
        )
        _error(streamed, 413, "LIMIT_EXCEEDED")
        assert "content-length" not in streamed.request.headers
    assert await snapshot(base) == before


async def test_the_log_names_the_importer_and_no_row_contents(
    base: Neo4jStore, admin: TestClient, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="lianxin")
    assert _upload(admin, book(tmp_path)).status_code == 200
    _upload(admin, csv_file(tmp_path / "issues.csv", ISSUES, "utf-16"))
    lines = [record.getMessage() for record in caplog.records if record.name == "lianxin.ledgers"]
    assert len(lines) == 2 and all("person/admin-zhou" in line for line in lines)
    logged = "\n".join(lines)
    for cell in ("王芳", "张三", "13800000000", "0546-1234567", "食堂就餐难"):
        assert cell not in logged


async def test_a_clerk_workbook_answers_its_skipped_rows_and_unknown_columns(
    base: Neo4jStore, admin: TestClient, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="lianxin")
    assert _upload(admin, csv_file(tmp_path / "社区.csv", COMMUNITIES)).status_code == 200
    response = _upload(admin, clerk_book(tmp_path / "问题台账.xlsx"))
    assert response.status_code == 200, response.text
    summary = response.json()["summary"]
    assert (summary["read"], summary["written"], summary["rejected"]) == (len(CLERK_ROWS), 3, 0)
    assert summary["skipped"] == len(CLERK_FOOTER)
    issues = summary["ledgers"]["issues"]
    assert issues["skipped"] == len(CLERK_FOOTER)
    assert issues["unknownColumns"] == ["序号", "反映人", "联系电话", "备注"]
    # Each skipped row by its number and the word it starts with.
    first = CLERK_DATA_ROWS[-1] + 1
    assert issues["skippedRows"] == [
        {"sheet": "问题台账", "row": first + n, "startsWith": word}
        for n, word in enumerate(["合计", "小计", "备注", "说明", "制表人"])
    ]
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "lianxin.ledgers")
    private = [str(row[CLERK_HEADERS.index(h)]) for row in CLERK_ROWS for h in CLERK_PRIVATE]
    for value in (v for v in private if v != "None"):
        assert value not in response.text and value not in logged


async def test_reasons_come_in_chinese_unless_english_is_asked_for(
    base: Neo4jStore, admin: TestClient, tmp_path: Path
) -> None:
    bad = [ISSUES[0], [*ISSUES[1][:5], "2024-13-45", *ISSUES[1][6:]]]
    path = csv_file(tmp_path / "issues.csv", bad)
    fields = {"dryRun": "true"}
    [chinese] = _dated(_upload(admin, path, **fields))
    assert chinese["code"] == "NOT_DATE" and chinese["row"] == 2
    assert chinese["reason"].startswith("第 2 行「反映时间」：「2024-13-45」不是日期")
    [english] = _dated(
        admin.post(URL + "?lang=en", files={"file": (path.name, path.read_bytes())}, data=fields)
    )
    assert english["code"] == "NOT_DATE"
    assert english["reason"].startswith("row 2, column 反映时间: '2024-13-45' is not a date")
    [by_header] = _dated(
        admin.post(
            URL,
            files={"file": (path.name, path.read_bytes())},
            data=fields,
            headers={"Accept-Language": "en-US,en;q=0.9"},
        )
    )
    assert by_header["reason"] == english["reason"]


async def test_a_refused_file_is_explained_in_english_on_request(
    base: Neo4jStore, admin: TestClient, tmp_path: Path
) -> None:
    path = _missing_column(tmp_path)
    with path.open("rb") as file:
        response = admin.post(URL + "?lang=en", files={"file": (path.name, file)})
    message = _error(response, 400, "BAD_USER_INPUT")
    assert "lacks the required column(s) 单位类型" in message
