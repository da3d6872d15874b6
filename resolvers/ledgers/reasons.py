"""Why a ledger row was rejected: stable codes, with the reason in Chinese or English."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

Lang = Literal["zh", "en"]

# Each code's reason, {name} filled from the problem's parameters; Chinese first.
REASONS: dict[str, tuple[str, str]] = {
    "REQUIRED": ("必填项为空，请填写", "the value is required; fill it in"),
    "TOO_LONG": ("超过{limit}个字，请缩短", "longer than {limit} characters; shorten it"),
    "UNKNOWN_VALUE": (
        "「{value}」不是可选的值，请改为其中之一：{choices}",
        "unknown value '{value}'; write one of {choices}",
    ),
    "NOT_WHOLE_NUMBER": (
        "「{value}」不是整数，请填写数字，如 3",
        "'{value}' is not a whole number",
    ),
    "NOT_NUMBER": ("「{value}」不是数字，请填写数字，如 1.5", "'{value}' is not a number"),
    "TOO_SMALL": ("不能小于 {limit}，请改正", "must be at least {limit}"),
    "TOO_LARGE": ("不能大于 {limit}，请改正", "must be at most {limit}"),
    "NOT_DATE": (
        "「{value}」不是日期，请写成 2024-03-01、2024/3/1 或 2024年3月1日",
        "'{value}' is not a date (write 2024-03-01, 2024/3/1 or 2024年3月1日)",
    ),
    "BAD_KEY": (
        "编号只能由字母、数字和 _.:/- 组成，请改正",
        "编号 must be letters, digits or _.:/- only",
    ),
    "BEFORE": ("早于{first}，请改正其中一个时间", "before {first}; correct one of the two"),
    "DUPLICATE_KEY": (
        "编号重复：文件第 {rows} 行的编号（或名称等自然键）相同，请给每行不同的编号",
        "duplicate key: rows {rows} of the file have the same 编号/natural key",
    ),
    "AMBIGUOUS_IN_FILE": (
        "文件第 {rows} 行都叫「{value}」，请改填编号",
        "rows {rows} of the file are all named '{value}'; write the 编号",
    ),
    "AMBIGUOUS": (
        "系统中有 {count} 个{target}都叫「{value}」，请改填其中一个的编号：{keys}",
        "{count} {target_en} nodes are named '{value}'; write the 编号 of one: {keys}",
    ),
    "UNKNOWN_REFERENCE": (
        "本文件和系统中都没有叫「{value}」的{target}，请核对名称或先导入它",
        "no {target_en} '{value}' in this file or in the graph",
    ),
    "SELF_REFERENCE": ("不能引用本行自己，请改填另一行", "a row cannot name itself"),
    "REJECTED_REFERENCE": (
        "引用了工作表「{sheet}」第 {row} 行，该行有错未导入，请先改正那一行",
        "names row {row} of sheet '{sheet}', which was rejected",
    ),
    "CYCLE": ("这些行互相引用成环，请去掉其中一处引用", "the rows name each other in a cycle"),
    "IN_LIFECYCLE": (
        "该问题已在系统中办理（{events} 条记录，当前{now}），台账不能修改其{column}；"
        "请在系统中办理，或{keep}",
        "this issue is in its lifecycle ({events} events, now {now}): a ledger cannot change "
        "its {column}; take the step in Lianxin instead, or {keep_en}",
    ),
}
# Reference targets as a clerk names them.
TARGETS = {
    "Area": "社区或片区",
    "Organization": "单位",
    "Category": "问题类别",
    "Person": "人员",
    "Site": "场地",
    "Project": "项目",
    "VisitGroup": "走访小组",
    "Visit": "走访",
    "Issue": "问题",
}


def explain(code: str, params: Mapping[str, Any], lang: Lang, row: int, column: str) -> str:
    """The reason for a problem, naming its row and column first."""
    zh, en = REASONS[code]
    # Row lists read 5、6 in Chinese and 5, 6 in English.
    joiner = ", " if lang == "en" else "、"
    values = {
        name: joiner.join(str(item) for item in value) if isinstance(value, list) else value
        for name, value in {**params, "column": column}.items()
    }
    if "target" in values:
        values["target_en"] = values["target"]
        values["target"] = TARGETS.get(str(values["target"]), str(values["target"]))
    if lang == "en":
        where = f"row {row}, column {column}: " if column else f"row {row}: "
        return where + en.format(**values)
    where = f"第 {row} 行「{column}」：" if column else f"第 {row} 行："
    return where + zh.format(**values)


def lang_of(value: str | None) -> Lang:
    """English when asked for (en, en-US, or an Accept-Language preferring it); else Chinese."""
    first = (value or "").split(",")[0].split(";")[0].strip().lower()
    return "en" if first == "en" or first.startswith("en-") else "zh"
