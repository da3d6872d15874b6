"""Organizations: the oilfield, the center, the government and the units they work with."""

from __future__ import annotations

from demo import keys
from demo.keys import Named
from demo.places import DISTRICT, STREETS
from demo.world import World
from graph.model import Label, OrgKind, Rel

CENTER = Named("center", "西城服务协调中心")
OILFIELD = Named("shengli-oilfield", "胜利油田")

CENTER_DEPARTMENTS: tuple[Named, ...] = (
    Named("employee-services", "员工服务部"),
    Named("regional-coordination", "区域协调部"),
    Named("party-affairs", "党群工作部"),
    Named("health-services", "健康服务部"),
    Named("wenhui-residents", "文汇居民事务项目部"),
    Named("medical-supply", "供应医疗卫生项目部"),
    Named("shengjian-hall", "胜建大厦员工服务大厅"),
    Named("shengcai-hall", "胜采员工服务大厅"),
    Named("retiree-services", "离退休服务部"),
    Named("childcare", "子女托管服务部"),
)

GOVERNMENT = Named("dongying-government", "东营区人民政府")

GOV_DEPARTMENTS: tuple[Named, ...] = (
    Named("medical-insurance-bureau", "东营区医疗保障局"),
    Named("housing-bureau", "东营区住房和城乡建设局"),
    Named("education-bureau", "东营区教育局"),
    Named("health-commission", "东营区卫生健康局"),
    Named("water-bureau", "东营区水务局"),
    Named("law-enforcement-bureau", "东营区综合行政执法局"),
    Named("civil-affairs-bureau", "东营区民政局"),
    Named("transport-bureau", "东营区交通运输局"),
    Named("hotline-office", "东营区12345政务服务便民热线办公室"),
)

SERVICE_COMPANIES: tuple[Named, ...] = (
    Named("water-company", "胜利水务有限公司"),
    Named("heating-company", "胜利热力有限公司"),
    Named("power-company", "胜利供电服务公司"),
    Named("gas-company", "胜利燃气有限公司"),
    Named("sanitation-company", "胜利环卫绿化公司"),
    Named("catering-company", "胜利餐饮服务公司"),
)

# Invented names: the report says 13 direct units relocated but names none of them.
RELOCATING_UNITS: tuple[Named, ...] = (
    Named("testing-center", "胜利油田技术检测中心"),
    Named("materials-center", "胜利油田物资供应中心"),
    Named("gathering-plant", "胜利油田油气集输总厂"),
    Named("supervision-center", "胜利油田石油工程监督中心"),
    Named("design-institute", "胜利油田勘察设计研究院"),
    Named("environment-station", "胜利油田环境监测总站"),
    Named("machinery-plant", "胜利油田机械制造总厂"),
    Named("vehicle-center", "胜利油田特种车辆维修中心"),
    Named("logging-center", "胜利油田测井技术服务中心"),
    Named("metrology-center", "胜利油田计量检定中心"),
    Named("fire-brigade", "胜利油田消防支队东辛大队"),
    Named("training-center", "胜利油田培训中心东辛分部"),
    Named("archives-center", "胜利油田档案管理中心"),
)

OTHER_DIRECT_UNITS: tuple[Named, ...] = (
    Named("social-insurance-center", "胜利油田社会保险中心"),
    Named("retiree-center", "胜利油田离退休管理中心"),
)

# Oil-producing plants and how many management areas of each host a health station.
PLANTS: tuple[tuple[str, str, int], ...] = (
    ("shengli-plant", "胜利采油厂", 5),
    ("dongxin-plant", "东辛采油厂", 5),
    ("xianhe-plant", "现河采油厂", 3),
    ("gudao-plant", "孤岛采油厂", 4),
    ("gudong-plant", "孤东采油厂", 3),
    ("zhuangxi-plant", "桩西采油厂", 3),
    ("hekou-plant", "河口采油厂", 3),
    ("binnan-plant", "滨南采油厂", 3),
    ("chunliang-plant", "纯梁采油厂", 3),
    ("linpan-plant", "临盘采油厂", 3),
    ("offshore-plant", "海洋采油厂", 2),
)

