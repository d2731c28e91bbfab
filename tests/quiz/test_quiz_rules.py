"""Quiz rules: choice letters and how long a quiz stays open."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.quiz import rules


def test_duration_defaults_to_a_day() -> None:
    """No duration means 24 hours."""
    assert rules.duration(None) == timedelta(hours=24)


def test_duration_is_clamped_below_a_week() -> None:
    """A weekly quiz can never still be open when the next one starts."""
    assert rules.duration(1000) == timedelta(hours=rules.MAX_DURATION_HOURS)
    assert rules.duration(0) == timedelta(hours=rules.MIN_DURATION_HOURS)


def test_choice_letters_round_trip() -> None:
    """Letters map to indexes and back; anything else is refused."""
    assert [rules.choice_index(rules.letter(i)) for i in range(4)] == [0, 1, 2, 3]
    with pytest.raises(ValueError):
        rules.choice_index("E")
