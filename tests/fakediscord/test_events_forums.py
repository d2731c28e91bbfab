"""The fake's guild scheduled events, forum channels, thread counters and mention bookkeeping.

Requests go straight to the fake as the bot would send them (plain aiohttp); gateway dispatches
are read on a raw websocket that identifies like a bot. One test runs discord.py itself against
the new payloads, so a shape it cannot parse shows up here rather than in a feature test.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import aiohttp
import discord
import pytest
from discord.ext import commands

from bot.clock import FakeClock
from tests.fakediscord import (
    DEFAULT_BOT_PERMISSIONS,
    EVENT_ACTIVE,
    EVENT_CANCELED,
    EVENT_COMPLETED,
    EVENT_SCHEDULED,
    FORUM,
    PUBLIC_THREAD,
    FakeDiscord,
)
from tests.harness import (
    BOT_ID,
    GUILD_ID,
    MEMBER2_ID,
    MEMBER_ID,
    MODERATOR_ROLE_ID,
    READING_CHANNEL_ID,
    TOKEN,
    BotRunner,
)

EVENTS = f"/guilds/{GUILD_ID}/scheduled-events"
INTENTS_ALL_UNPRIVILEGED = (1 << 0) | (1 << 9) | (1 << 16)


async def send(fake: FakeDiscord, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    """One request to the fake as the bot; returns (status, parsed JSON body or None)."""
    headers = {"Authorization": f"Bot {TOKEN}"}
    data = None
    if body is not None:
        data = json.dumps(body)
        headers["Content-Type"] = "application/json"
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, fake.base_url + path, headers=headers, data=data) as resp,
    ):
        raw = await resp.read()
        return resp.status, json.loads(raw) if raw else None


class RawGateway:
    """A bot-like gateway session: identify, then read dispatches by name."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws

    async def next(self, event: str, timeout: float = 2.0) -> dict[str, Any]:
        """The data of the next dispatch called `event` (others are skipped)."""
        while True:
            frame = await self.ws.receive_json(timeout=timeout)
            if frame.get("op") == 0 and frame.get("t") == event:
                return frame["d"]


@pytest.fixture
async def gateway(fake_discord: FakeDiscord) -> AsyncIterator[RawGateway]:
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(fake_discord.gateway_url) as ws,
    ):
        hello = await ws.receive_json(timeout=2)
        assert hello["op"] == 10
        await ws.send_json(
            {"op": 2, "d": {"token": TOKEN, "intents": INTENTS_ALL_UNPRIVILEGED, "properties": {}}}
        )
        raw = RawGateway(ws)
        await raw.next("GUILD_CREATE")
        yield raw


@pytest.fixture(autouse=True)
def bot_may_hold_events(fake_discord: FakeDiscord) -> None:
    """The default bot has no event permissions (as the bot's own tests expect); these have both."""
    fake_discord.set_bot_guild_permissions(
        {*DEFAULT_BOT_PERMISSIONS, "create_events", "manage_events"}
    )


def event_body(clock: FakeClock, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "Reading night",
        "description": "Chapter 3",
        "privacy_level": 2,
        "entity_type": 3,
        "channel_id": None,
        "entity_metadata": {"location": "Library"},
        "scheduled_start_time": (clock.now() + timedelta(days=1)).isoformat(),
        "scheduled_end_time": (clock.now() + timedelta(days=1, hours=2)).isoformat(),
    }
    body.update(changes)
    return body


# ------------------------------------------------------------------------------ scheduled events