STANDALONE_OIL_GAS_UNITS: tuple[Named, ...] = (
    Named("luming", "鲁明公司"),
    Named("dongsheng-company", "东胜公司"),
    Named("xinchun", "新春公司"),
    Named("development-center", "石油开发中心"),
)

SCHOOLS: tuple[tuple[str, str, str], ...] = (
    ("shengli-no2-primary", "胜利二小", "shengli"),
    ("shengli-no1-primary", "胜利一小", "wenhui"),
    ("shengli-no5-middle", "胜利五中", "shengyuan"),
)

HOSPITALS: tuple[tuple[str, str, str], ...] = (
    ("district-central-hospital", "区中心医院", "wenhui"),
    ("district-peoples-hospital", "东营区人民医院", "huanghelu"),
    ("xicheng-hospital", "西城医院", "shengli"),
)

RAILWAY_PROJECT = Named("kangyu-railway", "中铁十四局康渝高铁项目部")
RAILWAY_DEPARTMENTS: tuple[Named, ...] = (
    Named("kangyu-office", "综合办公室"),
    Named("kangyu-planning", "计划部"),
    Named("kangyu-safety", "安全部"),
    Named("kangyu-work-area-2", "二工区"),
)
LABOR_TEAMS: tuple[Named, ...] = (
    *(Named(f"tunnel-{n}", f"隧道{c}队") for n, c in enumerate("一二三四五六", start=1)),
    *(Named(f"bridge-{n}", f"桥梁{c}队") for n, c in enumerate("一二三四", start=1)),
    *(Named(f"subgrade-{n}", f"路基{c}队") for n, c in enumerate("一二三", start=1)),
    *(Named(f"track-{n}", f"轨道{c}队") for n, c in enumerate("一二", start=1)),
    Named("rebar", "钢筋加工队"),
    Named("transport", "运输队"),
)

HUANTOU_DEPARTMENTS: tuple[Named, ...] = (
    Named("huantou-market", "市场发展部"),
    Named("huantou-office", "综合办公室"),
    Named("huantou-business", "环投事业部"),
)
# The first five are named by the document; the last two are invented visit targets.
HUANTOU_UNITS: tuple[Named, ...] = (
    Named("airport-base", "空港运维基地"),
    Named("sanitation-base", "临港环卫基地"),
    Named("minwan-apartments", "明湾公寓"),
    Named("huantou-tech", "环投科技"),
    Named("huantou-digital", "环投数字科技公司"),
    Named("sewage-plant", "临港污水处理厂"),
    Named("greening-base", "临港绿化养护基地"),
)


def organization(w: World, slug: str, name: str, kind: OrgKind, parent: str | None = None) -> str:
    """Add an organization, part of its parent if it has one."""
    org_key = w.b.node(Label.ORGANIZATION, slug, name=name, kind=kind.value)
    if parent is not None:
        w.b.link(Rel.PART_OF, org_key, parent)
    return org_key


