"""Personal names: unique, plausible Chinese names from a seeded generator."""

from __future__ import annotations

import random

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋"
    "蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟"
)
GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红玲芬燕彩春菊凤洁梅琳云莲雪荣"
    "瑞凡佳嘉琼勤珍莉璐琦晶妍秋珊青倩婷颖露瑶怡丹蓉君琴蕊薇岚馨韵悦冰爽宁欣育柔凝晓欢"
    "志建国庆东海波峰斌鹏辉宏福新利清飞彬振德胜学祥才发武成康星光天达安岩中茂进林有坚"
)


class Names:
    """Unique, plausible Chinese personal names from a seeded generator."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._used: set[str] = set()

    def __call__(self) -> str:
        """A name not handed out before."""
        while True:
            length = self._rng.choice((1, 2, 2))
            given = "".join(self._rng.choice(GIVEN_CHARS) for _ in range(length))
            name = self._rng.choice(SURNAMES) + given
            if name not in self._used:
                self._used.add(name)
                return name
