"""The soak benchmark's short form: a simulated week of quizzes, discussions, lookups and clicks
against the real bot process, with no error and memory that levels off."""

from __future__ import annotations

from pathlib import Path

from bench.soak import Params, soak


async def test_short_soak_has_no_errors_and_bounded_memory(tmp_path: Path) -> None:
    """A simulated week answers every interaction in time without an error, posts the weekly
    quizzes and the planned discussions, and its heap stops growing in the second half."""
    report = await soak(Params.short(), tmp_path)
    assert report.errors == []
    assert report.quiz_posts >= 2 and report.threads >= 2
    assert report.interactions > 200
    assert report.bounded(), report.growth()
