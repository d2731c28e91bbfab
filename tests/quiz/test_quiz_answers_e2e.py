"""Answering and closing a quiz, across restarts, end to end through the fake Discord."""

from __future__ import annotations

from datetime import timedelta

from bot.content.naming import paragraph_ref, short_label
from tests.harness import MEMBER2_ID, MEMBER_ID, MODERATOR_ID, READING_CHANNEL_ID
from tests.quiz.quiz_helpers import (
    DAY,
    FIRST_RUN,
    WEEKLY,
    answered,
    button,
    buttons,
    field,
    question_of,
    quiz_of,
    quiz_posts,
    ready,
)

READERS = [1_100_000_000_000_000_400 + n for n in range(5)]


def _add_readers(fake) -> None:
    for user_id in READERS:
        fake.add_member(user_id, f"reader{user_id % 1000}")


async def _scheduled_post(fake, bot, clock):
    await answered(await fake.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))
    clock.set(FIRST_RUN)
    await bot.services.runner.tick()
    (post,) = quiz_posts(fake)
    return post


async def test_members_answers_are_recorded_and_confirmed(fake_discord, bot_runner, clock) -> None:
    """Five members click; each gets a private confirmation naming their letter."""
    _add_readers(fake_discord)
    async with bot_runner() as bot:
        await ready(bot)
        post = await _scheduled_post(fake_discord, bot, clock)
        letters = "ABCDA"
        for user_id, letter in zip(READERS, letters, strict=True):
            reply = await answered(
                await fake_discord.click(post, button(post, letter), user=user_id)
            )
            assert reply.ephemeral and f"**{letter}**" in reply.text
        tally = await bot.services.quiz.tally((await quiz_of(bot, post)).id)
        assert tally.counts == (2, 1, 1, 1)


async def test_double_click_keeps_the_first_answer(fake_discord, bot_runner, clock) -> None:
    """A second click is told which answer was recorded; the stored answer does not change."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await _scheduled_post(fake_discord, bot, clock)
        await answered(await fake_discord.click(post, button(post, "B"), user=MEMBER_ID))
        again = await answered(await fake_discord.click(post, button(post, "D"), user=MEMBER_ID))
        assert again.ephemeral and "already answered **B**" in again.text
        quiz = await quiz_of(bot, post)
        assert await bot.services.quiz.answer_of(quiz.id, MEMBER_ID) == 1


async def test_answer_reply_follows_locale(fake_discord, bot_runner, clock) -> None:
    """A zh-CN member's confirmation is in Chinese."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await _scheduled_post(fake_discord, bot, clock)
        reply = await answered(
            await fake_discord.click(post, button(post, "A"), user=MEMBER_ID, locale="zh-CN")
        )
        assert "已记录你的答案" in reply.text


async def test_click_after_closing_time_is_refused(fake_discord, bot_runner, clock) -> None:
    """Past the closing time (even before the sweeper ran) a click is refused politely."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await _scheduled_post(fake_discord, bot, clock)
        clock.set(FIRST_RUN + DAY + timedelta(seconds=1))
        reply = await answered(await fake_discord.click(post, button(post, "A"), user=MEMBER_ID))
        assert reply.ephemeral and "no longer takes answers" in reply.text
        assert await bot.services.quiz.answer_of((await quiz_of(bot, post)).id, MEMBER_ID) is None


async def test_closing_shows_results_in_the_post(fake_discord, bot_runner, clock) -> None:
    """At closing the post gets disabled buttons, the answer, explanation, source and counts."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await _scheduled_post(fake_discord, bot, clock)
        question = await question_of(bot, post)
        right, wrong = question.answer_letter, "ABCD"[(question.answer + 1) % 4]
        await answered(await fake_discord.click(post, button(post, right), user=MEMBER_ID))
        await answered(await fake_discord.click(post, button(post, wrong), user=MEMBER2_ID))
        clock.set(FIRST_RUN + DAY)
        await bot.services.runner.tick()
        closed = fake_discord.state.messages[post.id]
        assert all(b["disabled"] for b in buttons(closed))
        assert [b["style"] for b in buttons(closed)].count(3) == 1  # the right one is green
        assert f"**{right}.**" in field(closed, "Answer")
        assert question.explanation_en in field(closed, "Explanation")
        source = field(closed, "Source")
        assert "朱海燕" in source and "国际政治研究" in source
        assert "1 (50%)" in field(closed, "How people answered")
        correct = field(closed, "Got it right")
        assert f"<@{MEMBER_ID}>" in correct and f"<@{MEMBER2_ID}>" not in correct
        assert closed.allowed_mentions == {"parse": []}


async def test_source_passage_is_the_cited_sentence(fake_discord, bot_runner, clock) -> None:
    """The source field quotes the sentence containing the quote, with the section path."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await _scheduled_post(fake_discord, bot, clock)
        question = await question_of(bot, post)
        clock.set(FIRST_RUN + DAY)
        await bot.services.runner.tick()
        source = field(fake_discord.state.messages[post.id], "Source")
        article = bot.services.article
        paragraph = article.paragraph(question.paragraph_id)
        label = short_label(article.section(paragraph.section_id))
        assert question.quote in source
        assert source.endswith(f"{label} {paragraph_ref(paragraph.ordinal)}")


async def test_closing_reply_notifies_the_channel(fake_discord, bot_runner, clock) -> None:
    """A short reply under the post says the quiz closed and how many got it right (the answer
    itself is stated once, in the post); a quiz nobody answered says so."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await _scheduled_post(fake_discord, bot, clock)
        question = await question_of(bot, post)
        clock.set(FIRST_RUN + DAY)
        await bot.services.runner.tick()
        notice = fake_discord.messages(READING_CHANNEL_ID)[-1]
        assert notice.message_reference and int(notice.message_reference["message_id"]) == post.id
        assert "这次没有人作答" in notice.content and "nobody answered" in notice.content
        assert question.options_zh[question.answer] not in notice.content
        assert notice.allowed_mentions == {"parse": [], "replied_user": False}


