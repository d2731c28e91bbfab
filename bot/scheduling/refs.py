"""How people name a schedule when they type it: "3", "#3", "1.3", "plan 1 session 3", "计划1第3次".

Autocomplete submits the canonical forms ("3" for a single discussion, "1.3" for session 3 of
plan 1); the free forms exist because moderators type before the choices arrive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = re.compile(r"\d+")
_PLAN_WORD = re.compile(r"plan|计划|計劃|p(?=\s*\d)", re.IGNORECASE)
_MAX_NUMBER = 10**9


@dataclass(frozen=True, slots=True)
class ScheduleRef:
    """`plan_number` None: a schedule outside any plan. `number` None: the whole plan."""

    number: int | None
    plan_number: int | None = None

    @property
    def canonical(self) -> str:
        if self.plan_number is None:
            return str(self.number)
        if self.number is None:
            return f"{self.plan_number}."
        return f"{self.plan_number}.{self.number}"


def parse_ref(text: str) -> ScheduleRef | None:
    """The schedule a typed reference names, or None when it names none."""
    numbers = [int(n) for n in _NUMBER.findall(text.translate(_FULL_WIDTH_DIGITS))]
    if not numbers or len(numbers) > 2 or any(n < 1 or n > _MAX_NUMBER for n in numbers):
        return None
    if len(numbers) == 2:
        return ScheduleRef(number=numbers[1], plan_number=numbers[0])
    if _PLAN_WORD.search(text) or text.strip().endswith("."):
        return ScheduleRef(number=None, plan_number=numbers[0])
    return ScheduleRef(number=numbers[0])


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
