"""Query parsing: glossary expansion of English and Chinese names, unknown words, question words."""

from __future__ import annotations

from bot.search import SearchEngine


def test_multi_word_english_name_matches_longest_first(engine: SearchEngine):
    """`Indo Pacific strategy` is the strategy, not the region plus an unknown word."""
    parsed = engine.parse("Indo Pacific strategy")
    assert len(parsed.terms) == 1
    assert "印太战略" in parsed.terms[0].alternatives
    assert parsed.unknown == ()


def test_hyphen_and_case_do_not_matter_for_names(engine: SearchEngine):
    """`indo-pacific STRATEGY` finds the same glossary entry."""
    assert engine.parse("indo-pacific STRATEGY").glossary_ids == ("indo-pacific-strategy",)


def test_english_name_expands_to_chinese(engine: SearchEngine):
    """`Abe` means 安倍 in the text."""
    (term,) = engine.parse("Abe").terms
    assert "安倍" in term.alternatives


def test_unknown_english_words_are_ignored_when_others_match(engine: SearchEngine):
    """`pizza` is dropped; `Abe` still searches."""
    parsed = engine.parse("Abe pizza")
    assert parsed.unknown == ("pizza",)
    assert len(parsed.terms) == 1
    assert engine.search("Abe pizza")


def test_only_unknown_english_words_find_nothing(engine: SearchEngine):
    """A query of unknown English words is empty and returns no hit."""
    assert engine.parse("pizza recipe").empty
    assert engine.search("pizza recipe") == []


def test_english_stopwords_are_not_reported_as_unknown(engine: SearchEngine):
    """`the` is neither a term nor an unknown word."""
    parsed = engine.parse("the Quad")
    assert parsed.unknown == ()
    assert parsed.glossary_ids == ("quad",)


def test_article_english_words_are_known_without_glossary(engine: SearchEngine):
    """`Agreement` is in the article's own English, so it is a term, not unknown."""
    parsed = engine.parse("Agreement")
    assert parsed.unknown == ()
    assert parsed.terms[0].alternatives == ("agreement",)


def test_chinese_run_is_segmented_by_glossary_names(engine: SearchEngine):
    """`安倍晋三特朗普` is two names, each satisfied by any of its forms."""
    labels = [term.label for term in engine.parse("安倍晋三特朗普").terms]
    assert labels == ["安倍晋三", "特朗普"]


def test_question_words_do_not_count_as_keywords(engine: SearchEngine):
    """`多少` asks; it is not something the passage must contain."""
    pieces = [term.piece for term in engine.parse("日本购买了多少架").terms]
    assert "多少" not in "".join(pieces)


def test_numbers_are_whole_terms(engine: SearchEngine):
    """`2012年底` needs the number 2012 itself, not pieces of it."""
    terms = engine.parse("2012年底").terms
    assert any(term.alternatives == ("2012",) for term in terms)


def test_phrase_is_the_folded_query(engine: SearchEngine):
    """The phrase ignores spaces, script and width."""
    assert engine.parse("高爾夫 外交").phrase == "高尔夫外交"
    assert engine.parse("Abe pizza").phrase == ""
