"""Tests of the test harness itself: a throwaway bot proves the fake Discord round-trips real
discord.py payloads, records limit violations, injects failures, and that the network guard holds.

The bot here is defined in this file on purpose: these tests must not depend on our features.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.fakediscord import (
    PRIVATE_THREAD,
    PUBLIC_THREAD,
    BotDied,
    FakeDiscord,
    FakeDiscordUsageError,
    limits,
)
from tests.harness import (
    BOT_ID,
    GUILD_ID,
    MEMBER2_ID,
    MEMBER_ID,
    MODERATOR_ROLE_ID,
    OTHER_CHANNEL_ID,
    READING_CHANNEL_ID,
    TOKEN,
    BotRunner,
    NetworkAccessBlocked,
    NetworkGuard,
)

SEND_MESSAGES = 1 << 11

# ------------------------------------------------------------------------------ the throwaway bot


class CounterView(discord.ui.View):
    """A persistent button that rewrites its message (callback type 7)."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Count", custom_id="mini:count")
    async def count(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        await interaction.response.edit_message(content=f"clicked by {interaction.user.id}")


class PickView(discord.ui.View):
    @discord.ui.select(
        custom_id="mini:pick",
        options=[discord.SelectOption(label=x, value=x) for x in ("a", "b", "c")],
        max_values=2,
    )
    async def pick(self, interaction: discord.Interaction, select: discord.ui.Select[Any]) -> None:
        await interaction.response.send_message(f"picked {','.join(select.values)}", ephemeral=True)


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    text: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Your words", custom_id="mini:feedback:text"
    )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks: {self.text.value}")


class MiniBot(commands.Bot):
    """Minimal bot exercising each kind of interaction the fake must support."""

    def __init__(self) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
        )
        self.setup_complete = asyncio.Event()
        self.thread_seen = asyncio.Event()
        self.resumed = asyncio.Event()
        self.command_errors: list[BaseException] = []
        self.choice_count = 3
        self.choice_name = "choice"
        self.tree.on_error = self._on_tree_error

    async def _on_tree_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        self.command_errors.append(getattr(error, "original", error))

    async def on_thread_create(self, thread: discord.Thread) -> None:
        self.thread_seen.set()

    async def on_resumed(self) -> None:
        self.resumed.set()

    async def setup_hook(self) -> None:
        guild = discord.Object(id=GUILD_ID)
        for command in (
            echo,
            where,
            find,
            big,
            bad_button,
            start_thread,
            private,
            send,
            slow,
            feedback,
            menu,
            raw,
        ):
            self.tree.add_command(command, guild=guild)
        self.tree.add_command(settings_group, guild=guild)
        self.tree.add_command(ping)
        self.add_view(CounterView())
        await self.tree.sync(guild=guild)
        await self.tree.sync()
        self.setup_complete.set()


def mini(interaction: discord.Interaction) -> MiniBot:
    assert isinstance(interaction.client, MiniBot)
    return interaction.client


@app_commands.command(description="Repeat text")
async def echo(
    interaction: discord.Interaction, text: str, count: int = 1, loud: bool = False
) -> None:
    reply = text * count
    await interaction.response.send_message(reply.upper() if loud else reply, view=CounterView())


@app_commands.command(description="Show typed options")
async def where(
    interaction: discord.Interaction,
    place: discord.TextChannel,
    who: discord.Member,
    role: discord.Role,
    amount: int,
    flag: bool,
    ratio: float,
) -> None:
    await interaction.response.send_message(
        f"{type(place).__name__}:{place.id} {type(who).__name__}:{who.id} {role.id} {amount!r} {flag!r} {ratio!r}"
    )


@app_commands.command(description="Autocomplete")
async def find(interaction: discord.Interaction, query: str) -> None:
    await interaction.response.send_message(f"found {query}")


@find.autocomplete("query")
async def find_complete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    bot = mini(interaction)
    return [
        app_commands.Choice(name=f"{bot.choice_name}{current}{i}", value=str(i))
        for i in range(bot.choice_count)
    ]


