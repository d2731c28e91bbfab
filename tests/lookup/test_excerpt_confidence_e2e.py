"""/excerpt when the engine is not sure, and clicks on passages that no longer exist."""

from __future__ import annotations

import pytest

from tests.fakediscord import FakeDiscord
from tests.harness import BotRunner

SLUG = "zhu-2021-japan-us-alliance"


@pytest.mark.parametrize(
    ("locale", "heading", "placeholder"),
    [
        (
            "en-US",
            "No passage matches “欧盟碳关税” for sure. The closest passages:",
            "Open one of them…",
        ),
        ("zh-CN", "没有与“欧盟碳关税”确切对应的段落。最相近的几段：", "打开其中一段…"),
    ],
)
async def test_unsure_lookup_lists_closest_passages_privately(
    fake_discord: FakeDiscord, bot_runner: BotRunner, locale: str, heading: str, placeholder: str
) -> None:
    """Low confidence is never dressed as an answer: a private numbered list to pick from."""
    async with bot_runner():
        record = await (
            await fake_discord.slash("excerpt", {"query": "欧盟碳关税"}, locale=locale)
        ).wait_response()
        assert record.ephemeral and not record.embeds
        lines = record.content.splitlines()
        assert lines[0] == heading
        assert lines[1].startswith("**1.** ") and "¶" in lines[1]
        (menu,) = [c for c in record.custom_ids if c.startswith("xp:hits:")]
        component = record.message.find_component(menu)
        assert component["placeholder"] == placeholder
        assert len(component["options"]) == len(lines) - 2
        opened = await (
            await fake_discord.select(record, menu, [component["options"][0]["value"]])
        ).wait_response()
    assert opened.ephemeral and "关税" in opened.embed["description"]


async def test_sure_lookup_by_question_answers_with_the_passage(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """An English question the article answers gets the passage itself, not a list."""
    async with bot_runner():
        record = await (
            await fake_discord.slash(
                "excerpt", {"query": "why did Japan want to revise its constitution"}
            )
        ).wait_response()
    position = next(f["value"] for f in record.embed["fields"] if f["name"] == "Position")
    assert position in ("¶1 of 52", "¶3 of 52")  # 修改宪法 … 摆脱“战后体制”


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
async def test_autocomplete_marks_closest_passages(
    fake_discord: FakeDiscord, bot_runner: BotRunner, locale: str
) -> None:
    """Suggestions that are only close start with ≈; sure ones do not."""
    async with bot_runner():
        unsure = await (
            await fake_discord.autocomplete(
                "excerpt", {"query": "欧盟碳关税"}, focused="query", locale=locale
            )
        ).wait_response()
        sure = await (
            await fake_discord.autocomplete(
                "excerpt", {"query": "火与怒"}, focused="query", locale=locale
            )
        ).wait_response()
    assert unsure.choices and all(c["name"].startswith("≈ ") for c in unsure.choices)
    assert sure.choices and not sure.choices[0]["name"].startswith("≈")
    assert all(len(c["name"]) <= 100 for c in unsure.choices + sure.choices)


@pytest.mark.parametrize(
    ("locale", "reply"),
    [
        ("en-US", "That paragraph is no longer in the loaded content"),
        ("zh-CN", "这个段落已不在当前内容中"),
    ],
)
async def test_stale_passage_button_gets_a_polite_reply(
    fake_discord: FakeDiscord, bot_runner: BotRunner, locale: str, reply: str
) -> None:
    """A button whose paragraph is gone (content edited since) answers, in the member's language."""
    async with bot_runner():
        post = await (await fake_discord.slash("excerpt", {"query": "火与怒"})).wait_response()
        stale = f"xp:full:{SLUG}:p99"
        post.message.components[0]["components"][0]["custom_id"] = stale
        clicked = await (await fake_discord.click(post, stale, locale=locale)).wait_response()
        assert clicked.ephemeral and reply in clicked.content
        assert not bot_runner.errors.messages()  # a refusal, not an unexpected failure
