"""The fake checks request bodies against Discord's official OpenAPI schema (spec/openapi.json).

Bodies are sent straight to the fake over HTTP, as a bot would: a body the schema refuses gets
400 with Discord's 50035 error shape and is recorded as a `schema` violation; the documented limits
the schema does not state are still checked (`limits` violations); a valid body passes.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.fakediscord import FakeDiscord, limits, schema
from tests.harness import BOT_ID, GUILD_ID, MEMBER_ID, READING_CHANNEL_ID, TOKEN

MESSAGES = f"/channels/{READING_CHANNEL_ID}/messages"
GUILD_COMMANDS = f"/applications/{BOT_ID}/guilds/{GUILD_ID}/commands"


async def send(
    fake: FakeDiscord, method: str, path: str, body: Any = None, *, multipart: bool = False
) -> tuple[int, Any]:
    """One request to the fake as the bot; returns (status, parsed JSON body or None)."""
    headers = {"Authorization": f"Bot {TOKEN}"}
    kwargs: dict[str, Any] = {}
    if multipart:
        form = aiohttp.FormData()
        form.add_field("payload_json", json.dumps(body), content_type="application/json")
        form.add_field("files[0]", b"hello", filename="a.txt")
        kwargs["data"] = form
    elif body is not None:
        kwargs["data"] = json.dumps(body)
        headers["Content-Type"] = "application/json"
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, fake.base_url + path, headers=headers, **kwargs) as resp,
    ):
        raw = await resp.read()
        return resp.status, json.loads(raw) if raw else None


def error_at(answer: dict[str, Any], path: str) -> list[dict[str, str]]:
    """The `_errors` Discord nests under a field path in a 50035 answer."""
    node: Any = answer["errors"]
    for part in path.split("."):
        node = node[part]
    return node["_errors"]


def take_violation(fake: FakeDiscord, kind: str = "schema") -> str:
    """The one violation the request caused (cleared, so the fixture stays happy)."""
    assert len(fake.violations) == 1, fake.violations
    violation = fake.violations.pop()
    assert violation.kind == kind, violation
    return str(violation)


# ------------------------------------------------------------------------------ the vendored file


def test_vendored_spec_is_the_commit_named_in_its_readme() -> None:
    """openapi.json is byte-for-byte the upstream file the README names, with its licence."""
    spec_dir = schema.SPEC_FILE.parent
    readme = (spec_dir / "README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256(schema.SPEC_FILE.read_bytes()).hexdigest()
    assert f"sha256 `{digest}`" in readme
    assert re.search(r"commit `[0-9a-f]{40}`", readme)
    assert "MIT License" in (spec_dir / "LICENSE").read_text(encoding="utf-8")
    assert schema.spec()["info"]["version"] == "10"


@pytest.mark.parametrize(
    ("method", "path", "template"),
    [
        ("POST", "/channels/1/messages", "/channels/{channel_id}/messages"),
        ("GET", "/channels/1/messages/pins", "/channels/{channel_id}/messages/pins"),
        ("PATCH", "/channels/1/messages/2", "/channels/{channel_id}/messages/{message_id}"),
        ("GET", "/users/@me", "/users/@me"),
        ("GET", "/users/5", "/users/{user_id}"),
        (
            "PATCH",
            "/webhooks/1/tok/messages/@original",
            "/webhooks/{webhook_id}/{webhook_token}/messages/@original",
        ),
        (
            "POST",
            "/interactions/1/tok/callback",
            "/interactions/{interaction_id}/{interaction_token}/callback",
        ),
        ("PUT", "/applications/1/guilds/2/commands", "/applications/{application_id}/guilds/{guild_id}/commands"),
    ],
)  # fmt: skip
def test_requests_match_their_path_template(method: str, path: str, template: str) -> None:
    """Method + path find the operation; literal segments win over parameters."""
    op = schema.find_operation(method, path)
    assert op is not None and op.template == template


def test_validators_are_built_once_per_operation() -> None:
    """The compiled validator is cached at module level, keyed by the operation's body schema."""
    op = schema.find_operation("POST", "/channels/1/messages")
    assert op is not None and op.schema_pointer is not None
    schema.check_body("POST", "/channels/1/messages", {"content": "a"})
    schema.check_body("POST", "/channels/2/messages", {"content": "b"})
    first = schema._validator(op.schema_pointer)
    assert schema._validator(op.schema_pointer) is first
    assert schema._VALIDATORS[op.schema_pointer] is first


