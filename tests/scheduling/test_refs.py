"""Typed schedule references: what moderators type before autocomplete's choices arrive."""

from __future__ import annotations

import pytest

from bot.scheduling.refs import ScheduleRef, parse_ref


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", ScheduleRef(3)),
        ("#3", ScheduleRef(3)),
        ("discussion 3", ScheduleRef(3)),
        ("１２", ScheduleRef(12)),
        ("1.3", ScheduleRef(3, plan_number=1)),
        ("1/3", ScheduleRef(3, plan_number=1)),
        ("plan 1 session 3", ScheduleRef(3, plan_number=1)),
        ("计划1 第3次", ScheduleRef(3, plan_number=1)),
        ("Plan 2 · session 11/12 · 2026-01-06", None),  # a pasted label is not a reference
        ("plan 2", ScheduleRef(None, plan_number=2)),
        ("计划 2", ScheduleRef(None, plan_number=2)),
        ("2.", ScheduleRef(None, plan_number=2)),
        ("", None),
        ("next week", None),
        ("0", None),
        ("1.2.3", None),
    ],
)
def test_parse_ref(text: str, expected: ScheduleRef | None) -> None:
    assert parse_ref(text) == expected


def test_canonical_forms_parse_back() -> None:
    for ref in (ScheduleRef(7), ScheduleRef(3, plan_number=1), ScheduleRef(None, plan_number=4)):
        assert parse_ref(ref.canonical) == ref
