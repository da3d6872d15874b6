"""Redacting public text: phone and identity numbers and reporters' names go, the rest stays."""

from __future__ import annotations

import pytest

from resolvers.redaction import IDENTITY, NAME, PHONE, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("请回电13800138000", f"请回电{PHONE}"),
        ("手机 138 0013 8000 白天", f"手机 {PHONE} 白天"),
        ("手机138-0013-8000。", f"手机{PHONE}。"),
        ("call +86 13800138000 now", f"call {PHONE} now"),
        ("call +86-138-0013-8000 now", f"call {PHONE} now"),
        ("电话+8613800138000", f"电话{PHONE}"),
        ("电话008613800138000", f"电话{PHONE}"),
        ("电话(+86)13800138000", f"电话{PHONE}"),
        ("号码19912345678和17012345678", f"号码{PHONE}和{PHONE}"),
        # Full-width digits and punctuation are read as their ASCII twins.
        ("电话１３８００１３８０００，谢谢", f"电话{PHONE}，谢谢"),
        ("电话１３８－００１３－８０００", f"电话{PHONE}"),
    ],
)
def test_mobile_numbers_go(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("座机0546-8123456", f"座机{PHONE}"),
        ("座机0546 81234567", f"座机{PHONE}"),
        ("座机(0546)8123456", f"座机{PHONE}"),
        ("座机（0546）8123456转", f"座机{PHONE}转"),
        ("座机( 0546 ) 8123456", f"座机{PHONE}"),
        ("座机05468123456", f"座机{PHONE}"),
        ("北京010-62345678", f"北京{PHONE}"),
        ("广州020 8765 4321", f"广州{PHONE}"),
        ("济南0531-812-3456", f"济南{PHONE}"),
        ("国际+86 546 8123456", f"国际{PHONE}"),
        ("国际+86-10-62345678", f"国际{PHONE}"),
        # A local number without its area code goes only where the text says it is a phone.
        ("联系电话：8123456", f"联系电话：{PHONE}"),
        ("座机为 8123 4567", f"座机为 {PHONE}"),
        ("Tel: 81234567", f"Tel: {PHONE}"),
    ],
)
def test_landline_numbers_go(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("身份证370502198001011234", f"身份证{IDENTITY}"),
        ("身份证37050219800101123X。", f"身份证{IDENTITY}。"),
        ("身份证37050219800101123x", f"身份证{IDENTITY}"),
        ("证号 370502 19800101 1234 已核", f"证号 {IDENTITY} 已核"),
        ("证号３７０５０２１９８００１０１１２３Ｘ", f"证号{IDENTITY}"),
        # An identity number is not read as a mobile number followed by digits.
        ("号码130502199912311234", f"号码{IDENTITY}"),
    ],
)
def test_identity_numbers_go(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2023年起楼顶漏水",
        "东辛片区搬迁涉及1100亩、13个单位、28个小区",
        "热线来电从10000多件降到不足1000件",
        "2023-01-15 至 2023-03-31",
        "2023年1月15日13:45来电",
        "20230115日起停水",
        "联系电话反映20230115起停水",
        "3号楼2单元1301室",
        "补偿款1,380,013元",
        "金额138.0013万元",
        "共1380013800元",
        "编号138001380001",
        "第13、14、15、16号楼",
        "电梯停运5天，影响138户居民",
        "订单0000123456",
        "区间1100-1200米",
        "1234567890123456",
        "12345678901234567890",
        "",
    ],
)
def test_numbers_that_are_not_personal_stay(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("居民李秀英反映", f"居民{NAME}反映"),
        ("李秀英、李秀英", f"{NAME}、{NAME}"),
        ("李**反映漏水", f"{NAME}反映漏水"),
        ("李＊＊反映漏水", f"{NAME}反映漏水"),
        ("李*英反映漏水", f"{NAME}反映漏水"),
        ("李某反映漏水", f"{NAME}反映漏水"),
        ("李某某反映漏水", f"{NAME}反映漏水"),
        ("李女士反映漏水", f"{NAME}反映漏水"),
        ("李先生反映漏水", f"{NAME}反映漏水"),
        ("李xx反映漏水", f"{NAME}反映漏水"),
    ],
)
def test_the_reporters_name_and_its_masked_forms_go(text: str, expected: str) -> None:
    assert redact(text, ["李秀英"]) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Another surname, the surname in a word, or a name of someone else stays.
        "王女士反映漏水",
        "李子园小区漏水",
        "李村街道",
        "秀英路",
        "居民王秀英反映",
    ],
)
def test_text_that_only_resembles_the_name_stays(text: str) -> None:
    assert redact(text, ["李秀英"]) == text


def test_blank_and_one_character_names_redact_nothing() -> None:
    assert redact("李村街道有人反映", ["", " ", "李"]) == "李村街道有人反映"


def test_every_given_name_goes_and_names_are_trimmed() -> None:
    text = "欧阳娜娜与张伟来电13800138000"
    assert redact(text, [" 欧阳娜娜 ", "张伟"]) == f"{NAME}与{NAME}来电{PHONE}"


def test_a_name_holding_pattern_characters_is_matched_literally() -> None:
    assert redact("来电人A.B(张)留言", ["A.B(张)"]) == f"来电人{NAME}留言"
    assert redact("来电人AxB留言", ["A.B(张)"]) == "来电人AxB留言"


def test_everything_at_once() -> None:
    text = (
        "居民李秀英（身份证370502198001011234）反映2023年起楼顶漏水，涉及1100亩；"
        "请回电138-0013-8000或座机(0546)8123456，李女士白天在家。"
    )
    assert redact(text, ["李秀英"]) == (
        f"居民{NAME}（身份证{IDENTITY}）反映2023年起楼顶漏水，涉及1100亩；"
        f"请回电{PHONE}或座机{PHONE}，{NAME}白天在家。"
    )