# ------------------------------------------------------------------------------ messages


@pytest.mark.parametrize(
    ("body", "path", "code"),
    [
        ({"embeds": [{"url": "https://e.com/" + "a" * 3000}]}, "embeds.0.url", "BASE_TYPE_BAD_LENGTH"),
        ({"embeds": [{"url": "not a url"}]}, "embeds.0.url", "URL_TYPE_INVALID_URL"),
        ({"embeds": [{"title": "t", "author": {"name": "a", "icon_url": "https://e.com/" + "i" * 2100}}]}, "embeds.0.author.icon_url", "BASE_TYPE_BAD_LENGTH"),
        ({"embeds": [{"title": "t", "image": {"url": "https://e.com/" + "i" * 2100}}]}, "embeds.0.image.url", "BASE_TYPE_BAD_LENGTH"),
        ({"embeds": [{"title": "t", "timestamp": "yesterday"}]}, "embeds.0.timestamp", "DATE_TIME_TYPE_PARSE"),
        ({"embeds": [{"title": "t", "timestamp": "2026-13-05T12:00:00+00:00"}]}, "embeds.0.timestamp", "DATE_TIME_TYPE_PARSE"),
        ({"embeds": [{"fields": [{"name": "n"}]}]}, "embeds.0.fields.0.value", "BASE_TYPE_REQUIRED"),
        ({"content": "x", "nonce": "n" * 40}, "nonce", "BASE_TYPE_BAD_LENGTH"),
        ({"content": "x", "nonce": 2**64}, "nonce", "NUMBER_TYPE_MAX"),
        ({"content": "x", "enforce_nonce": "yes"}, "enforce_nonce", "BASE_TYPE_BAD_TYPE"),
        ({"content": 5}, "content", "BASE_TYPE_BAD_TYPE"),
        ({"content": "x", "allowed_mentions": {"parse": ["user"]}}, "allowed_mentions.parse.0", "BASE_TYPE_CHOICES"),
        ({"content": "x", "message_reference": {"message_id": "abc"}}, "message_reference.message_id", "BASE_TYPE_BAD_FORMAT"),
        ({"content": "x", "sticker_ids": ["1", "2", "3", "4"]}, "sticker_ids", "BASE_TYPE_MAX_LENGTH"),
        ({"content": "x", "components": [{"type": 1, "components": [{"type": 99}]}]}, "components.0.components.0.type", "BASE_TYPE_CHOICES"),
        ({"content": "x", "components": [{"type": 1, "components": [{"type": 2, "style": 5, "label": "l", "url": "https://e.com/" + "u" * 600}]}]}, "components.0.components.0.url", "BASE_TYPE_BAD_LENGTH"),
        ({"content": "x", "components": [{"type": 1, "components": [{"type": 2, "style": 9, "label": "l", "custom_id": "c"}]}]}, "components.0.components.0.style", "BASE_TYPE_CHOICES"),
    ],
)  # fmt: skip
async def test_message_bodies_the_schema_refuses(
    fake_discord: FakeDiscord, body: dict[str, Any], path: str, code: str
) -> None:
    """400 + 50035 naming the field, and a recorded `schema` violation."""
    status, answer = await send(fake_discord, "POST", MESSAGES, body)
    assert status == 400 and answer["code"] == 50035
    assert error_at(answer, path)[0]["code"] == code
    assert path in take_violation(fake_discord)
    assert fake_discord.messages(READING_CHANNEL_ID) == []


