"""Closest section titles, offered when nothing matched."""

from __future__ import annotations

from bot.search import SearchEngine


def test_no_clue_gives_top_level_sections(engine: SearchEngine):
    """Unknown words: the top-level sections (not the abstract), to start browsing."""
    sections = engine.closest_sections("pizza recipe")
    assert [s.id for s in sections] == ["intro", "s1", "s2"]


def test_heading_like_query_finds_its_section(engine: SearchEngine):
    """A query resembling a heading offers that section."""
    sections = engine.closest_sections("政策手段")
    assert sections[0].id == "s2"


def test_partial_paragraph_match_points_to_its_section(engine: SearchEngine):
    """A partial match is offered as a closest passage (low confidence) in the right section."""
    hits = engine.search("高尔夫俱乐部会员")
    assert [(h.section_id, h.confidence) for h in hits] == [("s1-1", "low")]
    assert "s1-1" in [s.id for s in engine.closest_sections("高尔夫俱乐部会员")]


def test_limit(engine: SearchEngine):
    """At most `limit` sections."""
    assert len(engine.closest_sections("日本", limit=2)) <= 2
