"""Health stations at the oil and gas units, and the staff posted to them."""

from __future__ import annotations

from datetime import date

from demo import keys
from demo.organizations import PLANTS, STANDALONE_OIL_GAS_UNITS
from demo.people import person
from demo.world import World
from graph.model import Label, PersonRole, Rel

# 新春油区 lies in the Junggar basin, far from any hospital: its station never closes.
REMOTE_UNIT = "xinchun"


def build(w: World) -> None:
    """Add the health stations and their staff."""
    units = [f"{slug}-{n}" for slug, _, count in PLANTS for n in range(1, count + 1)]
    units += [u.slug for u in STANDALONE_OIL_GAS_UNITS]
    names = {row["key"]: row["name"] for row in w.b.nodes[Label.ORGANIZATION]}
    stations = []
    for slug in units:
        remote = slug == REMOTE_UNIT
        station = w.b.node(
            Label.STATION,
            slug,
            name=f"{names[keys.org(slug)]}健康驿站",
            services=["健康监测", "健康干预", "健康教育", "健康评估"],
            roundTheClock=remote,
            openedOn=date(2021, 3, 1),
        )
        w.b.link(Rel.PART_OF, station, keys.org(slug))
        stations.append(station)
    # Two staff per station, two more at the remote Xinjiang one, one more at the first two: 86.
    postings = stations * 2 + [keys.of(Label.STATION, REMOTE_UNIT)] * 2 + stations[:2]
    health = keys.org("health-services")
    for n, station in enumerate(postings, start=1):
        staff = person(w, f"health-staff-{n:02d}", (PersonRole.STAFF,), "健康管理师")
        w.b.link(Rel.STATIONED_AT, staff, station)
        w.b.link(Rel.MEMBER_OF, staff, health, role="MEMBER")