async def test_a_valid_message_at_the_schema_limits_passes(fake_discord: FakeDiscord) -> None:
    """Timestamps, URLs at their maximum lengths, a 25-character nonce and integer ids pass."""
    body = {
        "content": "x",
        "nonce": "n" * 25,
        "enforce_nonce": True,
        "embeds": [
            {
                "title": "t",
                "url": "https://e.com/" + "a" * (2048 - 14),
                "timestamp": "2026-01-05T12:00:00+00:00",
                "author": {"name": "a", "icon_url": "attachment://cover.png"},
                "footer": {"text": "f", "icon_url": "https://e.com/f.png"},
                "thumbnail": {"url": "https://e.com/t.png"},
            }
        ],
        "components": [
            {
                "type": 1,
                "components": [
                    {"type": 2, "style": 5, "label": "l", "url": "https://e.com/" + "u" * 498}
                ],
            }
        ],
        # discord.py sends snowflakes as JSON integers; Discord accepts them (schema.ALLOWANCES).
        "allowed_mentions": {"parse": [], "users": [MEMBER_ID]},
    }
    status, answer = await send(fake_discord, "POST", MESSAGES, body)
    assert status == 200, answer
    assert answer["nonce"] == "n" * 25
    assert fake_discord.violations == []


async def test_multipart_payload_json_is_validated(fake_discord: FakeDiscord) -> None:
    """The payload_json part of a multipart body is checked like a JSON body."""
    bad = {"content": "x", "nonce": "n" * 26, "attachments": [{"id": 0, "filename": "a.txt"}]}
    status, answer = await send(fake_discord, "POST", MESSAGES, bad, multipart=True)
    assert status == 400 and error_at(answer, "nonce")
    assert "nonce" in take_violation(fake_discord)
    good = dict(bad, nonce="n" * 25)
    status, answer = await send(fake_discord, "POST", MESSAGES, good, multipart=True)
    assert status == 200 and answer["attachments"][0]["filename"] == "a.txt"


async def test_limits_still_apply_on_top_of_the_schema(fake_discord: FakeDiscord) -> None:
    """The schema allows 4,000 characters of content; Discord's documented limit is 2,000."""
    assert schema.check_body("POST", MESSAGES, {"content": "x" * 2001}) == []
    status, answer = await send(fake_discord, "POST", MESSAGES, {"content": "x" * 2001})
    assert status == 400 and error_at(answer, "content")
    assert "content" in take_violation(fake_discord, kind="limits")


async def test_an_injected_failure_does_not_hide_a_bad_body(fake_discord: FakeDiscord) -> None:
    """The body is checked first: the injected 403 is left for the next (valid) request."""
    fake_discord.fail("POST", r"/channels/\d+/messages", 403)
    status, _ = await send(fake_discord, "POST", MESSAGES, {"content": "x", "nonce": "n" * 30})
    assert status == 400
    take_violation(fake_discord)
    status, _ = await send(fake_discord, "POST", MESSAGES, {"content": "x"})
    assert status == 403


async def test_thread_and_webhook_bodies_are_validated(fake_discord: FakeDiscord) -> None:
    """Other operations get their own schema: thread archive durations, webhook embeds."""
    status, answer = await send(
        fake_discord,
        "POST",
        f"/channels/{READING_CHANNEL_ID}/threads",
        {"name": "t", "type": 11, "auto_archive_duration": 30},
    )
    assert status == 400
    assert "10080" in error_at(answer, "auto_archive_duration")[0]["message"]
    assert "auto_archive_duration" in take_violation(fake_discord)
    status, answer = await send(
        fake_discord,
        "POST",
        f"/webhooks/{BOT_ID}/no-such-token",
        {"embeds": [{"title": "t", "color": -1}]},
    )
    assert status == 400 and error_at(answer, "embeds.0.color")
    take_violation(fake_discord)


