"""/config announce-role end to end: quiz posts and discussion openings ping that role and only
it (as the fake records who Discord actually pinged), the default pings nobody, and roles that
must not or cannot be pinged are refused without changing anything."""

from __future__ import annotations

from tests.discussion.discussion_helpers import bot_lines, ready, reply_text, slash, starters
from tests.harness import (
    GUILD_ID,
    MEMBER_ID,
    MODERATOR_ID,
    OTHER_CHANNEL_ID,
    READING_CHANNEL_ID,
)
from tests.quiz.quiz_helpers import post_quiz_now

LOG_CHANNEL = OTHER_CHANNEL_ID


def readers_role(fake, *, mentionable: bool = True) -> int:
    """An opt-in role members join to hear about quizzes and discussions."""
    return fake.add_role(GUILD_ID, "Readers", mentionable=mentionable).id


async def announce(fake, role_id: int | None, *, locale: str = "en-US", user: int = MODERATOR_ID):
    options = {"role": role_id} if role_id is not None else {}
    return await slash(fake, "config announce-role", options, user=user, locale=locale)


def pinged_only(message, role_id: int) -> bool:
    return (
        message.pinged_roles == [role_id]
        and message.pinged_users == []
        and not message.pinged_everyone
    )


def pinged_nobody(message) -> bool:
    return message.pinged_roles == [] and message.pinged_users == [] and not message.pinged_everyone


async def test_quiz_post_pings_the_announcement_role_and_only_it(fake_discord, bot_runner) -> None:
    """With a Readers role set, the quiz post mentions it and Discord pings that role alone:
    @everyone, users and the moderator role stay silent even though they exist."""
    readers = readers_role(fake_discord)
    fake_discord.add_role(GUILD_ID, "Others", mentionable=True)
    async with bot_runner() as bot:
        await ready(bot)
        reply = await announce(fake_discord, readers)
        assert reply.ephemeral and f"<@&{readers}>" in reply.text
        assert (await bot.services.guild_settings.get(GUILD_ID)).announce_role_id == readers
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        assert f"<@&{readers}>" in post.content
        assert pinged_only(post, readers)
        allowed = post.allowed_mentions or {}
        assert allowed.get("parse") == [] and [int(r) for r in allowed["roles"]] == [readers]
        assert not allowed.get("users") and not allowed.get("replied_user")


async def test_discussion_opening_pings_the_role(fake_discord, bot_runner) -> None:
    """The starter of a discussion (text channel) carries the same one ping; its thread posts none."""
    readers = readers_role(fake_discord)
    async with bot_runner() as bot:
        await ready(bot)
        await announce(fake_discord, readers)
        await slash(fake_discord, "discuss-mod now", {"section": "intro"}, user=MODERATOR_ID)
        (starter,) = starters(fake_discord)
        assert pinged_only(starter, readers)
        (thread,) = fake_discord.threads(READING_CHANNEL_ID)
        assert all(pinged_nobody(m) for m in fake_discord.messages(thread.id))


async def test_default_pings_nobody(fake_discord, bot_runner) -> None:
    """Without /config announce-role a quiz and a discussion go out with no mention at all."""
    readers_role(fake_discord)
    async with bot_runner() as bot:
        await ready(bot)
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        await slash(fake_discord, "discuss-mod now", {"section": "intro"}, user=MODERATOR_ID)
        (starter,) = starters(fake_discord)
        for message in (post, starter):
            assert pinged_nobody(message) and "<@&" not in message.content
            assert (message.allowed_mentions or {}).get("parse") == []


async def test_turning_it_off_stops_the_ping(fake_discord, bot_runner) -> None:
    """`/config announce-role` without a role turns pings off, and says so."""
    readers = readers_role(fake_discord)
    async with bot_runner() as bot:
        await ready(bot)
        await announce(fake_discord, readers)
        reply = await announce(fake_discord, None, locale="zh-CN")
        assert reply.ephemeral and "已关闭提醒" in reply.text
        assert (await bot.services.guild_settings.get(GUILD_ID)).announce_role_id is None
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        assert pinged_nobody(post)


