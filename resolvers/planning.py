"""Planning: a relocation project as a GeoJSON map of compounds, new sites and moves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graph.cypher.planning import RELOCATION_MAP
from graph.model import ProjectKind
from graph.records import native
from graph.store import Neo4jStore
from resolvers.errors import BadUserInput, NotFound
from resolvers.moves.progress import MoveFacts, progress

GeoJson = dict[str, Any]


async def relocation_map(store: Neo4jStore, key: str) -> GeoJson:
    """A relocation as a FeatureCollection (RFC 7946): compounds, sites, moves, progress."""
    rows = await store.query(RELOCATION_MAP, key=key)
    if not rows:
        raise NotFound(f"no Project with key {key!r}", key=key)
    [row] = rows
    if row["kind"] != ProjectKind.RELOCATION:
        raise BadUserInput(
            f"project {row['name']} is a {row['kind']} project, not a relocation",
            field="project",
        )
    compounds: dict[str, GeoJson] = {}
    sites: dict[str, GeoJson] = {}
    moves: list[GeoJson] = []
    for move in row["moves"]:
        state = {
            "move": move["move"],
            "status": move["status"],
            "plannedOn": _day(move["plannedOn"]),
            "movedOn": _day(move["movedOn"]),
        }
        unit = (move["unit"] or {}).get("name")
        compound = move["compound"] or {}
        site = move["site"] or {}
        origin = _position(compound)
        target = _position(site)
        if origin is not None and compound["key"] not in compounds:
            properties = {
                "kind": "compound",
                "key": compound["key"],
                "name": compound["name"],
                "landMu": move["landMu"],
                "owner": unit,
                **state,
            }
            compounds[compound["key"]] = _feature(compound["key"], "Point", origin, properties)
        if target is not None and site["key"] not in sites:
            properties = {"kind": "site", "key": site["key"], "name": site["name"]}
            sites[site["key"]] = _feature(site["key"], "Point", target, properties)
        if origin is not None and target is not None:
            properties = {
                "kind": "move",
                "unit": unit,
                "from": compound["name"],
                "to": site["name"],
                "landMu": move["landMu"],
                "note": move["note"],
                **state,
            }
            line_id = f"{compound['key']}->{site['key']}"
            moves.append(_feature(line_id, "LineString", [origin, target], properties))
    features = [*compounds.values(), *sites.values(), *moves]
    collection: GeoJson = {"type": "FeatureCollection", "features": features}
    box = _bbox(_positions(features))
    if box is not None:
        collection["bbox"] = box
    # A foreign member (RFC 7946 §6.1): the figures the map's moves add up to.
    collection["progress"] = _progress(row)
    return collection


def _progress(row: Mapping[str, Any]) -> dict[str, Any]:
    facts = [
        MoveFacts(
            key=move["move"],
            status=move["status"],
            moved_on=native(move["movedOn"]),
            land_mu=move["landMu"],
            unit=(move["unit"] or {}).get("key"),
        )
        for move in row["moves"]
    ]
    figures = progress(native(row["startDate"]), native(row["endDate"]), facts)
    return {
        "unitsMoved": figures.units_moved,
        "unitsTotal": figures.units_total,
        "movesDone": figures.moves_done,
        "movesTotal": figures.moves_total,
        "daysUsed": figures.days_used,
        "daysPlanned": figures.days_planned,
        "landFreedMu": figures.land_freed_mu,
        "landTotalMu": figures.land_total_mu,
        "blocked": list(figures.blocked),
    }


def _day(value: Any) -> str | None:
    day = native(value)
    return day.isoformat() if day is not None else None


def _position(place: Mapping[str, Any]) -> list[float] | None:
    # GeoJSON positions are [longitude, latitude], the reverse of how people say them.
    if place.get("lon") is None or place.get("lat") is None:
        return None
    return [float(place["lon"]), float(place["lat"])]


def _feature(id: str, geometry: str, coordinates: Any, properties: Mapping[str, Any]) -> GeoJson:
    return {
        "type": "Feature",
        "id": id,
        "geometry": {"type": geometry, "coordinates": coordinates},
        "properties": dict(properties),
    }


def _positions(features: Iterable[GeoJson]) -> list[list[float]]:
    found: list[list[float]] = []
    for feature in features:
        geometry = feature["geometry"]
        if geometry["type"] == "Point":
            found.append(geometry["coordinates"])
        else:
            found.extend(geometry["coordinates"])
    return found


def _bbox(positions: list[list[float]]) -> list[float] | None:
    if not positions:
        return None
    lons = [lon for lon, _ in positions]
    lats = [lat for _, lat in positions]
    return [min(lons), min(lats), max(lons), max(lats)]