# ------------------------------------------------------------------------------ interaction callbacks


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"type": 4, "data": {"content": "x", "embeds": [{"title": "t", "url": "ftp://e.com"}]}}, "data.embeds.0.url"),
        ({"type": 8, "data": {"choices": [{"name": "n" * 101, "value": "v"}]}}, "data.choices.0.name"),
        ({"type": 9, "data": {"custom_id": "m", "title": "t" * 46, "components": [{"type": 1, "components": [{"type": 4, "custom_id": "i", "style": 1, "label": "l"}]}]}}, "data.title"),
        ({"type": 42}, "type"),
    ],
)  # fmt: skip
async def test_callback_bodies_the_schema_refuses(
    fake_discord: FakeDiscord, body: dict[str, Any], path: str
) -> None:
    """Interaction callbacks are validated against the callback union, branch chosen by type."""
    status, answer = await send(fake_discord, "POST", "/interactions/1/tok/callback", body)
    assert status == 400 and error_at(answer, path)
    assert path in take_violation(fake_discord)


# ------------------------------------------------------------------------------ command registration


def command(*options: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"name": "cmd", "description": "d", "options": list(options), **extra}


def option(kind: int, name: str = "opt", **extra: Any) -> dict[str, Any]:
    return {"type": kind, "name": name, "description": "d", **extra}


@pytest.mark.parametrize(
    ("commands", "path", "kind"),
    [
        # choice value types must match the option type
        ([command(option(4, choices=[{"name": "one", "value": "1"}]))], "0.options.0.choices.0.value", "schema"),
        ([command(option(3, choices=[{"name": "one", "value": 1}]))], "0.options.0.choices.0.value", "schema"),
        ([command(option(10, choices=[{"name": "yes", "value": True}]))], "0.options.0.choices.0.value", "schema"),
        ([command(option(4, choices=[{"name": "big", "value": 2**60}]))], "0.options.0.choices.0.value", "schema"),
        # sub-command nesting: group > sub-command > plain options, nothing deeper
        ([command(option(2, "grp", options=[option(3)]))], "0.options.0.options.0.type", "schema"),
        ([command(option(1, "sub", options=[option(1, "inner")]))], "0.options.0.options.0.type", "schema"),
        ([command(option(2, "grp", options=[option(2, "inner")]))], "0.options.0.options.0.type", "schema"),
        # localized names
        ([command(option(3, choices=[{"name": "c", "value": "v", "name_localizations": {"zh-CN": "长" * 101}}]))], "0.options.0.choices.0.name_localizations.zh-CN", "schema"),
        ([command(option(3, choices=[{"name": "c", "value": "v", "name_localizations": {"zh": "中"}}]))], "0.options.0.choices.0.name_localizations.zh", "limits"),
        ([command(option(3, name_localizations={"zh-CN": "Upper"}))], "0.options.0.name_localizations.zh-CN", "limits"),
        ([command(name_localizations={"zh-CN": "x" * 33})], "0.name_localizations.zh-CN", "schema"),
        # the documented rules the schema does not state
        ([command(option(5, choices=[{"name": "c", "value": "v"}]))], "0.options.0.choices", "limits"),
        ([command(option(4, min_value=10, max_value=1))], "0.options.0.min_value", "limits"),
    ],
)  # fmt: skip
async def test_command_registrations_discord_refuses(
    fake_discord: FakeDiscord, commands: list[dict[str, Any]], path: str, kind: str
) -> None:
    """PUT application commands: choice types, nesting depth and localized names are enforced."""
    status, answer = await send(fake_discord, "PUT", GUILD_COMMANDS, commands)
    assert status == 400 and answer["code"] == 50035
    assert error_at(answer, path), answer
    assert path in take_violation(fake_discord, kind)
    assert fake_discord.commands(GUILD_ID) == []


