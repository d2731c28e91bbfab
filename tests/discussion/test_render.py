"""The real article: every section's starter and thread posts render within Discord's limits and
show no internal marker, thread names are short and distinct, a plan reads every paragraph once,
and overlong text is clipped rather than rejected.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import discord
import pytest

from bot.cogs.discussion.embeds import (
    join_custom_id,
    occurrence_in_custom_id,
    starter_embed,
    thread_name,
    thread_post_number,
    thread_posts,
)
from bot.cogs.discussion.opener import starter_view
from bot.content.articles_folder import load_library
from bot.content.model import Article
from bot.discussion.reading_units import plan_units
from bot.discussion.starter import Prompt, build_starter, session_paragraphs
from bot.settings import DEFAULT_CONTENT_DIR
from tests.factories import discussion_article
from tests.fakediscord import limits

DUE = datetime(2026, 1, 6, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def article() -> Article:
    library = load_library(Path(DEFAULT_CONTENT_DIR))
    assert library.ok, library.problems
    return library.articles[0]


def problems_of(**message) -> list:
    found: list = []
    payload = dict(message)
    if "embed" in payload:
        payload["embeds"] = [payload.pop("embed").to_dict()]
    if "view" in payload:
        payload["components"] = payload.pop("view").to_components()
    limits.check_message(payload, found)
    return found


def shown(embed: discord.Embed) -> str:
    """Every text of an embed a member can read."""
    data = embed.to_dict()
    parts = [data.get("title", ""), data.get("description", "")]
    parts += [data.get("author", {}).get("name", ""), data.get("footer", {}).get("text", "")]
    parts += [f["name"] + f["value"] for f in data.get("fields", [])]
    return "\n".join(parts)


def test_every_section_renders_within_limits(article: Article) -> None:
    """Starter (with its button) and each thread post of every real section pass Discord's
    checks; no internal marker shows; each post reads back as its own number; names ≤ 100."""
    for section in article.sections:
        starter = build_starter(article, section.id)
        embed = starter_embed(starter, due_at=DUE, session=12)
        assert problems_of(embed=embed, view=starter_view(654321)) == [], section.id
        assert "rc-d" not in shown(embed) and "654321" not in shown(embed), section.id
        posts = thread_posts(starter)
        assert len(posts) == len(starter.prompts) + 1
        for number, content in enumerate(posts):
            assert problems_of(content=content) == [], (section.id, number)
            assert thread_post_number(content) == number, (section.id, number)
            assert "rc-d" not in content
        assert 1 <= len(thread_name(starter, 12)) <= 100


def test_starter_is_short_on_a_phone(article: Article) -> None:
    """The starter's text stays small: title, one line, reading range, one prompt, the call."""
    for section in article.sections:
        starter = build_starter(article, section.id)
        embed = starter_embed(starter, due_at=DUE)
        assert embed.fields == [] and embed.timestamp == DUE, section.id
        assert len(embed.description or "") <= 1000, section.id
        for prompt in starter.prompts[1:]:
            assert prompt.zh not in (embed.description or ""), section.id


def test_plan_thread_names_are_short_and_distinct(article: Article) -> None:
    """A whole-article plan's threads: `N · short label`, ≤ 30 characters, no two alike."""
    names = [
        thread_name(build_starter(article, unit.id), number)
        for number, unit in enumerate(plan_units(article), start=1)
    ]
    assert len(set(names)) == len(names)
    assert all(len(name) <= 30 for name in names), names
    assert names[0] == "1 · 引言" and names[1] == "2 · 一/（一） 外交安全基轴"


def test_generic_prompts_say_so_in_one_small_line() -> None:
    """An article without prompts: each generic prompt carries one subtext line saying so."""
    article = dataclasses.replace(discussion_article(), prompts=())
    starter = build_starter(article, "s1-1")
    for number, content in enumerate(thread_posts(starter)[1:], start=1):
        assert content.endswith(
            "\n-# 通用讨论题：这篇文章还没有为本节写讨论题"
            " · A generic prompt: this article has none of its own for this section yet"
        )
        assert "-# -#" not in content and thread_post_number(content) == number
    assert "-# -#" not in (starter_embed(starter).description or "")


def test_join_custom_id_round_trips() -> None:
    """The occurrence is read back from the button's custom id, and from nothing else."""
    assert occurrence_in_custom_id(join_custom_id(42)) == 42
    assert occurrence_in_custom_id("quiz:42:A") is None
    assert occurrence_in_custom_id(None) is None


def test_overlong_texts_are_clipped_not_rejected() -> None:
    """A 300-character title and 3,000-character prompts still make a valid starter and thread."""
    starter = build_starter(discussion_article(), "s1-1")
    long_prompt = Prompt("x", "问" * 3000, "ask " * 800)
    starter = dataclasses.replace(
        starter, title="题" * 300, short="题" * 300, prompts=(long_prompt,) * 5
    )
    embed = starter_embed(starter, due_at=DUE, session=3)
    assert problems_of(embed=embed, view=starter_view(2)) == []
    for number, content in enumerate(thread_posts(starter)):
        assert problems_of(content=content) == [] and thread_post_number(content) == number
    assert len(thread_name(starter)) == 100


def test_a_whole_article_plan_reads_every_paragraph_once(article: Article) -> None:
    """On the real article, the plan's sessions cover each body paragraph exactly once."""
    read = [p.id for u in plan_units(article) for p in session_paragraphs(article, u)]
    body = [p.id for p in article.paragraphs if p.ordinal > 0]
    assert sorted(read) == sorted(body) and len(read) == len(set(read))
