"""Helpers for the quiz's end-to-end tests through the fake Discord."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.cogs.quiz.embeds import find_question
from bot.content.model import QuizQuestion
from bot.quiz.store import Quiz
from tests.fakediscord import FakeDiscord, Message
from tests.harness import READING_CHANNEL_ID

# The suite's clock starts on Monday 2026-01-05 at 20:00 in Shanghai; the weekly test schedule
# runs on Tuesdays at 20:00 there, so its first run is a day after the start.
FIRST_RUN = datetime(2026, 1, 6, 12, 0, tzinfo=UTC)
DAY = timedelta(hours=24)
WEEKLY = {"channel": READING_CHANNEL_ID, "weekday": "tue", "time": "20:00"}


async def ready(bot: Any) -> Any:
    """Wait for the start-up catch-up tick (it closes and posts what was due while down)."""
    await asyncio.wait_for(bot.catch_up_done.wait(), timeout=5)
    return bot


async def answered(record: Any) -> Any:
    """Wait for a response and for its content (a deferred answer is edited in later)."""
    await record.wait_response()
    return await record.wait_content()


def quiz_posts(fake: FakeDiscord, channel_id: int = READING_CHANNEL_ID) -> list[Message]:
    """The bot's quiz posts in a channel (messages carrying quiz answer buttons)."""
    return [
        m
        for m in fake.messages(channel_id)
        if m.author.id == fake.bot_user_id and any(c.startswith("quiz:") for c in m.custom_ids())
    ]


def quiz_id_of(post: Message) -> int:
    return int(post.custom_ids()[0].split(":")[1])


def button(post: Message, letter: str) -> str:
    return f"quiz:{quiz_id_of(post)}:{letter}"


def buttons(post: Message) -> list[dict[str, Any]]:
    return [c for row in post.components for c in row.get("components", [])]


async def quiz_of(bot: Any, post: Message) -> Quiz:
    quiz = await bot.services.quiz.get(quiz_id_of(post))
    assert quiz is not None
    return quiz


async def question_of(bot: Any, post: Message) -> QuizQuestion:
    quiz = await quiz_of(bot, post)
    question = find_question(bot.services.article, quiz.question_id)
    assert question is not None
    return question


def embed_text(post: Message) -> str:
    parts = []
    for embed in post.embeds:
        parts += [str(embed.get("title", "")), str(embed.get("description", ""))]
        for field in embed.get("fields", []):
            parts += [field["name"], field["value"]]
        parts.append(str((embed.get("footer") or {}).get("text", "")))
    return "\n".join(parts)


def field(post: Message, name_part: str) -> str:
    for embed in post.embeds:
        for item in embed.get("fields", []):
            if name_part in item["name"]:
                return item["value"]
    raise AssertionError(f"no field containing {name_part!r} in {post.embeds!r}")


async def post_quiz_now(fake: FakeDiscord, bot: Any, moderator: int, **options: Any) -> Message:
    """A moderator posts a quiz with /quiz-mod now; returns the post."""
    before = len(quiz_posts(fake))
    await answered(await fake.slash("quiz-mod now", options, user=moderator))
    posts = quiz_posts(fake, options.get("channel", READING_CHANNEL_ID))
    assert len(posts) == before + 1, "no quiz was posted"
    return posts[-1]


def post_edits(fake: FakeDiscord, post: Message) -> int:
    """How many times the bot edited a post (PATCH requests Discord accepted)."""
    return len(
        [
            r
            for r in fake.requests_matching("PATCH", rf"/channels/\d+/messages/{post.id}")
            if r.status < 300
        ]
    )


async def counts_settled(bot: Any) -> None:
    """Wait for the answer-count edits a click started in the background."""
    await bot.get_cog("QuizCog").poster.count.idle()


def description(post: Message) -> str:
    return str(post.embeds[0].get("description") or "")


def subtexts(text: str) -> list[str]:
    """The `-# …` small-text lines of a message or embed text."""
    return [line[3:] for line in text.splitlines() if line.startswith("-# ")]


def sent_bodies(fake: FakeDiscord) -> list[dict[str, Any]]:
    """Every message body the bot sent or edited (messages, interaction replies, follow-ups)."""
    bodies = []
    for record in fake.requests:
        if record.method not in ("POST", "PATCH") or not isinstance(record.json, dict):
            continue
        body = record.json
        if "type" in body and isinstance(body.get("data"), dict):  # an interaction callback
            body = body["data"]
        if "content" in body or "embeds" in body:
            bodies.append(body)
    return bodies


def assert_no_pings(fake: FakeDiscord) -> None:
    """Every message the bot sent or edited carried allowed_mentions that parse nothing."""
    bodies = sent_bodies(fake)
    assert bodies
    for body in bodies:
        assert (body.get("allowed_mentions") or {}).get("parse") == [], body