@app_commands.command(description="An embed over 6000 characters")
async def big(interaction: discord.Interaction) -> None:
    embed = discord.Embed(title="big", description="a" * 4096)
    for i in range(3):
        embed.add_field(name=f"f{i}", value="b" * 1024)
    await interaction.response.send_message(embed=embed)


@app_commands.command(name="bad-button", description="A 101-character custom_id")
async def bad_button(interaction: discord.Interaction) -> None:
    view = discord.ui.View()
    view.add_item(discord.ui.Button(label="x", custom_id="x" * 101))
    await interaction.response.send_message("bad", view=view)


@app_commands.command(name="thread", description="Reply, then open a public thread from the reply")
async def start_thread(interaction: discord.Interaction, name: str) -> None:
    await interaction.response.send_message(f"discussing {name}")
    message = await interaction.original_response()
    thread = await message.create_thread(name=name, auto_archive_duration=60)
    await thread.send("first post")


@app_commands.command(description="create_thread without a type")
async def private(interaction: discord.Interaction, name: str) -> None:
    assert isinstance(interaction.channel, discord.TextChannel)
    thread = await interaction.channel.create_thread(name=name)
    await interaction.response.send_message(f"thread {thread.id}", ephemeral=True)


@app_commands.command(description="Post in the channel")
async def send(interaction: discord.Interaction) -> None:
    assert isinstance(interaction.channel, discord.TextChannel)
    try:
        await interaction.channel.send("hello channel")
    except discord.HTTPException as exc:
        await interaction.response.send_message(f"refused {exc.status} {exc.code}", ephemeral=True)
        return
    await interaction.response.send_message("sent", ephemeral=True)


@app_commands.command(description="Defer, then follow up")
async def slow(interaction: discord.Interaction) -> None:
    await interaction.response.defer(thinking=True)
    await interaction.followup.send("done")


@app_commands.command(description="Open a modal")
async def feedback(interaction: discord.Interaction) -> None:
    await interaction.response.send_modal(FeedbackModal())


