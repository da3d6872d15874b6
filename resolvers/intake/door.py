"""The public form behind a link's code: what the page shows, and a resident's report.

Nothing here acts as a principal: a code reaches its one link, and a report is taken by the
same lifecycle as every other intake, its events recorded as the resident of the receipt.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph.cypher.intake import OPEN_INTAKE_LINK
from graph.model import Channel
from graph.records import native
from graph.store import Neo4jStore
from resolvers.clock import Clock, local_now
from resolvers.desk import Report, draft_of
from resolvers.errors import ApiError, BadUserInput, NotFound
from resolvers.intake.codes import IntakeCodes, digest, new_receipt, status_path
from resolvers.lifecycle import Lifecycle

log = logging.getLogger("lianxin.intake")

MAX_TITLE = 100
MAX_DESCRIPTION = 2000
MAX_NAME = 20
# The page makes a random id per report (a UUID): short ids could meet another resident's.
CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{16,100}")
MOBILE = re.compile(r"1[3-9]\d{9}")
# An area code and a local number, or a local number alone.
LANDLINE = re.compile(r"0\d{2,3}[2-9]\d{6,7}|[2-9]\d{6,7}")
PHONE_SEPARATORS = re.compile(r"[\s()（）-]")

UNKNOWN_LINK = "二维码无效：请核对后重新扫码，或拨打服务电话 {phone} 反映。"
GONE_LINK = "此二维码已停用，请拨打服务电话 {phone} 反映问题。"


class LinkGone(ApiError):
    """The link was revoked or has expired."""

    code = "GONE"


def resident_actor(receipt: str) -> str:
    """Who a QR report's events name as their actor: the resident holding the receipt."""
    return f"resident:{receipt}"


@dataclass(frozen=True)
class Posted:
    """A resident's report as posted, checked."""

    client_request_id: str
    category: str
    title: str
    description: str | None
    name: str | None
    phone: str | None
    anonymous: bool


@dataclass(frozen=True)
class Receipt:
    """What a resident keeps: the receipt number and the private status path."""

    receipt: str
    status_path: str
    created: bool


@dataclass(frozen=True)
class _Known:
    """A node already looked up, as the desk's Named."""

    value: str

    async def key(self) -> str:
        return self.value


@dataclass
class Door:
    """The public intake of one service: link codes to the form, reports to the lifecycle."""

    store: Neo4jStore
    codes: IntakeCodes
    service_phone: str
    clock: Clock = local_now

    def link_key(self, code: str) -> str:
        """The link a code names; NOT_FOUND when it was not made here (tampered or made up)."""
        key = self.codes.key(code)
        if key is None:
            raise NotFound(UNKNOWN_LINK.format(phone=self.service_phone))
        return key

    async def form(self, code: str) -> dict[str, Any]:
        """What the form shows: the place, the link's label, categories and the service phone."""
        row = await self._open(self.link_key(code), None, with_categories=True)
        return {
            "place": {"name": row["placeName"], "kind": row["placeKind"]},
            "label": row["label"],
            "categories": [
                {
                    "id": category_id(category["key"]),
                    "name": category["name"],
                    "parent": category_id(category["parent"]) if category["parent"] else None,
                }
                for category in row["categories"]
            ],
            "servicePhone": self.service_phone,
        }

    async def report(self, code: str, body: Mapping[str, Any]) -> Receipt:
        """File a report at the link's place; a resubmission answers the first receipt."""
        link = self.link_key(code)
        posted = parse_report(body)
        row = await self._open(link, posted.category, with_categories=False)
        if not row["categoryKnown"]:
            raise BadUserInput("所选问题类别不存在，请重新选择。", field="category")
        receipt = new_receipt(self.clock())
        secret = self.codes.status_secret(link, posted.client_request_id)
        report = Report(
            title=posted.title,
            channel=Channel.QR_CODE,
            category=_Known(posted.category),
            area=_Known(row["area"]),
            description=posted.description,
            reporter_name=posted.name,
            reporter_phone=posted.phone,
            anonymous=posted.anonymous,
            # Scoped to the link: the same id from another link is another report.
            client_request_id=f"{link}:{posted.client_request_id}",
        )
        extra = {"receipt": receipt, "statusDigest": digest(secret), "intakeLink": link}
        lifecycle = Lifecycle(self.store, actor=resident_actor(receipt), clock=self.clock)
        reported = await lifecycle.report(await draft_of(report, extra))
        created = reported.created
        if not created and reported.issue is not None:
            # The first report's receipt, as the write read it: no second round trip.
            receipt = reported.issue.get("receipt") or receipt
        log.info("QR report %s via %s (%s)", receipt, link, "new" if created else "resubmitted")
        return Receipt(receipt, status_path(secret), created)

    async def _open(
        self, link: str, category: str | None, *, with_categories: bool
    ) -> dict[str, Any]:
        rows = await self.store.query(
            OPEN_INTAKE_LINK, key=link, category=category, withCategories=with_categories
        )
        if not rows:
            raise NotFound(UNKNOWN_LINK.format(phone=self.service_phone))
        row = rows[0]
        expires: dt.date | None = native(row["expiresOn"])
        expired = expires is not None and expires < self.clock().date()
        # A place that has since lost its area cannot locate a report: the link is out of use.
        if row["revoked"] or expired or row["area"] is None:
            raise LinkGone(GONE_LINK.format(phone=self.service_phone))
        return row


