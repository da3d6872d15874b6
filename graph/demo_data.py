"""Named places, units, categories and document figures behind the demo graph."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from graph.model import Label, Qualifier

SOURCE_REPORT = "000_52f4ffdcf80e4271.txt"
SOURCE_NEWS = "001_274c8742b5dc7b26.txt"
SOURCE_UNION = "002_d7355ef3c7634b2c.txt"
SOURCE_RAILWAY = "003_49c322c2136ed9ce.txt"
SOURCE_BRANCH = "004_c35094e2c36e0db5.txt"


class Named(NamedTuple):
    """A slug and the Chinese name it stands for."""

    slug: str
    name: str


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


class CategoryDef(NamedTuple):
    """A category and its parent slug (None for a root)."""

    slug: str
    name: str
    parent: str | None


class Figure(NamedTuple):
    """A figure quoted by a document, and the node it is about."""

    indicator: str
    label: str
    value: float
    qualifier: Qualifier
    unit: str
    source: str
    about_label: Label
    about_key: str


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

# 新春油区 lies in the Junggar basin, far from any hospital: its station never closes.
REMOTE_UNIT = "xinchun"

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

# What residents call the hotline about, per leaf category, with relative frequency.
HOTLINE_TOPICS: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("elevator", 9, ("电梯故障停运", "电梯异响", "电梯年检超期")),
    ("building-repair", 10, ("楼顶漏雨", "外墙脱落", "楼道窗户破损")),
    ("parking", 6, ("车辆乱停乱放", "停车位不足", "消防通道被占")),
    ("lighting", 5, ("楼道灯不亮", "路灯损坏")),
    ("water-supply", 9, ("停水未提前通知", "自来水浑浊", "水压不足")),
    ("sewage", 6, ("污水井冒溢", "下水道堵塞", "化粪池外溢")),
    ("drainage", 3, ("雨后积水", "雨水管道淤堵")),
    ("heating", 12, ("暖气不热", "供暖管道漏水", "供暖费缴纳")),
    ("power", 5, ("频繁停电", "电表故障")),
    ("gas", 4, ("燃气管道老化", "燃气表故障")),
    ("garbage", 8, ("垃圾清运不及时", "垃圾桶破损")),
    ("greening", 3, ("树木遮挡采光", "绿地杂草丛生")),
    ("bus", 3, ("公交线路调整", "公交站点撤并")),
    ("roads", 4, ("道路破损", "人行道不平")),
    ("medical-insurance", 3, ("医保异地结算", "医保报销")),
    ("medical-care", 2, ("社区卫生站就医不便",)),
    ("enrollment", 2, ("子女就近入学",)),
    ("childcare", 1, ("子女托管名额",)),
    ("dining", 1, ("社区食堂就餐",)),
    ("housing-fund", 1, ("公积金提取",)),
    ("property-registration", 1, ("不动产登记办理",)),
    ("retiree-services", 2, ("离退休人员待遇", "老年活动场所")),
)

# Hotline issues per year: from 10,000+ (2019) to under 1,000 (2024), strictly declining.
HOTLINE_VOLUME: tuple[tuple[int, int], ...] = (
    (2019, 10462),
    (2020, 8175),
    (2021, 5318),
    (2022, 3046),
    (2023, 1587),
    (2024, 968),
)

REGIONAL_UNIT_KINDS: tuple[str, ...] = (
    "幼儿园", "卫生服务站", "警务室", "邮政支局", "银行营业所", "加油站", "物流公司",
    "建筑安装公司", "商贸公司", "汽车维修厂", "宾馆", "培训学校", "社区食堂", "养老服务中心",
    "供销社", "农贸市场", "药房", "酒店", "文化传媒公司", "电子科技公司", "环保科技公司",
    "机械加工厂", "石油技术服务公司", "钻采设备公司", "化工有限公司", "新材料公司", "家政服务公司",
    "律师事务所", "会计师事务所", "快递服务站",
)
REGIONAL_UNIT_COUNT = 376

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋"
    "蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟"
)
GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红玲芬燕彩春菊凤洁梅琳云莲雪荣"
    "瑞凡佳嘉琼勤珍莉璐琦晶妍秋珊青倩婷颖露瑶怡丹蓉君琴蕊薇岚馨韵悦冰爽宁欣育柔凝晓欢"
    "志建国庆东海波峰斌鹏辉宏福新利清飞彬振德胜学祥才发武成康星光天达安岩中茂进林有坚"
)

RELOCATION_START = date(2023, 3, 1)
RELOCATION_DAYS = 62
RELOCATION_LAND_MU = 1126.5
RELOCATION_MEETINGS = 32
COMPOUND_COUNT = 28

JOINT_ISSUES = 53

class Livelihood(NamedTuple):
    """A livelihood project run with the district; no end date means still under way."""

    slug: str
    name: str
    area: str
    lead: str
    people_served: int
    start: date
    end: date | None


LIVELIHOOD_PROJECTS: tuple[Livelihood, ...] = (
    Livelihood("shengli-no2-expansion", "胜利二小改扩建工程", "shengli", "education-bureau",
               2600, date(2021, 3, 15), date(2022, 8, 25)),
    Livelihood("central-hospital-expansion", "区中心医院改扩建工程", "wenhui", "health-commission",
               120000, date(2022, 4, 1), date(2024, 5, 30)),
    Livelihood("hospital-integration", "东营区三家医院整合", "dongying", "health-commission",
               300000, date(2021, 9, 1), date(2022, 6, 30)),
    Livelihood("sewage-separation", "老旧小区雨污分流改造", "dongxin", "water-bureau",
               18000, date(2023, 4, 10), date(2023, 11, 20)),
    Livelihood("heating-network", "集中供暖管网改造", "dongying", "housing-bureau",
               45000, date(2022, 5, 1), date(2022, 10, 31)),
    Livelihood("elevator-retrofit", "移交小区既有住宅加装电梯", "wenhui", "housing-bureau",
               3200, date(2023, 3, 1), None),
    Livelihood("clinic-standardization", "社区卫生服务站标准化建设", "dongying",
               "health-commission", 60000, date(2022, 2, 15), date(2023, 6, 30)),
    Livelihood("elder-canteens", "社区长者食堂建设", "shengli", "civil-affairs-bureau",
               5400, date(2023, 5, 1), date(2023, 12, 31)),
    Livelihood("back-streets", "背街小巷道路提升", "huanghelu", "housing-bureau",
               22000, date(2023, 4, 1), date(2023, 9, 30)),
    Livelihood("bus-routes", "油城公交线路优化", "dongying", "transport-bureau",
               80000, date(2023, 7, 1), date(2023, 9, 1)),
    Livelihood("elder-care-center", "社区养老服务中心建设", "shengyuan", "civil-affairs-bureau",
               2100, date(2024, 1, 10), None),
    Livelihood("kindergarten-expansion", "公办幼儿园扩容", "dongxin", "education-bureau",
               900, date(2023, 3, 1), date(2023, 8, 31)),
)

# What each figure is about: a label and a key of the demo graph.
_CENTER = (Label.ORGANIZATION, "org/center")
_PARTY = (Label.ORGANIZATION, "org/center-party-committee")
_SPECIALIZED = (Label.PROJECT, "project/specialized-services")
_RELOCATION = (Label.PROJECT, "project/dongxin-relocation")
_CHILDCARE = (Label.PROJECT, "project/childcare-program")
_HEALTH = (Label.PROJECT, "project/health-stations")
_HALL = (Label.ORGANIZATION, "org/shengcai-hall")
_YIYUAN = (Label.PROJECT, "project/yiyuan-renovation")
_UNION = (Label.ORGANIZATION, "org/gangqu-mining-union")
_BRANCH = (Label.ORGANIZATION, "org/huantou-office-branch")
_RUIJING = (Label.ISSUE, "issue/ruijing-medical-insurance")

FIGURES: tuple[Figure, ...] = (
    Figure("regional_units_served", "为370余家区域单位上门提供点餐式、一站式办理",
           370, Qualifier.AT_LEAST, "家", SOURCE_REPORT, *_CENTER),
    Figure("handed_over_communities", "实现44个移交小区全覆盖", 44, Qualifier.EXACT, "个",
           SOURCE_REPORT, *_SPECIALIZED),
    Figure("hotline_issues_before", "政务热线诉求从每年1万余件", 10000, Qualifier.AT_LEAST, "件/年",
           SOURCE_REPORT, *_SPECIALIZED),
    Figure("hotline_issues_after", "下降至不足千件", 1000, Qualifier.LESS_THAN, "件/年",
           SOURCE_REPORT, *_SPECIALIZED),
    Figure("joint_issues_resolved",
           "累计协调区域政府部门、直属单位解决食堂就餐和污水外排等问题50余项",
           50, Qualifier.AT_LEAST, "项", SOURCE_REPORT, *_CENTER),
    Figure("joint_activities", "先后开展各类活动60余场次", 60, Qualifier.AT_LEAST, "场次",
           SOURCE_REPORT, *_PARTY),
    Figure("happiness_observers", "聘任43名“幸福观察员”", 43, Qualifier.EXACT, "名",
           SOURCE_REPORT, *_PARTY),
    Figure("ruijing_employees_helped", "困扰近千名油田员工看病难的问题得到了圆满解决",
           1000, Qualifier.APPROX, "名", SOURCE_REPORT, *_RUIJING),
    Figure("observation_tour_units", "邀请40余家企地单位开展高品质城市建设成果观摩会",
           40, Qualifier.AT_LEAST, "家", SOURCE_REPORT, *_PARTY),
    Figure("gala_units", "联合80余家单位举办“企地一家亲、奋进新征程”金秋晚会",
           80, Qualifier.AT_LEAST, "家", SOURCE_REPORT, *_PARTY),
    Figure("cultural_person_times", "累计服务员工群众10万人次", 100000, Qualifier.EXACT, "人次",
           SOURCE_REPORT, *_PARTY),
    Figure("livelihood_projects", "推动胜利二小、区中心医院改扩建等10余项民生工程落地",
           10, Qualifier.AT_LEAST, "项", SOURCE_REPORT, *_CENTER),
    Figure("relocating_units", "13家直属单位需要应急搬迁", 13, Qualifier.EXACT, "家",
           SOURCE_REPORT, *_RELOCATION),
    Figure("relocation_meetings", "先后组织协调会30余场", 30, Qualifier.AT_LEAST, "场",
           SOURCE_REPORT, *_RELOCATION),
    Figure("relocation_days", "历时62天", 62, Qualifier.EXACT, "天", SOURCE_REPORT, *_RELOCATION),
    Figure("relocated_compounds", "完成28个厂矿大院搬迁", 28, Qualifier.EXACT, "个",
           SOURCE_REPORT, *_RELOCATION),
    Figure("land_freed", "腾空土地1100余亩", 1100, Qualifier.AT_LEAST, "亩",
           SOURCE_REPORT, *_RELOCATION),
    Figure("hall_person_times", "年服务员工群众10万余人次", 100000, Qualifier.AT_LEAST, "人次/年",
           SOURCE_REPORT, *_HALL),
    Figure("hall_satisfaction", "服务满意率始终保持在98%以上", 98, Qualifier.AT_LEAST, "%",
           SOURCE_REPORT, *_HALL),
    Figure("specialty_classes", "累计开办特长班23个", 23, Qualifier.EXACT, "个",
           SOURCE_REPORT, *_CHILDCARE),
    Figure("care_classes", "托管班17个", 17, Qualifier.EXACT, "个", SOURCE_REPORT, *_CHILDCARE),
    Figure("childcare_child_times", "服务区域员工子女5000余人次", 5000, Qualifier.AT_LEAST, "人次",
           SOURCE_REPORT, *_CHILDCARE),
    Figure("health_staff", "派驻80余人到41家油气主营单位健康驿站", 80, Qualifier.AT_LEAST, "人",
           SOURCE_REPORT, *_HEALTH),
    Figure("health_stations", "41家油气主营单位健康驿站", 41, Qualifier.EXACT, "家",
           SOURCE_REPORT, *_HEALTH),
    Figure("health_trainings", "先后组织教育培训1580场次", 1580, Qualifier.EXACT, "场次",
           SOURCE_REPORT, *_HEALTH),
    Figure("health_emergencies", "应急处置在岗突发情况40余人次", 40, Qualifier.AT_LEAST, "人次",
           SOURCE_REPORT, *_HEALTH),
    Figure("health_employees_covered", "把健康服务送到5万余名员工身边",
           50000, Qualifier.AT_LEAST, "名", SOURCE_REPORT, *_HEALTH),
    Figure("center_services_total", "已累计提供服务8万人次", 80000, Qualifier.EXACT, "人次",
           SOURCE_NEWS, *_CENTER),
    Figure("center_banners", "累计收到锦旗30余面", 30, Qualifier.AT_LEAST, "面",
           SOURCE_NEWS, *_CENTER),
    Figure("center_thank_you_letters", "感谢信50余封", 50, Qualifier.AT_LEAST, "封",
           SOURCE_NEWS, *_CENTER),
    Figure("residents_served", "辖区30万员工群众", 300000, Qualifier.EXACT, "人",
           SOURCE_NEWS, *_CENTER),
    Figure("medical_reinforcements", "先后三批次、59名医务人员逆风向前", 59, Qualifier.EXACT, "名",
           SOURCE_NEWS, *_CENTER),
    Figure("yiyuan_staff", "西城服务协调中心28名工作人员与地方政府密切配合",
           28, Qualifier.EXACT, "名", SOURCE_NEWS, *_YIYUAN),
    Figure("yiyuan_days_on_site", "连续50多天驻扎拆迁一线", 50, Qualifier.AT_LEAST, "天",
           SOURCE_NEWS, *_YIYUAN),
    Figure("registration_minutes", "不到20分钟就完成业务办理工作", 20, Qualifier.LESS_THAN, "分钟",
           SOURCE_NEWS, Label.ISSUE, "issue/xinghe-property-registration"),
    Figure("union_suggestions_collected", "共征集中心层面合理化建议8条", 8, Qualifier.EXACT, "条",
           SOURCE_UNION, *_UNION),
    Figure("union_suggestions_implemented", "部门实施合理化建议2条", 2, Qualifier.EXACT, "条",
           SOURCE_UNION, *_UNION),
    Figure("retirees_benefited", "让本部门3名退休职工及时受益", 3, Qualifier.EXACT, "名",
           SOURCE_UNION, Label.ISSUE, "issue/union-suggestion-01"),
    Figure("sick_member_visits", "探望慰问生病住院员工10人次", 10, Qualifier.EXACT, "人次",
           SOURCE_UNION, *_UNION),
    Figure("railway_labor_teams", "17个劳务队，都分到了西瓜、绿豆和白糖", 17, Qualifier.EXACT, "个",
           SOURCE_RAILWAY, Label.ORGANIZATION, "org/kangyu-service-center"),
    Figure("visit_groups", "将机关党员分为四组", 4, Qualifier.EXACT, "组", SOURCE_BRANCH, *_BRANCH),
    Figure("branch_visits", "机关支部已经累计服务基层7次", 7, Qualifier.EXACT, "次",
           SOURCE_BRANCH, *_BRANCH),
    Figure("branch_member_times", "参与党员近40人次", 40, Qualifier.APPROX, "人次",
           SOURCE_BRANCH, *_BRANCH),
    Figure("branch_suggestions", "共征集意见建议7个", 7, Qualifier.EXACT, "个",
           SOURCE_BRANCH, *_BRANCH),
    Figure("branch_problems_solved", "解决困扰基层的问题11个", 11, Qualifier.EXACT, "个",
           SOURCE_BRANCH, *_BRANCH),
)


class JointTemplate(NamedTuple):
    """A kind of problem settled at an enterprise–government meeting."""

    title: str
    category: str
    at_unit: bool
    assists: tuple[str, ...]


# The first two are the report's own examples: canteen dining and sewage discharge.
JOINT_TEMPLATES: tuple[JointTemplate, ...] = (
    JointTemplate("{}职工食堂就餐难", "dining", True, ("civil-affairs-bureau",)),
    JointTemplate("{}生活污水外排", "sewage", False, ("water-bureau", "law-enforcement-bureau")),
    JointTemplate("{}厂区污水外排未接入市政管网", "sewage", True, ("water-bureau",)),
    JointTemplate("{}雨后道路积水", "drainage", False, ("housing-bureau",)),
    JointTemplate("{}冬季供暖温度不达标", "heating", False, ("housing-bureau",)),
    JointTemplate("{}垃圾清运不及时", "garbage", False, ("law-enforcement-bureau",)),
    JointTemplate("{}老旧电梯频繁停运", "elevator", False, ("housing-bureau",)),
    JointTemplate("{}周边公交站点撤并出行不便", "bus", False, ("housing-bureau",)),
    JointTemplate("{}适龄儿童就近入学难", "enrollment", False, ("civil-affairs-bureau",)),
    JointTemplate("{}停车位不足车辆乱停", "parking", False, ("law-enforcement-bureau",)),
    JointTemplate("{}供电线路迁改", "power", True, ("housing-bureau",)),
    JointTemplate("{}燃气管道老化存在隐患", "gas", False, ("housing-bureau",)),
    JointTemplate("{}周边缺少社区卫生服务站", "medical-care", False, ("civil-affairs-bureau",)),
    JointTemplate("{}职工子女托管需求", "childcare", True, ("education-bureau",)),
    JointTemplate("{}二次供水水质浑浊", "water-supply", False, ("water-bureau",)),
)


class BranchVisit(NamedTuple):
    """One weekly frontline visit by a group of the office party branch."""

    group: int
    unit: str
    on: date
    members: int


# 7 visits by 4 groups in the two weeks after the plan of 12 November 2020; 39 member-times.
BRANCH_VISITS: tuple[BranchVisit, ...] = (
    BranchVisit(1, "airport-base", date(2020, 11, 17), 6),
    BranchVisit(2, "sanitation-base", date(2020, 11, 18), 5),
    BranchVisit(3, "minwan-apartments", date(2020, 11, 19), 6),
    BranchVisit(4, "huantou-tech", date(2020, 11, 20), 5),
    BranchVisit(1, "sewage-plant", date(2020, 11, 24), 6),
    BranchVisit(2, "huantou-business", date(2020, 11, 25), 5),
    BranchVisit(3, "greening-base", date(2020, 11, 26), 6),
)

# visit index, suggestion, department that took it back; all still being worked on.
BRANCH_SUGGESTIONS: tuple[tuple[int, str, str], ...] = (
    (0, "已承接业务缺少作业机械，建议尽快开展下包单位招标", "huantou-market"),
    (0, "劳务作业队伍年前用工荒，建议统筹劳务人员薪酬、定岗、储备和招聘", "huantou-office"),
    (1, "采购审批手续和材料进场较慢，建议建立合格供方库", "huantou-market"),
    (2, "公寓难以及时获得入住人员变动信息，建议采用信息化手段", "huantou-digital"),
    (3, "工作协调机制有待理顺", "huantou-office"),
    (3, "监事作用发挥不充分", "huantou-office"),
    (3, "办公室人员配备不足", "huantou-office"),
)

# visit index, problem, category, department, solved on the spot.
BRANCH_PROBLEMS: tuple[tuple[int, str, str, str, bool], ...] = (
    (0, "作业人员冬季防寒服未配齐", "equipment", "huantou-office", False),
    (0, "基地值班室网络信号差", "informatization", "huantou-digital", False),
    (1, "环卫车辆停放场地不足", "administration", "huantou-business", False),
    (1, "作业人员休息室缺少饮水设备", "equipment", "huantou-office", True),
    (2, "公寓门禁系统故障", "informatization", "huantou-digital", False),
    (2, "公寓公共区域照明不足", "equipment", "huantou-office", True),
    (3, "新员工入职培训资料缺失", "administration", "huantou-office", True),
    (4, "厂区劳保用品发放不及时", "procurement", "huantou-market", False),
    (4, "化验室设备校验超期", "equipment", "huantou-business", False),
    (5, "事业部考勤制度执行口径不一", "administration", "huantou-office", True),
    (6, "养护工具老化需要更新", "procurement", "huantou-market", False),
)

# The first is the document's example; all eight went to the center, two were implemented.
UNION_SUGGESTIONS: tuple[tuple[str, bool], ...] = (
    ("及时为离退休人员购买纪念品", True),
    ("部门职工书屋增配业务书籍", True),
    ("优化职工健康查体项目", False),
    ("增加职工休疗养名额", False),
    ("完善劳动竞赛明星评选办法", False),
    ("开设女工减压心理讲座", False),
    ("改善矿区值班宿舍条件", False),
    ("增设职工健身器材", False),
)

RELOCATION_DECISIONS: tuple[str, ...] = (
    "确定{}搬迁方案",
    "明确{}搬迁时间节点",
    "协调{}新址交接",
    "解决{}搬迁中的网电迁改问题",
)
