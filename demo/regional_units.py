"""Regional units: the local businesses and institutions the center serves, by community."""

from __future__ import annotations

import random

from demo import keys
from demo.organizations import organization
from demo.places import COMMUNITIES
from demo.world import World
from graph.model import OrgKind, Rel

REGIONAL_UNIT_KINDS: tuple[str, ...] = (
    "幼儿园",
    "卫生服务站",
    "警务室",
    "邮政支局",
    "银行营业所",
    "加油站",
    "物流公司",
    "建筑安装公司",
    "商贸公司",
    "汽车维修厂",
    "宾馆",
    "培训学校",
    "社区食堂",
    "养老服务中心",
    "供销社",
    "农贸市场",
    "药房",
    "酒店",
    "文化传媒公司",
    "电子科技公司",
    "环保科技公司",
    "机械加工厂",
    "石油技术服务公司",
    "钻采设备公司",
    "化工有限公司",
    "新材料公司",
    "家政服务公司",
    "律师事务所",
    "会计师事务所",
    "快递服务站",
)
REGIONAL_UNIT_COUNT = 376


def build(w: World) -> None:
    """Add the regional units, spread over the communities."""
    rng = random.Random(202)
    extra = set(rng.sample(range(len(COMMUNITIES)), REGIONAL_UNIT_COUNT % len(COMMUNITIES)))
    per_community = REGIONAL_UNIT_COUNT // len(COMMUNITIES)
    for index, community in enumerate(COMMUNITIES):
        count = per_community + (1 if index in extra else 0)
        place = community.name[:-2]
        for n, kind in enumerate(rng.sample(REGIONAL_UNIT_KINDS, count), start=1):
            unit = organization(
                w, f"regional-{community.slug}-{n:02d}", f"{place}{kind}", OrgKind.REGIONAL_UNIT
            )
            w.b.link(Rel.LOCATED_IN, unit, keys.community(community.slug))