def category_id(key: str) -> str:
    """A category's ID as GraphQL gives it (a Relay global ID), so both APIs name it alike."""
    return base64.b64encode(f"Category:{key}".encode()).decode()


def parse_report(body: Mapping[str, Any]) -> Posted:
    """Check a posted report field by field; each refusal says in Chinese what to fix."""
    anonymous = body.get("anonymous", False)
    if not isinstance(anonymous, bool):
        raise BadUserInput("anonymous 须为 true 或 false。", field="anonymous")
    name = _text(body, "name", "姓名", MAX_NAME, required=False)
    phone = _phone(body.get("phone"))
    if anonymous and (name is not None or phone is not None):
        raise BadUserInput("匿名反映请不要填写姓名和电话。", field="anonymous")
    # As reportIssue's resident: a name and a phone number together, or neither.
    if name is not None and phone is None:
        raise BadUserInput("留下姓名时请一并留下联系电话，或选择匿名反映。", field="phone")
    if phone is not None and name is None:
        raise BadUserInput("留下联系电话时请一并填写姓名，或选择匿名反映。", field="name")
    title = _text(body, "title", "标题", MAX_TITLE, required=True)
    assert title is not None
    return Posted(
        client_request_id=_client_request_id(body.get("clientRequestId")),
        category=_category(body.get("category")),
        title=title,
        description=_text(body, "description", "问题描述", MAX_DESCRIPTION, required=False),
        name=name,
        phone=phone,
        anonymous=anonymous,
    )


def _client_request_id(value: Any) -> str:
    if not isinstance(value, str) or not CLIENT_ID.fullmatch(value):
        raise BadUserInput(
            "请求编号 clientRequestId 须为 16 至 100 位字母、数字、- 或 _，由页面随机生成。",
            field="clientRequestId",
        )
    return value


def _category(value: Any) -> str:
    refusal = BadUserInput("请选择问题类别。", field="category")
    if not isinstance(value, str) or not value:
        raise refusal
    try:
        type_name, _, key = base64.b64decode(value, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        raise refusal from None
    if type_name != "Category" or not key:
        raise refusal
    return key


def _text(
    body: Mapping[str, Any], field: str, name: str, limit: int, *, required: bool
) -> str | None:
    value = body.get(field)
    if value is None or (isinstance(value, str) and not value.strip() and not required):
        if required:
            raise BadUserInput(f"请填写{name}（1 至 {limit} 字）。", field=field)
        return None
    if not isinstance(value, str):
        raise BadUserInput(f"{name}须为文字。", field=field)
    value = value.strip()
    if not value:
        raise BadUserInput(f"请填写{name}（1 至 {limit} 字）。", field=field)
    if len(value) > limit:
        raise BadUserInput(f"{name}不能超过 {limit} 字（现有 {len(value)} 字）。", field=field)
    return value


def _phone(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    refusal = BadUserInput(
        "联系电话格式不对：请填写 11 位手机号（如 13812345678）或固定电话（如 0546-8123456）。",
        field="phone",
    )
    if not isinstance(value, str):
        raise refusal
    digits = PHONE_SEPARATORS.sub("", value)
    if not (MOBILE.fullmatch(digits) or LANDLINE.fullmatch(digits)):
        raise refusal
    return digits
