"""Matching behaviours on a small hand-made article: each way a reader may type a lookup."""

from __future__ import annotations

import pytest

from bot.search import CONFIDENT, SearchEngine, normalize
from bot.search.scoring import allowed_edits
from tests.factories import SEARCH_SLUG


def ids(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [hit.paragraph_id for hit in hits]


def first(engine: SearchEngine, query: str) -> str | None:
    hits = engine.search(query)
    return hits[0].paragraph_id if hits else None


def test_exact_phrase_scores_100_and_is_highlighted(engine: SearchEngine):
    """A verbatim phrase is found with score 100 and highlighted in the excerpt."""
    (hit, *_) = engine.search("日美同盟的经济化发展趋向")
    assert (hit.paragraph_id, hit.score) == ("p05", 100.0)
    start, end = hit.highlights[0]
    assert hit.excerpt[start:end] == "日美同盟的经济化发展趋向"


@pytest.mark.parametrize(
    ("query", "what"),
    [
        ("日美同盟的经齐化发展趋向", "wrong character"),
        ("日美同盟经济化发展趋向", "missing character"),
        ("日美同盟的的经济化发展趋向", "extra character"),
        ("日美同盟的经化济发展趋向", "swapped characters"),
        ("日美同盟的经齐化发展趋像", "two wrong characters"),
        ("占根领性", "swap in a four-character phrase"),
    ],
)
def test_typos_are_tolerated(engine: SearchEngine, query: str, what: str):
    """One or two wrong, missing, extra or swapped characters still find the phrase."""
    expected = "p02" if query == "占根领性" else "p05"
    assert first(engine, query) == expected, what


def test_typo_highlight_covers_the_real_words(engine: SearchEngine):
    """The highlight of a typo'd phrase is the article's phrase, whole."""
    (hit, *_) = engine.search("日美同盟经济化发展趋向")
    start, end = hit.highlights[0]
    assert hit.excerpt[start:end] == "日美同盟的经济化发展趋向"


def test_typo_tolerance_scales_with_length():
    """No typo for 1-3 characters, one up to 7, two up to 15, then one per 8."""
    assert [allowed_edits(n) for n in (1, 3, 4, 7, 8, 15, 16, 40)] == [0, 0, 1, 1, 2, 2, 2, 5]


def test_numbers_are_not_typos(engine: SearchEngine):
    """`2012年底` does not find `2018年底`: a different number is a different fact."""
    assert ids(engine.search("2012年底")) == ["p01"]


@pytest.mark.parametrize("query", ["高尔夫 特朗普", "特朗普高尔夫", "相扑 高尔夫", "高尔夫，相扑"])
def test_keywords_anywhere_in_one_paragraph(engine: SearchEngine, query: str):
    """Words apart in the paragraph, typed with or without spaces, find it."""
    assert first(engine, query) == "p03"


@pytest.mark.parametrize(("query", "expected"), [("寿", "p08"), ("相扑", "p03"), ("寿司", "p08")])
def test_one_and_two_character_queries(engine: SearchEngine, query: str, expected: str):
    """Short queries are exact lookups (no trigram-only blind spot)."""
    assert ids(engine.search(query)) == [expected]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("66次", "p01"), ("６６次", "p01"), ("3.7万人", "p04"), ("１４７架", "p04")],
)
def test_half_and_full_width_digits(engine: SearchEngine, query: str, expected: str):
    """Digits match whatever their width."""
    assert first(engine, query) == expected


def test_traditional_characters(engine: SearchEngine):
    """A traditional-script query finds the simplified text."""
    assert first(engine, "高爾夫外交") == "p03"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Abe Trump golf", "p03"), ("TPP", "p05"), ("F-35", "p04"), ("Quad summit", "p06")],
)
def test_english_through_the_glossary(engine: SearchEngine, query: str, expected: str):
    """English names find the Chinese passage."""
    assert first(engine, query) == expected


def test_english_highlight_marks_the_chinese_words(engine: SearchEngine):
    """`Abe Trump golf` highlights 高尔夫…, the words that matched."""
    (hit, *_) = engine.search("Abe Trump golf")
    marked = {hit.excerpt[a:b] for a, b in hit.highlights}
    assert "高尔夫外交" in marked


@pytest.mark.parametrize(
    "query", ["pizza recipe", "量子计算机", "asdfgh", "碳", "欧盟碳关税", "今天天气怎么样"]
)
def test_off_topic_queries_find_nothing(engine: SearchEngine, query: str):
    """Nonsense and off-topic lookups return no hit at all."""
    assert engine.search(query) == []


def test_every_hit_is_confident(engine: SearchEngine):
    """Nothing below the confidence threshold is ever returned."""
    for query in ("日美同盟", "安倍", "战略捆绑", "美国总统"):
        assert all(hit.score >= CONFIDENT for hit in engine.search(query, limit=10))


def test_abstract_does_not_outrank_the_body(engine: SearchEngine):
    """The abstract's verbatim restatement ranks below the body paragraph that says it."""
    found = ids(engine.search("疏离邻国"))
    assert found.index("p06") < found.index("abs")


def test_abstract_only_wording_is_still_found(engine: SearchEngine):
    """What only the abstract says is found there."""
    assert first(engine, "以首脑关系引领同盟发展") == "abs"


def test_article_filter(engine: SearchEngine):
    """`article=` restricts the search to one article; an unknown slug finds nothing."""
    assert first(engine, "相扑") == "p03"
    assert engine.search("相扑", article=SEARCH_SLUG)
    assert engine.search("相扑", article="no-such-article") == []


def test_limit_and_ranks(engine: SearchEngine):
    """At most `limit` hits, ranked 1..n, best first."""
    hits = engine.search("日本", limit=3)
    assert [hit.rank for hit in hits] == [1, 2, 3]
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_empty_and_blank_queries(engine: SearchEngine):
    """Blank input is not an error; it finds nothing."""
    assert engine.search("") == [] and engine.search("   ，。") == []
    assert engine.suggest("") == []


def test_suggest_ranks_like_search(engine: SearchEngine):
    """Autocomplete gives the same best passage as the full search."""
    for query in ("高尔夫", "Abe Trump golf", "日美同盟的经齐化", "相扑"):
        assert ids(engine.suggest(query))[:1] == ids(engine.search(query))[:1]


def test_hit_fields(engine: SearchEngine):
    """A hit carries where it is, the excerpt, its highlights and the whole paragraph."""
    (hit, *_) = engine.search("相扑")
    assert hit.article_slug == SEARCH_SLUG
    assert (hit.section_id, hit.section_path) == ("s1-1", "一/（一）")
    assert hit.heading.startswith("（一）")
    assert hit.paragraph_ordinal == 3
    assert hit.excerpt in hit.text
    assert hit.text[hit.excerpt_start : hit.excerpt_start + len(hit.excerpt)] == hit.excerpt
    assert hit.to_dict()["section_path"] == "一/（一）"


def test_highlights_fold_to_the_query(engine: SearchEngine):
    """Highlighted spans are the matched words in the reader's own script-insensitive form."""
    (hit, *_) = engine.search("高爾夫外交")
    start, end = hit.highlights[0]
    assert normalize(hit.excerpt[start:end]) == normalize("高爾夫外交")


def test_suggest_completes_an_unfinished_english_name(engine: SearchEngine):
    """While typing, `F-3` may become F-35; a finished search for `F-3` is not F-35."""
    assert ids(engine.suggest("F-3"))[:1] == ["p04"]
    assert ids(engine.suggest("Quad su"))[:1] == ["p06"]
    assert engine.search("F-3") == []