def build(w: World) -> None:
    """Add the organizations named by the documents, and their departments."""
    b = w.b
    district = keys.area(DISTRICT.slug)
    oilfield = organization(w, OILFIELD.slug, OILFIELD.name, OrgKind.ENTERPRISE)
    organization(w, "oilfield-party-committee", "胜利油田党委", OrgKind.PARTY_COMMITTEE, oilfield)
    center = organization(w, CENTER.slug, CENTER.name, OrgKind.CENTER, oilfield)
    b.link(Rel.LOCATED_IN, center, district)
    organization(w, "center-party-committee", f"{CENTER.name}党委", OrgKind.PARTY_COMMITTEE, center)
    for dept in CENTER_DEPARTMENTS:
        organization(w, dept.slug, dept.name, OrgKind.DEPARTMENT, center)

    government = organization(w, GOVERNMENT.slug, GOVERNMENT.name, OrgKind.GOVERNMENT)
    b.link(Rel.LOCATED_IN, government, district)
    for dept in GOV_DEPARTMENTS:
        dept_key = organization(w, dept.slug, dept.name, OrgKind.GOV_DEPARTMENT, government)
        b.link(Rel.LOCATED_IN, dept_key, district)

    for street in STREETS:
        slug, name = f"property-{street.slug}", street.property_company
        property_company = organization(w, slug, name, OrgKind.SERVICE_COMPANY, oilfield)
        b.link(Rel.LOCATED_IN, property_company, keys.area(street.slug))
    for company in SERVICE_COMPANIES:
        company_key = organization(w, company.slug, company.name, OrgKind.SERVICE_COMPANY, oilfield)
        b.link(Rel.LOCATED_IN, company_key, district)

    for unit in RELOCATING_UNITS:
        unit_key = organization(w, unit.slug, unit.name, OrgKind.DIRECT_UNIT, oilfield)
        b.link(Rel.LOCATED_IN, unit_key, keys.area("dongxin"))
    for unit in OTHER_DIRECT_UNITS:
        unit_key = organization(w, unit.slug, unit.name, OrgKind.DIRECT_UNIT, oilfield)
        b.link(Rel.LOCATED_IN, unit_key, district)
    for slug, name, count in PLANTS:
        for n in range(1, count + 1):
            organization(
                w,
                f"{slug}-{n}",
                f"{name}采油管理{'一二三四五'[n - 1]}区",
                OrgKind.OIL_GAS_UNIT,
                oilfield,
            )
    for unit in STANDALONE_OIL_GAS_UNITS:
        organization(w, unit.slug, unit.name, OrgKind.OIL_GAS_UNIT, oilfield)

    for slug, name, street_slug in SCHOOLS:
        school = organization(w, slug, name, OrgKind.SCHOOL, keys.org("education-bureau"))
        b.link(Rel.LOCATED_IN, school, keys.area(street_slug))
    for slug, name, street_slug in HOSPITALS:
        hospital = organization(w, slug, name, OrgKind.HOSPITAL, keys.org("health-commission"))
        b.link(Rel.LOCATED_IN, hospital, keys.area(street_slug))

    gangqu = organization(w, "gangqu-center", "港区服务协调中心", OrgKind.CENTER, oilfield)
    mining = organization(w, "gangqu-mining-services", "矿区服务管理", OrgKind.DEPARTMENT, gangqu)
    organization(w, "gangqu-mining-union", "矿区服务管理工会", OrgKind.DEPARTMENT, mining)

    railway = organization(w, RAILWAY_PROJECT.slug, RAILWAY_PROJECT.name, OrgKind.ENTERPRISE)
    # The documents place the line in no community; the district holds it, so its labour teams'
    # QR sheets (码上反映) file reports somewhere.
    b.link(Rel.LOCATED_IN, railway, district)
    organization(w, "kangyu-party-branch", "康渝高铁项目党支部", OrgKind.PARTY_COMMITTEE, railway)
    organization(w, "kangyu-service-center", "康渝高铁项目党群服务中心", OrgKind.CENTER, railway)
    for dept in RAILWAY_DEPARTMENTS:
        organization(w, dept.slug, dept.name, OrgKind.DEPARTMENT, railway)
    for team in LABOR_TEAMS:
        organization(w, f"kangyu-{team.slug}", team.name, OrgKind.LABOR_TEAM, railway)

    holding = organization(w, "lingang-holding", "临港控股公司", OrgKind.ENTERPRISE)
    huantou = organization(w, "huantou-group", "环投集团", OrgKind.ENTERPRISE, holding)
    general = organization(
        w, "huantou-party-branch", "环投集团党总支", OrgKind.PARTY_COMMITTEE, huantou
    )
    organization(w, "huantou-office-branch", "环投机关党支部", OrgKind.PARTY_COMMITTEE, general)
    for dept in HUANTOU_DEPARTMENTS:
        organization(w, dept.slug, dept.name, OrgKind.DEPARTMENT, huantou)
    for unit in HUANTOU_UNITS:
        organization(w, unit.slug, unit.name, OrgKind.DIRECT_UNIT, huantou)
