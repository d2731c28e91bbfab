"""The real article: every section renders within Discord's limits, a plan reads every paragraph
once, and overlong text is clipped rather than rejected.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.cogs.discussion_render import prompts_embed, starter_embed, thread_name
from bot.config import DEFAULT_CONTENT_DIR
from bot.content.library import load_library
from bot.content.model import Article
from bot.discussion.sections import plan_units
from bot.discussion.starter import Prompt, build_starter, find_marker, session_paragraphs
from tests.discussion.sample_article import sample_article
from tests.fakediscord import limits


@pytest.fixture(scope="module")
def article() -> Article:
    library = load_library(Path(DEFAULT_CONTENT_DIR))
    assert library.ok, library.problems
    return library.articles[0]


def problems_of(embed) -> list:
    found: list = []
    limits.check_message({"embeds": [embed.to_dict()]}, found)
    return found


def test_every_section_renders_within_limits(article: Article) -> None:
    """Starter and prompts messages of each real section pass Discord's checks; names ≤ 100."""
    for section in article.sections:
        starter = build_starter(article, section.id)
        embed = starter_embed(starter, schedule_id=123456, occurrence_id=654321)
        assert problems_of(embed) == [], section.id
        assert problems_of(prompts_embed(starter)) == [], section.id
        assert 1 <= len(thread_name(starter)) <= 100
        assert find_marker(embed.footer.text or "") == 654321


def test_overlong_texts_are_clipped_not_rejected() -> None:
    """A 300-character title and 3,000-character prompts still make a valid starter and thread."""
    starter = build_starter(sample_article(), "s1-1")
    long_prompt = Prompt("x", "问" * 3000, "ask " * 800)
    starter = dataclasses.replace(
        starter, title="题" * 300, short="题" * 300, prompts=(long_prompt,) * 5
    )
    embed = starter_embed(starter, schedule_id=1, occurrence_id=2)
    assert problems_of(embed) == [] and problems_of(prompts_embed(starter)) == []
    assert len(thread_name(starter)) == 100
    assert find_marker(embed.footer.text or "") == 2


def test_a_whole_article_plan_reads_every_paragraph_once(article: Article) -> None:
    """On the real article, the plan's sessions cover each body paragraph exactly once."""
    read = [p.id for u in plan_units(article) for p in session_paragraphs(article, u)]
    body = [p.id for p in article.paragraphs if p.ordinal > 0]
    assert sorted(read) == sorted(body) and len(read) == len(set(read))