@app_commands.command(description="A select menu")
async def menu(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("pick", view=PickView())


@app_commands.command(description="Hit a route Discord does not have")
async def raw(interaction: discord.Interaction) -> None:
    try:
        await interaction.client.http.request(discord.http.Route("GET", "/no/such/route"))
    except discord.HTTPException as exc:
        await interaction.response.send_message(f"http {exc.status}", ephemeral=True)


settings_group = app_commands.Group(name="settings", description="Settings")
pref_group = app_commands.Group(name="pref", description="Preferences", parent=settings_group)


@pref_group.command(name="set", description="Set a value")
async def pref_set(interaction: discord.Interaction, value: int) -> None:
    await interaction.response.send_message(f"set {value}")


@app_commands.command(description="Global ping")
async def ping(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("pong")


def run_mini(bot_runner: BotRunner) -> Any:
    return bot_runner(factory=MiniBot)


# ------------------------------------------------------------------------------ start-up and sync


async def test_bot_syncs_guild_and_global_commands(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """Start-up logs in and the synced schema is what the bot registered."""
    async with run_mini(bot_runner):
        pass
    names = {c["name"] for c in fake_discord.commands(GUILD_ID)}
    assert {"echo", "where", "find", "settings", "thread"} <= names
    assert [c["name"] for c in fake_discord.commands()] == ["ping"]
    assert fake_discord.requests_matching(
        "PUT", rf"/applications/{BOT_ID}/guilds/{GUILD_ID}/commands"
    )


async def test_rest_answers_exact_json_content_type(fake_discord: FakeDiscord) -> None:
    """REST answers say exactly application/json, or discord.py treats bodies as text."""
    async with (
        aiohttp.ClientSession() as session,
        session.get(
            f"{fake_discord.base_url}/users/@me", headers={"Authorization": f"Bot {TOKEN}"}
        ) as resp,
    ):
        assert resp.headers["Content-Type"] == "application/json"
        assert (await resp.json())["id"] == str(BOT_ID)


# ------------------------------------------------------------------------------ slash commands


async def test_slash_reply_round_trip(fake_discord: FakeDiscord, bot_runner: BotRunner) -> None:
    """A slash command's reply comes back with content, components and timing."""
    async with run_mini(bot_runner):
        record = await fake_discord.slash("echo", {"text": "hi", "count": 2, "loud": True})
        await record.wait_response()
    assert record.content == "HIHI"
    assert record.custom_ids == ["mini:count"]
    assert not record.ephemeral
    assert record.time_to_first_response is not None and record.time_to_first_response < 1.0


async def test_messages_carry_allowed_mentions_none(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """Every message body the bot sent carried allowed_mentions with an empty parse list."""
    async with run_mini(bot_runner):
        await (await fake_discord.slash("echo", {"text": "@everyone"})).wait_response()
        await (await fake_discord.slash("send")).wait_response()
    bodies = [
        r.json.get("data") or r.json for r in fake_discord.requests if r.method == "POST" and r.json
    ]
    sent = [b for b in bodies if isinstance(b, dict) and "content" in b]
    assert len(sent) == 3
    assert all(b["allowed_mentions"]["parse"] == [] for b in sent)


async def test_slash_options_are_typed_and_resolved(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """Channel, member, role, int, bool and float options reach the bot as real objects."""
    options = {
        "place": OTHER_CHANNEL_ID,
        "who": MEMBER2_ID,
        "role": MODERATOR_ROLE_ID,
        "amount": 7,
        "flag": False,
        "ratio": 0.5,
    }
    async with run_mini(bot_runner):
        record = await (await fake_discord.slash("where", options)).wait_response()
    expected = f"TextChannel:{OTHER_CHANNEL_ID} Member:{MEMBER2_ID} {MODERATOR_ROLE_ID} 7 False 0.5"
    assert record.content == expected


async def test_subcommand_group_path(fake_discord: FakeDiscord, bot_runner: BotRunner) -> None:
    """A "group sub sub" path is nested the way Discord nests it."""
    async with run_mini(bot_runner):
        record = await (await fake_discord.slash("settings pref set", {"value": 5})).wait_response()
    assert record.content == "set 5"


async def test_unknown_option_fails_clearly(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """An option that was never synced cannot be sent, as in the Discord client."""
    async with run_mini(bot_runner):
        with pytest.raises(FakeDiscordUsageError, match="no option 'colour'"):
            await fake_discord.slash("echo", {"text": "x", "colour": "red"})


async def test_deferred_reply_is_filled_by_followup(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """defer(thinking) then followup.send: the thinking message becomes the answer."""
    async with run_mini(bot_runner):
        record = await fake_discord.slash("slow")
        await record.wait_followup()
    assert record.response_type == 5
    assert record.content == "done"
    assert record.followups[0].id == record.original_message_id


async def test_dm_interaction_has_user_not_member(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A DM command carries `user` and a DM channel, and only global commands exist there."""
    async with run_mini(bot_runner):
        record = await (await fake_discord.slash("ping", dm=True)).wait_response()
        with pytest.raises(FakeDiscordUsageError):
            await fake_discord.slash("echo", {"text": "x"}, dm=True)
    assert record.content == "pong"
    assert "member" not in record.payload and record.payload["user"]["id"] == str(MEMBER_ID)
    assert record.payload["channel"]["type"] == 1


async def test_locale_sets_locale_and_guild_locale(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """The locale argument fills both locale fields of the payload."""
    async with run_mini(bot_runner):
        record = await (await fake_discord.slash("ping", locale="zh-CN")).wait_response()
    assert record.payload["locale"] == "zh-CN" and record.payload["guild_locale"] == "zh-CN"


# ------------------------------------------------------------------------------ autocomplete


async def test_autocomplete_returns_choices(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """Autocomplete answers type 8 with the bot's choices."""
    async with run_mini(bot_runner):
        record = await fake_discord.autocomplete("find", {"query": "ab"}, focused="query")
        await record.wait_response()
    assert [c["name"] for c in record.choices] == ["choiceab0", "choiceab1", "choiceab2"]


async def test_autocomplete_over_25_choices_is_a_violation(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """30 choices are refused with 400 like Discord and recorded as a violation."""
    async with run_mini(bot_runner) as bot:
        bot.choice_count = 30
        record = await fake_discord.autocomplete("find", {"query": ""}, focused="query")
        await fake_discord.wait_until(
            lambda: bool(record.rejected), timeout=2, what="the rejected answer"
        )
    assert record.response is None and record.rejected[0].status == 400
    assert "data.choices" in str(fake_discord.violations[0])
    fake_discord.violations.clear()


async def test_autocomplete_long_choice_name_is_a_violation(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A 150-character choice name is refused like Discord."""
    async with run_mini(bot_runner) as bot:
        bot.choice_name = "n" * 150
        record = await fake_discord.autocomplete("find", {"query": ""}, focused="query")
        await fake_discord.wait_until(
            lambda: bool(record.rejected), timeout=2, what="the rejected answer"
        )
    assert "data.choices.0.name" in str(fake_discord.violations[0])
    fake_discord.violations.clear()


# ------------------------------------------------------------------------------ components and modals


async def test_button_click_updates_the_message(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A click answered with edit_message (type 7) rewrites the clicked message."""
    async with run_mini(bot_runner):
        reply = await (await fake_discord.slash("echo", {"text": "hi"})).wait_response()
        click = await (await fake_discord.click(reply, "mini:count")).wait_response()
    assert click.response_type == 7
    assert reply.content == f"clicked by {MEMBER_ID}"
    assert reply.message is not None and reply.message.history[0].content == "hi"


async def test_clicks_by_two_users_are_separate(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """Each user's click is its own interaction with its own member."""
    async with run_mini(bot_runner):
        reply = await (await fake_discord.slash("echo", {"text": "hi"})).wait_response()
        first = await (
            await fake_discord.click(reply, "mini:count", user=MEMBER_ID)
        ).wait_response()
        second = await (
            await fake_discord.click(reply, "mini:count", user=MEMBER2_ID)
        ).wait_response()
    assert first.payload["member"]["user"]["id"] == str(MEMBER_ID)
    assert second.payload["member"]["user"]["id"] == str(MEMBER2_ID)
    assert reply.content == f"clicked by {MEMBER2_ID}"


async def test_select_menu_values_reach_the_bot(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A string select sends the chosen values (checked against the offered options)."""
    async with run_mini(bot_runner):
        reply = await (await fake_discord.slash("menu")).wait_response()
        with pytest.raises(FakeDiscordUsageError):
            await fake_discord.select(reply, "mini:pick", ["z"])
        picked = await (await fake_discord.select(reply, "mini:pick", ["a", "c"])).wait_response()
    assert picked.content == "picked a,c" and picked.ephemeral


async def test_modal_submit_round_trip(fake_discord: FakeDiscord, bot_runner: BotRunner) -> None:
    """A modal opened with type 9 can be submitted and answered."""
    async with run_mini(bot_runner):
        opened = await (await fake_discord.slash("feedback")).wait_response()
        submitted = await fake_discord.submit_modal(opened, {"mini:feedback:text": "great"})
        await submitted.wait_response()
    assert opened.modal["title"] == "Feedback"
    assert submitted.content == "thanks: great"


async def test_long_custom_id_is_a_violation(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A 101-character custom_id is refused like Discord, and the wait fails at once."""
    async with run_mini(bot_runner):
        record = await fake_discord.slash("bad-button")
        with pytest.raises(AssertionError, match="custom_id"):
            await record.wait_response()
    assert "custom_id" in str(fake_discord.violations[0])
    assert fake_discord.violations[0].kind == "schema"  # Discord's own schema says 1-100
    fake_discord.violations.clear()


async def test_bodies_breaking_discords_schema_are_refused(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """What discord.py sends unchecked (a 40-character nonce, a 3000-character embed URL) gets
    400/50035 from the official schema, and each is recorded as a schema violation."""
    async with run_mini(bot_runner) as bot:
        channel = bot.get_channel(READING_CHANNEL_ID)
        assert isinstance(channel, discord.TextChannel)
        with pytest.raises(discord.HTTPException) as nonce_error:
            await channel.send("hi", nonce="n" * 40)
        embed = discord.Embed(title="t", url="https://example.com/" + "a" * 3000)
        with pytest.raises(discord.HTTPException) as url_error:
            await channel.send(embed=embed)
        sent = await channel.send("hi", nonce="n" * 25, embed=discord.Embed(title="t"))
    assert nonce_error.value.status == 400 and nonce_error.value.code == 50035
    assert url_error.value.code == 50035 and "2048" in str(url_error.value)
    assert [v.kind for v in fake_discord.violations] == ["schema", "schema"]
    assert "nonce" in str(fake_discord.violations[0])
    assert "embeds.0.url" in str(fake_discord.violations[1])
    assert [m.id for m in fake_discord.messages(READING_CHANNEL_ID)] == [sent.id]
    fake_discord.violations.clear()


async def test_oversized_embed_is_refused(fake_discord: FakeDiscord, bot_runner: BotRunner) -> None:
    """An embed over 6000 characters gets 400/50035 and the bot sees an HTTPException."""
    async with run_mini(bot_runner) as bot:
        await fake_discord.slash("big")
        await fake_discord.wait_until(lambda: bool(bot.command_errors), timeout=2, what="the error")
    error = bot.command_errors[0]
    assert isinstance(error, discord.HTTPException) and error.code == 50035
    assert "MAX_EMBED_SIZE_EXCEEDED" in str(fake_discord.violations[0]) or "6000" in str(
        fake_discord.violations[0]
    )
    fake_discord.violations.clear()


async def test_response_after_deadline_is_rejected(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A first response later than the deadline gets 404 Unknown interaction (10062)."""
    fake_discord.interaction_deadline = 0.0
    async with run_mini(bot_runner) as bot:
        record = await fake_discord.slash("ping")
        await fake_discord.wait_until(lambda: bool(bot.command_errors), timeout=2, what="the error")
    assert record.rejected[0].status == 404
    assert (
        isinstance(bot.command_errors[0], discord.NotFound) and bot.command_errors[0].code == 10062
    )
    fake_discord.violations.clear()


# ------------------------------------------------------------------------------ threads


async def test_thread_from_message_is_public(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """message.create_thread makes a public thread with the name and archive duration asked."""
    async with run_mini(bot_runner) as bot:
        record = await fake_discord.slash("thread", {"name": "Chapter 1"})
        await fake_discord.wait_for_request("POST", r"/channels/\d+/messages")
        await asyncio.wait_for(bot.thread_seen.wait(), timeout=2)
    (thread,) = fake_discord.threads(READING_CHANNEL_ID)
    assert (thread.type, thread.name, thread.auto_archive_duration) == (
        PUBLIC_THREAD,
        "Chapter 1",
        60,
    )
    assert thread.id == thread.starter_message_id == record.original_message_id
    assert [m.content for m in fake_discord.messages(thread.id)] == ["first post"]


async def test_create_thread_without_type_is_private(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """channel.create_thread() without type= creates a private thread (type 12)."""
    async with run_mini(bot_runner):
        await (await fake_discord.slash("private", {"name": "secret"})).wait_response()
    (thread,) = fake_discord.threads(READING_CHANNEL_ID)
    assert thread.type == PRIVATE_THREAD


async def test_bad_thread_name_is_a_violation(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A 101-character thread name is refused with 400 like Discord."""
    async with run_mini(bot_runner) as bot:
        channel = bot.get_channel(READING_CHANNEL_ID)
        assert isinstance(channel, discord.TextChannel)
        with pytest.raises(discord.HTTPException) as caught:
            await channel.create_thread(name="x" * 101, type=discord.ChannelType.public_thread)
    assert caught.value.code == 50035 and "name" in str(fake_discord.violations[0])
    fake_discord.violations.clear()


# ------------------------------------------------------------------------------ refusals and failures


async def test_injected_403_reaches_the_bot(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """fail(..., 403) answers Missing Permissions (50013) once."""
    fake_discord.fail("POST", rf"/channels/{READING_CHANNEL_ID}/messages", 403)
    async with run_mini(bot_runner):
        record = await (await fake_discord.slash("send")).wait_response()
    assert record.content == "refused 403 50013"
    assert fake_discord.messages(READING_CHANNEL_ID) == [] or all(
        m.content != "hello channel" for m in fake_discord.messages(READING_CHANNEL_ID)
    )


async def test_missing_permission_overwrite_is_enforced(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """Denying the bot send_messages makes sends fail and shows in app_permissions."""
    fake_discord.set_bot_permissions(READING_CHANNEL_ID, deny=["send_messages"])
    async with run_mini(bot_runner):
        record = await (await fake_discord.slash("send")).wait_response()
    assert record.content == "refused 403 50013"
    assert not int(record.payload["app_permissions"]) & SEND_MESSAGES


async def test_injected_429_is_retried_after_retry_after(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A 429 with retry_after is waited out once and then the send succeeds."""
    fake_discord.fail("POST", rf"/channels/{READING_CHANNEL_ID}/messages", 429, retry_after=0.05)
    async with run_mini(bot_runner):
        record = await (await fake_discord.slash("send")).wait_response()
    first, second = fake_discord.requests_matching(
        "POST", rf"/channels/{READING_CHANNEL_ID}/messages"
    )
    assert (first.status, second.status) == (429, 200)
    assert second.time - first.time >= 0.05
    assert record.content == "sent"


async def test_delay_slows_the_answer(fake_discord: FakeDiscord, bot_runner: BotRunner) -> None:
    """delay() holds a request, which shows in the time to first response."""
    fake_discord.delay("POST", rf"/channels/{READING_CHANNEL_ID}/messages", 0.1)
    async with run_mini(bot_runner):
        record = await (await fake_discord.slash("send")).wait_response()
    assert record.time_to_first_response is not None and record.time_to_first_response >= 0.1


async def test_deleted_channel_answers_unknown_channel(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A channel deleted behind the bot's back answers 404 Unknown Channel (10003)."""
    async with run_mini(bot_runner) as bot:
        channel = bot.get_channel(OTHER_CHANNEL_ID)
        assert isinstance(channel, discord.TextChannel)
        fake_discord.delete_channel(OTHER_CHANNEL_ID, notify=False)
        with pytest.raises(discord.NotFound) as caught:
            await channel.send("anyone?")
    assert caught.value.code == 10003


async def test_unknown_route_is_recorded_as_fake_bug(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A route the fake lacks answers 400 (never 5xx) and is recorded as a fake bug."""
    async with run_mini(bot_runner):
        record = await (await fake_discord.slash("raw")).wait_response()
    assert record.content == "http 400"
    assert [b.path for b in fake_discord.bugs] == ["/no/such/route"]
    fake_discord.bugs.clear()


async def test_wait_fails_fast_when_the_bot_dies(fake_discord: FakeDiscord) -> None:
    """A watched task that dies ends waits at once with its exception."""
    loop = asyncio.get_running_loop()
    task: asyncio.Future[None] = loop.create_future()
    fake_discord.watch(task)
    task.set_exception(RuntimeError("boom"))
    started = loop.time()
    with pytest.raises(BotDied, match="boom"):
        await fake_discord.wait_until(lambda: False, timeout=5, what="never")
    assert loop.time() - started < 1
    fake_discord.unwatch(task)


# ------------------------------------------------------------------------------ gateway


async def test_resume_replays_missed_events(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """After a dropped connection the bot RESUMEs and gets the events it missed."""
    async with run_mini(bot_runner) as bot:
        await fake_discord.disconnect(resume=True, wait=False)
        late = fake_discord.add_channel(GUILD_ID, "late")
        await asyncio.wait_for(bot.resumed.wait(), timeout=3)
        assert bot.get_channel(late.id) is not None
        record = await (await fake_discord.slash("ping")).wait_response()
    assert (fake_discord.identify_count, fake_discord.resume_count) == (1, 1)
    assert record.content == "pong"


async def test_invalid_session_makes_the_bot_identify_again(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """With resume=False the RESUME gets op 9 and the bot IDENTIFYs again."""
    async with run_mini(bot_runner):
        await fake_discord.disconnect(resume=False)
        record = await (await fake_discord.slash("ping")).wait_response(timeout=5)
    assert fake_discord.identify_count == 2
    assert record.content == "pong"


# ------------------------------------------------------------------------------ network guard


def test_guard_blocks_private_address_without_traffic(network_guard: NetworkGuard) -> None:
    """Connecting to 10.0.0.1 raises before the real connect is called."""
    with pytest.raises(NetworkAccessBlocked):
        socket.create_connection(("10.0.0.1", 80), timeout=1)
    assert network_guard.blocked and not any("10.0.0.1" in p for p in network_guard.passed)
    network_guard.blocked.clear()


def test_guard_blocks_public_name_resolution(network_guard: NetworkGuard) -> None:
    """Resolving a public name raises before any DNS query."""
    with pytest.raises(NetworkAccessBlocked):
        socket.getaddrinfo("discord.com", 443)
    assert network_guard.blocked == ["resolve 'discord.com'"] and not network_guard.passed
    network_guard.blocked.clear()


async def test_guard_blocks_aiohttp_to_the_internet(network_guard: NetworkGuard) -> None:
    """aiohttp (what discord.py uses) cannot reach a public host either."""
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ClientError):
            await session.get("https://discord.com/api/v10/gateway")
    assert network_guard.blocked
    network_guard.blocked.clear()


def test_guard_allows_loopback_and_unix_sockets(network_guard: NetworkGuard) -> None:
    """Loopback TCP and unix socket pairs still work."""
    server = socket.create_server(("127.0.0.1", 0))
    try:
        with socket.create_connection(server.getsockname(), timeout=1):
            pass
    finally:
        server.close()
    left, right = socket.socketpair()
    left.close()
    right.close()
    assert not network_guard.blocked


# ------------------------------------------------------------------------------ bot_runner


class BrokenBot(MiniBot):
    async def setup_hook(self) -> None:
        raise RuntimeError("setup exploded")


async def test_bot_runner_fails_fast_when_setup_dies(bot_runner: BotRunner) -> None:
    """A bot whose setup_hook raises fails the start at once with that error."""
    with pytest.raises(BotDied, match="setup exploded"):
        async with bot_runner(factory=BrokenBot):
            pass


async def test_bot_runner_restores_discord_urls(bot_runner: BotRunner) -> None:
    """Route.BASE and the default gateway point back at Discord after the bot stops."""
    before = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    async with run_mini(bot_runner):
        assert discord.http.Route.BASE.startswith("http://127.0.0.1:")
    assert (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == before


async def test_persistent_button_works_after_restart(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A button sent by one bot is handled by a fresh bot after a restart."""
    async with run_mini(bot_runner):
        reply = await (await fake_discord.slash("echo", {"text": "hi"})).wait_response()
    async with run_mini(bot_runner):
        click = await (await fake_discord.click(reply, "mini:count")).wait_response()
    assert click.response_type == 7 and reply.content == f"clicked by {MEMBER_ID}"
    assert fake_discord.identify_count == 2


# ------------------------------------------------------------------------------ limits, directly


def _problems(body: dict[str, Any]) -> list[str]:
    found: list[Any] = []
    limits.check_message(body, found)
    return [path for path, _, _ in found]


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"content": "x" * 2001}, "content"),
        ({"embeds": [{"title": "t" * 257}]}, "embeds.0.title"),
        ({"embeds": [{"description": "d" * 4097}]}, "embeds.0.description"),
        ({"embeds": [{"fields": [{"name": "n", "value": "v"}] * 26}]}, "embeds.0.fields"),
        ({"embeds": [{"fields": [{"name": "n" * 257, "value": "v"}]}]}, "embeds.0.fields.0.name"),
        ({"embeds": [{"fields": [{"name": "n", "value": "v" * 1025}]}]}, "embeds.0.fields.0.value"),
        ({"embeds": [{"fields": [{"name": "n", "value": ""}]}]}, "embeds.0.fields.0.value"),
        ({"embeds": [{"footer": {"text": "f" * 2049}}]}, "embeds.0.footer.text"),
        ({"embeds": [{"title": "t"}] * 11}, "embeds"),
        ({"embeds": [{"description": "d" * 4000}, {"description": "d" * 2001}]}, "embeds"),
        ({"content": "x", "components": [{"type": 1, "components": []}] * 6}, "components"),
        (
            {
                "content": "x",
                "components": [
                    {
                        "type": 1,
                        "components": [
                            {"type": 2, "style": 1, "label": "b", "custom_id": f"b{i}"}
                            for i in range(6)
                        ],
                    }
                ],
            },
            "components.0.components",
        ),
        (
            {
                "content": "x",
                "components": [
                    {
                        "type": 1,
                        "components": [{"type": 2, "style": 1, "label": "b", "custom_id": ""}],
                    }
                ],
            },
            "components.0.components.0.custom_id",
        ),
        (
            {"content": "x", "allowed_mentions": {"parse": ["users"], "users": ["1"]}},
            "allowed_mentions.parse",
        ),
        ({}, "content"),
    ],
)
def test_message_limits_are_refused(body: dict[str, Any], path: str) -> None:
    """Each documented message limit (content, embeds, components, mentions) is enforced."""
    assert path in _problems(body)


def test_message_within_limits_passes() -> None:
    """A message at every limit exactly is accepted."""
    body = {
        "content": "x" * 2000,
        "embeds": [
            {
                "title": "t" * 256,
                "description": "d" * 1000,
                "fields": [{"name": "n" * 10, "value": "v" * 100}] * 25,
                "footer": {"text": "f" * 100},
            }
        ],
        "components": [
            {
                "type": 1,
                "components": [
                    {"type": 2, "style": 1, "label": "b", "custom_id": f"{r}{i}".ljust(100, "x")}
                    for i in range(5)
                ],
            }
            for r in range(5)
        ],
        "allowed_mentions": {"parse": []},
    }
    assert _problems(body) == []


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"name": ""}, "name"),
        ({"name": "n" * 101}, "name"),
        ({"name": "ok", "auto_archive_duration": 30}, "auto_archive_duration"),
        ({"name": "ok", "type": 0}, "type"),
    ],
)
def test_thread_limits_are_refused(body: dict[str, Any], path: str) -> None:
    """Thread names must be 1-100 characters and durations 60/1440/4320/10080."""
    found: list[Any] = []
    limits.check_thread(body, found, with_message=False)
    assert path in [p for p, _, _ in found]


@pytest.mark.parametrize(
    ("command", "path"),
    [
        ({"name": "Upper", "description": "d"}, "0.name"),
        ({"name": "x" * 33, "description": "d"}, "0.name"),
        ({"name": "ok", "description": "d" * 101}, "0.description"),
        (
            {"name": "ok", "description": "d", "name_localizations": {"zh": "好"}},
            "0.name_localizations.zh",
        ),
        (
            {
                "name": "ok",
                "description": "d",
                "options": [
                    {"type": 3, "name": "a", "description": "d"},
                    {"type": 3, "name": "b", "description": "d", "required": True},
                ],
            },
            "0.options.1.required",
        ),
    ],
)
def test_command_schema_limits_are_refused(command: dict[str, Any], path: str) -> None:
    """Command sync refuses bad names, long descriptions, unknown locales and option order."""
    found: list[Any] = []
    limits.check_commands([command], found)
    assert path in [p for p, _, _ in found]


def test_chinese_command_localization_is_accepted() -> None:
    """A zh-CN localized name in Chinese characters is a valid command name."""
    found: list[Any] = []
    command = {"name": "about", "description": "d", "name_localizations": {"zh-CN": "关于"}}
    limits.check_commands([command], found)
    assert found == []


# ------------------------------------------------------------------------------ more refusals


async def test_closed_dms_answer_50007(fake_discord: FakeDiscord, bot_runner: BotRunner) -> None:
    """A DM to a user who closed DMs fails with 403 Cannot send messages (50007)."""
    fake_discord.close_dms(MEMBER_ID)
    async with run_mini(bot_runner) as bot:
        user = await bot.fetch_user(MEMBER_ID)
        with pytest.raises(discord.Forbidden) as caught:
            await user.send("hello")
    assert caught.value.code == 50007


async def test_thread_posts_need_send_messages_in_threads(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """send_messages alone does not allow posting in a thread."""
    fake_discord.set_bot_permissions(READING_CHANNEL_ID, deny=["send_messages_in_threads"])
    async with run_mini(bot_runner) as bot:
        channel = bot.get_channel(READING_CHANNEL_ID)
        assert isinstance(channel, discord.TextChannel)
        thread = await channel.create_thread(name="t", type=discord.ChannelType.public_thread)
        with pytest.raises(discord.Forbidden) as caught:
            await thread.send("hi")
    assert caught.value.code == 50013
