"""Open311 GeoReport v2: our categories and issues in the spec's words, and intake from it."""

from __future__ import annotations

import datetime as dt
import hmac
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.cypher.open311 import (
    OPEN311_AREAS_NAMED,
    OPEN311_NEAREST_COMMUNITY,
    OPEN311_REQUESTS,
    OPEN311_SERVICE,
    OPEN311_SERVICES,
)
from graph.model import Channel, IssueState
from graph.records import native
from graph.store import Neo4jStore
from graph.zone import stamp
from resolvers.errors import BadUserInput, Forbidden, NotFound
from resolvers.lifecycle import TERMINAL, IssueDraft, Lifecycle
from resolvers.redaction import redact

# The spec's default page: at most 1000 requests from at most the last 90 days.
MAX_REQUESTS = 1000
WINDOW = dt.timedelta(days=90)
# A point further than this from every community is not ours to file.
MAX_DISTANCE_METRES = 20_000.0
# Open311 clients are apps, and 码上反映 (QR_CODE) is our app-style intake.
CHANNEL = Channel.QR_CODE
ACTOR = "open311"
TITLE_LENGTH = 60
NOTICE = (
    "已受理 Received. Contact details (email, name, phone) are not stored by this endpoint; "
    "follow the request by its service_request_id."
)

OPEN_STATES = frozenset(state.value for state in IssueState if state not in TERMINAL)
CLOSED_STATES = frozenset(state.value for state in TERMINAL)
STATUS_STATES: Mapping[str, frozenset[str]] = {"open": OPEN_STATES, "closed": CLOSED_STATES}

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True)
class RequestFilter:
    """What GET requests asks for; listed ids override everything else, as the spec says."""

    ids: list[str] | None
    service_code: str | None
    start: dt.datetime
    end: dt.datetime
    states: frozenset[str]


def spec_status(state: str) -> str:
    """Terminal states are `closed`; every other state is `open`."""
    return "closed" if state in CLOSED_STATES else "open"


def parse_filter(params: Mapping[str, str], now: dt.datetime) -> RequestFilter:
    """Read the spec's GET requests parameters, defaulting to the last 90 days."""
    ids = _split(params.get("service_request_id"))
    start = _datetime(params, "start_date")
    end = _datetime(params, "end_date")
    if end is None:
        end = now if start is None else start + WINDOW
    if start is None:
        start = end - WINDOW
    if start > end:
        raise BadUserInput("start_date must not be after end_date")
    if end - start > WINDOW:
        raise BadUserInput("start_date and end_date may not span more than 90 days")
    statuses = _split(params.get("status")) or list(STATUS_STATES)
    unknown = [status for status in statuses if status not in STATUS_STATES]
    if unknown:
        raise BadUserInput(f"status must be open or closed, not {', '.join(unknown)}")
    states = frozenset().union(*(STATUS_STATES[status] for status in statuses))
    code = (params.get("service_code") or "").strip() or None
    return RequestFilter(ids or None, code, start, end, states)


async def services(store: Neo4jStore) -> list[dict[str, Any]]:
    """Every category as a realtime service without extra attributes."""
    rows = await store.query(OPEN311_SERVICES)
    return [
        {
            "service_code": row["code"],
            "service_name": row["name"],
            "description": row["description"] or row["name"],
            "metadata": False,
            "type": "realtime",
            "keywords": _keywords(row["keywords"]),
            "group": row["grp"],
        }
        for row in rows
    ]


async def requests(store: Neo4jStore, wanted: RequestFilter) -> list[dict[str, Any]]:
    """The newest matching requests, at most MAX_REQUESTS."""
    rows = await store.query(
        OPEN311_REQUESTS,
        ids=wanted.ids,
        start=stamp(wanted.start),
        end=stamp(wanted.end),
        states=sorted(wanted.states),
        serviceCode=wanted.service_code,
        limit=MAX_REQUESTS,
    )
    return [_request(row) for row in rows]


async def request(store: Neo4jStore, key: str) -> list[dict[str, Any]]:
    """One request as a one-element list; NOT_FOUND if there is none."""
    rows = await store.query(
        OPEN311_REQUESTS,
        ids=[key],
        start=None,
        end=None,
        states=[],
        serviceCode=None,
        limit=1,
    )
    if not rows:
        raise NotFound(f"service_request_id {key} was not found")
    return [_request(rows[0])]


async def submit(
    store: Neo4jStore, params: Mapping[str, str], api_keys: frozenset[str], clock: Clock
) -> list[dict[str, Any]]:
    """File a POSTed request as a new issue in RECEIVED; contact fields are dropped."""
    _check_key(params.get("api_key"), api_keys)
    code = (params.get("service_code") or "").strip()
    if not code:
        raise BadUserInput("service_code is required")
    found = await store.query(OPEN311_SERVICE, code=code)
    if not found:
        raise BadUserInput(f"service_code {code} is not a service; see services.json")
    area = await _locate(store, params)
    description = (params.get("description") or "").strip() or None
    request_id = (params.get("client_request_id") or "").strip() or None
    draft = IssueDraft(
        title=_title(description, found[0]["name"]),
        channel=CHANNEL,
        category=code,
        area=area,
        description=description,
        # Namespaced so an Open311 client cannot collide with a GraphQL client's ids.
        client_request_id=None if request_id is None else f"open311/{request_id}",
    )
    reported = await Lifecycle(store, ACTOR, clock).report(draft)
    return [{"service_request_id": reported.key, "service_notice": NOTICE, "account_id": None}]


