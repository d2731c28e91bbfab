"""Kinder scores, end to end in en-US and zh-CN: the public board lists only members with a right
answer, shared places are said to be shared, the caller privately sees their own place, and
/quiz stats speaks to the caller as "you".
"""

from __future__ import annotations

import pytest

from tests.harness import MODERATOR_ID
from tests.quiz.quiz_helpers import (
    answered,
    assert_no_pings,
    button,
    post_quiz_now,
    question_of,
    ready,
)

A, B, C, D = (1_100_000_000_000_000_600 + n for n in range(4))
NAMES = {A: "readerann", B: "readerbo", C: "readercy", D: "readerdee"}
LOCALES = ["en-US", "zh-CN"]


def _add_members(fake) -> None:
    for user_id, name in NAMES.items():
        fake.add_member(user_id, name)


async def _quiz(fake, bot, right: set[int], wrong: set[int]) -> None:
    """One quiz: `right` answer it correctly, `wrong` do not; then a moderator closes it."""
    post = await post_quiz_now(fake, bot, MODERATOR_ID)
    question = await question_of(bot, post)
    for user_id in sorted(right | wrong):
        letter = "ABCD"[question.answer if user_id in right else (question.answer + 1) % 4]
        await answered(await fake.click(post, button(post, letter), user=user_id))
    await answered(await fake.slash("quiz-mod close", {}, user=MODERATOR_ID))


async def _board(fake, user: int, locale: str):
    """The public board and the private line the caller gets with it."""
    board = await answered(await fake.slash("quiz leaderboard", {}, user=user, locale=locale))
    mine = await board.wait_followup()
    assert not board.ephemeral and mine.ephemeral
    return board, mine


async def _stats(fake, user: int, locale: str, **options):
    stats = await answered(await fake.slash("quiz stats", options, user=user, locale=locale))
    assert stats.ephemeral
    fields = {f["name"]: f["value"] for f in stats.embed.get("fields", [])}
    return stats, fields


@pytest.mark.parametrize("locale", LOCALES)
async def test_three_tied_for_first_and_nobody_listed_at_zero(
    fake_discord, bot_runner, locale
) -> None:
    """Three right, one wrong: the board lists the three as tied, never "0/1"; each of the
    three privately reads "tied for 1st", the fourth that one right answer puts them on it."""
    _add_members(fake_discord)
    async with bot_runner() as bot:
        await ready(bot)
        await _quiz(fake_discord, bot, right={A, B, C}, wrong={D})
        board, mine = await _board(fake_discord, A, locale)
        lines = board.embed["description"].splitlines()
        assert len(lines) == 3 and f"<@{D}>" not in board.text and "0/1" not in board.text
        tied = " · tied" if locale == "en-US" else " · 并列"
        assert all(line.startswith("🥇 ") and line.endswith(tied) for line in lines)
        assert {f"<@{u}>" for u in (A, B, C)} == {line.split()[1] for line in lines}
        if locale == "en-US":
            assert mine.content == "You're tied for 1st with 2 others (1 of 1 right)."
        else:
            assert mine.content == "你与另外 2 人并列第 1 名（答对 1/1）。"
        _, theirs = await _board(fake_discord, D, locale)
        if locale == "en-US":
            assert (
                theirs.content == "You're not on this board yet: one right answer puts you on it."
            )
        else:
            assert theirs.content == "你还没有上榜：答对一题就能上榜。"
    assert_no_pings(fake_discord)


@pytest.mark.parametrize("locale", LOCALES)
async def test_one_place_alone_and_two_tied_behind(fake_discord, bot_runner, clock, locale) -> None:
    """After a second quiz only B gets right, B is 1st alone and A and C share 2nd."""
    _add_members(fake_discord)
    async with bot_runner() as bot:
        await ready(bot)
        await _quiz(fake_discord, bot, right={A, B, C}, wrong={D})
        await _quiz(fake_discord, bot, right={B}, wrong={A, C})
        board, mine_b = await _board(fake_discord, B, locale)
        lines = board.embed["description"].splitlines()
        assert lines[0].startswith(f"🥇 <@{B}>") and not lines[0].endswith(("tied", "并列"))
        assert all(line.startswith("🥈 ") for line in lines[1:]) and len(lines) == 3
        _, mine_a = await _board(fake_discord, A, locale)
        if locale == "en-US":
            assert mine_b.content == "You're 1st (2 of 2 right)."
            assert mine_a.content == ("You're tied for 2nd with one other member (1 of 2 right).")
        else:
            assert mine_b.content == "你排第 1 名（答对 2/2）。"
            assert mine_a.content == "你与另外 1 人并列第 2 名（答对 1/2）。"
    assert_no_pings(fake_discord)


@pytest.mark.parametrize("locale", LOCALES)
async def test_stats_speak_to_the_caller(fake_discord, bot_runner, locale) -> None:
    """/quiz stats about oneself says "your" and names a shared place as tied; about someone
    else it names them; without a right answer the place is "not on the board yet"."""
    _add_members(fake_discord)
    english = locale == "en-US"
    async with bot_runner() as bot:
        await ready(bot)
        empty, _ = await _stats(fake_discord, A, locale)
        assert empty.embed["title"] == ("Your quiz stats" if english else "你的问答统计")
        assert empty.embed["description"] == (
            "You haven't answered a closed quiz yet." if english else "你还没有答过已结束的问答。"
        )
        await _quiz(fake_discord, bot, right={A, B, C}, wrong={D})
        own, fields = await _stats(fake_discord, A, locale)
        explicit, _ = await _stats(fake_discord, A, locale, member=A)
        assert own.embed["title"] == explicit.embed["title"] == empty.embed["title"]
        assert f"<@{A}>" not in own.text and NAMES[A] not in own.text
        rank = fields["Rank" if english else "总排名"]
        assert rank == ("tied for 1st (3 members)" if english else "并列第 1 名（3 人）")
        _, zero = await _stats(fake_discord, D, locale)
        assert zero["Rank" if english else "总排名"] == (
            "not on the board yet" if english else "未上榜"
        )
        other, _ = await _stats(fake_discord, D, locale, member=A)
        assert NAMES[A] in other.embed["title"] and "Your" not in other.embed["title"]
    assert_no_pings(fake_discord)


@pytest.mark.parametrize("locale", LOCALES)
async def test_stats_footer_counts_your_waiting_answers(fake_discord, bot_runner, locale) -> None:
    """An answer to a quiz still open is counted as "your answers waiting"."""
    _add_members(fake_discord)
    async with bot_runner() as bot:
        await ready(bot)
        await _quiz(fake_discord, bot, right={A}, wrong=set())
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        await answered(await fake_discord.click(post, button(post, "A"), user=A))
        stats, _ = await _stats(fake_discord, A, locale)
        footer = stats.embed["footer"]["text"]
        assert footer == (
            "Your answers waiting for their quiz to close: 1"
            if locale == "en-US"
            else "你还有 1 个答案等问答结束后计分"
        )