async def test_event_lifecycle_over_rest_and_gateway(
    fake_discord: FakeDiscord, clock: FakeClock, gateway: RawGateway
) -> None:
    """Create, list with counts, get, move SCHEDULED -> ACTIVE -> COMPLETED; each is dispatched."""
    status, created = await send(fake_discord, "POST", EVENTS, event_body(clock))
    assert status == 200
    assert created["creator_id"] == str(BOT_ID) and created["status"] == EVENT_SCHEDULED
    assert created["entity_metadata"] == {"location": "Library"}
    assert "user_count" not in created
    assert (await gateway.next("GUILD_SCHEDULED_EVENT_CREATE"))["id"] == created["id"]
    event_id = int(created["id"])

    fake_discord.set_event_interest(event_id, 7)
    status, listed = await send(fake_discord, "GET", f"{EVENTS}?with_user_count=true")
    assert status == 200 and [e["user_count"] for e in listed] == [7]
    status, one = await send(fake_discord, "GET", f"{EVENTS}/{event_id}?with_user_count=1")
    assert status == 200 and one["user_count"] == 7

    status, edited = await send(
        fake_discord,
        "PATCH",
        f"{EVENTS}/{event_id}",
        {"description": "Chapter 4", "entity_metadata": {"location": "Cafe"}, "channel_id": None},
    )
    assert status == 200 and edited["description"] == "Chapter 4"
    assert (await gateway.next("GUILD_SCHEDULED_EVENT_UPDATE"))["entity_metadata"] == {
        "location": "Cafe"
    }
    for new in (EVENT_ACTIVE, EVENT_COMPLETED):
        status, edited = await send(fake_discord, "PATCH", f"{EVENTS}/{event_id}", {"status": new})
        assert status == 200 and edited["status"] == new
    record = fake_discord.scheduled_event(event_id)
    assert record.status == EVENT_COMPLETED and record.location == "Cafe"
    assert record.end is not None and record.end - record.start == timedelta(hours=2)
    # An ended event leaves the guild's list but stays inspectable.
    assert (await send(fake_discord, "GET", EVENTS))[1] == []
    assert [e.id for e in fake_discord.scheduled_events()] == [event_id]


async def test_invalid_status_transitions_are_refused(
    fake_discord: FakeDiscord, clock: FakeClock
) -> None:
    """Only SCHEDULED->ACTIVE->COMPLETED and SCHEDULED->CANCELED; nothing after an end."""
    _, created = await send(fake_discord, "POST", EVENTS, event_body(clock))
    path = f"{EVENTS}/{created['id']}"
    status, answer = await send(fake_discord, "PATCH", path, {"status": EVENT_COMPLETED})
    assert status == 400 and answer["code"] == 50035 and "status" in answer["errors"]
    assert (await send(fake_discord, "PATCH", path, {"status": EVENT_CANCELED}))[0] == 200
    assert (await send(fake_discord, "PATCH", path, {"status": EVENT_ACTIVE}))[0] == 400
    assert fake_discord.scheduled_event(int(created["id"])).status == EVENT_CANCELED
    assert not fake_discord.violations  # Discord's answer to a state, not a malformed body


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"scheduled_end_time": None}, "scheduled_end_time"),
        ({"entity_metadata": {}}, "entity_metadata"),
        ({"name": "n" * 101}, "name"),
        ({"description": "d" * 1001}, "description"),
    ],
)
async def test_bad_event_bodies_are_refused(
    fake_discord: FakeDiscord, clock: FakeClock, changes: dict[str, Any], field: str
) -> None:
    """An EXTERNAL event needs an end time and a location; name and description have limits."""
    status, answer = await send(fake_discord, "POST", EVENTS, event_body(clock, **changes))
    assert status == 400 and field in answer["errors"]
    assert len(fake_discord.violations) == 1
    fake_discord.violations.clear()
    assert fake_discord.scheduled_events() == []


async def test_event_times_must_be_future_and_ordered(
    fake_discord: FakeDiscord, clock: FakeClock
) -> None:
    past = event_body(clock, scheduled_start_time=(clock.now() - timedelta(hours=1)).isoformat())
    status, answer = await send(fake_discord, "POST", EVENTS, past)
    assert status == 400 and "scheduled_start_time" in answer["errors"]
    _, created = await send(fake_discord, "POST", EVENTS, event_body(clock))
    backwards = {"scheduled_end_time": clock.now().isoformat()}
    status, answer = await send(fake_discord, "PATCH", f"{EVENTS}/{created['id']}", backwards)
    assert status == 400 and "scheduled_end_time" in answer["errors"]
    status, _ = await send(
        fake_discord, "PATCH", f"{EVENTS}/{created['id']}", {"scheduled_end_time": None}
    )
    assert status == 400  # an EXTERNAL event keeps an end time
    assert len(fake_discord.violations) == 3
    fake_discord.violations.clear()