def _check_key(given: str | None, api_keys: frozenset[str]) -> None:
    # Compare against every key in constant time so the answer leaks nothing about them.
    candidate = (given or "").encode()
    matched = False
    for key in api_keys:
        matched |= hmac.compare_digest(candidate, key.encode())
    if not given or not matched:
        raise Forbidden("api_key is missing or not valid")


async def _locate(store: Neo4jStore, params: Mapping[str, str]) -> str:
    """The area key a request's location names: address_id, then lat/long, then address."""
    address_id = (params.get("address_id") or "").strip()
    if address_id:
        rows = await store.query(OPEN311_AREAS_NAMED, text=address_id)
        if not any(row["key"] == address_id for row in rows):
            raise BadUserInput(f"address_id {address_id} is not a known area")
        return address_id
    lat, lon = params.get("lat"), params.get("long")
    if lat or lon:
        return await _nearest(store, _coordinate(lat, "lat", 90), _coordinate(lon, "long", 180))
    address = (params.get("address_string") or "").strip()
    if address:
        return await _named(store, address)
    raise BadUserInput("a location is required: lat and long, address_string or address_id")


async def _nearest(store: Neo4jStore, lat: float, lon: float) -> str:
    rows = await store.query(OPEN311_NEAREST_COMMUNITY, lat=lat, lon=lon)
    if not rows or rows[0]["metres"] > MAX_DISTANCE_METRES:
        raise BadUserInput(f"no community within {MAX_DISTANCE_METRES / 1000:g} km of lat/long")
    key: str = rows[0]["key"]
    return key


async def _named(store: Neo4jStore, address: str) -> str:
    rows = await store.query(OPEN311_AREAS_NAMED, text=address)
    # An exact match wins; otherwise the most specific area named inside the address
    # (a compound over its community over its street), then the longest name.
    candidates = [row for row in rows if row["exact"]] or rows
    if not candidates:
        raise BadUserInput(f"address_string {address} names no known community or area")
    best = max((row["depth"], len(row["name"])) for row in candidates)
    chosen: list[str] = sorted(
        {row["key"] for row in candidates if (row["depth"], len(row["name"])) == best}
    )
    if len(chosen) > 1:
        raise BadUserInput(f"address_string is ambiguous ({', '.join(chosen)}); send address_id")
    return chosen[0]


def _coordinate(value: str | None, name: str, limit: float) -> float:
    try:
        number = float(value or "")
    except ValueError:
        raise BadUserInput(f"{name} must be a number") from None
    if not math.isfinite(number) or abs(number) > limit:
        raise BadUserInput(f"{name} must be between -{limit:g} and {limit:g}")
    return number


def _request(row: Mapping[str, Any]) -> dict[str, Any]:
    category = row["category"] or {}
    area = row["area"] or {}
    position = row["position"] or {}
    return {
        "service_request_id": row["key"],
        "status": spec_status(row["state"]),
        "status_notes": row["state"],
        "service_name": category.get("name"),
        "service_code": category.get("key"),
        # Public: what a resident wrote may hold numbers and names that are not for everyone.
        "description": redact(row["description"] or row["title"], row["reporters"]),
        "agency_responsible": row["agency"],
        "service_notice": None,
        "requested_datetime": _iso(row["reportedAt"]),
        "updated_datetime": _iso(row["updatedAt"] or row["reportedAt"]),
        "expected_datetime": _iso(row["resolveDueAt"]),
        "address": area.get("name"),
        "address_id": area.get("key"),
        "zipcode": None,
        "lat": position.get("lat"),
        "long": position.get("lon"),
        "media_url": None,
    }


def _title(description: str | None, service_name: str) -> str:
    if description is None:
        return service_name
    line = description.splitlines()[0].strip()
    return line if len(line) <= TITLE_LENGTH else line[: TITLE_LENGTH - 1] + "…"


def _keywords(value: Any) -> str | None:
    if isinstance(value, list):
        return ",".join(str(item) for item in value)
    return None if value is None else str(value)


def _iso(value: Any) -> str | None:
    value = native(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    return None if value is None else str(value)


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _datetime(params: Mapping[str, str], name: str) -> dt.datetime | None:
    value = (params.get(name) or "").strip()
    if not value:
        return None
    # An unencoded '+' in a query string arrives as a space: put the offset's sign back.
    if "T" in value and " " in value:
        value = value.replace(" ", "+")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise BadUserInput(f"{name} must be an ISO 8601 datetime") from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)