async def test_everyone_is_refused_politely(fake_discord, bot_runner) -> None:
    """@everyone (the role whose id is the server's) is refused in the member's language."""
    async with bot_runner() as bot:
        await ready(bot)
        for locale, words in (
            ("en-US", "@everyone and @here can't be"),
            ("zh-CN", "不能用 @everyone"),
        ):
            reply = await announce(fake_discord, GUILD_ID, locale=locale)
            assert reply.ephemeral and words in reply.text
        assert (await bot.services.guild_settings.get(GUILD_ID)).announce_role_id is None


async def test_managed_role_is_refused(fake_discord, bot_runner) -> None:
    """The bot's own role (managed by its integration) cannot be opted into: refused."""
    async with bot_runner() as bot:
        await ready(bot)
        managed = next(r for r in bot.get_guild(GUILD_ID).roles if r.managed)
        reply = await announce(fake_discord, managed.id)
        assert reply.ephemeral and "managed by Discord or an integration" in reply.text
        assert (await bot.services.guild_settings.get(GUILD_ID)).announce_role_id is None


async def test_unmentionable_role_needs_mention_everyone(fake_discord, bot_runner) -> None:
    """A role that is not mentionable is refused while the bot lacks Mention Everyone (Discord
    would drop the ping), and accepted, and really pinged, once the bot has it."""
    quiet = readers_role(fake_discord, mentionable=False)
    async with bot_runner() as bot:
        await ready(bot)
        reply = await announce(fake_discord, quiet)
        assert reply.ephemeral and "isn't mentionable" in reply.text
        assert (await bot.services.guild_settings.get(GUILD_ID)).announce_role_id is None
        granted = set(fake_discord.bot_permissions_in(READING_CHANNEL_ID)) | {"mention_everyone"}
        fake_discord.set_bot_guild_permissions(sorted(granted))
        await fake_discord.wait_until(
            lambda: bot.get_guild(GUILD_ID).me.guild_permissions.mention_everyone,
            what="the bot's role update",
            timeout=2,
        )
        reply = await announce(fake_discord, quiet)
        assert f"<@&{quiet}>" in reply.text
        post = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        assert pinged_only(post, quiet)


async def test_only_managers_set_it(fake_discord, bot_runner) -> None:
    """A member without Manage Server is refused and nothing changes."""
    readers = readers_role(fake_discord)
    async with bot_runner() as bot:
        await ready(bot)
        record = await fake_discord.slash(
            "config announce-role",
            {"role": readers},
            user=MEMBER_ID,
            ignore_default_permissions=True,
        )
        await record.wait_response()
        assert record.ephemeral
        assert (await bot.services.guild_settings.get(GUILD_ID)).announce_role_id is None


async def test_deleted_role_posts_without_ping_and_logs_once(fake_discord, bot_runner) -> None:
    """The role is deleted after it was set: a quiz and a discussion still go out, pinging nobody; the log
    channel hears about it once, not at every post; /config show says the role is gone."""
    readers = readers_role(fake_discord)
    async with bot_runner() as bot:
        await ready(bot)
        await slash(fake_discord, "config log-channel", {"channel": LOG_CHANNEL}, user=MODERATOR_ID)
        await announce(fake_discord, readers)
        fake_discord.delete_role(readers)
        await fake_discord.wait_until(
            lambda: bot.get_guild(GUILD_ID).get_role(readers) is None,
            what="role deleted",
            timeout=2,
        )
        quiz = await post_quiz_now(fake_discord, bot, MODERATOR_ID)
        await slash(fake_discord, "discuss-mod now", {"section": "intro"}, user=MODERATOR_ID)
        (starter,) = starters(fake_discord)
        assert pinged_nobody(quiz) and pinged_nobody(starter)
        notes = [line for line in bot_lines(fake_discord, LOG_CHANNEL) if "📣" in line]
        assert len(notes) == 1 and str(readers) in notes[0]
        shown = await slash(fake_discord, "config show", {}, user=MODERATOR_ID)
        assert "the role was deleted" in reply_text(shown)


async def test_show_lists_the_role(fake_discord, bot_runner) -> None:
    readers = readers_role(fake_discord)
    async with bot_runner() as bot:
        await ready(bot)
        shown = await slash(fake_discord, "config show", {}, user=MODERATOR_ID)
        assert "ping nobody" in reply_text(shown)
        await announce(fake_discord, readers)
        shown = await slash(fake_discord, "config show", {}, user=MODERATOR_ID)
        assert f"<@&{readers}>" in reply_text(shown)
