"""Issue categories: a tree with six roots."""

from __future__ import annotations

from typing import NamedTuple

from demo import keys
from demo.world import World
from graph.model import Label, Rel


class CategoryDef(NamedTuple):
    """A category and its parent slug (None for a root)."""

    slug: str
    name: str
    parent: str | None


CATEGORIES: tuple[CategoryDef, ...] = (
    CategoryDef("community-services", "社区服务", None),
    CategoryDef("property", "物业服务", "community-services"),
    CategoryDef("elevator", "电梯维修", "property"),
    CategoryDef("building-repair", "房屋维修", "property"),
    CategoryDef("parking", "停车管理", "property"),
    CategoryDef("lighting", "公共照明", "property"),
    CategoryDef("water", "供水排水", "community-services"),
    CategoryDef("water-supply", "供水", "water"),
    CategoryDef("sewage", "污水排放", "water"),
    CategoryDef("drainage", "雨水排涝", "water"),
    CategoryDef("heating", "供暖", "community-services"),
    CategoryDef("power", "供电", "community-services"),
    CategoryDef("gas", "燃气", "community-services"),
    CategoryDef("sanitation", "环境卫生", "community-services"),
    CategoryDef("garbage", "垃圾清运", "sanitation"),
    CategoryDef("greening", "绿化养护", "sanitation"),
    CategoryDef("transport", "交通出行", "community-services"),
    CategoryDef("bus", "公交出行", "transport"),
    CategoryDef("roads", "道路维护", "transport"),
    CategoryDef("livelihood", "民生保障", None),
    CategoryDef("medical", "医疗医保", "livelihood"),
    CategoryDef("medical-insurance", "医保结算", "medical"),
    CategoryDef("medical-care", "看病就医", "medical"),
    CategoryDef("education", "教育", "livelihood"),
    CategoryDef("enrollment", "入学就读", "education"),
    CategoryDef("childcare", "子女托管", "education"),
    CategoryDef("dining", "就餐/食堂", "livelihood"),
    CategoryDef("employee-services", "员工服务", "livelihood"),
    CategoryDef("housing-fund", "公积金", "employee-services"),
    CategoryDef("property-registration", "不动产登记", "employee-services"),
    CategoryDef("retiree-services", "离退休服务", "livelihood"),
    CategoryDef("suggestions", "合理化建议", None),
    CategoryDef("opinions", "意见建议", "suggestions"),
    CategoryDef("site-logistics", "后勤保障", None),
    CategoryDef("heat-relief", "防暑降温", "site-logistics"),
    CategoryDef("shopping", "生活购物", "site-logistics"),
    CategoryDef("labor-registration", "劳务实名制", "site-logistics"),
    CategoryDef("safety-training", "安全培训", "site-logistics"),
    CategoryDef("worker-dining", "职工餐饮", "site-logistics"),
    CategoryDef("operations", "经营管理", None),
    CategoryDef("equipment", "设备物资", "operations"),
    CategoryDef("staffing", "劳务用工", "operations"),
    CategoryDef("procurement", "采购管理", "operations"),
    CategoryDef("informatization", "信息化", "operations"),
    CategoryDef("administration", "综合管理", "operations"),
)


def build(w: World) -> None:
    """Add the category tree."""
    for category in CATEGORIES:
        category_key = w.b.node(Label.CATEGORY, category.slug, name=category.name)
        if category.parent is not None:
            parent = keys.category(category.parent)
            w.b.link(Rel.PART_OF, category_key, parent)
            w.parents[category_key] = parent
