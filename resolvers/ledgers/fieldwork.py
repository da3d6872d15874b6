"""Field-work ledger kinds: visits, meetings, relocation moves and suggestions."""

from __future__ import annotations

from graph.model import Label, Rel
from resolvers.ledgers.ledger import Column, Ledger, key, ref
from resolvers.ledgers.names import (
    MEETING_KINDS,
    MOVE_STATUSES,
    SUGGESTION_STATUSES,
    VISIT_STATUSES,
)

VISITS = Ledger(
    "visits",
    Label.VISIT,
    "走访",
    "visit",
    ("group", "visited", "visitedOn", "plannedOn"),
    (
        key(),
        ref(
            "group",
            ("走访小组", "小组", "group"),
            Rel.CONDUCTED_BY,
            Label.VISIT_GROUP,
            required=True,
        ),
        ref(
            "visited",
            ("走访对象", "走访单位", "被走访单位", "visited"),
            Rel.VISITED,
            Label.ORGANIZATION,
            "organizations",
            many=True,
        ),
        ref("visitedSites", ("走访场地", "走访大院"), Rel.VISITED, Label.SITE, "sites", many=True),
        ref("visitedAreas", ("走访社区",), Rel.VISITED, Label.AREA, "communities", many=True),
        Column("plannedOn", ("计划日期", "计划走访日期", "plannedOn"), "date"),
        Column("visitedOn", ("走访日期", "实际走访日期", "visitedOn"), "date"),
        Column("memberCount", ("参加人数", "走访人数", "memberCount"), "int", minimum=0),
        ref(
            "attendees",
            ("走访人员", "参加人员", "attendees"),
            Rel.ATTENDED_BY,
            Label.PERSON,
            "people",
            many=True,
        ),
        Column("summary", ("交流内容", "走访内容", "summary"), "text"),
        Column("status", ("状态", "走访状态", "status"), "enum", names=VISIT_STATUSES),
        Column("feedback", ("反馈情况", "反馈内容", "feedback"), "text"),
        Column("feedbackOn", ("反馈日期", "feedbackOn"), "date"),
    ),
    sheet_names=("走访台账", "走访记录", "走一线"),
    name_field="",
)

MEETINGS = Ledger(
    "meetings",
    Label.MEETING,
    "会议",
    "meeting",
    ("title", "heldOn"),
    (
        key(),
        Column("title", ("会议名称", "会议主题", "title"), "text", required=True),
        Column("kind", ("会议类型", "kind"), "enum", names=MEETING_KINDS),
        Column("heldOn", ("会议日期", "召开日期", "heldOn"), "date"),
        Column("place", ("地点", "会议地点", "place"), "text"),
        ref(
            "organizations",
            ("参会单位", "organizations"),
            Rel.ATTENDED_BY,
            Label.ORGANIZATION,
            "organizations",
            many=True,
        ),
        ref(
            "people",
            ("参会人员", "people"),
            Rel.ATTENDED_BY,
            Label.PERSON,
            "people",
            many=True,
        ),
        Column("decisions", ("议定事项", "会议决定", "决定事项", "decisions"), "parts"),
        ref(
            "projects",
            ("关于项目", "相关项目", "projects"),
            Rel.ABOUT,
            Label.PROJECT,
            "projects",
            many=True,
        ),
    ),
    sheet_names=("会议台账", "联席会", "协调会", "座谈会"),
    name_field="title",
)

MOVES = Ledger(
    "moves",
    Label.MOVE,
    "搬迁",
    "move",
    ("project", "unit"),
    (
        key(),
        ref(
            "project",
            ("所属项目", "项目", "project"),
            Rel.HAS_MOVE,
            Label.PROJECT,
            "projects",
            incoming=True,
            required=True,
        ),
        ref(
            "unit",
            ("搬迁单位", "unit"),
            Rel.MOVES,
            Label.ORGANIZATION,
            "organizations",
            required=True,
        ),
        ref("fromSite", ("原址", "原场地", "fromSite"), Rel.FROM_SITE, Label.SITE, "sites"),
        ref("toSite", ("新址", "新场地", "toSite"), Rel.TO_SITE, Label.SITE, "sites"),
        Column("plannedOn", ("计划日期", "计划搬迁日期", "plannedOn"), "date"),
        Column("movedOn", ("实际日期", "实际搬迁日期", "movedOn"), "date"),
        Column("status", ("状态", "搬迁状态", "status"), "enum", names=MOVE_STATUSES),
        Column(
            "landMu",
            ("腾退土地（亩）", "腾退土地(亩)", "腾退土地", "landMu"),
            "float",
            minimum=0,
        ),
        Column("note", ("情况说明", "note"), "text"),
    ),
    sheet_names=("搬迁台账", "搬迁计划"),
    name_field="",
)

SUGGESTIONS = Ledger(
    "suggestions",
    Label.SUGGESTION,
    "建议",
    "suggestion",
    ("title",),
    (
        key(),
        Column("title", ("建议内容", "建议名称", "title"), "text", required=True),
        ref("proposer", ("提出人", "建议人", "proposer"), Rel.PROPOSED_BY, Label.PERSON, "people"),
        ref(
            "proposerOrg",
            ("提出单位", "建议单位", "proposerOrg"),
            Rel.PROPOSED_BY,
            Label.ORGANIZATION,
            "organizations",
        ),
        ref(
            "submittedTo",
            ("报送单位", "提交单位", "submittedTo"),
            Rel.SUBMITTED_TO,
            Label.ORGANIZATION,
            "organizations",
        ),
        Column("status", ("状态", "办理状态", "status"), "enum", names=SUGGESTION_STATUSES),
        Column("collectedOn", ("提出日期", "征集日期", "collectedOn"), "date"),
        Column("adoptedOn", ("采纳日期", "adoptedOn"), "date"),
        Column("implementedOn", ("实施日期", "implementedOn"), "date"),
        Column("benefit", ("受益情况", "benefit"), "text"),
        Column("peopleBenefited", ("受益人数", "peopleBenefited"), "int", minimum=0),
        ref(
            "beneficiaries",
            ("受益单位", "beneficiaries"),
            Rel.BENEFITS,
            Label.ORGANIZATION,
            "organizations",
            many=True,
        ),
        ref("visit", ("来源走访", "visit"), Rel.RAISED_DURING, Label.VISIT, "visits"),
        ref("issue", ("跟踪问题", "issue"), Rel.TRACKED_AS, Label.ISSUE, "issues"),
    ),
    sheet_names=("建议台账", "合理化建议"),
    name_field="title",
)

FIELDWORK: tuple[Ledger, ...] = (VISITS, MEETINGS, MOVES, SUGGESTIONS)
