"""Planning: a relocation project as a GeoJSON map of compounds, new sites and moves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graph.cypher.planning import RELOCATION_MAP
from graph.model import ProjectKind
from graph.records import native
from graph.store import Neo4jStore
from resolvers.errors import BadUserInput, NotFound

GeoJson = dict[str, Any]


async def relocation_map(store: Neo4jStore, key: str) -> GeoJson:
    """A FeatureCollection (RFC 7946) of a relocation project's compounds, sites and moves."""
    rows = await store.query(RELOCATION_MAP, key=key)
    if not rows:
        raise NotFound(f"no Project with key {key!r}", key=key)
    [row] = rows
    if row["kind"] != ProjectKind.RELOCATION:
        raise BadUserInput(
            f"project {row['name']} is a {row['kind']} project, not a relocation",
            field="project",
        )
    compounds: list[GeoJson] = []
    sites: dict[str, GeoJson] = {}
    moves: list[GeoJson] = []
    for move in row["moves"]:
        day = native(move["movedOn"])
        moved_on = day.isoformat() if day is not None else None
        origin = _position(move)
        site = move["site"] or {}
        target = _position(site)
        if origin is not None:
            properties = {
                "kind": "compound",
                "key": move["key"],
                "name": move["name"],
                "landMu": move["landMu"],
                "owner": move["owner"],
                "movedOn": moved_on,
            }
            compounds.append(_feature(move["key"], "Point", origin, properties))
        if target is not None and site["key"] not in sites:
            properties = {"kind": "site", "key": site["key"], "name": site["name"]}
            sites[site["key"]] = _feature(site["key"], "Point", target, properties)
        if origin is not None and target is not None:
            properties = {
                "kind": "move",
                "unit": move["owner"],
                "from": move["name"],
                "to": site["name"],
                "movedOn": moved_on,
                "landMu": move["landMu"],
            }
            line_id = f"{move['key']}->{site['key']}"
            moves.append(_feature(line_id, "LineString", [origin, target], properties))
    features = [*compounds, *sites.values(), *moves]
    collection: GeoJson = {"type": "FeatureCollection", "features": features}
    box = _bbox(_positions(features))
    if box is not None:
        collection["bbox"] = box
    return collection


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
