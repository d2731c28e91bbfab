"""/quiz-mod now, close, leaderboard, stats and practice, end to end through the fake Discord."""

from __future__ import annotations

from datetime import timedelta

from tests.harness import MEMBER2_ID, MEMBER_ID, MODERATOR_ID, OTHER_CHANNEL_ID, READING_CHANNEL_ID
from tests.quiz.quiz_helpers import (
    answered,
    button,
    buttons,
    post_quiz_now,
    question_of,
    quiz_of,
    quiz_posts,
    ready,
)


async def _answer_right_and_wrong(fake, bot, post) -> None:
    """MEMBER answers correctly, MEMBER2 wrongly."""
    question = await question_of(bot, post)
    wrong = "ABCD"[(question.answer + 1) % 4]
    await answered(await fake.click(post, button(post, question.answer_letter), user=MEMBER_ID))
    await answered(await fake.click(post, button(post, wrong), user=MEMBER2_ID))


async def test_quiz_now_posts_and_confirms(fake_discord, bot_runner) -> None:
    """/quiz-mod now posts a question in the channel and tells the moderator privately."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await answered(await fake_discord.slash("quiz-mod now", {}, user=MODERATOR_ID))
        posts = quiz_posts(fake_discord)
        assert len(posts) == 1 and reply.ephemeral
        assert str(posts[0].id) in reply.text  # the jump link


async def test_quiz_now_in_section(fake_discord, bot_runner) -> None:
    """With a section, the question comes from that section or below it."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID, section="s2")
        question = await question_of(bot, post)
        article = bot.services.article
        assert question.section_id in {"s2", *(s.id for s in article.descendants("s2"))}


async def test_section_autocomplete(fake_discord, bot_runner) -> None:
    """Typing words of a heading suggests that section first (then sections whose text has them)."""
    async with bot_runner() as bot:
        await ready(bot)
        record = await fake_discord.autocomplete(
            "quiz-mod now", {"section": ""}, focused="section", user=MODERATOR_ID
        )
        assert len((await record.wait_response()).choices) > 1
        typed = await fake_discord.autocomplete(
            "quiz-mod now", {"section": "日本利用"}, focused="section", user=MODERATOR_ID
        )
        values = [c["value"] for c in (await typed.wait_response()).choices]
        assert values[0] == "s2"


async def test_unknown_section_is_refused(fake_discord, bot_runner) -> None:
    """A section that does not exist is refused; nothing is posted."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await answered(
            await fake_discord.slash("quiz-mod now", {"section": "nowhere"}, user=MODERATOR_ID)
        )
        assert reply.ephemeral and "There is no section" in reply.text
        assert quiz_posts(fake_discord) == []


async def test_quiz_now_refused_while_one_is_open(fake_discord, bot_runner) -> None:
    """A second /quiz-mod now in a channel with an open quiz is refused with the open quiz's number."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        reply = await answered(await fake_discord.slash("quiz-mod now", {}, user=MODERATOR_ID))
        assert f"#{(await quiz_of(bot, post)).id}" in reply.text and "already open" in reply.text
        assert len(quiz_posts(fake_discord)) == 1


async def test_quiz_now_other_channel_without_permissions(fake_discord, bot_runner) -> None:
    """/quiz-mod now into a channel where the bot cannot send names Send Messages; nothing posted."""
    fake_discord.set_bot_permissions(OTHER_CHANNEL_ID, deny=["send_messages"])
    async with bot_runner() as bot:
        await ready(bot)
        reply = await answered(
            await fake_discord.slash(
                "quiz-mod now", {"channel": OTHER_CHANNEL_ID}, user=MODERATOR_ID
            )
        )
        assert reply.ephemeral and "Send Messages" in reply.text
        assert quiz_posts(fake_discord, OTHER_CHANNEL_ID) == []


async def test_member_cannot_post_or_close(fake_discord, bot_runner) -> None:
    """Members are refused /quiz-mod now and /quiz-mod close."""
    async with bot_runner() as bot:
        await ready(bot)
        await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        for command in ("quiz-mod now", "quiz-mod close"):
            record = await fake_discord.slash(
                command, {}, user=MEMBER_ID, ignore_default_permissions=True
            )  # the group is hidden from members; an admin may show it: the code still refuses
            reply = await answered(record)
            assert "Only moderators" in reply.text
        post = quiz_posts(fake_discord)[0]
        assert (await quiz_of(bot, post)).status == "open"


