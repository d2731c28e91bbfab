"""/excerpt, /section, /outline and /fact end to end through the real discord.py client."""

from __future__ import annotations

from tests.fakediscord import FakeDiscord
from tests.harness import GUILD_ID, BotRunner

GOLF = "安倍 特朗普 高尔夫"


async def test_excerpt_answers_privately_with_the_matched_words_and_a_citation(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A keyword query gets a private embed with the matched words in bold, the section and a
    citation; the channel stays quiet unless the member shares it."""
    async with bot_runner():
        record = await (await fake_discord.slash("excerpt", {"query": GOLF})).wait_response()
    assert record.ephemeral and "share:v1" in record.custom_ids
    embed = record.embed
    assert "**高尔夫" in embed["description"]
    assert embed["title"].startswith("二/第二")
    assert embed["footer"]["text"].startswith(
        "朱海燕，《日本国家战略视域中的日美同盟——战略定位、政策手段及效果评估》，《国际政治研究》2021年第5期"
    )
    assert any(f["name"] == "Position" and "of 52" in f["value"] for f in embed["fields"])


async def test_excerpt_private_answers_ephemerally(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """`private: true` shows the passage only to the member who asked."""
    async with bot_runner():
        record = await (
            await fake_discord.slash("excerpt", {"query": "双边+", "private": True})
        ).wait_response()
    assert record.ephemeral
    assert "双边" in record.embed["description"]


async def test_excerpt_in_english_finds_the_chinese_passage(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """An English query (`Abe Trump golf`) finds the same Chinese paragraph as the Chinese one."""
    async with bot_runner():
        english = await (
            await fake_discord.slash("excerpt", {"query": "Abe Trump golf"})
        ).wait_response()
        chinese = await (await fake_discord.slash("excerpt", {"query": GOLF})).wait_response()
    assert english.embed["title"] == chinese.embed["title"]
    assert "高尔夫" in english.embed["description"]


async def test_excerpt_off_topic_offers_sections_instead(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """Nonsense gets no wrong passage: a private reply saying so, with advice."""
    async with bot_runner():
        record = await (
            await fake_discord.slash("excerpt", {"query": "pizza recipe"})
        ).wait_response()
    assert record.ephemeral
    assert not record.embeds
    assert "No passage matches" in record.content


async def test_excerpt_reply_in_chinese_for_chinese_locale(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A zh-CN member gets the field names and refusals in Chinese."""
    async with bot_runner():
        hit = await (
            await fake_discord.slash("excerpt", {"query": GOLF}, locale="zh-CN")
        ).wait_response()
        miss = await (
            await fake_discord.slash("excerpt", {"query": "量子计算机"}, locale="zh-CN")
        ).wait_response()
    assert any(f["name"] == "位置" for f in hit.embed["fields"])
    assert "没有找到" in miss.content


async def test_autocomplete_suggests_passages_within_limits(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """Typing offers up to 25 passage snippets, each name and value within 100 characters."""
    async with bot_runner():
        record = await (
            await fake_discord.autocomplete("excerpt", {"query": "日美同盟"}, focused="query")
        ).wait_response()
    choices = record.choices
    assert 1 <= len(choices) <= 25
    assert all(1 <= len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
    assert record.time_to_first_response < 1.0


async def test_picking_a_suggestion_shows_exactly_that_passage(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """The value of a suggestion, submitted, shows the paragraph that suggestion named."""
    async with bot_runner():
        suggestions = await (
            await fake_discord.autocomplete("excerpt", {"query": "同盟"}, focused="query")
        ).wait_response()
        third = suggestions.choices[2]
        record = await (
            await fake_discord.slash("excerpt", {"query": third["value"]})
        ).wait_response()
    path = third["name"].split(" · ")[0]
    assert record.embed["title"].startswith(path)


async def test_next_button_shows_the_following_paragraph_privately(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """Next on a public passage answers privately with the next paragraph, leaving the post alone."""
    async with bot_runner():
        post = await (await fake_discord.slash("excerpt", {"query": GOLF})).wait_response()
        position = next(f["value"] for f in post.embed["fields"] if f["name"] == "Position")
        next_id = next(c for c in post.custom_ids if c.startswith("xp:next:"))
        clicked = await (await fake_discord.click(post, next_id, user=None)).wait_response()
    assert clicked.ephemeral
    now = next(f["value"] for f in clicked.embed["fields"] if f["name"] == "Position")
    assert int(now.split()[0][1:]) == int(position.split()[0][1:]) + 1  # "¶21 of 52"


async def test_buttons_work_after_a_restart(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A passage posted before a restart still answers its Full paragraph button afterwards."""
    async with bot_runner():
        post = await (await fake_discord.slash("excerpt", {"query": GOLF})).wait_response()
    async with bot_runner(database_path=bot_runner.database_path):
        full_id = next(c for c in post.custom_ids if c.startswith("xp:full:"))
        clicked = await (await fake_discord.click(post, full_id)).wait_response()
    assert clicked.ephemeral
    assert "高尔夫外交" in clicked.embed["description"]


async def test_other_hits_menu_opens_another_passage(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """Choosing another hit from the menu shows that paragraph."""
    async with bot_runner():
        post = await (
            await fake_discord.slash("excerpt", {"query": "日美同盟 基轴"})
        ).wait_response()
        menu = next(c for c in post.custom_ids if c.startswith("xp:hits:"))
        options = post.message.find_component(menu)["options"]
        chosen = await (
            await fake_discord.select(post, menu, [options[0]["value"]])
        ).wait_response()
    assert chosen.ephemeral and chosen.embed["description"]


async def test_outline_lists_every_section(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """/outline shows the tree from 内容提要 to 结语, indented by depth, with the paths /section
    accepts; English readers get the English headings."""
    async with bot_runner():
        record = await (await fake_discord.slash("outline", locale="zh-CN")).wait_response()
        english = await (await fake_discord.slash("outline")).wait_response()
    text = record.embed["description"]
    for heading in ("内容提要", "引言", "一 日本国家战略中的日美同盟定位", "结语"):
        assert heading in text
    assert "\n　　三/（一）/第一 政治增益" in text  # depth 3, full-width brackets
    assert "引言 Introduction" in english.embed["description"]


async def test_section_by_path_shows_summary_facts_and_children(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """/section 二 shows its summary, key facts and its five points."""
    async with bot_runner():
        record = await (await fake_discord.slash("section", {"name": "二"})).wait_response()
    names = [f["name"] for f in record.embed["fields"]]
    assert names == ["Summary", "Key facts", "Sub-sections"]
    assert record.embed["fields"][2]["value"].count("•") == 5


async def test_section_autocomplete_matches_typed_paths(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """Typing `3/1` suggests 三/(一) and its points."""
    async with bot_runner():
        record = await (
            await fake_discord.autocomplete("section", {"name": "3/1"}, focused="name")
        ).wait_response()
    assert record.choices[0]["value"] == "s3-1"


async def test_unknown_section_is_refused_politely(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A section that does not exist gets a private explanation, not an error."""
    async with bot_runner():
        record = await (await fake_discord.slash("section", {"name": "第九章"})).wait_response()
    assert record.ephemeral
    assert "no section" in record.content


async def test_fact_of_a_section_cites_a_paragraph_of_it(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """/fact with a section gives one of that section's facts, quoting its source paragraph."""
    async with bot_runner() as bot:
        record = await (await fake_discord.slash("fact", {"section": "s2-p4"})).wait_response()
        article = bot.services.article
    source = record.embed["fields"][0]["value"]
    first = source.split("\n")[0]
    assert first.startswith("> ")  # the first line quotes the source as a block quote
    quote = first.removeprefix("> ")
    paragraphs = {p.id for p in article.paragraphs_of("s2-p4")}
    assert any(f.quote == quote and f.paragraph_id in paragraphs for f in article.facts)


async def test_excerpt_marks_a_cut_and_full_view_drops_the_full_button(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """A partial excerpt ends with `…` and offers Full paragraph; the full view does not."""
    async with bot_runner():
        post = await (await fake_discord.slash("excerpt", {"query": GOLF})).wait_response()
        assert post.embed["description"].endswith("…")
        full_id = next(c for c in post.custom_ids if c.startswith("xp:full:"))
        clicked = await (await fake_discord.click(post, full_id)).wait_response()
    assert not any(c.startswith("xp:full:") for c in clicked.custom_ids)
    assert not clicked.embed["description"].endswith("…")


async def test_outline_footer_has_no_markdown(
    fake_discord: FakeDiscord, bot_runner: BotRunner
) -> None:
    """Footers do not render markdown: the command hint lives in the description instead, as a
    clickable command mention."""
    async with bot_runner():
        record = await (await fake_discord.slash("outline")).wait_response()
    assert "`" not in record.embed["footer"]["text"]
    (section,) = [c for c in fake_discord.commands(GUILD_ID) if c["name"] == "section"]
    assert f"</section:{section['id']}>" in record.embed["description"]


def test_footnote_urls_are_set_apart_so_they_link() -> None:
    """Discord links up to the next space: a URL followed by `、date` gets a space after it."""
    from bot.ui.passage_embed import footnote_text

    text = "「会见」、http://www.kantei.go.jp/jp/99_suga/a.html、2020-12-15."
    assert (
        footnote_text(text) == "「会见」、http://www.kantei.go.jp/jp/99_suga/a.html 、2020-12-15."
    )
    assert (
        footnote_text("Report, https://x.org/a?b=1, 2020.") == "Report, https://x.org/a?b=1, 2020."
    )
