"""The public quiz post as a member reads it on a phone, end to end through the fake Discord:
option lines with English subtext, short option text on the buttons, a live "N answered" count
edited at most once a minute, the reveal in order with the answer stated once, the closing
notice "3 of 6 right", and receipts that echo the chosen option, in zh-CN and en-US.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.cogs.quiz.embeds import button_labels
from bot.content.naming import paragraph_ref, short_label
from tests.harness import MEMBER_ID, MODERATOR_ID, READING_CHANNEL_ID
from tests.quiz.quiz_helpers import (
    FIRST_RUN,
    WEEKLY,
    answered,
    assert_no_pings,
    button,
    buttons,
    counts_settled,
    description,
    embed_text,
    post_edits,
    post_quiz_now,
    question_of,
    quiz_posts,
    ready,
    subtexts,
)

MINUTE = timedelta(minutes=1)
SIX = [1_100_000_000_000_000_500 + n for n in range(6)]
LOCALES = ["en-US", "zh-CN"]
DEADLINE = 3.0  # Discord's limit for the first response to an interaction


def _add_six(fake) -> None:
    for user_id in SIX:
        fake.add_member(user_id, f"member{user_id % 1000}")


def _wrong(question, n: int = 1) -> str:
    return "ABCD"[(question.answer + n) % 4]


async def _click(fake, post, letter: str, user: int, locale: str):
    reply = await answered(await fake.click(post, button(post, letter), user=user, locale=locale))
    assert reply.ephemeral
    assert reply.time_to_first_response is not None
    assert reply.time_to_first_response < DEADLINE
    return reply


@pytest.mark.parametrize("locale", LOCALES)
async def test_post_has_option_lines_with_subtext_and_short_buttons(
    fake_discord, bot_runner, locale
) -> None:
    """Each option is one Chinese line with its English as `-#` subtext under it (whatever the
    reader's locale: the post is public); buttons say `A · <short option>` and keep their ids."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        question = await question_of(bot, post)
        lines = description(post).splitlines()
        assert lines[0] == f"**{question.question_zh}**"
        assert lines[1] == f"-# {question.question_en}"
        for index, key in enumerate("ABCD"):
            at = lines.index(f"**{key}.** {question.options_zh[index]}")
            assert lines[at + 1] == f"-# {question.options_en[index]}"
        assert not any(line.startswith(" ") or line.startswith("　") for line in lines)
        assert set(subtexts(description(post))) == {question.question_en, *question.options_en}
        assert "🗳️ 还没有人作答 · no answers yet" in lines
        section = bot.services.article.section(question.section_id)
        assert post.embeds[0]["author"]["name"].startswith(f"📖 {short_label(section)}")
        assert post.embeds[0]["footer"]["text"] == "以第一次作答为准 · Your first answer counts"
        labels = [b["label"] for b in buttons(post)]
        for index, (key, label) in enumerate(zip("ABCD", labels, strict=True)):
            assert label.startswith(f"{key} · ") and len(label) <= 80
            shown = label.removeprefix(f"{key} · ").removesuffix("…")
            assert question.options_zh[index].startswith(shown) and len(shown) >= 2
        assert [c.split(":")[2] for c in post.custom_ids()] == ["A", "B", "C", "D"]
        # The member's click works on the post and is answered in their own language.
        reply = await _click(fake_discord, post, "A", MEMBER_ID, locale)
        assert ("recorded" in reply.text) == (locale == "en-US")
    assert_no_pings(fake_discord)


@pytest.mark.parametrize("locale", LOCALES)
async def test_receipt_echoes_the_chosen_option(fake_discord, bot_runner, locale) -> None:
    """The private receipt names the letter and quotes the option in the member's language; a
    second click repeats the first choice, option included."""
    _add_six(fake_discord)
    async with bot_runner() as bot:
        await ready(bot)
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        question = await question_of(bot, post)
        options = question.options_en if locale == "en-US" else question.options_zh
        other = question.options_zh if locale == "en-US" else question.options_en
        first = await _click(fake_discord, post, "C", SIX[0], locale)
        assert "**C**" in first.text and f"> {options[2]}" in first.text
        assert other[2] not in first.text
        again = await _click(fake_discord, post, "A", SIX[0], locale)
        assert "**C**" in again.text and f"> {options[2]}" in again.text
        if locale == "en-US":
            assert "Your answer **C** is recorded" in first.text
            assert "You already answered **C**" in again.text
        else:
            assert "已记录你的答案 **C**" in first.text and "你已经选择了 **C**" in again.text
    assert_no_pings(fake_discord)


@pytest.mark.parametrize("locale", LOCALES)
async def test_answer_count_is_edited_at_most_once_a_minute(
    fake_discord, bot_runner, clock, locale
) -> None:
    """First answer: the count is edited at once. A second within the minute: no edit. After the
    minute the tick brings it up to date; a click a minute after that edits again; a tick with
    nothing new edits nothing."""
    _add_six(fake_discord)
    async with bot_runner() as bot:
        await ready(bot)
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        assert post_edits(fake_discord, post) == 0
        await _click(fake_discord, post, "A", SIX[0], locale)
        await counts_settled(bot)
        assert post_edits(fake_discord, post) == 1
        assert "🗳️ 1 人已作答 · 1 answered" in description(post)
        clock.advance(timedelta(seconds=30))
        await _click(fake_discord, post, "B", SIX[1], locale)
        await counts_settled(bot)
        await bot.services.runner.tick()
        assert post_edits(fake_discord, post) == 1  # two answers within a minute: one edit
        assert "1 answered" in description(post)
        clock.advance(timedelta(seconds=30))
        await bot.services.runner.tick()
        assert post_edits(fake_discord, post) == 2  # a minute after the first edit
        assert "🗳️ 2 人已作答 · 2 answered" in description(post)
        clock.advance(MINUTE)
        await _click(fake_discord, post, "C", SIX[2], locale)
        await counts_settled(bot)
        assert post_edits(fake_discord, post) == 3
        assert "3 answered" in description(post)
        clock.advance(MINUTE)
        await bot.services.runner.tick()
        assert post_edits(fake_discord, post) == 3  # nothing new: no edit
        assert all(not b.get("disabled") for b in buttons(post))
    assert_no_pings(fake_discord)


async def test_count_is_never_lost_at_closing_or_across_a_restart(
    fake_discord, bot_runner, clock, tmp_path
) -> None:
    """An answer whose count edit was held back still shows: after a restart the tick corrects
    the stale count a minute later, and the closed post has the true totals, with no count
    edit landing after the results."""
    _add_six(fake_discord)
    database = tmp_path / "restart.sqlite3"
    async with bot_runner(database_path=database) as bot:
        await ready(bot)
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        await _click(fake_discord, post, "A", SIX[0], "en-US")
        await counts_settled(bot)
        await _click(fake_discord, post, "B", SIX[1], "en-US")
        await counts_settled(bot)
        assert "1 answered" in description(post)  # the second answer's edit is held back
    async with bot_runner(database_path=database) as bot:
        await ready(bot)
        await bot.services.runner.tick()
        assert "1 answered" in description(post)  # at most once a minute, restart or not
        clock.advance(MINUTE)
        await bot.services.runner.tick()
        assert "2 answered" in description(post)
        await _click(fake_discord, post, "C", SIX[2], "zh-CN")
        await _click(fake_discord, post, "D", SIX[3], "zh-CN")
        await counts_settled(bot)
        assert "2 answered" in description(post)
        edits_before_closing = post_edits(fake_discord, post)
        await answered(await fake_discord.slash("quiz-mod close", {}, user=MODERATOR_ID))
        await counts_settled(bot)
        clock.advance(MINUTE)
        await bot.services.runner.tick()
        closed = fake_discord.state.messages[post.id]
        assert post_edits(fake_discord, post) == edits_before_closing + 1  # the results only
        assert "(closed)" in closed.embeds[0]["title"]
        assert all(b["disabled"] for b in buttons(closed))
        assert "-# 共 4 人作答 · 4 answered" in embed_text(closed)
    assert_no_pings(fake_discord)


async def test_slow_count_edit_never_lands_after_the_results(fake_discord, bot_runner) -> None:
    """A count edit Discord holds up while a moderator closes the quiz finishes first; the
    results are written after it, so the closed post is never turned back into the open one."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        fake_discord.delay("PATCH", rf"/channels/\d+/messages/{post.id}", 0.3)
        await _click(fake_discord, post, "A", MEMBER_ID, "en-US")
        await answered(await fake_discord.slash("quiz-mod close", {}, user=MODERATOR_ID))
        await counts_settled(bot)
        closed = fake_discord.state.messages[post.id]
        assert post_edits(fake_discord, post) == 2
        assert "(closed)" in closed.embeds[0]["title"]
        assert "1 answered" in closed.history[-1].embeds[0]["description"]


async def test_count_edit_waiting_for_the_post_skips_a_closed_quiz(
    fake_discord, bot_runner, clock
) -> None:
    """A count edit that gets the post's lock only after the quiz closed edits nothing: it
    re-reads the quiz inside the lock, and the results (true totals) are all that is written."""
    async with bot_runner() as bot:
        await ready(bot)
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        quiz_id = int(post.custom_ids()[0].split(":")[1])
        count = bot.get_cog("QuizCog").poster.count
        async with count.lock(quiz_id):
            await _click(fake_discord, post, "A", MEMBER_ID, "zh-CN")
            await bot.services.quiz.close(quiz_id, clock.now())
        await counts_settled(bot)
        assert post_edits(fake_discord, post) == 0
        await bot.services.runner.tick()
        closed = fake_discord.state.messages[post.id]
        assert post_edits(fake_discord, post) == 1
        assert "(closed)" in closed.embeds[0]["title"] and "1 answered" in embed_text(closed)


@pytest.mark.parametrize("locale", LOCALES)
async def test_reveal_order_answer_once_and_notice(fake_discord, bot_runner, clock, locale) -> None:
    """Six answers, three right. The closed post reads answer → distribution → who was right →
    explanation → source (with ¶); the right option is stated once; the notice says 3 of 6."""
    _add_six(fake_discord)
    async with bot_runner() as bot:
        await ready(bot)
        await answered(await fake_discord.slash("quiz-mod schedule", WEEKLY, user=MODERATOR_ID))
        clock.set(FIRST_RUN)
        await bot.services.runner.tick()
        (post,) = quiz_posts(fake_discord)
        question = await question_of(bot, post)
        right = question.answer_letter
        picks = [right, right, right, _wrong(question), _wrong(question), _wrong(question, 2)]
        for user_id, letter in zip(SIX, picks, strict=True):
            await _click(fake_discord, post, letter, user_id, locale)
        clock.set(FIRST_RUN + timedelta(hours=24))
        await bot.services.runner.tick()
        closed = fake_discord.state.messages[post.id]
        (embed,) = closed.embeds
        assert embed["description"] == f"**{question.question_zh}**\n-# {question.question_en}"
        names = [f["name"] for f in embed["fields"]]
        assert names == [
            "✅ 答案 · Answer",
            "📊 作答分布 · How people answered",
            "🎯 答对（3） · Got it right (3)",
            "💡 解析 · Explanation",
            "📖 原文出处 · Source",
        ]
        answer, spread, who, explanation, source = (f["value"] for f in embed["fields"])
        assert answer == (
            f"**{right}.** {question.options_zh[question.answer]}\n"
            f"-# {question.options_en[question.answer]}"
        )
        text = embed_text(closed)
        assert text.count(question.options_zh[question.answer]) == 1
        assert text.count(question.options_en[question.answer]) == 1
        assert "✅" not in spread and f"`{right}` ▓▓▓▓▓░░░░░ 3 (50%)" in spread
        assert spread.endswith("-# 共 6 人作答 · 6 answered")
        assert all(f"<@{u}>" in who for u in SIX[:3]) and f"<@{SIX[3]}>" not in who
        assert explanation.startswith(question.explanation_zh)
        assert explanation.endswith(f"-# {question.explanation_en}")
        article = bot.services.article
        paragraph = article.paragraph(question.paragraph_id)
        label = short_label(article.section(paragraph.section_id))
        assert source.startswith("> ") and question.quote in source
        assert source.endswith(f"{label} {paragraph_ref(paragraph.ordinal)}")
        styles = [(b["label"], b["style"], b["disabled"]) for b in buttons(closed)]
        assert [s for _, s, _ in styles].count(3) == 1 and all(d for *_, d in styles)
        assert styles[question.answer][0].startswith(f"{right} · ")
        notice = fake_discord.messages(READING_CHANNEL_ID)[-1]
        assert int(notice.message_reference["message_id"]) == post.id
        chinese, english = notice.content.splitlines()
        assert "6 人中 3 人答对" in chinese
        assert english.startswith("-# ") and "3 of 6 right" in english
        assert question.options_zh[question.answer] not in notice.content
    assert_no_pings(fake_discord)


@pytest.mark.parametrize("locale", LOCALES)
async def test_practice_buttons_and_options_follow_the_member(
    fake_discord, bot_runner, locale
) -> None:
    """Practice is private: options in the member's language with the other as subtext, and
    buttons with short option text in that language."""
    async with bot_runner() as bot:
        await ready(bot)
        card = await answered(await fake_discord.slash("quiz practice", {}, locale=locale))
        description_text = card.embed["description"]
        first = description_text.splitlines()[0].strip("*")
        labels = [b["label"] for b in buttons(card.message)[:4]]
        # the question drawn is random: identify it by its text in the member's language (an
        # English question may itself quote Chinese terms, so no character test)
        english = locale == "en-US"
        by_text = {
            q.question_en if english else q.question_zh: q for q in bot.services.article.questions
        }
        question = by_text[first]  # KeyError: the question is not in the member's language
        assert labels == button_labels(question, locale)
        assert len(subtexts(description_text)) == 5  # the question and four options
    assert_no_pings(fake_discord)
