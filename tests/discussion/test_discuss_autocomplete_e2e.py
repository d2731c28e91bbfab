"""Section autocomplete for /discuss: within Discord's limits, fast, and finding what is typed."""

from __future__ import annotations

import pytest

from tests.discussion.discussion_helpers import ready
from tests.harness import MODERATOR_ID


async def choices(fake, command: str, option: str, typed: str, extra: dict | None = None):
    record = await fake.autocomplete(
        command, {**(extra or {}), option: typed}, focused=option, user=MODERATOR_ID
    )
    await record.wait_response()
    assert record.time_to_first_response is not None and record.time_to_first_response < 1.0
    return record.choices


async def test_empty_input_offers_sections_in_reading_order(fake_discord, bot_runner) -> None:
    """With nothing typed, at most 25 sections in reading order, each name within 100 chars."""
    async with bot_runner() as bot:
        await ready(bot)
        found = await choices(fake_discord, "discuss-mod now", "section", "")
        assert 1 < len(found) <= 25
        assert [c["value"] for c in found[:3]] == ["abstract", "intro", "s1"]
        assert all(1 <= len(c["name"]) <= 100 for c in found)


@pytest.mark.parametrize(
    ("typed", "first"),
    [("一(一", "s1-1"), ("三/（二）/第一", "s3-2-p1"), ("高尔夫", "s2-p2"), ("结语", "conclusion")],
)
async def test_typed_numbers_or_words_find_the_section(
    fake_discord, bot_runner, typed, first
) -> None:
    """Number paths in any bracket style, or words of a heading, put the section first."""
    async with bot_runner() as bot:
        await ready(bot)
        found = await choices(fake_discord, "discuss-mod now", "section", typed)
        assert found[0]["value"] == first


async def test_plan_from_section_autocompletes_too(fake_discord, bot_runner) -> None:
    """The plan's from_section option offers the same section choices."""
    async with bot_runner() as bot:
        await ready(bot)
        found = await choices(
            fake_discord,
            "discuss-mod plan",
            "from_section",
            "结语",
            {"start": "2026-01-06 20:00", "every_days": 7},
        )
        assert found[0]["value"] == "conclusion"