async def test_restart_keeps_buttons_and_closing(fake_discord, bot_runner, clock) -> None:
    """After a restart on the same database, a click on the old post works and it still closes."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await _scheduled_post(fake_discord, bot, clock)
        await answered(await fake_discord.click(post, button(post, "A"), user=MEMBER_ID))
    clock.advance(timedelta(hours=1))
    async with bot_runner() as bot:
        await ready(bot)
        assert [c.split(":")[2] for c in post.custom_ids()] == ["A", "B", "C", "D"]
        reply = await answered(await fake_discord.click(post, button(post, "C"), user=MEMBER2_ID))
        assert "**C**" in reply.text and "recorded" in reply.text
        clock.set(FIRST_RUN + DAY)
        await bot.services.runner.tick()
        closed = fake_discord.state.messages[post.id]
        assert all(b["disabled"] for b in buttons(closed))
        assert "2 answered" in field(closed, "How people answered")


async def test_quiz_due_to_close_while_down_closes_at_start(
    fake_discord, bot_runner, clock
) -> None:
    """A quiz whose closing time passed while the bot was down is closed by the start-up tick."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await _scheduled_post(fake_discord, bot, clock)
    clock.set(FIRST_RUN + DAY + timedelta(hours=3))
    async with bot_runner() as bot:
        await ready(bot)
        assert (await quiz_of(bot, post)).status == "closed"
        assert all(b["disabled"] for b in buttons(fake_discord.state.messages[post.id]))


async def test_missed_run_within_grace_is_posted_late(fake_discord, bot_runner, clock) -> None:
    """Down at 20:00 and back at 22:00 (grace 6 h): the catch-up posts the quiz once."""
    async with bot_runner() as bot:
        await ready(bot)
        await answered(await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))
    clock.set(FIRST_RUN + timedelta(hours=2))
    async with bot_runner() as bot:
        await ready(bot)
        await bot.services.runner.tick()
        assert len(quiz_posts(fake_discord)) == 1


async def test_missed_run_beyond_grace_is_skipped(fake_discord, bot_runner, clock) -> None:
    """Back 7 hours late: nothing is posted and the run is recorded as missed."""
    async with bot_runner() as bot:
        await ready(bot)
        await answered(await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))
    clock.set(FIRST_RUN + timedelta(hours=7))
    async with bot_runner() as bot:
        await ready(bot)
        assert quiz_posts(fake_discord) == []
        (schedule,) = await bot.services.schedules.active(kind="quiz")
        (occurrence,) = await bot.services.schedules.occurrences_of(schedule.id)
        assert occurrence.status == "missed"


async def test_post_sent_but_not_recorded_is_adopted(fake_discord, bot_runner, clock) -> None:
    """If the bot died after posting but before recording, the restart adopts the post."""
    async with bot_runner() as bot:
        await ready(bot)
        await answered(await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))
        (schedule,) = await bot.services.schedules.active(kind="quiz")
        clock.set(FIRST_RUN)
        # What fire() does up to the crash: claim the run, create the quiz, send the post.
        occurrence = await bot.services.schedules.claim(schedule.id, FIRST_RUN, clock.now())
        cog = bot.get_cog("QuizCog")
        quiz = await cog.store.create(
            guild_id=schedule.guild_id,
            channel_id=schedule.channel_id,
            article=bot.services.article,
            now=clock.now(),
            duration=DAY,
            occurrence_id=occurrence.id,
            schedule_id=schedule.id,
        )
        store = cog.poster.store

        async def crash(*_args: object) -> None:
            raise SystemExit("killed between sending and recording")

        store.mark_posted, real_mark_posted = crash, store.mark_posted  # type: ignore[method-assign]
        channel = bot.get_channel(READING_CHANNEL_ID)
        try:
            await cog.poster.send(channel, quiz, bot.services.article)
        except SystemExit:
            pass
        store.mark_posted = real_mark_posted  # type: ignore[method-assign]
    clock.advance(timedelta(minutes=5))
    async with bot_runner() as bot:
        await ready(bot)
        posts = quiz_posts(fake_discord)
        assert len(posts) == 1
        assert (await quiz_of(bot, posts[0])).message_id == posts[0].id
        (done,) = await bot.services.schedules.occurrences_of(schedule.id)
        assert done.status == "sent" and done.result["message_id"] == posts[0].id


async def test_interrupted_run_without_post_is_sent_once(fake_discord, bot_runner, clock) -> None:
    """A run claimed but never sent is posted by the restart, with the quiz id it already had."""
    async with bot_runner() as bot:
        await ready(bot)
        await answered(await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))
        (schedule,) = await bot.services.schedules.active(kind="quiz")
        clock.set(FIRST_RUN)
        occurrence = await bot.services.schedules.claim(schedule.id, FIRST_RUN, clock.now())
        quiz = await bot.services.quiz.create(
            guild_id=schedule.guild_id,
            channel_id=schedule.channel_id,
            article=bot.services.article,
            now=clock.now(),
            duration=DAY,
            occurrence_id=occurrence.id,
            schedule_id=schedule.id,
        )
    async with bot_runner() as bot:
        await ready(bot)
        await bot.services.runner.tick()
        posts = quiz_posts(fake_discord)
        assert len(posts) == 1 and f"quiz:{quiz.id}:A" in posts[0].custom_ids()