async def test_a_valid_command_registration_passes(fake_discord: FakeDiscord) -> None:
    """Groups, sub-commands, typed choices and zh-CN localizations register."""
    choice = {"name": "half", "value": 0.5, "name_localizations": {"zh-CN": "一半"}}
    commands = [
        command(
            option(
                2,
                "grp",
                name_localizations={"zh-CN": "组"},
                options=[
                    option(
                        1,
                        "sub",
                        options=[
                            option(
                                4, "count", required=True, choices=[{"name": "one", "value": 1}]
                            ),
                            option(10, "ratio", choices=[choice]),
                            option(3, "text", autocomplete=True, min_length=1, max_length=100),
                        ],
                    )
                ],
            ),
            name_localizations={"zh-CN": "命令"},
            description_localizations={"zh-CN": "说明"},
            default_member_permissions="32",
            contexts=[0],
        )
    ]
    status, answer = await send(fake_discord, "PUT", GUILD_COMMANDS, commands)
    assert status == 200, answer
    assert [c["name"] for c in fake_discord.commands(GUILD_ID)] == ["cmd"]


# ------------------------------------------------------------------------------ limits.py gaps


@pytest.mark.parametrize(
    ("option_type", "value", "refused"),
    [(3, "v", False), (3, 1, True), (4, 1, False), (4, "1", True), (4, 1.5, True), (10, 1.5, False), (10, True, True)],
)  # fmt: skip
def test_autocomplete_values_follow_the_focused_option_type(
    option_type: int, value: Any, refused: bool
) -> None:
    """An integer option's autocomplete cannot answer string values (and so on)."""
    found: list[limits.Problem] = []
    limits.check_choices({"choices": [{"name": "c", "value": value}]}, found, option_type)
    assert ("data.choices.0.value" in [p for p, _, _ in found]) is refused


def test_autocomplete_localized_choice_names_are_checked() -> None:
    """Localized choice names in an autocomplete answer: known locales, 1-100 characters."""
    found: list[limits.Problem] = []
    choice = {"name": "c", "value": "v", "name_localizations": {"xx": "a", "zh-CN": ""}}
    limits.check_choices({"choices": [choice]}, found, 3)
    paths = [p for p, _, _ in found]
    assert "data.choices.0.name_localizations.xx" in paths
    assert "data.choices.0.name_localizations.zh-CN" in paths


@pytest.mark.parametrize(
    ("cmd", "path"),
    [
        (command(option(2, "grp", options=[option(3)])), "0.options.0.options.0.type"),
        (command(option(1, "sub", options=[option(1, "inner")])), "0.options.0.options.0.type"),
        (command(option(4, choices=[{"name": "one", "value": "1"}])), "0.options.0.choices.0.value"),
        (command(option(3, choices=[{"name": "one", "value": 1}])), "0.options.0.choices.0.value"),
        (command(option(5, autocomplete=True)), "0.options.0.autocomplete"),
        (command(option(3, min_length=5, max_length=2)), "0.options.0.min_length"),
        (command(option(3, max_length=0)), "0.options.0.max_length"),
    ],
)  # fmt: skip
def test_limits_check_nesting_and_choice_types_too(cmd: dict[str, Any], path: str) -> None:
    """limits.py refuses these without the schema as well (codes closer to Discord's own)."""
    found: list[limits.Problem] = []
    limits.check_commands([cmd], found)
    assert path in [p for p, _, _ in found]


def test_schema_allowances_are_documented() -> None:
    """Every patch to the loaded schema says why; the file on disk is not edited."""
    assert schema.ALLOWANCES and all(len(why) > 40 for why in schema.ALLOWANCES.values())
    on_disk = json.loads(Path(schema.SPEC_FILE).read_text(encoding="utf-8"))
    assert on_disk["components"]["schemas"]["SnowflakeType"]["type"] == "string"
    assert schema.check_body("POST", "/users/@me/channels", {"recipient_id": MEMBER_ID}) == []
    assert schema.check_body("POST", "/users/@me/channels", {"recipient_id": -1})
