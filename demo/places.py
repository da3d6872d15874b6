"""Places: the district, its five 片区 and the 44 handed-over communities."""

from __future__ import annotations

import random
from datetime import date
from typing import NamedTuple

from demo import keys
from demo.keys import Named
from demo.world import World
from graph.model import AreaLevel, Label, Rel


class Street(NamedTuple):
    """A 片区 with its centre point and the property company responsible for it."""

    slug: str
    name: str
    lat: float
    lon: float
    property_company: str


class Community(NamedTuple):
    """A handed-over community and the 片区 it belongs to."""

    slug: str
    name: str
    street: str


DISTRICT = Named("dongying", "东营区")

STREETS: tuple[Street, ...] = (
    Street("dongxin", "东辛片区", 37.452, 118.431, "胜利物业东辛分公司"),
    Street("wenhui", "文汇片区", 37.441, 118.505, "胜利物业文汇分公司"),
    Street("shengli", "胜利片区", 37.456, 118.478, "胜利物业胜采分公司"),
    Street("huanghelu", "黄河路片区", 37.430, 118.541, "胜利物业黄河路分公司"),
    Street("shengyuan", "圣园片区", 37.470, 118.522, "胜利物业圣园分公司"),
)

# 瑞景社区, 兴河小区 and 颐园小区 are named by the documents; the other 41 are invented.
COMMUNITIES: tuple[Community, ...] = (
    Community("xinxing", "辛兴小区", "dongxin"),
    Community("dongsheng", "东胜小区", "dongxin"),
    Community("yingbin", "迎宾小区", "dongxin"),
    Community("yonghe", "永和小区", "dongxin"),
    Community("xinfeng", "辛丰小区", "dongxin"),
    Community("huayuan", "华苑小区", "dongxin"),
    Community("jinhua", "锦华小区", "dongxin"),
    Community("kangju", "康居小区", "dongxin"),
    Community("heping", "和平小区", "dongxin"),
    Community("ruijing", "瑞景社区", "wenhui"),
    Community("yiyuan", "颐园小区", "wenhui"),
    Community("wenyuan", "文苑小区", "wenhui"),
    Community("chunhui", "春晖小区", "wenhui"),
    Community("qingfeng", "清风小区", "wenhui"),
    Community("lijing", "丽景小区", "wenhui"),
    Community("yihe", "怡和小区", "wenhui"),
    Community("xinyuan", "馨苑小区", "wenhui"),
    Community("cuiyuan", "翠苑小区", "wenhui"),
    Community("xinghe", "兴河小区", "shengli"),
    Community("shenghua", "胜华小区", "shengli"),
    Community("shenghong", "胜宏小区", "shengli"),
    Community("youcheng", "油城小区", "shengli"),
    Community("zuanjing", "钻井小区", "shengli"),
    Community("caiyou", "采油小区", "shengli"),
    Community("mingzhu", "明珠小区", "shengli"),
    Community("jinhu", "金湖小区", "shengli"),
    Community("zhenxing", "振兴小区", "shengli"),
    Community("hepan", "河畔小区", "huanghelu"),
    Community("haiyun", "海韵小区", "huanghelu"),
    Community("luzhou", "绿洲小区", "huanghelu"),
    Community("huimin", "惠民小区", "huanghelu"),
    Community("fuxiang", "福祥小区", "huanghelu"),
    Community("heshun", "和顺小区", "huanghelu"),
    Community("yongan", "永安小区", "huanghelu"),
    Community("xinhua", "新华小区", "huanghelu"),
    Community("chaoyang", "朝阳小区", "huanghelu"),
    Community("yucai", "育才小区", "shengyuan"),
    Community("youyi", "友谊小区", "shengyuan"),
    Community("xingfu", "幸福小区", "shengyuan"),
    Community("guangming", "光明小区", "shengyuan"),
    Community("taihe", "泰和小区", "shengyuan"),
    Community("antai", "安泰小区", "shengyuan"),
    Community("chenyang", "晨阳小区", "shengyuan"),
    Community("qiushi", "秋实小区", "shengyuan"),
)

# 颐园小区 was demolished for renovation in 2022, so it has no happiness observer.
UNOBSERVED_COMMUNITY = "yiyuan"


def build(w: World) -> None:
    """Add the district, its 片区 and its communities."""
    rng = random.Random(101)
    b = w.b
    district = b.node(Label.AREA, DISTRICT.slug, name=DISTRICT.name, level=AreaLevel.DISTRICT.value)
    centres: dict[str, tuple[float, float]] = {}
    for street in STREETS:
        street_key = b.node(
            Label.AREA,
            street.slug,
            name=street.name,
            level=AreaLevel.STREET.value,
            lat=street.lat,
            lon=street.lon,
            provincialUrbanRenewalPilot=True if street.slug == "dongxin" else None,
        )
        b.link(Rel.PART_OF, street_key, district)
        w.parents[street_key] = district
        centres[street.slug] = (street.lat, street.lon)
    for community in COMMUNITIES:
        lat, lon = centres[community.street]
        community_key = b.node(
            Label.COMMUNITY,
            community.slug,
            name=community.name,
            level=AreaLevel.COMMUNITY.value,
            lat=round(lat + rng.uniform(-0.012, 0.012), 5),
            lon=round(lon + rng.uniform(-0.015, 0.015), 5),
            households=rng.randrange(600, 3200, 10),
            handedOverOn=date(2019, rng.choice((6, 9, 12)), 30),
        )
        street_key = keys.area(community.street)
        b.link(Rel.PART_OF, community_key, street_key)
        w.parents[community_key] = street_key
        w.street_of[community_key] = street_key
