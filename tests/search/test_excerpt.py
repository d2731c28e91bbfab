"""Excerpts, markers and one-line snippets."""

from __future__ import annotations

from bot.search import SearchEngine, mark, render_snippet
from bot.search.excerpt_window import MAX_EXCERPT, make_excerpt, snippet


def test_excerpt_is_the_matching_sentences(engine: SearchEngine):
    """The excerpt holds the match and stays a few sentences long."""
    (hit, *_) = engine.search("相扑")
    assert "相扑" in hit.excerpt
    assert len(hit.excerpt) <= MAX_EXCERPT


def test_long_sentence_is_cut_around_the_match(engine: SearchEngine):
    """A sentence longer than the limit is cut with ellipses, keeping the match."""
    (hit, *_) = engine.search("大型化和远程化")
    assert len(hit.excerpt) <= MAX_EXCERPT
    assert hit.excerpt.startswith("…")
    start, end = hit.highlights[0]
    assert hit.excerpt[start:end] == "大型化和远程化"


def test_excerpt_prefers_the_sentence_with_most_matches():
    """With matches in several sentences, the window holding more of them wins."""
    text = "甲句有高尔夫。" + "乙句无关。" * 40 + "丙句有高尔夫和特朗普。"
    a = text.index("高尔夫", 10)
    b = text.index("特朗普")
    excerpt, _, spans = make_excerpt(text, [(2, 5), (a, a + 3), (b, b + 3)])
    assert "丙句有高尔夫和特朗普。" in excerpt
    assert {excerpt[s:e] for s, e in spans} == {"高尔夫", "特朗普"}


def test_mark_wraps_spans():
    """Markers go around each highlighted span."""
    assert mark("安倍练习高尔夫球", [(4, 7)], "**", "**") == "安倍练习**高尔夫**球"


def test_snippet_fits_and_shows_the_match():
    """A one-line snippet never exceeds its width and shows the first highlight."""
    text = "前" * 200 + "高尔夫" + "后" * 200
    line = snippet(text, [(200, 203)], 100)
    assert len(line) <= 100 and "高尔夫" in line and "\n" not in line


def test_render_snippet_for_autocomplete(engine: SearchEngine):
    """Autocomplete choice names: section path and match, at most 100 characters."""
    for query in ("大型化和远程化", "相扑", "Abe Trump golf"):
        for hit in engine.suggest(query):
            line = render_snippet(hit, 100)
            assert 1 <= len(line) <= 100
            assert line.startswith(hit.section_path)
    tiny = render_snippet(engine.search("相扑")[0], 10)
    assert 1 <= len(tiny) <= 10


def test_snippet_opens_at_the_match_without_cutting_a_number() -> None:
    """On a phone only a choice's start shows: it begins at the match, with the whole number."""
    text = "进入21世纪第二个十年，日本国内生产总值被中国反超。2012年底，安倍晋三再次就任日本首相后，明确提出其国家战略目标是修改日本宪法"
    at = text.index("12年底")
    assert snippet(text, [(at, at + 4)], 30).startswith("…2012年底，安倍")


def test_snippet_never_ends_inside_a_latin_word() -> None:
    text = "日本与美国共同推进Trans-Pacific Partnership谈判，并在此后继续"
    assert snippet(text, [(0, 2)], 16) == "日本与美国共同推进…"