async def test_event_permissions(fake_discord: FakeDiscord, clock: FakeClock) -> None:
    """CREATE_EVENTS creates and edits the bot's own events; others' need MANAGE_EVENTS."""
    mine = (await send(fake_discord, "POST", EVENTS, event_body(clock)))[1]
    theirs = fake_discord.add_scheduled_event(
        "Moderator's", clock.now() + timedelta(days=2), clock.now() + timedelta(days=2, hours=1)
    )
    fake_discord.set_bot_guild_permissions(["view_channel", "create_events"])
    assert (await send(fake_discord, "PATCH", f"{EVENTS}/{mine['id']}", {"name": "x"}))[0] == 200
    status, answer = await send(fake_discord, "DELETE", f"{EVENTS}/{theirs.id}")
    assert (status, answer["code"]) == (403, 50013)
    fake_discord.set_bot_guild_permissions(["view_channel", "manage_events"])
    status, answer = await send(fake_discord, "POST", EVENTS, event_body(clock))
    assert (status, answer["code"]) == (403, 50013)
    assert (await send(fake_discord, "DELETE", f"{EVENTS}/{theirs.id}"))[0] == 204
    status, answer = await send(fake_discord, "GET", f"{EVENTS}/{theirs.id}")
    assert (status, answer["code"]) == (404, 10070)


async def test_moderator_deletes_an_event_in_the_ui(
    fake_discord: FakeDiscord, clock: FakeClock, gateway: RawGateway
) -> None:
    """delete_event changes the state and tells the bot; notify=False leaves it unaware."""
    _, created = await send(fake_discord, "POST", EVENTS, event_body(clock))
    await gateway.next("GUILD_SCHEDULED_EVENT_CREATE")
    fake_discord.delete_event(int(created["id"]))
    assert (await gateway.next("GUILD_SCHEDULED_EVENT_DELETE"))["id"] == created["id"]
    assert (await send(fake_discord, "GET", f"{EVENTS}/{created['id']}"))[0] == 404
    assert (await send(fake_discord, "PATCH", f"{EVENTS}/{created['id']}", {"name": "x"}))[0] == 404
    assert fake_discord.scheduled_events() == []
    assert fake_discord.scheduled_events(include_deleted=True)[0].deleted
    fake_discord.update_event(
        fake_discord.add_scheduled_event(
            "Other", clock.now() + timedelta(days=1), clock.now() + timedelta(days=1, hours=1)
        ).id,
        status=EVENT_CANCELED,
    )
    assert (await gateway.next("GUILD_SCHEDULED_EVENT_UPDATE"))["status"] == EVENT_CANCELED


async def test_event_bodies_are_checked_against_the_schema(
    fake_discord: FakeDiscord, clock: FakeClock
) -> None:
    """The routes use the OpenAPI templates, so schema.py validates them (privacy_level is 2)."""
    status, answer = await send(fake_discord, "POST", EVENTS, event_body(clock, privacy_level=1))
    assert status == 400 and "privacy_level" in answer["errors"]
    assert fake_discord.violations[0].kind == "schema"
    fake_discord.violations.clear()


# ------------------------------------------------------------------------------ forums


@pytest.fixture
def forum(fake_discord: FakeDiscord) -> int:
    return fake_discord.add_forum(
        GUILD_ID, "book-club", tags=["spoilers", {"name": "pinned", "moderated": True}]
    ).id


