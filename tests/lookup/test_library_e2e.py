"""A library of two articles: two servers read different ones at once; switching keeps history."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.cogs.quiz.embeds import find_question
from bot.settings import DEFAULT_CONTENT_DIR
from tests.factories import MINI_ARTICLE_MD, mini_article_files, write_article_folder
from tests.fakediscord import FakeDiscord
from tests.harness import GUILD_ID, MEMBER_ID, MODERATOR_ID, READING_CHANNEL_ID, BotRunner
from tests.quiz.quiz_helpers import button, post_quiz_now, quiz_id_of

REAL = "zhu-2021-japan-us-alliance"
GUILD_B = 1_100_000_000_000_800_001
CHANNEL_B = 1_100_000_000_000_800_101
OWNER_B = 1_100_000_000_000_800_301


@dataclass
class Library:
    fake: FakeDiscord
    bot: Any


def library_content(tmp_path: Path) -> Path:
    """The real article, a small complete one and one with only its text."""
    content = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR / "articles" / REAL, content / "articles" / REAL)
    write_article_folder(content, mini_article_files())
    bare = MINI_ARTICLE_MD.replace("slug: mini-article", "slug: bare-article").replace(
        "title: 小文章", "title: 只有正文的文章"
    )
    write_article_folder(content, {"article.md": bare}, slug="bare-article")
    return content


@pytest.fixture
async def library(
    fake_discord: FakeDiscord, bot_runner: BotRunner, tmp_path: Path
) -> AsyncIterator[Library]:
    content = library_content(tmp_path)
    fake_discord.add_guild("Second circle", guild_id=GUILD_B, owner_id=OWNER_B)
    fake_discord.add_channel(GUILD_B, "reading-b", channel_id=CHANNEL_B)
    async with bot_runner(content_dir=content) as bot:
        await asyncio.wait_for(bot.catch_up_done.wait(), timeout=5)
        fake_discord.guild_commands[GUILD_B] = [
            dict(c, guild_id=str(GUILD_B)) for c in fake_discord.commands(GUILD_ID)
        ]  # as after a global sync
        yield Library(fake_discord, bot)


async def run(lib: Library, path: str, options: dict[str, Any] | None = None, **where: Any) -> Any:
    """Run a command and wait for its visible answer (after a deferral: the follow-up)."""
    record = await (await lib.fake.slash(path, options or {}, **where)).wait_response()
    if record.deferred:
        await record.wait_followup()
    return record


B = {"user": OWNER_B, "guild": GUILD_B, "channel": CHANNEL_B}


async def test_two_servers_read_different_articles_at_once(library: Library) -> None:
    """Server B switches to the second article; server A keeps the default, at the same time."""
    assert len(library.bot.services.articles) == 3
    done = await run(library, "config article", {"article": "mini-article"}, **B)
    assert "小文章" in done.text and done.ephemeral
    outline_a = await run(library, "outline", locale="zh-CN")
    outline_b = await run(library, "outline", locale="zh-CN", **B)
    assert "日美同盟定位" in outline_a.embed["description"]
    assert "小文章" in outline_b.embed["footer"]["text"]
    section_b = await run(library, "section", {"name": "引言"}, **B)
    assert section_b.embed["footer"]["text"].startswith("作者甲，《小文章")


async def test_lookup_prefers_the_current_article_and_names_another(library: Library) -> None:
    """A passage only the other article has is still found, marked as from another article."""
    await run(library, "config article", {"article": "mini-article"}, **B)
    found = await run(library, "excerpt", {"query": "世界从未见识过的火与怒"}, **B)
    assert found.embed["author"]["name"].startswith("From another article")
    assert "火与怒" in found.embed["description"]
    here = await run(library, "excerpt", {"query": "世界从未见识过的火与怒"})
    assert "author" not in here.embed


async def test_library_lists_both_and_marks_the_current_one(library: Library) -> None:
    listing = await run(library, "library", user=MEMBER_ID)
    names = [f["name"] for f in listing.embed["fields"]]
    assert len(names) == 3 and sum(n.startswith("▶") for n in names) == 1
    current = next(f for f in listing.embed["fields"] if f["name"].startswith("▶"))
    assert "日本国家战略视域中的日美同盟" in current["name"]


async def test_switching_keeps_history_and_survives_a_restart(
    fake_discord: FakeDiscord, bot_runner: BotRunner, tmp_path: Path
) -> None:
    """A discussion held on the first article stays counted after switching; the choice and the
    history are still there after a restart."""
    content = library_content(tmp_path)
    async with bot_runner(content_dir=content) as bot:
        await asyncio.wait_for(bot.catch_up_done.wait(), timeout=5)
        lib = Library(fake_discord, bot)
        await run(lib, "discuss-mod now", {"section": "s1"}, user=MODERATOR_ID)
        await run(lib, "config article", {"article": "mini"}, user=MODERATOR_ID)
    async with bot_runner(content_dir=content, database_path=bot_runner.database_path) as bot:
        await asyncio.wait_for(bot.catch_up_done.wait(), timeout=5)
        listing = await run(Library(fake_discord, bot), "library")
        assert await bot.services.guild_settings.chosen_article(GUILD_ID) == "mini-article"
    first = next(f for f in listing.embed["fields"] if "日美同盟" in f["name"])
    assert "1 discussions" in first["value"] and not first["name"].startswith("▶")
    assert next(f for f in listing.embed["fields"] if "小文章" in f["name"])["name"].startswith("▶")


async def test_unknown_article_is_refused_and_changes_nothing(library: Library) -> None:
    refused = await run(library, "config article", {"article": "no such thing"}, **B)
    assert "no “no such thing” in the library" in refused.text
    assert await library.bot.services.guild_settings.chosen_article(GUILD_B) is None


async def test_an_article_with_only_its_text_is_usable(library: Library) -> None:
    """No questions: /quiz says so plainly; no prompts: the thread opens with generic ones."""
    await run(library, "config article", {"article": "bare-article"}, user=MODERATOR_ID)
    quiz = await run(library, "quiz-mod now", {}, user=MODERATOR_ID)
    assert "has no quiz questions yet" in quiz.text and "只有正文的文章" in quiz.text
    await run(library, "discuss-mod now", {"section": "intro"}, user=MODERATOR_ID)
    (thread,) = library.fake.threads(READING_CHANNEL_ID)
    posts = [m.content for m in library.fake.messages(thread.id)]
    assert any("generic prompt" in p for p in posts)


async def _quiz_answered_right(library: Library) -> None:
    """A quiz on the server's current article, answered right by the member, then closed."""
    post = await post_quiz_now(library.fake, library.bot, MODERATOR_ID)
    quiz = await library.bot.services.quiz.get(quiz_id_of(post))
    article = library.bot.services.article_named(quiz.article_slug)
    question = find_question(article, quiz.question_id)
    letter = "ABCD"[question.answer]
    await (await library.fake.click(post, button(post, letter), user=MEMBER_ID)).wait_response()
    await run(library, "quiz-mod close", {}, user=MODERATOR_ID)


async def test_scores_follow_the_article_with_every_article_on_request(library: Library) -> None:
    """A quiz on each article: the board counts the current article's by default, both with
    every_article; a member's stats list each article."""
    await _quiz_answered_right(library)  # on the default article
    await run(library, "config article", {"article": "mini-article"}, user=MODERATOR_ID)
    await _quiz_answered_right(library)  # on the mini article
    current = await run(library, "quiz leaderboard", {}, user=MEMBER_ID)
    every = await run(library, "quiz leaderboard", {"every_article": True}, user=MEMBER_ID)
    assert current.embed["author"]["name"] == "Quizzes on 《小文章》"
    assert "1/1" in current.embed["description"]
    assert every.embed["author"]["name"] == "Quizzes on every article"
    assert "2/2" in every.embed["description"]
    stats = await run(library, "quiz stats", {}, user=MEMBER_ID)
    (per_article,) = [f for f in stats.embed["fields"] if f["name"] == "Per article"]
    assert "《日本国家战略视域中的日美同盟》: 1 of 1 right" in per_article["value"]
    assert "《小文章》: 1 of 1 right" in per_article["value"]
