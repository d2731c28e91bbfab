"""/about end to end: the real bot, through discord.py, against the fake Discord."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import FakeClock
from tests.fakediscord import FakeDiscord
from tests.harness import GUILD_ID, BotRunner


def field_names(embed: dict) -> list[str]:
    return [f["name"] for f in embed.get("fields", [])]


async def test_about_answers_privately_in_english(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """An en-US user gets a private English embed naming the article, with a Share button."""
    async with bot_runner():
        record = await (await fake_discord.slash("about", locale="en-US")).wait_response()
    assert record.response_type == 4 and record.ephemeral and record.custom_ids == ["share:v1"]
    assert record.embed["title"] == "Reading Circle"
    assert field_names(record.embed)[:2] == ["Article", "Commands"]
    assert "日美同盟" in record.embed["fields"][0]["value"]


async def test_about_answers_in_chinese_for_zh_cn(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A zh-CN user gets the same embed in Chinese."""
    async with bot_runner():
        record = await (await fake_discord.slash("about", locale="zh-CN")).wait_response()
    assert "读书会" in record.embed["title"]
    assert field_names(record.embed)[:2] == ["本期文章", "常用命令"]
    assert "作者：" in record.embed["fields"][0]["value"]


async def test_about_reply_mentions_nobody(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """The reply was sent with allowed_mentions that parse nothing."""
    async with bot_runner():
        record = await (await fake_discord.slash("about")).wait_response()
    mentions = record.allowed_mentions
    assert mentions is not None
    assert mentions.get("parse") == [] and not mentions.get("users") and not mentions.get("roles")


async def test_about_uptime_follows_the_clock(
    fake_discord: FakeDiscord, bot_runner: BotRunner, clock: FakeClock
) -> None:
    """Uptime is measured on the bot's clock from start-up."""
    async with bot_runner():
        clock.advance(timedelta(days=1, hours=2, minutes=3))
        record = await (await fake_discord.slash("about")).wait_response()
    uptime = next(f["value"] for f in record.embed["fields"] if f["name"] == "Uptime")
    assert uptime == "1d 2h 3m"


async def test_about_keeps_its_name_with_a_chinese_description(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """The synced /about keeps its one name in zh-CN and carries a zh-CN description."""
    async with bot_runner():
        pass
    (about,) = [c for c in fake_discord.commands(GUILD_ID) if c["name"] == "about"]
    assert not (about.get("name_localizations") or {}).get("zh-CN")
    assert about["description_localizations"]["zh-CN"]


async def test_about_names_the_journal_once_in_each_language(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """With no English names in the content, nothing is repeated in parentheses; 《》 mark the journal."""
    async with bot_runner():
        english = await (await fake_discord.slash("about", locale="en-US")).wait_response()
        chinese = await (await fake_discord.slash("about", locale="zh-CN")).wait_response()
    article_en = english.embed["fields"][0]["value"]
    assert "(朱海燕)" not in article_en and "(国际政治研究)" not in article_en
    assert "《国际政治研究》2021年第5期" in chinese.embed["fields"][0]["value"]