async def test_forum_post_is_a_thread_with_its_starter(
    fake_discord: FakeDiscord, forum: int, gateway: RawGateway
) -> None:
    tag = fake_discord.forum_tag_id(forum, "spoilers")
    body = {
        "name": "Chapter 1",
        "auto_archive_duration": 10080,
        "applied_tags": [str(tag)],
        "message": {"content": "What did you think?", "allowed_mentions": {"parse": []}},
    }
    status, post = await send(fake_discord, "POST", f"/channels/{forum}/threads", body)
    assert status == 201
    assert post["type"] == PUBLIC_THREAD and post["parent_id"] == str(forum)
    assert post["message"]["id"] == post["id"] and post["applied_tags"] == [str(tag)]
    assert post["message_count"] == 0 and post["total_message_sent"] == 0
    created = await gateway.next("THREAD_CREATE")
    assert created["id"] == post["id"] and created["applied_tags"] == [str(tag)]
    thread = fake_discord.threads(forum)[0]
    assert [m.content for m in fake_discord.messages(thread.id)] == ["What did you think?"]

    status, _ = await send(
        fake_discord, "POST", f"/channels/{thread.id}/messages", {"content": "hi"}
    )
    assert status == 200
    status, got = await send(fake_discord, "GET", f"/channels/{thread.id}")
    assert (got["message_count"], got["total_message_sent"]) == (1, 1)
    status, answer = await send(
        fake_discord, "POST", f"/channels/{forum}/messages", {"content": "x"}
    )
    assert (status, answer["code"]) == (400, 40058)


async def test_forum_post_refusals(fake_discord: FakeDiscord, forum: int) -> None:
    """Unknown tags, moderated tags without MANAGE_THREADS, no SEND_MESSAGES, a required tag."""
    path = f"/channels/{forum}/threads"
    message = {"content": "x"}
    status, answer = await send(
        fake_discord, "POST", path, {"name": "a", "applied_tags": ["123"], "message": message}
    )
    assert (status, answer["code"]) == (400, 10087)
    moderated = fake_discord.forum_tag_id(forum, "pinned")
    fake_discord.set_bot_permissions(forum, deny=["manage_threads"])
    status, answer = await send(
        fake_discord, "POST", path, {"name": "a", "applied_tags": [moderated], "message": message}
    )
    assert (status, answer["code"]) == (403, 50013)
    fake_discord.set_bot_permissions(forum, deny=["send_messages"])
    status, answer = await send(fake_discord, "POST", path, {"name": "a", "message": message})
    assert (status, answer["code"]) == (403, 50013)
    strict = fake_discord.add_forum(GUILD_ID, "strict", tags=["t"], require_tag=True)
    status, answer = await send(
        fake_discord, "POST", f"/channels/{strict.id}/threads", {"name": "a", "message": message}
    )
    assert (status, answer["code"]) == (400, 40067)
    status, _ = await send(
        fake_discord,
        "POST",
        path,
        {"name": "a", "applied_tags": list(range(6)), "message": message},
    )
    assert status == 400 and fake_discord.violations.pop().kind == "limits"
    assert fake_discord.threads(forum) == []