async def test_close_early_shows_results(fake_discord, bot_runner) -> None:
    """/quiz-mod close ends the open quiz-mod now: disabled buttons, answers refused afterwards."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        await _answer_right_and_wrong(fake_discord, bot, post)
        reply = await answered(await fake_discord.slash("quiz-mod close", {}, user=MODERATOR_ID))
        assert f"#{(await quiz_of(bot, post)).id}" in reply.text
        closed = fake_discord.state.messages[post.id]
        assert all(b["disabled"] for b in buttons(closed))
        assert (await quiz_of(bot, post)).status == "closed"


async def test_close_without_open_quiz(fake_discord, bot_runner) -> None:
    """/quiz-mod close where nothing is open says so."""
    async with bot_runner() as bot:
        await ready(bot)
        reply = await answered(await fake_discord.slash("quiz-mod close", {}, user=MODERATOR_ID))
        assert reply.ephemeral and "no open quiz" in reply.text


async def test_leaderboard_after_closing(fake_discord, bot_runner) -> None:
    """The leaderboard ranks the right answer first, and only counts closed quizzes."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        await _answer_right_and_wrong(fake_discord, bot, post)
        early = await answered(await fake_discord.slash("quiz leaderboard", {}, user=MEMBER_ID))
        assert f"<@{MEMBER_ID}>" not in early.text
        assert "not on this board yet" in (await early.wait_followup()).content
        await answered(await fake_discord.slash("quiz-mod close", {}, user=MODERATOR_ID))
        board = await answered(
            await fake_discord.slash("quiz leaderboard", {"period": "week"}, user=MEMBER_ID)
        )
        text = board.text
        assert f"<@{MEMBER_ID}>" in text and "1/1 correct" in text
        assert f"<@{MEMBER2_ID}>" not in text and "0/1" not in text  # no right answer: not listed
        assert not board.ephemeral
        mine = await board.wait_followup()
        assert mine.ephemeral and mine.content == "You're 1st (1 of 1 right)."


async def test_stats_streaks(fake_discord, bot_runner, clock) -> None:
    """Two right answers then a wrong one: current streak 0, best 2, accuracy 67%."""
    async with bot_runner() as bot:
        await ready(bot)
        for right in (True, True, False):
            post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
            question = await question_of(bot, post)
            letter = "ABCD"[question.answer if right else (question.answer + 1) % 4]
            await answered(await fake_discord.click(post, button(post, letter), user=MEMBER_ID))
            await answered(await fake_discord.slash("quiz-mod close", {}, user=MODERATOR_ID))
            clock.advance(timedelta(minutes=10))
        stats = await answered(
            await fake_discord.slash("quiz stats", {"member": MEMBER_ID}, user=MEMBER2_ID)
        )
        fields = {f["name"]: f["value"] for f in stats.embed["fields"]}
        assert (fields["Answered"], fields["Correct"], fields["Accuracy"]) == ("3", "2", "67%")
        assert (fields["Current streak"], fields["Best streak"]) == ("0", "2")


async def test_practice_is_private_and_unscored(fake_discord, bot_runner) -> None:
    """Practice answers at once with the explanation, privately, and never reaches the scores."""
    async with bot_runner() as bot:
        await ready(bot)
        card = await answered(await fake_discord.slash("quiz practice", {}, user=MEMBER_ID))
        assert card.ephemeral and len(card.custom_ids) == 4
        result = await answered(await fake_discord.click(card, card.custom_ids[0], user=MEMBER_ID))
        await result.wait_response()
        assert "Explanation" in card.text
        assert all(b.get("disabled") for b in buttons(card.message)[:4])
        stats = await bot.services.quiz.stats(card.guild_id, MEMBER_ID)
        assert stats.answered == 0 and stats.awaiting_results == 0
        assert quiz_posts(fake_discord, READING_CHANNEL_ID) == []


async def test_practice_next_question(fake_discord, bot_runner) -> None:
    """After answering, "Next question" shows a different question with fresh buttons."""
    async with bot_runner() as bot:
        await ready(bot)
        card = await answered(await fake_discord.slash("quiz practice", {}, user=MEMBER_ID))
        first = card.embed["description"]
        await (await fake_discord.click(card, card.custom_ids[1], user=MEMBER_ID)).wait_response()
        await (await fake_discord.click(card, card.custom_ids[4], user=MEMBER_ID)).wait_response()
        assert card.embed["description"] != first
        assert not any(b.get("disabled") for b in buttons(card.message))


async def test_discussed_section_is_preferred(fake_discord, bot_runner, clock) -> None:
    """While a discussion runs on 三/(二), the scheduled-style pick comes from that section."""

    class Discussions:
        async def current_section(self, guild_id: int, now) -> str | None:
            return "s3-2"

    async with bot_runner() as bot:
        await ready(bot)
        bot.services.discussions = Discussions()
        article = bot.services.article
        wanted = {"s3-2", *(s.id for s in article.descendants("s3-2"))}
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        assert (await question_of(bot, post)).section_id in wanted
