"""A plan's progress, derived from its moves: never typed in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from graph.model import MoveStatus


@dataclass(frozen=True)
class MoveFacts:
    """What progress needs of one move."""

    key: str
    status: str | None
    moved_on: dt.date | None
    land_mu: float | None
    unit: str | None


@dataclass(frozen=True)
class Progress:
    """Units, moves, days and land: how far a plan has come, and the moves that are stuck."""

    units_moved: int
    units_total: int
    moves_done: int
    moves_total: int
    days_used: int | None
    days_planned: int | None
    land_freed_mu: float
    land_total_mu: float
    blocked: tuple[str, ...]


def progress(start: dt.date | None, end: dt.date | None, moves: Iterable[MoveFacts]) -> Progress:
    """Progress from a project's dates and its moves.

    A unit counts as moved once every move of it is DONE; days run from the project's start to
    the latest actual move, against its planned end.
    """
    moves = sorted(moves, key=lambda move: move.key)
    done = [move for move in moves if move.status == MoveStatus.DONE]
    units = {move.unit for move in moves if move.unit is not None}
    pending = {move.unit for move in moves if move.status != MoveStatus.DONE}
    latest = max((move.moved_on for move in done if move.moved_on is not None), default=None)
    return Progress(
        units_moved=len(units - pending),
        units_total=len(units),
        moves_done=len(done),
        moves_total=len(moves),
        days_used=_days(start, latest) if latest is not None else (0 if start else None),
        days_planned=_days(start, end),
        # Rounded: a sum of one-decimal areas picks up binary floating-point noise.
        land_freed_mu=round(sum(move.land_mu or 0.0 for move in done), 2),
        land_total_mu=round(sum(move.land_mu or 0.0 for move in moves), 2),
        blocked=tuple(move.key for move in moves if move.status == MoveStatus.BLOCKED),
    )


def _days(start: dt.date | None, end: dt.date | None) -> int | None:
    if start is None or end is None:
        return None
    return (end - start).days