async def test_forum_tags_and_post_tags_can_be_edited(
    fake_discord: FakeDiscord, forum: int
) -> None:
    spoilers = fake_discord.forum_tag_id(forum, "spoilers")
    tags = [{"id": str(spoilers), "name": "spoilers"}, {"name": "question", "emoji_name": "?"}]
    status, answer = await send(
        fake_discord, "PATCH", f"/channels/{forum}", {"available_tags": tags}
    )
    assert (status, answer["code"]) == (403, 50013)  # MANAGE_CHANNELS
    fake_discord.set_bot_permissions(forum, allow=["manage_channels"])
    status, edited = await send(
        fake_discord, "PATCH", f"/channels/{forum}", {"available_tags": tags}
    )
    assert status == 200
    assert [t["name"] for t in edited["available_tags"]] == ["spoilers", "question"]
    assert edited["available_tags"][0]["id"] == str(spoilers)
    question = fake_discord.forum_tag_id(forum, "question")

    dup = [{"name": "a"}, {"name": "a"}]
    assert (await send(fake_discord, "PATCH", f"/channels/{forum}", {"available_tags": dup}))[1][
        "code"
    ] == 40061
    long_name = [{"name": "n" * 21}]
    status, _ = await send(
        fake_discord, "PATCH", f"/channels/{forum}", {"available_tags": long_name}
    )
    assert status == 400 and fake_discord.violations.pop().kind == "limits"

    _, post = await send(
        fake_discord,
        "POST",
        f"/channels/{forum}/threads",
        {"name": "p", "message": {"content": "x"}},
    )
    status, got = await send(
        fake_discord, "PATCH", f"/channels/{post['id']}", {"applied_tags": [str(question)]}
    )
    assert status == 200 and got["applied_tags"] == [str(question)]
    assert fake_discord.state.channels[int(post["id"])].applied_tags == [question]


async def test_text_channel_threads_are_unchanged(fake_discord: FakeDiscord) -> None:
    """A text channel still makes a plain thread; a `message` there is a protocol violation."""
    path = f"/channels/{READING_CHANNEL_ID}/threads"
    status, thread = await send(fake_discord, "POST", path, {"name": "t", "type": 11})
    assert status == 201 and thread["applied_tags"] == [] and "message" not in thread
    status, _ = await send(fake_discord, "POST", path, {"name": "t", "message": {"content": "x"}})
    assert status == 400 and fake_discord.violations.pop().kind == "protocol"


# ------------------------------------------------------------------------------ thread counters


async def test_thread_counters_follow_discord(fake_discord: FakeDiscord) -> None:
    _, thread = await send(
        fake_discord, "POST", f"/channels/{READING_CHANNEL_ID}/threads", {"name": "t", "type": 11}
    )
    tid = int(thread["id"])
    fake_discord.post_message(tid, "hello", author=MEMBER_ID)
    _, sent = await send(fake_discord, "POST", f"/channels/{tid}/messages", {"content": "x"})
    assert (await send(fake_discord, "DELETE", f"/channels/{tid}/messages/{sent['id']}"))[0] == 204
    _, got = await send(fake_discord, "GET", f"/channels/{tid}")
    assert (got["message_count"], got["total_message_sent"], got["member_count"]) == (1, 2, 2)
    fake_discord.add_thread_activity(tid, messages=12, members=60)
    _, got = await send(fake_discord, "GET", f"/channels/{tid}")
    assert (got["message_count"], got["total_message_sent"], got["member_count"]) == (13, 14, 50)


# ------------------------------------------------------------------------------ mentions


@pytest.mark.parametrize(
    ("allowed", "bot_can_mention_everyone", "users", "roles", "everyone"),
    [
        ({"parse": []}, True, [], [], False),
        ({"roles": ["READERS"]}, False, [], ["READERS"], False),
        ({"roles": ["MODS"]}, False, [], [], False),  # not mentionable
        ({"roles": ["MODS"]}, True, [], ["MODS"], False),
        ({"parse": ["everyone"]}, False, [], [], False),
        ({"parse": ["everyone"]}, True, [], [], True),
        ({"parse": ["users"], "roles": ["READERS"]}, False, ["MEMBER"], ["READERS"], False),
        ({"users": ["MEMBER2"]}, False, [], [], False),  # allowed but not in the content
        (None, True, ["MEMBER"], ["READERS", "MODS"], True),  # no allowed_mentions: parse all
    ],
)
async def test_pings_follow_allowed_mentions_and_permissions(
    fake_discord: FakeDiscord,
    allowed: dict[str, Any] | None,
    bot_can_mention_everyone: bool,
    users: list[str],
    roles: list[str],
    everyone: bool,
) -> None:
    readers = fake_discord.add_role(GUILD_ID, "Readers", mentionable=True).id
    ids = {
        "READERS": readers,
        "MODS": MODERATOR_ROLE_ID,
        "MEMBER": MEMBER_ID,
        "MEMBER2": MEMBER2_ID,
    }
    if bot_can_mention_everyone:
        fake_discord.set_bot_permissions(READING_CHANNEL_ID, allow=["mention_everyone"])
    body: dict[str, Any] = {
        "content": f"<@&{readers}> <@&{MODERATOR_ROLE_ID}> <@{MEMBER_ID}> @everyone"
    }
    if allowed is not None:
        body["allowed_mentions"] = {
            k: [str(ids.get(v, v)) for v in vals] if k != "parse" else vals
            for k, vals in allowed.items()
        }
    status, payload = await send(
        fake_discord, "POST", f"/channels/{READING_CHANNEL_ID}/messages", body
    )
    assert status == 200
    message = fake_discord.messages(READING_CHANNEL_ID)[-1]
    assert message.pinged_users == [ids[u] for u in users]
    assert message.pinged_roles == [ids[r] for r in roles]
    assert message.pinged_everyone is everyone
    assert payload["mention_roles"] == [str(ids[r]) for r in roles]
    assert payload["mention_everyone"] is everyone


