"""Lookup by meaning on the real article: questions, paraphrases, English, regional wording."""

from __future__ import annotations

import pytest

from bot.content.articles_folder import load_library
from bot.search import SearchEngine
from bot.search.meaning import en_tokens, query_tokens, zh_tokens
from bot.search.regional import to_mainland
from tests.search.labelled_helpers import CONTENT_DIR


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    library = load_library(CONTENT_DIR)
    return SearchEngine.build(library.articles)


def top3(engine: SearchEngine, query: str) -> list[str]:
    return [hit.paragraph_id for hit in engine.search(query, limit=3)]


@pytest.mark.parametrize(
    ("query", "answers"),
    [
        ("为什么安倍要学打高尔夫", {"p21"}),  # 安倍…学习高尔夫球 (p21)
        ("why did Japan want to revise its constitution", {"p01", "p03"}),
        ("what does bilateral plus mean", {"p01"}),  # “双边+”模式 is only in p01
        ("mutual security treaty 1960", {"p04"}),  # 20世纪60年代…修订《日美安保条约》
        ("what does the author conclude about Japan's strategy", {"p49", "p50", "p51", "p52"}),
        ("美国不再是唯一的老大，日本也不再只是跟班", {"p51", "p52"}),  # 对话者, not 听话者
        ("北韓 導彈", {"p44"}),  # Taiwan/HK 北韓 is the article's 朝鲜
        ("北韩 火与怒", {"p44"}),  # one extra word no longer breaks 火与怒
    ],
)
def test_issue_examples_find_their_paragraph_in_the_top_three(
    engine: SearchEngine, query: str, answers: set[str]
) -> None:
    """The lookups members reported as failing now find the passage they meant."""
    assert answers & set(top3(engine, query)), top3(engine, query)


@pytest.mark.parametrize("query", ["alliance", "US-Japan alliance", "日美同盟"])
def test_common_words_find_many_passages_not_one(engine: SearchEngine, query: str) -> None:
    """A word the whole article is about lists several passages (no alias pins it to p47)."""
    assert len({hit.paragraph_id for hit in engine.search(query)}) >= 3


def test_extra_words_lower_a_score_without_zeroing_it(engine: SearchEngine) -> None:
    """An unmatched extra word costs a little: the same passage, a lower score."""
    (alone, *_) = engine.search("火与怒")
    (padded, *_) = engine.search("北极熊 火与怒")
    assert padded.paragraph_id == alone.paragraph_id == "p44"
    assert 0 < padded.score <= alone.score


def test_closest_passages_are_marked_low_confidence(engine: SearchEngine) -> None:
    """A question the article only touches gets closest passages, each marked low."""
    hits = engine.search("欧盟碳关税")
    assert hits and {hit.confidence for hit in hits} == {"low"}


def test_a_sure_answer_is_never_mixed_with_guesses(engine: SearchEngine) -> None:
    hits = engine.search("世界从未见识过的火与怒", limit=5)
    assert hits[0].paragraph_id == "p44" and {h.confidence for h in hits} == {"high"}


@pytest.mark.parametrize("query", ["pizza recipe", "asdfgh", "量子计算机", "巴黎奥运会金牌榜"])
def test_nothing_in_common_means_no_answer(engine: SearchEngine, query: str) -> None:
    assert engine.search(query) == []


def test_question_words_are_not_tokens() -> None:
    assert query_tokens("为什么安倍要学打高尔夫？") == query_tokens("安倍要学打高尔夫")
    assert en_tokens("Why did the Japanese revise the constitution?") == [
        "#japanes",
        "#revis",
        "#constitut",
    ]


def test_english_spellings_meet() -> None:
    assert en_tokens("defense") == en_tokens("defence")


def test_chinese_tokens_are_bigrams_and_characters() -> None:
    assert zh_tokens("高尔夫") == ["高尔", "尔夫", "高", "尔", "夫"]


def test_regional_wording_is_converted_on_the_query_side() -> None:
    assert to_mainland("網路 軟體") == "网络 软件"
