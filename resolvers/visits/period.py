"""A reporting period: a month, a quarter, or days from one date to another."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from resolvers.errors import BadUserInput


@dataclass(frozen=True)
class Period:
    """Days from `start` up to, not including, `end`."""

    start: dt.date
    end: dt.date

    @property
    def last(self) -> dt.date:
        """The period's last day."""
        return self.end - dt.timedelta(days=1)

    @classmethod
    def of(
        cls,
        *,
        year: int | None = None,
        quarter: int | None = None,
        month: int | None = None,
        start: dt.date | None = None,
        last: dt.date | None = None,
    ) -> Period:
        """The period a client named: a year's quarter or month, or a first and a last day."""
        dated = start is not None or last is not None
        if sum((quarter is not None, month is not None, dated)) != 1:
            raise BadUserInput(
                "请只给出一种期间：year 加 quarter（季度）、year 加 month（月份），或 from 加 to",
                field="period",
            )
        if dated:
            if start is None or last is None:
                raise BadUserInput("按日期给期间时 from 和 to 都要填写", field="period.from")
            if last < start:
                raise BadUserInput("期间的 to 不能早于 from；请检查日期顺序", field="period.to")
            return cls(start, last + dt.timedelta(days=1))
        if year is None or not 2000 <= year <= 2100:
            raise BadUserInput("请填写 2000 至 2100 之间的年份（year）", field="period.year")
        if quarter is not None:
            if not 1 <= quarter <= 4:
                raise BadUserInput("季度（quarter）须为 1 至 4", field="period.quarter")
            return cls(dt.date(year, 3 * quarter - 2, 1), _month_after(year, 3 * quarter))
        assert month is not None
        if not 1 <= month <= 12:
            raise BadUserInput("月份（month）须为 1 至 12", field="period.month")
        return cls(dt.date(year, month, 1), _month_after(year, month))


def _month_after(year: int, month: int) -> dt.date:
    return dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