# ------------------------------------------------------------------------------ discord.py round trip


class EventsBot(commands.Bot):
    def __init__(self) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
        )
        self.setup_complete = asyncio.Event()

    async def setup_hook(self) -> None:
        self.setup_complete.set()


async def test_discord_py_parses_forums_and_events(
    fake_discord: FakeDiscord, bot_runner: BotRunner, clock: FakeClock, forum: int
) -> None:
    """discord.py builds a ForumChannel, posts in it, and creates/edits/deletes an event."""
    fake_discord.add_scheduled_event(
        "Existing", clock.now() + timedelta(days=3), clock.now() + timedelta(days=3, hours=1)
    )
    async with bot_runner(factory=EventsBot) as bot:
        guild = bot.get_guild(GUILD_ID)
        assert guild is not None and [e.name for e in guild.scheduled_events] == ["Existing"]
        channel = bot.get_channel(forum)
        assert isinstance(channel, discord.ForumChannel) and channel.type == discord.ChannelType(
            FORUM
        )
        spoilers = channel.get_tag(fake_discord.forum_tag_id(forum, "spoilers"))
        assert spoilers is not None
        post, starter = await channel.create_thread(
            name="Chapter 2", content="Thoughts?", applied_tags=[spoilers]
        )
        assert starter.id == post.id and post.applied_tags == [spoilers]
        event = await guild.create_scheduled_event(
            name="Discussion",
            start_time=clock.now() + timedelta(days=1),
            end_time=clock.now() + timedelta(days=1, hours=1),
            entity_type=discord.EntityType.external,
            location="Library",
            privacy_level=discord.PrivacyLevel.guild_only,
        )
        event = await event.start()
        assert event.status is discord.EventStatus.active
        fetched = await guild.fetch_scheduled_event(event.id, with_counts=True)
        assert fetched.user_count == 0
        await event.delete()
    assert [e.name for e in fake_discord.scheduled_events()] == ["Existing"]


async def test_delete_role_removes_it_everywhere(fake_discord: FakeDiscord) -> None:
    """A deleted role leaves the guild, its members and its channel overwrites."""
    role = fake_discord.add_role(None, "Readers", mentionable=True)
    channel = fake_discord.add_channel(None, "news")
    fake_discord.set_overwrite(channel.id, role.id, allow=["view_channel"])
    fake_discord.add_member(7_000_000_000_000_000_001, "reader", roles=[role.id])
    fake_discord.delete_role(role.id)
    assert role.id not in fake_discord.state.roles
    assert role.id not in fake_discord.state.guilds[role.guild_id].role_ids
    assert role.id not in fake_discord.state.channels[channel.id].overwrites
    member = fake_discord.state.members[(role.guild_id, 7_000_000_000_000_000_001)]
    assert role.id not in member.roles
